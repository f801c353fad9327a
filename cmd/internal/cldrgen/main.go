// Command cldrgen extracts what Intl.DateTimeFormat needs from the Unicode CLDR JSON
// packages (npm cldr-dates-full and cldr-core, the version Node's ICU carries) into
// sandbox/intl_dates.json.gz:
//
//	npm pack cldr-dates-full@48.0.0 cldr-core@48.0.0   # unpack each into its own dir
//	go run ./cmd/internal/cldrgen DATES_DIR CORE_DIR sandbox/intl_dates.json.gz
//
// Locales whose extracted data is identical share one entry.
package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Locale is the data of one locale, as sandbox/intldate.go reads it.
type Locale struct {
	Months      map[string]map[string]map[string]string `json:"months"` // context → width → "1".."12"
	Days        map[string]map[string]map[string]string `json:"days"`
	DayPeriods  map[string]map[string]string            `json:"dayPeriods"` // width → am/pm
	DateFormats map[string]string                       `json:"dateFormats"`
	TimeFormats map[string]string                       `json:"timeFormats"`
	DateTime    map[string]string                       `json:"dateTimeFormats"`
	DateTimeAt  map[string]string                       `json:"dateTimeFormatsAtTime"`
	Available   map[string]string                       `json:"availableFormats"`
	GMTFormat   string                                  `json:"gmtFormat"`
	GMTZero     string                                  `json:"gmtZeroFormat"`
	HourFormat  string                                  `json:"hourFormat"`
	// MZShort and MZLong name metazones: metazone → [standard, daylight].
	MZShort  map[string][2]string `json:"mzShort,omitempty"`
	MZLong   map[string][2]string `json:"mzLong,omitempty"`
	UTCShort string               `json:"utcShort,omitempty"` // zone Etc/UTC
	UTCLong  string               `json:"utcLong,omitempty"`
}

type out struct {
	CLDR     string            `json:"cldr"`
	Locales  map[string]int    `json:"locales"`
	Data     []json.RawMessage `json:"data"`
	TimeData map[string]string `json:"timeData"` // region → preferred hour char
	// MetaZones maps IANA zones to their current CLDR metazone.
	MetaZones map[string]string `json:"metaZones"`
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: cldrgen DATES_DIR CORE_DIR OUT")
		os.Exit(2)
	}
	dates, core, dst := os.Args[1], os.Args[2], os.Args[3]
	res := out{Locales: map[string]int{}, TimeData: map[string]string{}, MetaZones: map[string]string{}}
	var pkg struct{ Version string }
	readJSON(filepath.Join(dates, "package.json"), &pkg)
	res.CLDR = pkg.Version
	entries, err := os.ReadDir(filepath.Join(dates, "main"))
	check(err)
	seen := map[string]int{}
	for _, e := range entries {
		name := e.Name()
		loc := extract(filepath.Join(dates, "main", name), name)
		b, err := json.Marshal(loc)
		check(err)
		i, ok := seen[string(b)]
		if !ok {
			i = len(res.Data)
			res.Data = append(res.Data, b)
			seen[string(b)] = i
		}
		res.Locales[name] = i
	}
	var td struct {
		Supplemental struct {
			TimeData map[string]struct {
				Preferred string `json:"_preferred"`
			} `json:"timeData"`
		} `json:"supplemental"`
	}
	readJSON(filepath.Join(core, "supplemental", "timeData.json"), &td)
	for region, v := range td.Supplemental.TimeData {
		if !strings.Contains(region, "_") {
			res.TimeData[region] = v.Preferred
		}
	}
	var mz struct {
		Supplemental struct {
			MetaZones struct {
				MetazoneInfo struct {
					Timezone map[string]json.RawMessage `json:"timezone"`
				} `json:"metazoneInfo"`
			} `json:"metaZones"`
		} `json:"supplemental"`
	}
	readJSON(filepath.Join(core, "supplemental", "metaZones.json"), &mz)
	collectZones("", mz.Supplemental.MetaZones.MetazoneInfo.Timezone, res.MetaZones)
	f, err := os.Create(dst)
	check(err)
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	check(json.NewEncoder(zw).Encode(res))
	check(zw.Close())
	check(f.Close())
	fmt.Printf("%d locales, %d distinct\n", len(res.Locales), len(res.Data))
}

