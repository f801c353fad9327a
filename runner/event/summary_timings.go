package event

import (
	"math"
	"time"
)

// phaseStats keeps a running mean and variance of one timing phase (Welford's online
// algorithm), over the non-zero samples only, like Newman's request tracker.
type phaseStats struct {
	n        int
	mean, m2 float64 // in nanoseconds
	min, max time.Duration
}

// add folds d in and writes the phase's average, minimum, maximum and standard deviation.
func (p *phaseStats) add(d time.Duration, avg, minD, maxD, sd *time.Duration) {
	if d <= 0 {
		return
	}
	p.n++
	x := float64(d)
	delta := x - p.mean
	p.mean += delta / float64(p.n)
	p.m2 += delta * (x - p.mean)
	if p.n == 1 || d < p.min {
		p.min = d
	}
	if d > p.max {
		p.max = d
	}
	*avg = time.Duration(math.Round(p.mean))
	*minD, *maxD = p.min, p.max
	*sd = time.Duration(math.Round(math.Sqrt(p.m2 / float64(p.n))))
}
