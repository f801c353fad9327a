package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/pmvault"
	"github.com/pmrun/pmrun/runner"
	"github.com/pmrun/pmrun/runner/event"
	clireport "github.com/pmrun/pmrun/runner/report/cli"
	jsonreport "github.com/pmrun/pmrun/runner/report/json"
	junitreport "github.com/pmrun/pmrun/runner/report/junit"
)

// redactor masks secret values in everything pmrun writes. The vault provides one; without
// a vault nothing is masked.
type redactor interface {
	Redact(string) string
	Writer(io.Writer) io.Writer
}

type noRedactor struct{}

func (noRedactor) Redact(s string) string       { return s }
func (noRedactor) Writer(w io.Writer) io.Writer { return w }

// runCollection loads the inputs, runs the collection with the chosen reporters, writes the
// reports and exports, and returns an error carrying the exit code.
func runCollection(ctx context.Context, env *Env, o *runOptions, deps vaultDeps) error {
	if o.seedValue != nil {
		collections.SeedDynamic(*o.seedValue)
	}
	opts, err := o.runnerOptions(ctx, env)
	if err != nil {
		return err
	}
	var red redactor = noRedactor{}
	if o.vault.enabled() {
		session, err := openVaultSessionWith(ctx, env, &o.vault, deps)
		if err != nil {
			return err
		}
		opts.Vault = session
		red = session.Redactor()
		defer func() {
			if err := session.Close(); err != nil {
				warnf(env.Stderr, "error: closing the vault: %s\n", red.Redact(err.Error()))
			}
		}()
		session.Prefetch(ctx, vaultNames(opts.Collection))
		if strings.Contains(string(opts.Collection.Raw), "pm.vault") {
			session.StartProviders(ctx)
		}
		o.beforeExit = func() {
			if err := session.Save(); err != nil {
				warnf(env.Stderr, "error: saving the vault: %s\n", red.Redact(err.Error()))
			}
		}
		err = withProviderFailures(env, session, o.execute(ctx, env, opts, red))
		if serr := session.Save(); serr != nil {
			warnf(env.Stderr, "error: saving the vault: %s\n", red.Redact(serr.Error()))
			if err == nil {
				err = &exitError{ExitVault}
			}
		}
		return err
	}
	return o.execute(ctx, env, opts, red)
}

