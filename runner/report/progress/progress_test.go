package progress_test

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/pmrun/pmrun/runner/event/eventtest"
	"github.com/pmrun/pmrun/runner/report/progress"
)

// syncBuffer is a terminal stand-in that the ticker and the run may write at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestLineShowsProgressAndLeavesNoTrace: the line names the iteration, requests and
// failures; output written through Wrap erases it first; at Done it is erased for good.
func TestLineShowsProgressAndLeavesNoTrace(t *testing.T) {
	var term syncBuffer
	run := eventtest.Sample(2)
	total := 8 // 4 items × 2 iterations
	l := progress.New(&term, total)
	out := l.Wrap(&term)
	for i, ev := range run.Events {
		if err := l.Report(t.Context(), ev); err != nil {
			t.Fatal(err)
		}
		if i%5 == 0 {
			if _, err := io.WriteString(out, "output line\n"); err != nil {
				t.Fatal(err)
			}
		}
	}
	got := term.String()
	if !strings.Contains(got, "iteration 1/2 · 1 requests · 0 failures") {
		t.Errorf("no progress line with iteration, requests and failures:\n%q", got)
	}
	// Output never lands on a drawn line: each drawn line is erased before the next output.
	for _, frame := range strings.Split(got, "output line\n")[1:] {
		if i := strings.LastIndex(frame, "] ("); i >= 0 && !strings.Contains(frame[i:], "\x1b[K") {
			t.Errorf("output written after a drawn line that was not erased: %q", frame)
		}
	}
	if i := strings.LastIndex(got, "] ("); i < 0 || !strings.Contains(got[i:], "\x1b[K") {
		t.Errorf("the line is not erased at the end:\n%q", got[max(0, len(got)-200):])
	}
	// Nothing after Done.
	before := term.String()
	_, _ = io.WriteString(out, "after\n")
	if strings.TrimPrefix(term.String(), before) != "after\n" {
		t.Errorf("the line came back after Done: %q", strings.TrimPrefix(term.String(), before))
	}
}
