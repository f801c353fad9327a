//go:build linux

package harness

import (
	"context"
	"os"
	"testing"
	"time"
)

// sink keeps the test's own memory alive while it measures a child.
var sink []byte

// Through the launcher a child's peak RSS is its own, not the driver's: the driver holds
// 256 MiB here, the child allocates 32 MiB. (Not parallel: it must own the process memory.)
func TestMeasurePeakRSSIsTheChilds(t *testing.T) {
	sink = make([]byte, 256<<20)
	for i := 0; i < len(sink); i += 4096 {
		sink[i] = 1
	}
	defer func() { sink = nil }()
	m := Measurer{Launcher: os.Args[0], Timeout: time.Minute}
	u, _, err := m.Measure(context.Background(), []string{os.Args[0], "child", "alloc"})
	if err != nil {
		t.Fatal(err)
	}
	if u.ExitCode != 0 {
		t.Fatalf("child failed: %+v", u)
	}
	if mib := u.MaxRSSKiB / 1024; mib < 32 || mib >= 200 {
		t.Errorf("child peak RSS %d MiB, want its own, 32 MiB and more (not the driver's 256+)", mib)
	}
}
