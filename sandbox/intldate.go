package sandbox

import (
	"bytes"
	"compress/gzip"
	_ "embed" // the CLDR date data
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // timeZone works on hosts without a zoneinfo database

	"github.com/bojanz/currency"
	"golang.org/x/text/language"
)

// Intl.DateTimeFormat. Neither x/text nor another Go library exposes CLDR's calendar data
// (x/text keeps it internal), so intl_dates.json.gz carries the parts of CLDR 48's JSON
// that Intl needs (month and day names, day periods, date/time patterns and skeletons,
// GMT formats, metazones and their names), extracted by cmd/internal/cldrgen from the Unicode consortium's
// npm packages; CLDR 48 is the version of Node 20's ICU. This file picks a pattern for
// the requested fields as ICU's pattern generator does (closest skeleton, field widths
// adjusted, date and time joined by the locale's glue pattern) and renders it.

//go:embed intl_dates.json.gz
var cldrDatesGz []byte

type cldrLocale struct {
	Months      map[string]map[string]map[string]string `json:"months"`
	Days        map[string]map[string]map[string]string `json:"days"`
	DayPeriods  map[string]map[string]string            `json:"dayPeriods"`
	DateFormats map[string]string                       `json:"dateFormats"`
	TimeFormats map[string]string                       `json:"timeFormats"`
	DateTime    map[string]string                       `json:"dateTimeFormats"`
	DateTimeAt  map[string]string                       `json:"dateTimeFormatsAtTime"`
	Available   map[string]string                       `json:"availableFormats"`
	GMTFormat   string                                  `json:"gmtFormat"`
	GMTZero     string                                  `json:"gmtZeroFormat"`
	HourFormat  string                                  `json:"hourFormat"`
	MZShort     map[string][2]string                    `json:"mzShort"`
	MZLong      map[string][2]string                    `json:"mzLong"`
	UTCShort    string                                  `json:"utcShort"`
	UTCLong     string                                  `json:"utcLong"`

	skeletons []skeleton // availableFormats, parsed
}

var cldrDates struct {
	once     sync.Once
	err      error
	CLDR     string            `json:"cldr"`
	Locales  map[string]int    `json:"locales"`
	Data     []json.RawMessage `json:"data"`
	TimeData map[string]string `json:"timeData"`
	// MetaZones maps IANA zones to their CLDR metazone (America/New_York → America_Eastern).
	MetaZones map[string]string `json:"metaZones"`

	mu     sync.Mutex
	parsed map[int]*cldrLocale
}

func loadCLDRDates() error {
	cldrDates.once.Do(func() {
		zr, err := gzip.NewReader(bytes.NewReader(cldrDatesGz))
		if err != nil {
			cldrDates.err = err
			return
		}
		cldrDates.err = json.NewDecoder(zr).Decode(&cldrDates)
		cldrDates.parsed = map[int]*cldrLocale{}
	})
	return cldrDates.err
}

// dateLocale returns the CLDR data for tag, falling back to its parents ("de-DE" → "de"),
// and the name of the locale whose data it is.
func dateLocale(tag string) (*cldrLocale, error) {
	if err := loadCLDRDates(); err != nil {
		return nil, err
	}
	name := tag
	idx, ok := cldrDates.Locales[name]
	for !ok {
		i := strings.LastIndexByte(name, '-')
		if i < 0 {
			name = "en"
			idx = cldrDates.Locales[name]
			break
		}
		name = name[:i]
		idx, ok = cldrDates.Locales[name]
	}
	cldrDates.mu.Lock()
	defer cldrDates.mu.Unlock()
	if l, ok := cldrDates.parsed[idx]; ok {
		return l, nil
	}
	l := &cldrLocale{}
	if err := json.Unmarshal(cldrDates.Data[idx], l); err != nil {
		return nil, err
	}
	for k, p := range l.Available {
		l.skeletons = append(l.skeletons, skeleton{key: k, fields: skeletonFields(k), pattern: p})
	}
	sort.Slice(l.skeletons, func(i, j int) bool { return l.skeletons[i].key < l.skeletons[j].key })
	// ICU's pattern generator also offers the locale's date and time formats, under the
	// skeleton of their fields (after the availableFormats, which win a tie).
	for _, set := range []map[string]string{l.DateFormats, l.TimeFormats} {
		for _, style := range []string{"full", "long", "medium", "short"} {
			p := set[style]
			var key strings.Builder
			for _, t := range tokenize(p) {
				if t.field && t.text[0] != 'a' && t.text[0] != 'G' {
					key.WriteString(t.text)
				}
			}
			l.skeletons = append(l.skeletons, skeleton{key: key.String(), fields: skeletonFields(key.String()), pattern: p})
		}
	}
	cldrDates.parsed[idx] = l
	return l, nil
}

