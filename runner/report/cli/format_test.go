package cli

import (
	"testing"
	"time"
)

func TestPrettyDuration(t *testing.T) {
	t.Parallel()
	tests := map[time.Duration]string{
		0:                        "0µs",
		850 * time.Microsecond:   "850µs",
		34 * time.Millisecond:    "34ms",
		1997 * time.Millisecond:  "1997ms",
		2500 * time.Millisecond:  "2.5s",
		2000 * time.Millisecond:  "2s",
		65432 * time.Millisecond: "1m 5.4s",
		time.Hour + 2*time.Minute + 3*time.Second: "1h 2m 3s",
		26 * time.Hour: "1d 2h",
	}
	for d, want := range tests {
		t.Run(want, func(t *testing.T) {
			t.Parallel()
			if got := prettyDuration(d); got != want {
				t.Errorf("prettyDuration(%v) = %q, want %q", d, got, want)
			}
		})
	}
}

func TestFileSize(t *testing.T) {
	t.Parallel()
	tests := map[int64]string{
		0: "0B", 528: "528B", 999: "999B", 1000: "1kB", 8060: "8.06kB", 1234567: "1.23MB",
		999999: "1MB", 2500000000: "2.5GB",
	}
	for n, want := range tests {
		t.Run(want, func(t *testing.T) {
			t.Parallel()
			if got := fileSize(n); got != want {
				t.Errorf("fileSize(%d) = %q, want %q", n, got, want)
			}
		})
	}
}
