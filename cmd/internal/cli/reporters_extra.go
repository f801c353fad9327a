package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/pmvault"
	"github.com/pmrun/pmrun/runner"
	"github.com/pmrun/pmrun/runner/event"
	githubreport "github.com/pmrun/pmrun/runner/report/github"
	htmlreport "github.com/pmrun/pmrun/runner/report/html"
	jsonlreport "github.com/pmrun/pmrun/runner/report/jsonl"
	progressreport "github.com/pmrun/pmrun/runner/report/progress"
)

// streamReporters are the jsonl, github and html reporters: they receive events during the
// run and write through the redactor; finish closes their files and writes the HTML page.
type streamReporters struct {
	reporters []event.Reporter
	closers   []func() error
	html      *htmlreport.Reporter
	stdout    bool // a reporter writes to standard output
}

// newStreamReporters opens what the -r jsonl, github and html reporters write to. stdout is
// the run's (masked) standard output.
func (o *runOptions) newStreamReporters(env *Env, c *collections.Collection, stdout io.Writer, red redactor,
	summary func() *event.Summary,
) (*streamReporters, error) {
	s := &streamReporters{}
	for _, name := range o.reporterList() {
		switch name {
		case "jsonl":
			w := stdout
			path, ok := o.reporterFlags.get("jsonl", "export")
			if !ok || path == "" {
				path = o.defaultReportPath(env, c, "jsonl")
			}
			s.stdout = s.stdout || path == "-"
			if path != "-" {
				f, err := createReportFile(env, path)
				if err != nil {
					_ = s.close() // the open error is the one to report
					return nil, fmt.Errorf("jsonl reporter: %w", err)
				}
				mw := red.Writer(f)
				aw := newAsyncWriter(mw)
				w = aw
				s.closers = append(s.closers, func() error {
					err := aw.Close()
					if ferr := pmvault.FlushWriter(mw); err == nil {
						err = ferr
					}
					if cerr := f.Close(); err == nil {
						err = cerr
					}
					return err
				})
			}
			r := jsonlreport.New(w, env.Now, red.Redact)
			r.UseSummary(summary)
			s.reporters = append(s.reporters, r)
		case "github":
			var stepSummary io.Writer
			if p := env.Getenv("GITHUB_STEP_SUMMARY"); p != "" {
				f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
				if err != nil {
					_ = s.close() // the open error is the one to report
					return nil, fmt.Errorf("github reporter: the job summary: %w", err)
				}
				mw := red.Writer(f)
				stepSummary = mw
				s.closers = append(s.closers, func() error {
					err := pmvault.FlushWriter(mw)
					if cerr := f.Close(); err == nil {
						err = cerr
					}
					return err
				})
			}
			r := githubreport.New(stdout, stepSummary, red.Redact)
			r.UseSummary(summary)
			s.reporters = append(s.reporters, r)
			s.stdout = true
		case "html":
			s.html = htmlreport.New(red.Redact)
			s.html.UseSummary(summary)
			s.reporters = append(s.reporters, s.html)
		}
	}
	return s, nil
}

// close closes the files the reporters wrote to.
func (s *streamReporters) close() error {
	var first error
	for _, c := range s.closers {
		if err := c(); err != nil && first == nil {
			first = err
		}
	}
	s.closers = nil
	return first
}

// writeHTML renders the HTML page, masked, to --reporter-html-export (or the default place).
func (o *runOptions) writeHTML(env *Env, s *streamReporters, sum *event.Summary, red redactor) error {
	if s == nil || s.html == nil {
		return nil
	}
	var buf bytes.Buffer
	if _, err := s.html.WriteTo(&buf); err != nil {
		return fmt.Errorf("html reporter: %w", err)
	}
	path := o.reportPath("html", "html", sum)
	if err := writeOutput(env, path, []byte(red.Redact(buf.String()))); err != nil {
		return fmt.Errorf("html reporter: %w", err)
	}
	return nil
}

// defaultReportPath is Newman's default report place for a report that is opened before
// the run starts: pmrun/<collection>-<now>.<ext>.
func (o *runOptions) defaultReportPath(env *Env, c *collections.Collection, ext string) string {
	name := "collection"
	if c != nil && c.Info.Name != "" {
		name = c.Info.Name
	}
	stamp := strings.NewReplacer(":", "-", ".", "-").Replace(env.Now().UTC().Format("2006-01-02T15:04:05.000Z"))
	return fmt.Sprintf("pmrun/%s-%s.%s", sanitizeFileName(name), stamp, ext)
}

// createReportFile creates path (relative to the working directory) and its directory.
func createReportFile(env *Env, path string) (*os.File, error) {
	if !filepath.IsAbs(path) && env.Dir != "" {
		path = filepath.Join(env.Dir, path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the directory for %q: %w", path, err)
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cannot write %q: %w", path, err)
	}
	return f, nil
}

// progressMinItems is the smallest run that gets a progress line: a handful of requests
// finish before anyone would read it.
const progressMinItems = 5

// newProgress returns the live progress line when a person watches the run on a terminal
// (not piped, not CI, not --silent) and the run is more than a handful of requests; nil
// otherwise.
func (o *runOptions) newProgress(env *Env, opts *runner.Options) *progressreport.Line {
	if !env.StdoutIsTerminal || o.silent || env.Getenv("CI") != "" || env.Getenv("TERM") == "dumb" {
		return nil
	}
	iterations := opts.Iterations
	if iterations <= 0 {
		iterations = max(1, len(opts.Data))
	}
	total := countItems(opts.Collection.Items) * iterations
	if opts.Shard.Count > 1 {
		total = (total + opts.Shard.Count - 1) / opts.Shard.Count
	}
	if total < progressMinItems {
		return nil
	}
	return progressreport.New(env.Stdout, total)
}

// countItems counts the requests under items (folders are walked).
func countItems(items []*collections.Item) int {
	n := 0
	for _, it := range items {
		if it.IsFolder {
			n += countItems(it.Items)
		} else {
			n++
		}
	}
	return n
}

// asyncWriter passes writes to w on a goroutine of its own, so a write to a file that the
// system holds up (a busy disk) delays the stream, not the run. It keeps up to 64 writes
// queued; beyond that Write waits. The first error of w is returned by later writes and by
// Close.
type asyncWriter struct {
	ch   chan []byte
	done chan struct{}
	mu   sync.Mutex
	err  error
}

func newAsyncWriter(w io.Writer) *asyncWriter {
	a := &asyncWriter{ch: make(chan []byte, 64), done: make(chan struct{})}
	go func() {
		defer close(a.done)
		for p := range a.ch {
			if a.failed() != nil {
				continue // drain: the error is reported
			}
			if _, err := w.Write(p); err != nil {
				a.mu.Lock()
				a.err = err
				a.mu.Unlock()
			}
		}
	}()
	return a
}

func (a *asyncWriter) failed() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
}

// Write queues a copy of p.
func (a *asyncWriter) Write(p []byte) (int, error) {
	if err := a.failed(); err != nil {
		return 0, err
	}
	a.ch <- append([]byte(nil), p...)
	return len(p), nil
}

// Close waits until every queued write is done.
func (a *asyncWriter) Close() error {
	close(a.ch)
	<-a.done
	return a.failed()
}