// preferredHour is the hour symbol ('h' or 'H') of tag's region in CLDR's timeData.
func preferredHour(tag string) byte {
	_ = loadCLDRDates()
	t := language.Make(tag)
	region, _ := t.Region()
	if p := cldrDates.TimeData[region.String()]; p != "" {
		return p[0]
	}
	if p := cldrDates.TimeData["001"]; p != "" {
		return p[0]
	}
	return 'H'
}

// dateOptions are the resolved options of one DateTimeFormat.
type dateOptions struct {
	Locale       string `json:"locale"`
	TimeZone     string `json:"timeZone"`
	HourCycle    string `json:"hourCycle"` // h11, h12, h23, h24 or ""
	Weekday      string `json:"weekday"`
	Year         string `json:"year"`
	Month        string `json:"month"`
	Day          string `json:"day"`
	Hour         string `json:"hour"`
	Minute       string `json:"minute"`
	Second       string `json:"second"`
	FracDigits   int    `json:"fractionalSecondDigits"`
	TimeZoneName string `json:"timeZoneName"`
	DateStyle    string `json:"dateStyle"`
	TimeStyle    string `json:"timeStyle"`
}

// field is one letter run of a skeleton.
type field struct {
	char byte
	n    int
}

type skeleton struct {
	key     string
	fields  map[byte]int // canonical char → width
	pattern string
}

// canonical maps pattern letters to the letter a skeleton uses for the same field.
func canonical(c byte) byte {
	switch c {
	case 'L':
		return 'M'
	case 'c', 'e':
		return 'E'
	case 'K', 'k':
		return 'h' // only for matching; the hour letter itself is kept
	}
	return c
}

func skeletonFields(s string) map[byte]int {
	out := map[byte]int{}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 'K' || c == 'k' {
			out[c]++
			continue
		}
		out[canonical(c)]++
	}
	return out
}

// dateFormatter is a compiled DateTimeFormat: a pattern and its locale data.
type dateFormatter struct {
	loc     *cldrLocale
	zone    *time.Location
	utc     bool
	pattern string
	decimal string // the locale's decimal separator, before fractional seconds
	// metazone is the CLDR metazone of the zone, for its localized name ("" = none).
	metazone string
}

var dateFormatterCache sync.Map // JSON of dateOptions → *dateFormatter

func newDateFormatter(o dateOptions) (*dateFormatter, error) {
	key, _ := json.Marshal(o)
	if f, ok := dateFormatterCache.Load(string(key)); ok {
		return f.(*dateFormatter), nil
	}
	loc, err := dateLocale(o.Locale)
	if err != nil {
		return nil, err
	}
	zone, err := time.LoadLocation(o.TimeZone)
	if err != nil {
		return nil, err
	}
	f := &dateFormatter{loc: loc, zone: zone, utc: o.TimeZone == "UTC", metazone: cldrDates.MetaZones[o.TimeZone]}
	f.pattern = f.choosePattern(o)
	f.decimal, _ = separators(currency.NewLocale(o.Locale))
	dateFormatterCache.Store(string(key), f)
	return f, nil
}

// hourChar is the pattern letter of the hour for the options.
func hourChar(o dateOptions) byte {
	switch o.HourCycle {
	case "h11":
		return 'K'
	case "h12":
		return 'h'
	case "h23":
		return 'H'
	case "h24":
		return 'k'
	}
	return preferredHour(o.Locale)
}

