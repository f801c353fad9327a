package harness

import (
	"fmt"
	"strconv"
)

// fmtSeconds prints a duration in seconds: milliseconds below one second.
func fmtSeconds(v float64) string {
	if v < 1 {
		return fmt.Sprintf("%.1f ms", v*1000)
	}
	return fmt.Sprintf("%.2f s", v)
}

// fmtMiB prints a size in MiB.
func fmtMiB(v float64) string { return fmt.Sprintf("%.1f MiB", v) }

// fmtSpread prints "median (min–max)".
func fmtSpread(s Spread, f func(float64) string) string {
	return fmt.Sprintf("%s (%s–%s)", f(s.Median), f(s.Min), f(s.Max))
}

// fmtRatio prints a ratio to three significant digits, enough to tell 0.152 from a goal
// of 0.15.
func fmtRatio(v float64) string { return fmt.Sprintf("%.3g", v) }

// fmtGoal prints a goal's bound as written in the issue (0.05, 2, 1.6).
func fmtGoal(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