func (o *runOptions) execute(ctx context.Context, env *Env, opts runner.Options, red redactor) error {
	collector := event.NewCollector()
	// Response bodies are kept for the JSON report only; without it the run does not hold
	// every body in memory until the end.
	_, omitBodies := o.reporterFlags.get("json", "omit-bodies")
	collector.DropResponseBodies = !contains(o.reporterList(), "json") || omitBodies
	if omitBodies {
		// The JSON report still shows what a failed request received: masked, then cut to
		// 64 KB.
		collector.KeepFailedBody = func(b []byte) []byte {
			masked := red.Redact(string(b))
			return []byte(masked[:cutPoint(masked, failedBodyKeep)])
		}
	}
	opts.Reporters = append(opts.Reporters, collector)
	term := env.Stdout
	progress := o.newProgress(env, &opts)
	if progress != nil {
		defer progress.Close()
		term = progress.Wrap(env.Stdout)
	}
	buffered := bufio.NewWriterSize(term, 32<<10)
	stdout := red.Writer(buffered)
	for _, name := range o.reporterList() {
		if name == "cli" {
			copts := o.cliOptions(env, collector)
			copts.Redact = red.Redact
			opts.Reporters = append(opts.Reporters, clireport.New(stdout, copts),
				&flushReporter{w: buffered, live: env.StdoutIsTerminal, now: env.Now})
		}
	}
	streams, err := o.newStreamReporters(env, opts.Collection, stdout, red, collector.Summary)
	if err != nil {
		warnf(env.Stderr, "error: %s\n", red.Redact(err.Error()))
		return &exitError{ExitReporter}
	}
	opts.Reporters = append(opts.Reporters, streams.reporters...)
	if streams.stdout && !contains(o.reporterList(), "cli") { // the stream shows as it goes
		opts.Reporters = append(opts.Reporters, &flushReporter{w: buffered, live: env.StdoutIsTerminal, now: env.Now})
	}
	if progress != nil { // last: the output of the item is out before the line moves
		opts.Reporters = append(opts.Reporters, progress)
	}
	locked := &lockedReporters{list: opts.Reporters}
	opts.Reporters = []event.Reporter{locked}
	opts.OnRunaway = func(msg string) {
		// No event may arrive while the reports are written, and none after: the lock is
		// kept until the process ends.
		locked.mu.Lock()
		_ = pmvault.FlushWriter(stdout) // best effort: the terminal may be gone
		_ = buffered.Flush()
		warnf(env.Stderr, "error: %s; pmrun stopped the run (the reports hold what ran before)\n", red.Redact(msg))
		summary := collector.Summary()
		for _, name := range o.reporterList() {
			if err := o.writeFileReport(env, name, summary, red); err != nil {
				warnf(env.Stderr, "error: %s\n", red.Redact(err.Error()))
			}
		}
		if o.beforeExit != nil {
			o.beforeExit()
		}
		if env.Exit != nil {
			env.Exit(ExitFailures)
		}
		locked.mu.Unlock() // tests only (no Exit): the run goes on once the script returns
	}
	restoreGC := tuneGCForParallel(env.Getenv, opts.Parallel)
	res, err := runner.Run(ctx, opts)
	restoreGC()
	if cerr := streams.close(); cerr != nil {
		warnf(env.Stderr, "error: %s\n", red.Redact(cerr.Error()))
	}
	// Standard output that cannot be written (a full disk) is the cli reporter's failure
	// (exit 5, after the file reports), not an input error.
	outErr := pmvault.FlushWriter(stdout)
	if ferr := buffered.Flush(); ferr != nil && outErr == nil {
		outErr = ferr
	}
	var folderErr *runner.FolderNotFoundError
	if errors.As(err, &folderErr) {
		// Newman ends such a run with a run error (exit 1).
		warnf(env.Stderr, "error: %s\n", err)
		return &exitError{ExitFailures}
	}
	if err != nil {
		return &inputError{err}
	}
	summary := collector.Summary()
	var failed []string
	if outErr != nil {
		failed = append(failed, "cannot write standard output: "+outErr.Error())
	}
	for _, name := range o.reporterList() {
		if err := o.writeFileReport(env, name, summary, red); err != nil {
			failed = append(failed, err.Error())
		}
	}
	if err := o.writeHTML(env, streams, summary, red); err != nil {
		failed = append(failed, err.Error())
	}
	if err := o.writeExports(env, res, opts.Collection, opts.HTTP.CookieJar, red); err != nil {
		failed = append(failed, err.Error())
	}
	for _, msg := range failed {
		warnf(env.Stderr, "error: %s\n", red.Redact(msg))
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		// An interrupt wins over the failures it caused (the aborted request): exit 130,
		// after the reports and exports above and the vault changes (runCollection) are saved.
		warnf(env.Stderr, "interrupted: the run was stopped; reports hold what ran before\n")
		return &exitError{ExitInterrupted}
	}
	switch {
	case len(failed) > 0 && !o.suppressExitCode:
		return &exitError{ExitReporter}
	case res.Err != nil:
		warnf(env.Stderr, "error: %s\n", red.Redact(res.Err.Error()))
		if o.suppressExitCode {
			return nil
		}
		return &exitError{ExitFailures}
	case res.Failures > 0 && !o.suppressExitCode:
		return &exitError{ExitFailures}
	}
	return ctx.Err()
}

// failedBodyKeep is how much of a failed execution's response body the JSON report keeps
// with --reporter-json-omit-bodies.
const failedBodyKeep = 64 << 10