func (f *dateFormatter) choosePattern(o dateOptions) string {
	if o.DateStyle != "" || o.TimeStyle != "" {
		date, tm := f.loc.DateFormats[o.DateStyle], f.loc.TimeFormats[o.TimeStyle]
		if o.TimeStyle != "" && o.HourCycle != "" {
			tm = withHour(tm, hourChar(o), f.loc)
		}
		switch {
		case date == "":
			return tm
		case tm == "":
			return date
		}
		glue := f.loc.DateTimeAt[o.DateStyle]
		if glue == "" {
			glue = f.loc.DateTime[o.DateStyle]
		}
		return strings.NewReplacer("{1}", date, "{0}", tm).Replace(glue)
	}
	var date, tm []field
	add := func(list *[]field, c byte, v string) {
		switch v {
		case "":
		case "numeric":
			*list = append(*list, field{c, 1})
		case "2-digit":
			*list = append(*list, field{c, 2})
		case "short":
			*list = append(*list, field{c, 3})
		case "long":
			*list = append(*list, field{c, 4})
		case "narrow":
			*list = append(*list, field{c, 5})
		}
	}
	add(&date, 'E', o.Weekday)
	if o.Weekday == "short" {
		date[len(date)-1].n = 1
	}
	add(&date, 'y', o.Year)
	add(&date, 'M', o.Month)
	add(&date, 'd', o.Day)
	hc := hourChar(o)
	add(&tm, hc, o.Hour)
	add(&tm, 'm', o.Minute)
	add(&tm, 's', o.Second)
	switch o.TimeZoneName {
	case "short":
		tm = append(tm, field{'z', 1})
	case "long":
		tm = append(tm, field{'z', 4})
	case "shortOffset":
		tm = append(tm, field{'O', 1})
	case "longOffset":
		tm = append(tm, field{'O', 4})
	}
	if o.FracDigits > 0 && o.Second == "" && len(tm) == 0 && len(date) == 0 {
		return strings.Repeat("S", o.FracDigits)
	}
	var pattern string
	if p, ok := f.match(append(append([]field(nil), date...), tm...)); ok {
		pattern = p
	} else {
		dp, _ := f.match(date)
		tp, _ := f.match(tm)
		switch {
		case dp == "":
			pattern = tp
		case tp == "":
			pattern = dp
		default:
			glue := f.loc.DateTime["short"]
			switch {
			case o.Month == "long" && o.Weekday != "":
				glue = f.loc.DateTime["full"]
			case o.Month == "long":
				glue = f.loc.DateTime["long"]
			case o.Month == "short":
				glue = f.loc.DateTime["medium"]
			}
			pattern = strings.NewReplacer("{1}", dp, "{0}", tp).Replace(glue)
		}
	}
	if o.FracDigits > 0 {
		pattern = strings.Replace(pattern, "ss", "ss."+strings.Repeat("S", o.FracDigits), 1)
	}
	return pattern
}

// withHour changes the hour letters of a time pattern to c; between 12- and 24-hour
// cycles it takes the locale's own pattern for the same fields instead.
func withHour(p string, c byte, loc *cldrLocale) string {
	has12 := strings.ContainsAny(p, "hK")
	want12 := c == 'h' || c == 'K'
	if has12 == want12 {
		return strings.Map(func(r rune) rune {
			if r == 'h' || r == 'H' || r == 'K' || r == 'k' {
				return rune(c)
			}
			return r
		}, p)
	}
	var fs []field
	for _, t := range tokenize(p) {
		if t.field && strings.IndexByte("hHKkms", t.text[0]) >= 0 {
			ch := t.text[0]
			if ch == 'h' || ch == 'H' || ch == 'K' || ch == 'k' {
				ch = c
			}
			fs = append(fs, field{ch, len(t.text)})
		}
	}
	tmp := &dateFormatter{loc: loc}
	if q, ok := tmp.match(fs); ok {
		return q
	}
	return p
}

// match finds the availableFormats pattern closest to the requested fields and adjusts
// its field widths; ok is false when no skeleton has exactly these fields.
func (f *dateFormatter) match(req []field) (string, bool) {
	if len(req) == 0 {
		return "", false
	}
	want := map[byte]int{}  // as requested
	keyed := map[byte]int{} // as skeleton keys spell it: K and k are looked up as h and H
	for _, r := range req {
		want[r.char] = r.n
		switch r.char {
		case 'K':
			keyed['h'] = r.n
		case 'k':
			keyed['H'] = r.n
		default:
			keyed[r.char] = r.n
		}
	}
	best, bestDist := -1, math.MaxInt
	for i, s := range f.loc.skeletons {
		if len(s.fields) != len(keyed) {
			continue
		}
		dist := 0
		for c, n := range keyed {
			have, ok := s.fields[c]
			if !ok && (c == 'z' || c == 'O') {
				have, ok = s.fields['v'], s.fields['v'] > 0
			}
			if !ok {
				dist = -1
				break
			}
			if (have >= 3) != (n >= 3) {
				dist += 100
			}
			dist += abs(have - n)
		}
		if dist >= 0 && dist < bestDist {
			best, bestDist = i, dist
		}
	}
	if best < 0 {
		return "", false
	}
	return adjust(f.loc.skeletons[best], want), true
}

