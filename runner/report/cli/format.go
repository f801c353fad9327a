package cli

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// prettyDuration formats d as Newman does: "850µs" under a millisecond, whole milliseconds
// under 1998 ms, then pretty-ms style ("2.5s", "1m 5.4s", "1h 2m 3s").
func prettyDuration(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	switch {
	case ms < 1:
		return strconv.Itoa(int(ms*1000)) + "µs"
	case ms < 1998:
		return strconv.Itoa(int(ms)) + "ms"
	}
	total := math.Trunc(ms)
	days := math.Floor(total / 86400000)
	hours := math.Floor(math.Mod(total/3600000, 24))
	minutes := math.Floor(math.Mod(total/60000, 60))
	seconds := math.Mod(ms/1000, 60)
	var parts []string
	for _, p := range []struct {
		v    float64
		unit string
	}{{days, "d"}, {hours, "h"}, {minutes, "m"}} {
		if p.v != 0 {
			parts = append(parts, strconv.FormatFloat(p.v, 'f', -1, 64)+p.unit)
		}
	}
	// seconds floored to one decimal, ".0" dropped
	secs := strconv.FormatFloat(math.Floor(seconds*10+1e-7)/10, 'f', 1, 64)
	secs = strings.TrimSuffix(secs, ".0")
	if secs != "0" {
		parts = append(parts, secs+"s")
	}
	return strings.Join(parts, " ")
}

// fileSize formats a byte count as Newman does (the filesize package, base 10, two decimals,
// no space): "0B", "528B", "8.06kB", "1.2MB".
func fileSize(n int64) string {
	if n <= 0 {
		return "0B"
	}
	units := []string{"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"}
	e := int(math.Floor(math.Log(float64(n)) / math.Log(1000)))
	e = min(e, len(units)-1)
	val := float64(n) / math.Pow(1000, float64(e))
	if e > 0 {
		val = math.Round(val*100) / 100
	}
	if val == 1000 && e < len(units)-1 {
		val, e = 1, e+1
	}
	return strconv.FormatFloat(val, 'f', -1, 64) + units[e]
}

// padLeft pads s on the left with pad up to width runes.
func padLeft(s string, width int, pad string) string {
	if n := width - runeLen(s); n > 0 {
		return strings.Repeat(pad, n) + s
	}
	return s
}

func runeLen(s string) int { return len([]rune(s)) }