// cutPoint is the largest i ≤ n that does not split a UTF-8 character of s.
func cutPoint(s string, n int) int {
	if len(s) <= n {
		return len(s)
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

func (o *runOptions) writeFileReport(env *Env, name string, s *event.Summary, red redactor) error {
	var path string
	var write func(io.Writer) error
	switch name {
	case "json":
		path = o.reportPath(name, "json", s)
		_, omit := o.reporterFlags.get("json", "omit-bodies")
		jo := jsonreport.Options{
			OmitResponseBodies: omit,
			KeepHeldBodies:     omit, // the collector kept failed executions' bodies (64 KB)
			RedactBody:         func(b []byte) []byte { return []byte(red.Redact(string(b))) },
			RedactURL:          red.Redact,
		}
		write = func(w io.Writer) error { return jo.Write(w, s) }
	case "junit":
		path = o.reportPath(name, "xml", s)
		write = func(w io.Writer) error { return junitreport.Write(w, s) }
	default:
		return nil
	}
	// The report streams into the file through the redactor: a large run's report is
	// never held in memory as a whole (nor copied twice more to mask it).
	err := writeOutputFunc(env, path, func(w io.Writer) error {
		rw := red.Writer(w)
		if err := write(rw); err != nil {
			return err
		}
		return pmvault.FlushWriter(rw)
	})
	if err != nil {
		return fmt.Errorf("%s reporter: %w", name, err)
	}
	return nil
}

// reportPath is --reporter-<name>-export, or Newman's default place: newman/ becomes pmrun/.
func (o *runOptions) reportPath(name, ext string, s *event.Summary) string {
	if p, ok := o.reporterFlags.get(name, "export"); ok && p != "" {
		return p
	}
	collName := "collection"
	if s != nil && s.Collection != nil && s.Collection.Info.Name != "" {
		collName = s.Collection.Info.Name
	}
	stamp := strings.NewReplacer(":", "-", ".", "-").Replace(s.Timings.Started.UTC().Format("2006-01-02T15:04:05.000Z"))
	return fmt.Sprintf("pmrun/%s-%s.%s", sanitizeFileName(collName), stamp, ext)
}

func sanitizeFileName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < ' ' {
			return '-'
		}
		return r
	}, s)
}

func (o *runOptions) writeExports(env *Env, res *runner.Result, coll *collections.Collection, jar *runner.CookieJar,
	red redactor,
) error {
	now := env.Now()
	write := func(path, kind string, s *collections.VariableScope) error {
		if path == "" || s == nil {
			return nil
		}
		data, err := s.MarshalPostman(kind, now)
		if err != nil {
			return fmt.Errorf("exporting %s: %w", kind, err)
		}
		return writeOutput(env, path, []byte(red.Redact(string(data))))
	}
	if err := write(o.exportEnvironment, "environment", res.Environment); err != nil {
		return err
	}
	if err := write(o.exportGlobals, "globals", res.Globals); err != nil {
		return err
	}
	if o.exportCollection != "" && coll != nil {
		data, err := collectionExport(coll, res.Collection)
		if err != nil {
			return err
		}
		if err := writeOutput(env, o.exportCollection, []byte(red.Redact(string(data)))); err != nil {
			return err
		}
	}
	if o.exportCookieJar != "" && jar != nil {
		data, err := json.MarshalIndent(jar, "", "  ")
		if err != nil {
			return fmt.Errorf("exporting the cookie jar: %w", err)
		}
		return writeOutput(env, o.exportCookieJar, []byte(red.Redact(string(data))))
	}
	return nil
}

// vaultNames lists the names used as {{vault:name}} anywhere in the collection's text, so
// linked secrets can be resolved in the background before the first request needs them.
func vaultNames(c *collections.Collection) []string {
	return collections.TokenNames(string(c.Raw), "vault:")
}

// lockedReporters passes events to its reporters in order under a lock, so that the
// runaway backstop can write the reports from another goroutine.
type lockedReporters struct {
	mu   sync.Mutex
	list []event.Reporter
}

// Report implements event.Reporter.
func (l *lockedReporters) Report(ctx context.Context, ev event.Event) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	var errs []error
	for _, r := range l.list {
		if err := r.Report(ctx, ev); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// flushReporter flushes the terminal output after each item when a person is watching (a
// terminal), and otherwise at most a few times a second: thousands of small writes to a
// pipe cost more than the requests of a fast run.
type flushReporter struct {
	w    *bufio.Writer
	live bool
	now  func() time.Time
	last time.Time
}

// Report implements event.Reporter.
func (f *flushReporter) Report(_ context.Context, ev event.Event) error {
	switch ev.(type) {
	case *event.Item, *event.Done:
	default:
		return nil
	}
	if now := f.now(); f.live || now.Sub(f.last) > 250*time.Millisecond {
		f.last = now
		return f.w.Flush()
	}
	return nil
}