func isHour(c byte) bool { return c == 'h' || c == 'H' || c == 'K' || c == 'k' }

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// adjust sets the widths of the pattern's fields to the requested ones: text fields take
// the requested width, numeric fields are widened (never narrowed), as ICU does.
func adjust(sk skeleton, want map[byte]int) string {
	var b strings.Builder
	for _, t := range tokenize(sk.pattern) {
		if !t.field {
			b.WriteString(quote(t.text))
			continue
		}
		c := t.text[0]
		n := len(t.text)
		if isHour(c) {
			for _, h := range []byte("hHKk") {
				if _, ok := want[h]; ok {
					c = h
				}
			}
		}
		key := canonical(c)
		if c == 'K' || c == 'k' {
			key = c
		}
		w, ok := want[key]
		if !ok && (c == 'v') {
			if z, okz := want['z']; okz {
				c, w, ok = 'z', z, true
			} else if o, oko := want['O']; oko {
				c, w, ok = 'O', o, true
			}
		}
		skw := sk.fields[canonical(t.text[0])]
		if t.text[0] == 'K' || t.text[0] == 'k' {
			skw = sk.fields[t.text[0]]
		}
		switch {
		case !ok || c == 'a':
		case c == 'z' || c == 'O':
			n = w
		case w == skw: // the skeleton asked for this width: the pattern's own is right
		case skw >= 3 && n < 3: // a text field the locale writes as a number (ja: M月)
		case w >= 3 || n >= 3:
			n = w
		case w > n:
			n = w
		}
		if (c == 'E' || c == 'c') && n < 3 && ok {
			n = 3
		}
		b.WriteString(strings.Repeat(string(c), n))
	}
	return b.String()
}

// quote re-quotes a literal for a pattern.
func quote(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '\'') }) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

type token struct {
	field bool
	text  string
}

