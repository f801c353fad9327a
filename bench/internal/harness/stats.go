package harness

import (
	"slices"
	"time"
)

// Spread is the median, minimum and maximum of one metric over a row's runs.
type Spread struct {
	Median, Min, Max float64
}

// spreadOf summarises xs; the median of an even count is the mean of the middle two.
func spreadOf(xs []float64) Spread {
	if len(xs) == 0 {
		return Spread{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	mid := len(s) / 2
	med := s[mid]
	if len(s)%2 == 0 {
		med = (s[mid-1] + s[mid]) / 2
	}
	return Spread{Median: med, Min: s[0], Max: s[len(s)-1]}
}

// Stats are a row's metrics: wall and CPU (user+sys) time in seconds, peak RSS in MiB.
type Stats struct {
	Wall, CPU, RSS Spread
}

// StatsOf summarises the runs.
func StatsOf(runs []Usage) Stats {
	var wall, cpu, rss []float64
	for _, u := range runs {
		wall = append(wall, time.Duration(u.WallNS).Seconds())
		cpu = append(cpu, time.Duration(u.UserNS+u.SysNS).Seconds())
		rss = append(rss, float64(u.MaxRSSKiB)/1024)
	}
	return Stats{Wall: spreadOf(wall), CPU: spreadOf(cpu), RSS: spreadOf(rss)}
}

// ratio is a/b, or 0 when b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
