package cli

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner"
	"github.com/pmrun/pmrun/runner/event"
	clireport "github.com/pmrun/pmrun/runner/report/cli"
)

// runnerOptions loads every input file and turns the flags into runner options.
func (o *runOptions) runnerOptions(ctx context.Context, env *Env) (runner.Options, error) {
	var opts runner.Options
	c, err := loadCollection(ctx, env, o.collection)
	if err != nil {
		return opts, err
	}
	envScope, err := loadScope(ctx, env, "environment", o.environment)
	if err != nil {
		return opts, err
	}
	globals, err := loadScope(ctx, env, "globals", o.globals)
	if err != nil {
		return opts, err
	}
	data, err := loadData(ctx, env, o.data)
	if err != nil {
		return opts, err
	}
	for _, w := range c.Warnings {
		warnf(env.Stderr, "%s\n", w)
	}
	opts = o.optionsFor(env, c, envScope, globals, data)
	opts.Packages = o.packages.store(ctx, env)
	opts.TimeZone = hostTimeZone(env)
	if o.cookieJar != "" {
		raw, err := readInput(ctx, env, "cookie jar", o.cookieJar)
		if err != nil {
			return opts, err
		}
		jar, err := runner.ParseCookieJar(raw, o.cookieJar)
		if err != nil {
			return opts, &inputError{err}
		}
		opts.HTTP.CookieJar = jar
	}
	return opts, nil
}

// optionsFor builds the runner options for loaded inputs; nil scopes become empty ones.
func (o *runOptions) optionsFor(env *Env, c *collections.Collection, envScope, globals *collections.VariableScope,
	data []collections.DataRow,
) runner.Options {
	if envScope == nil {
		envScope = collections.NewScope("", "", nil)
	}
	if globals == nil {
		globals = collections.NewScope("", "", nil)
	}
	setVars(envScope, o.envVars)
	setVars(globals, o.globalVars)

	bail := splitList(o.bail)
	jar := runner.NewCookieJar()
	return runner.Options{
		Collection:    c,
		Environment:   envScope,
		Globals:       globals,
		Data:          data,
		Iterations:    o.iterations,
		Parallel:      o.parallel,
		Shard:         runner.Shard{Index: o.shard.index, Count: o.shard.count},
		Folders:       o.folders,
		Delay:         o.delayRequest.d,
		Timeout:       o.timeout.d,
		ScriptTimeout: o.timeoutScript.d,
		ScriptMemory:  o.maxScriptMemory.limit(),
		RunawayGrace:  o.runawayGrace.d,
		Bail:          contains(bail, "failure") || (o.bail != "" && !contains(bail, "folder")),
		BailFolder:    contains(bail, "folder"),
		HTTP: runner.HTTPOptions{
			Timeout:            o.timeoutRequest.d,
			Insecure:           o.insecure,
			FollowRedirects:    !o.ignoreRedirects,
			ClientCert:         o.abs(env, o.sslClientCert),
			ClientKey:          o.abs(env, o.sslClientKey),
			ClientPassphrase:   o.sslClientPassphrase,
			ClientCertList:     o.abs(env, o.sslClientCertList),
			ExtraCACerts:       o.abs(env, o.sslExtraCACerts),
			WorkingDir:         o.workDir(env),
			CookieJar:          jar,
			NoInsecureFileRead: o.noInsecureFile,
			MaxResponseSize:    o.maxResponseSize.limit(),
		},
		Now: env.Now,
	}
}

func (o *runOptions) abs(env *Env, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(env.Dir, p)
}

func (o *runOptions) workDir(env *Env) string {
	if o.workingDir == "" {
		return env.Dir
	}
	return o.abs(env, o.workingDir)
}

// failureDetails is --reporter-cli-failure-details (checked when the flags were parsed).
func (o *runOptions) failureDetails() clireport.FailureDetails {
	v, _ := o.reporterFlags.get("cli", "failure-details")
	d, _ := clireport.ParseFailureDetails(v)
	return d
}

// setVars applies --env-var / --global-var key=value pairs (split at the first "=").
func setVars(s *collections.VariableScope, kvs []string) {
	for _, kv := range kvs {
		k, v, _ := strings.Cut(kv, "=")
		s.Set(k, v)
	}
}

// cliOptions maps --reporter-cli-* flags, --color and friends to the CLI reporter's options.
func (o *runOptions) cliOptions(env *Env, collector *event.Collector) clireport.Options {
	has := func(opt string) bool { _, ok := o.reporterFlags.get("cli", opt); return ok }
	color := env.StdoutIsTerminal && env.Getenv("NO_COLOR") == "" && env.Getenv("TERM") != "dumb"
	switch o.color {
	case "on", "always":
		color = true
	case "off", "never":
		color = false
	}
	return clireport.Options{
		Color:               color,
		NoSummary:           has("no-summary"),
		NoFailures:          has("no-failures"),
		NoAssertions:        has("no-assertions"),
		NoSuccessAssertions: has("no-success-assertions"),
		NoConsole:           has("no-console"),
		NoBanner:            has("no-banner"),
		Silent:              has("silent"),
		ShowTimestamps:      has("show-timestamps"),
		DisableUnicode:      o.disableUnicode,
		Verbose:             o.verbose,
		Summary:             collector.Summary,
		FailureDetails:      o.failureDetails(),
	}
}