// tokenize splits a CLDR pattern into field runs and literals ('…' quoted, ” a quote).
func tokenize(p string) []token {
	var out []token
	lit := strings.Builder{}
	flush := func() {
		if lit.Len() > 0 {
			out = append(out, token{false, lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '\'':
			if i+1 < len(p) && p[i+1] == '\'' {
				lit.WriteByte('\'')
				i += 2
				continue
			}
			j := i + 1
			for j < len(p) {
				if p[j] == '\'' {
					if j+1 < len(p) && p[j+1] == '\'' {
						lit.WriteByte('\'')
						j += 2
						continue
					}
					break
				}
				lit.WriteByte(p[j])
				j++
			}
			i = j + 1
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			flush()
			j := i
			for j < len(p) && p[j] == c {
				j++
			}
			out = append(out, token{true, p[i:j]})
			i = j
		default:
			lit.WriteByte(c)
			i++
		}
	}
	flush()
	return out
}

var weekdayKeys = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// parts renders the instant ms (milliseconds since the epoch) as formatToParts parts.
func (f *dateFormatter) parts(ms float64) []numberPart {
	sec := math.Floor(ms / 1000)
	t := time.Unix(int64(sec), int64((ms-sec*1000)*1e6)).In(f.zone)
	var out []numberPart
	lit := func(s string) {
		if len(out) > 0 && out[len(out)-1].typ == "literal" {
			out[len(out)-1].value += s
			return
		}
		out = append(out, numberPart{"literal", s})
	}
	pad := func(v, n int) string {
		s := strconv.Itoa(v)
		for len(s) < n {
			s = "0" + s
		}
		return s
	}
	width := func(n int) string {
		switch n {
		case 4:
			return "wide"
		case 5:
			return "narrow"
		case 6:
			return "short"
		}
		return "abbreviated"
	}
	for _, tk := range tokenize(f.pattern) {
		if !tk.field {
			lit(tk.text)
			continue
		}
		n := len(tk.text)
		switch c := tk.text[0]; c {
		case 'y':
			y := t.Year()
			if n == 2 {
				out = append(out, numberPart{"year", pad(y%100, 2)})
			} else {
				out = append(out, numberPart{"year", pad(y, n)})
			}
		case 'M', 'L':
			m := int(t.Month())
			if n <= 2 {
				out = append(out, numberPart{"month", pad(m, n)})
				continue
			}
			ctx := "format"
			if c == 'L' {
				ctx = "stand-alone"
			}
			out = append(out, numberPart{"month", f.loc.Months[ctx][width(n)][strconv.Itoa(m)]})
		case 'd':
			out = append(out, numberPart{"day", pad(t.Day(), n)})
		case 'E', 'c', 'e':
			ctx := "format"
			if c == 'c' {
				ctx = "stand-alone"
			}
			out = append(out, numberPart{"weekday", f.loc.Days[ctx][width(max(n, 3))][weekdayKeys[t.Weekday()]]})
		case 'a', 'b':
			key := "am"
			if t.Hour() >= 12 {
				key = "pm"
			}
			out = append(out, numberPart{"dayPeriod", f.loc.DayPeriods[width(max(n, 3))][key]})
		case 'h':
			h := t.Hour() % 12
			if h == 0 {
				h = 12
			}
			out = append(out, numberPart{"hour", pad(h, n)})
		case 'H':
			out = append(out, numberPart{"hour", pad(t.Hour(), n)})
		case 'K':
			out = append(out, numberPart{"hour", pad(t.Hour()%12, n)})
		case 'k':
			h := t.Hour()
			if h == 0 {
				h = 24
			}
			out = append(out, numberPart{"hour", pad(h, n)})
		case 'm':
			out = append(out, numberPart{"minute", pad(t.Minute(), n)})
		case 's':
			out = append(out, numberPart{"second", pad(t.Second(), n)})
		case 'S':
			if len(out) > 0 && out[len(out)-1].typ == "literal" && out[len(out)-1].value == "." {
				out[len(out)-1].value = f.decimal
			}
			frac := pad(t.Nanosecond()/1e6, 3)
			for len(frac) < n {
				frac += "0"
			}
			out = append(out, numberPart{"fractionalSecond", frac[:n]})
		case 'z', 'O', 'v', 'V':
			out = append(out, numberPart{"timeZoneName", f.zoneName(t, c, n)})
		default:
			lit(tk.text)
		}
	}
	return out
}

// zoneName renders the time zone: the UTC zone by its CLDR name, another zone by the
// locale's name for its metazone (EST, MEZ, "Central European Standard Time") when the
// locale has one, else in the locale's GMT format.
func (f *dateFormatter) zoneName(t time.Time, c byte, n int) string {
	long := n >= 4
	if f.utc && c == 'z' {
		if long && f.loc.UTCLong != "" {
			return f.loc.UTCLong
		}
		if !long && f.loc.UTCShort != "" {
			return f.loc.UTCShort
		}
	}
	if c == 'z' && f.metazone != "" {
		names := f.loc.MZShort
		if long {
			names = f.loc.MZLong
		}
		if nm, ok := names[f.metazone]; ok {
			if t.IsDST() && nm[1] != "" {
				return nm[1]
			}
			if !t.IsDST() && nm[0] != "" {
				return nm[0]
			}
		}
	}
	_, off := t.Zone()
	if off == 0 {
		return f.loc.GMTZero
	}
	pos, neg, _ := strings.Cut(f.loc.HourFormat, ";")
	pat := pos
	if off < 0 {
		pat = neg
		off = -off
	}
	h, m := off/3600, off/60%60
	var s string
	if long {
		s = strings.NewReplacer("HH", twoDigits(h), "mm", twoDigits(m)).Replace(pat)
	} else {
		sign := strings.TrimRight(pat[:strings.IndexAny(pat, "H")], " ")
		s = sign + strconv.Itoa(h)
		if m != 0 {
			s += ":" + twoDigits(m)
		}
	}
	return strings.Replace(f.loc.GMTFormat, "{0}", s, 1)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// canonicalTimeZone returns the IANA name for tz (case-insensitive) or false.
func canonicalTimeZone(tz string) (string, bool) {
	switch strings.ToUpper(tz) {
	case "UTC", "ETC/UTC", "GMT", "ETC/GMT", "Z", "ZULU", "UNIVERSAL", "ETC/UNIVERSAL", "ETC/ZULU", "GMT0", "ETC/GMT0":
		return "UTC", true
	}
	if _, err := time.LoadLocation(tz); err == nil && tz != "" && tz != "Local" {
		return tz, true
	}
	// IANA names are matched without regard to case.
	parts := strings.Split(tz, "/")
	for i, p := range parts {
		words := strings.Split(strings.ToLower(p), "_")
		for j, w := range words {
			if w != "" {
				words[j] = strings.ToUpper(w[:1]) + w[1:]
			}
		}
		parts[i] = strings.Join(words, "_")
	}
	name := strings.Join(parts, "/")
	if _, err := time.LoadLocation(name); err == nil && name != "Local" {
		return name, true
	}
	return "", false
}

// hostTimeZone is the name of the zone scripts see by default.
func hostTimeZone() string {
	if name := time.Local.String(); name != "Local" && name != "" {
		if n, ok := canonicalTimeZone(name); ok {
			return n
		}
	}
	if _, off := time.Now().Zone(); off == 0 {
		return "UTC"
	}
	return "Local"
}
