package cli

import (
	"runtime/debug"
	"testing"
)

func TestTuneGCForParallel(t *testing.T) {
	none := func(string) string { return "" }
	userGOGC := func(k string) string {
		if k == "GOGC" {
			return "50"
		}
		return ""
	}
	tests := []struct {
		name    string
		getenv  func(string) string
		workers int
		want    int
	}{
		{"sequential keeps the default", none, 1, 100},
		{"parallel relaxes the collector", none, 2, parallelGCPercent},
		{"the user's GOGC wins", userGOGC, 4, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := debug.SetGCPercent(100)
			defer debug.SetGCPercent(before)
			restore := tuneGCForParallel(tt.getenv, tt.workers)
			got := debug.SetGCPercent(-1)
			debug.SetGCPercent(got)
			if got != tt.want {
				t.Errorf("GC percent during the run = %d, want %d", got, tt.want)
			}
			restore()
			if after := debug.SetGCPercent(-1); after != 100 {
				t.Errorf("GC percent after the run = %d, want 100 again", after)
			}
			debug.SetGCPercent(100)
		})
	}
}
