package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

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
		err = o.execute(ctx, env, opts, red)
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
	opts.Reporters = append(opts.Reporters, collector)
	buffered := bufio.NewWriterSize(env.Stdout, 32<<10)
	stdout := red.Writer(buffered)
	for _, name := range o.reporterList() {
		if name == "cli" {
			opts.Reporters = append(opts.Reporters, clireport.New(stdout, o.cliOptions(env, collector)),
				&flushReporter{w: buffered, live: env.StdoutIsTerminal, now: env.Now})
		}
	}
	restoreGC := tuneGCForParallel(env.Getenv, opts.Parallel)
	res, err := runner.Run(ctx, opts)
	restoreGC()
	if ferr := pmvault.FlushWriter(stdout); ferr != nil && err == nil {
		err = ferr
	}
	if ferr := buffered.Flush(); ferr != nil && err == nil {
		err = ferr
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
	for _, name := range o.reporterList() {
		if err := o.writeFileReport(env, name, summary, red); err != nil {
			failed = append(failed, err.Error())
		}
	}
	if err := o.writeExports(env, res, opts.Collection, opts.HTTP.CookieJar, red); err != nil {
		failed = append(failed, err.Error())
	}
	for _, msg := range failed {
		warnf(env.Stderr, "error: %s\n", red.Redact(msg))
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

func (o *runOptions) writeFileReport(env *Env, name string, s *event.Summary, red redactor) error {
	var buf bytes.Buffer
	var path string
	switch name {
	case "json":
		path = o.reportPath(name, "json", s)
		_, omit := o.reporterFlags.get("json", "omit-bodies")
		jo := jsonreport.Options{
			OmitResponseBodies: omit,
			RedactBody:         func(b []byte) []byte { return []byte(red.Redact(string(b))) },
			RedactURL:          red.Redact,
		}
		if err := jo.Write(&buf, s); err != nil {
			return fmt.Errorf("json reporter: %w", err)
		}
	case "junit":
		path = o.reportPath(name, "xml", s)
		if err := junitreport.Write(&buf, s); err != nil {
			return fmt.Errorf("junit reporter: %w", err)
		}
	default:
		return nil
	}
	out := []byte(red.Redact(buf.String()))
	if err := writeOutput(env, path, out); err != nil {
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
