package cli

import (
	"strings"
	"testing"
)

func TestSizeFlag(t *testing.T) {
	t.Parallel()
	good := map[string]int64{"0": 0, "1048576": 1 << 20, "512KB": 512 << 10, "64MB": 64 << 20, "1GB": 1 << 30,
		"2gib": 2 << 30, " 10 M ": 10 << 20, "100B": 100}
	for in, want := range good {
		var f sizeFlag
		if err := f.Set(in); err != nil || f.n != want {
			t.Errorf("%q: %d %v, want %d", in, f.n, err, want)
		}
	}
	for _, in := range []string{"", "-1", "1.5MB", "MB", "ten", "99999999999GB"} {
		var f sizeFlag
		if err := f.Set(in); err == nil || !strings.Contains(err.Error(), "is not a size") {
			t.Errorf("%q accepted: %d %v", in, f.n, err)
		}
	}
	if got := (&sizeFlag{}).limit(); got != -1 {
		t.Errorf("0 is no limit: %d", got)
	}
	if got := (&sizeFlag{n: 256 << 20}).String(); got != "256MB" {
		t.Errorf("default shown as %q", got)
	}
	code, out := runCLI(t, t.TempDir(), []string{"run", "x.json", "--max-response-size", "lots"})
	if code != ExitUsage || !strings.Contains(out, `"lots" is not a size`) {
		t.Errorf("exit %d:\n%s", code, out)
	}
}
