package progress

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/pmrun/pmrun/runner/event"
)

// Line is the live progress line. Its methods are safe for concurrent use: events arrive
// on the run goroutine, a ticker refreshes the elapsed time.
type Line struct {
	mu       sync.Mutex
	term     io.Writer
	bar      *progressbar.ProgressBar
	shown    bool // the line is on the screen
	done     bool
	stop     chan struct{}
	iter     string
	requests int
	failures int
}

var _ event.Reporter = (*Line)(nil)

// New returns a progress line drawn on term (a terminal) for a run of items items in all
// (iterations × items per iteration; -1 when unknown).
func New(term io.Writer, items int) *Line {
	l := &Line{term: term, stop: make(chan struct{})}
	l.bar = progressbar.NewOptions(items,
		progressbar.OptionSetWriter(lockedWriter{l}),
		progressbar.OptionSetWidth(20),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionUseANSICodes(true),
		progressbar.OptionSetRenderBlankState(false),
		progressbar.OptionSetTheme(progressbar.Theme{Saucer: "=", SaucerHead: ">", SaucerPadding: " ",
			BarStart: "[", BarEnd: "]"}),
	)
	go l.tick()
	return l
}

// lockedWriter is the bar's output: it records that the line is on the screen. The bar
// writes only while Line.mu is held (every bar call below is made under it).
type lockedWriter struct{ l *Line }

func (w lockedWriter) Write(p []byte) (int, error) {
	w.l.shown = true
	return w.l.term.Write(p)
}

// tick refreshes the line every half second so the elapsed time moves during a slow request.
func (l *Line) tick() {
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
			l.mu.Lock()
			if !l.done {
				_ = l.bar.RenderBlank() // a failed write to the terminal only loses a frame
			}
			l.mu.Unlock()
		}
	}
}

// Report updates the line from ev.
func (l *Line) Report(_ context.Context, ev event.Event) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done {
		return nil
	}
	switch e := ev.(type) {
	case *event.BeforeIteration:
		l.iter = fmt.Sprintf("iteration %d/%d", e.Cursor.Iteration+1, e.Cursor.Iterations)
		l.describe()
	case *event.Request:
		l.requests++
		if e.Err != nil {
			l.failures++
		}
		l.describe()
	case *event.Assertion:
		if e.Err != nil && !e.Skipped {
			l.failures++
			l.describe()
		}
	case *event.Script:
		if e.Err != nil {
			l.failures++
			l.describe()
		}
	case *event.Item:
		_ = l.bar.Add(1) // a failed write to the terminal only loses a frame
	case *event.Done:
		l.finish()
	}
	return nil
}

func (l *Line) describe() {
	l.bar.Describe(fmt.Sprintf("%s · %d requests · %d failures", l.iter, l.requests, l.failures))
}

// finish clears the line for good. Callers hold l.mu.
func (l *Line) finish() {
	if l.done {
		return
	}
	l.done = true
	close(l.stop)
	l.clear()
}

// Close stops the line and clears it (for a run that ended without Done).
func (l *Line) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.finish()
}

// clear erases the line if it is on the screen. Callers hold l.mu.
func (l *Line) clear() {
	if l.shown {
		_, _ = io.WriteString(l.term, "\r\x1b[K") // losing the erase only leaves a stale frame
		l.shown = false
	}
}

// Wrap returns a writer for the run's other terminal output: each write first clears the
// progress line, and the line is drawn again after a write that ends a line.
func (l *Line) Wrap(w io.Writer) io.Writer { return wrapped{l: l, w: w} }

type wrapped struct {
	l *Line
	w io.Writer
}

func (o wrapped) Write(p []byte) (int, error) {
	o.l.mu.Lock()
	defer o.l.mu.Unlock()
	o.l.clear()
	n, err := o.w.Write(p)
	if err == nil && !o.l.done && len(p) > 0 && p[len(p)-1] == '\n' {
		_ = o.l.bar.RenderBlank() // a failed write to the terminal only loses a frame
	}
	return n, err
}