func extract(dir, name string) Locale {
	var g map[string]json.RawMessage
	dig(filepath.Join(dir, "ca-gregorian.json"), &g, "main", name, "dates", "calendars", "gregorian")
	var loc Locale
	names := func(key string) map[string]map[string]map[string]string {
		var m map[string]map[string]map[string]string
		check(json.Unmarshal(g[key], &m))
		return m
	}
	loc.Months = names("months")
	loc.Days = names("days")
	var periods map[string]map[string]map[string]string
	check(json.Unmarshal(g["dayPeriods"], &periods))
	loc.DayPeriods = map[string]map[string]string{}
	for width, m := range periods["format"] {
		loc.DayPeriods[width] = map[string]string{"am": m["am"], "pm": m["pm"]}
	}
	loc.DateFormats = patterns(g["dateFormats"])
	loc.TimeFormats = patterns(g["timeFormats"])
	var dt map[string]json.RawMessage
	check(json.Unmarshal(g["dateTimeFormats"], &dt))
	loc.DateTime = map[string]string{}
	for _, k := range []string{"full", "long", "medium", "short"} {
		var s string
		check(json.Unmarshal(dt[k], &s))
		loc.DateTime[k] = s
	}
	check(json.Unmarshal(dt["availableFormats"], &loc.Available))
	for k := range loc.Available {
		// Intl never asks for flexible day periods, week numbers, quarters or ASCII variants.
		if strings.Contains(k, "-") || strings.ContainsAny(k, "BwWQ") {
			delete(loc.Available, k)
		}
	}
	if raw, ok := g["dateTimeFormats-atTime"]; ok {
		var at map[string]map[string]string
		check(json.Unmarshal(raw, &at))
		loc.DateTimeAt = at["standard"]
	}
	var z map[string]json.RawMessage
	dig(filepath.Join(dir, "timeZoneNames.json"), &z, "main", name, "dates", "timeZoneNames")
	_ = json.Unmarshal(z["gmtFormat"], &loc.GMTFormat)
	_ = json.Unmarshal(z["gmtZeroFormat"], &loc.GMTZero)
	_ = json.Unmarshal(z["hourFormat"], &loc.HourFormat)
	var metazones map[string]struct {
		Long, Short struct{ Standard, Daylight string }
	}
	_ = json.Unmarshal(z["metazone"], &metazones)
	for name, m := range metazones {
		if m.Short.Standard != "" {
			if loc.MZShort == nil {
				loc.MZShort = map[string][2]string{}
			}
			loc.MZShort[name] = [2]string{m.Short.Standard, m.Short.Daylight}
		}
		if m.Long.Standard != "" {
			if loc.MZLong == nil {
				loc.MZLong = map[string][2]string{}
			}
			loc.MZLong[name] = [2]string{m.Long.Standard, m.Long.Daylight}
		}
	}
	var zones struct {
		Etc struct {
			UTC struct {
				Short, Long struct{ Standard string }
			}
		}
	}
	_ = json.Unmarshal(z["zone"], &zones)
	loc.UTCShort, loc.UTCLong = zones.Etc.UTC.Short.Standard, zones.Etc.UTC.Long.Standard
	return loc
}

// collectZones walks metaZones.json's timezone tree (Area/City… → list of uses) and keeps
// each zone's current metazone (the use without an end date).
func collectZones(prefix string, tree map[string]json.RawMessage, out map[string]string) {
	for k, raw := range tree {
		name := k
		if prefix != "" {
			name = prefix + "/" + k
		}
		var uses []struct {
			UsesMetazone struct {
				Mzone string `json:"_mzone"`
				To    string `json:"_to"`
			} `json:"usesMetazone"`
		}
		if json.Unmarshal(raw, &uses) == nil {
			for _, u := range uses {
				if u.UsesMetazone.To == "" && u.UsesMetazone.Mzone != "" {
					out[name] = u.UsesMetazone.Mzone
				}
			}
			continue
		}
		var sub map[string]json.RawMessage
		if json.Unmarshal(raw, &sub) == nil {
			collectZones(name, sub, out)
		}
	}
}

// patterns decodes a map of patterns, where a pattern may be {"_value": ...} (with a
// numbering system override that Intl ignores).
func patterns(raw json.RawMessage) map[string]string {
	var m map[string]json.RawMessage
	check(json.Unmarshal(raw, &m))
	out := map[string]string{}
	for k, v := range m {
		var s string
		if json.Unmarshal(v, &s) != nil {
			var o struct {
				Value string `json:"_value"`
			}
			check(json.Unmarshal(v, &o))
			s = o.Value
		}
		out[k] = s
	}
	return out
}

// dig decodes the object at path inside the JSON file into v.
func dig(file string, v any, path ...string) {
	var raw json.RawMessage
	readJSON(file, &raw)
	for _, k := range path {
		var m map[string]json.RawMessage
		check(json.Unmarshal(raw, &m))
		raw = m[k]
	}
	check(json.Unmarshal(raw, v))
}

func readJSON(path string, v any) {
	b, err := os.ReadFile(path)
	check(err)
	check(json.Unmarshal(b, v))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "cldrgen:", err)
		os.Exit(1)
	}
}
