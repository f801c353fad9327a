package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pmrun/pmrun/runner"
	"github.com/pmrun/pmrun/sandbox"
)

// runOptions are the flags of `pmrun run`, with Newman's names and meanings.
type runOptions struct {
	packages    packageFlags // pm.require
	collection  string
	environment string
	globals     string
	data        string
	iterations  int
	parallel    int
	shard       shardFlag
	seed        string  // --seed as given ("" when absent)
	seedValue   *uint64 // --seed or PMRUN_SEED, parsed; nil: random dynamic variables
	folders     []string
	envVars     []string
	globalVars  []string

	exportEnvironment string
	exportGlobals     string
	exportCollection  string
	exportCookieJar   string
	cookieJar         string

	reporters      string
	reporterFlags  reporterFlags
	color          string
	disableUnicode bool
	silent         bool
	verbose        bool

	delayRequest   msFlag
	timeout        msFlag
	timeoutRequest msFlag
	timeoutScript  msFlag

	maxResponseSize sizeFlag
	maxScriptMemory sizeFlag
	runawayGrace    msFlag

	bail             string
	ignoreRedirects  bool
	suppressExitCode bool
	insecure         bool
	workingDir       string
	noInsecureFile   bool

	sslClientCert       string
	sslClientKey        string
	sslClientPassphrase string
	sslClientCertList   string
	sslExtraCACerts     string

	vault VaultRunOptions

	// beforeExit saves what must survive an emergency exit (the vault's changes).
	beforeExit func()
}

// sizeFlag is a size in bytes with an optional unit: 1048576, 512KB, 64MB, 1GB (binary
// units; KiB, MiB, GiB and K, M, G are accepted too). 0 means no limit.
type sizeFlag struct{ n int64 }

func (f *sizeFlag) String() string {
	if f.n == 0 {
		return "0"
	}
	return runner.FormatSize(f.n)
}

func (f *sizeFlag) Set(s string) error {
	n, err := parseSize(s)
	if err != nil {
		return err
	}
	f.n = n
	return nil
}

func (f *sizeFlag) Type() string { return "size" }

// limit is the flag as a runner/sandbox limit: 0 (no limit) becomes -1.
func (f *sizeFlag) limit() int64 {
	if f.n == 0 {
		return -1
	}
	return f.n
}

func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	units := []struct {
		suffix string
		mult   int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10},
		{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("%q is not a size: want bytes or a number with KB, MB or GB, e.g. 256MB (0 = no limit)", s)
	}
	return n * mult, nil
}

// msFlag is a duration given in milliseconds, as Newman's timeouts are; it must be a
// positive integer.
type msFlag struct{ d time.Duration }

func (m *msFlag) String() string {
	if m.d == 0 {
		return "0"
	}
	return strconv.FormatInt(m.d.Milliseconds(), 10)
}

func (m *msFlag) Set(s string) error {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 {
		return fmt.Errorf("%q is not a positive integer (milliseconds)", s)
	}
	m.d = time.Duration(n) * time.Millisecond
	return nil
}

func (m *msFlag) Type() string { return "ms" }

func newRunCmd(env *Env) *cobra.Command { return newRunCmdWith(env, defaultVaultDeps()) }

// newRunCmdWith is newRunCmd with replaceable vault dependencies (tests use a fake 1Password).
func newRunCmdWith(env *Env, deps vaultDeps) *cobra.Command {
	return newRunCmdF(env, func(ctx context.Context, o *runOptions) error { return runCollection(ctx, env, o, deps) })
}

// newRunCmdF is the run command calling runF with the parsed and checked options instead
// of running (gh's runF pattern): tests table-test the flags without a run.
func newRunCmdF(env *Env, runF func(context.Context, *runOptions) error) *cobra.Command {
	o := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run <collection>",
		Short: "Run a Postman collection",
		Long: "Run a Postman collection (a file path or an http(s) URL) with Newman's flags.\n\n" +
			"Reporter options take Newman's form --reporter-<name>-<option> [value], e.g.\n" +
			"--reporter-json-export out.json, --reporter-junit-export out.xml, --reporter-cli-no-summary.",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return &usageError{fmt.Sprintf("run needs exactly one collection (got %d arguments)", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.collection = args[0]
			flags, ok := cmd.Context().Value(reporterFlagsKey{}).(reporterFlags)
			if ok {
				o.reporterFlags = flags
			}
			if err := o.validate(cmd.Flags()); err != nil {
				return err
			}
			if err := o.shard.resolveAuto(env.Getenv); err != nil {
				return err
			}
			if err := o.resolveSeed(env.Getenv); err != nil {
				return err
			}
			return runF(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.SortFlags = false
	f.StringVarP(&o.environment, "environment", "e", "", "environment file (path or URL)")
	f.StringVarP(&o.globals, "globals", "g", "", "globals file (path or URL)")
	f.StringVarP(&o.data, "iteration-data", "d", "", "iteration data file (JSON or CSV)")
	f.IntVarP(&o.iterations, "iteration-count", "n", 0, "number of iterations")
	f.IntVar(&o.parallel, "parallel", 1, "run iterations on this many workers (each with its own variables and cookies)")
	f.Var(&o.shard, "shard", "run only slice i of n of the iterations (CI job matrix), or auto: i and n from a Kubernetes Indexed Job, GitLab parallel: or Buildkite; join the JSON reports with pmrun report merge")
	f.StringVar(&o.seed, "seed", "", "seed the random dynamic variables ($randomInt, $guid, …) so a run can be reproduced (default $PMRUN_SEED)")
	f.StringArrayVar(&o.folders, "folder", nil, "run only this folder or request (repeatable)")
	f.StringArrayVar(&o.envVars, "env-var", nil, "set an environment variable, key=value (repeatable)")
	f.StringArrayVar(&o.globalVars, "global-var", nil, "set a global variable, key=value (repeatable)")
	f.StringVar(&o.exportEnvironment, "export-environment", "", "write the final environment to this file")
	f.StringVar(&o.exportGlobals, "export-globals", "", "write the final globals to this file")
	f.StringVar(&o.exportCollection, "export-collection", "", "write the collection (with its final variables) to this file")
	f.StringVar(&o.cookieJar, "cookie-jar", "", "load cookies from this tough-cookie JSON file")
	f.StringVar(&o.exportCookieJar, "export-cookie-jar", "", "write the cookie jar to this file at the end")
	f.StringVarP(&o.reporters, "reporters", "r", "cli", "reporters to use, comma separated: cli, json, junit, jsonl, github, html")
	f.StringVar(&o.color, "color", "auto", "colour output: auto, on or off")
	f.BoolVar(&o.disableUnicode, "disable-unicode", false, "use plain ASCII symbols")
	f.BoolVar(&o.silent, "silent", false, "print nothing on the terminal")
	f.BoolVar(&o.verbose, "verbose", false, "show request and response details")
	f.Var(&o.delayRequest, "delay-request", "wait this many ms between requests")
	f.Var(&o.timeout, "timeout", "stop the whole run after this many ms")
	f.Var(&o.timeoutRequest, "timeout-request", "fail a request after this many ms")
	f.Var(&o.timeoutScript, "timeout-script", "stop a script after this many ms")
	o.maxResponseSize = sizeFlag{n: runner.DefaultMaxResponseSize}
	f.Var(&o.maxResponseSize, "max-response-size", "fail a request whose body (received or decoded) is larger, e.g. 64MB; 0 = no limit")
	o.maxScriptMemory = sizeFlag{n: sandbox.DefaultMemoryLimit}
	f.Var(&o.maxScriptMemory, "max-script-memory", "stop a script when pmrun's heap grows past this, e.g. 512MB; 0 = no limit")
	f.Var(&o.runawayGrace, "runaway-grace", "end pmrun when a script runs on this many ms after its limit (default 5000)")
	_ = f.MarkHidden("runaway-grace") // for tests: the default suits every user
	f.StringVar(&o.bail, "bail", "", "stop on the first failure; modifiers: failure, folder")
	f.Lookup("bail").NoOptDefVal = "failure"
	f.BoolVar(&o.ignoreRedirects, "ignore-redirects", false, "do not follow redirects")
	f.BoolVarP(&o.suppressExitCode, "suppress-exit-code", "x", false, "exit 0 even when the run had failures")
	f.BoolVarP(&o.insecure, "insecure", "k", false, "do not verify TLS certificates")
	f.StringVar(&o.workingDir, "working-dir", "", "directory for relative file paths in request bodies")
	f.BoolVar(&o.noInsecureFile, "no-insecure-file-read", false, "refuse request files outside --working-dir")
	f.StringVar(&o.sslClientCert, "ssl-client-cert", "", "client certificate (PEM)")
	f.StringVar(&o.sslClientKey, "ssl-client-key", "", "client certificate key (PEM)")
	f.StringVar(&o.sslClientPassphrase, "ssl-client-passphrase", "", "passphrase of the client key")
	f.StringVar(&o.sslClientCertList, "ssl-client-cert-list", "", "JSON list of client certificates per host")
	f.StringVar(&o.sslExtraCACerts, "ssl-extra-ca-certs", "", "extra trusted CA certificates (PEM)")
	addVaultRunFlags(f, &o.vault)
	addPackageFlags(f, &o.packages, true)
	return cmd
}

type reporterFlagsKey struct{}

var knownReporters = []string{"cli", "json", "junit", "jsonl", "github", "html"}

func (o *runOptions) validate(f *pflag.FlagSet) error {
	switch o.color {
	case "auto", "on", "off", "always", "never":
	default:
		return &usageError{fmt.Sprintf("invalid value %q for --color: expected auto, on or off", o.color)}
	}
	if o.parallel < 1 {
		return &usageError{"--parallel must be a positive integer"}
	}
	if n := o.maxScriptMemory.n; n != 0 && n < sandbox.MinMemoryLimit {
		return &usageError{fmt.Sprintf("--max-script-memory %s is below the minimum of %s: it bounds pmrun's whole heap, a few MB before any script runs (0 = no limit)",
			runner.FormatSize(n), runner.FormatSize(sandbox.MinMemoryLimit))}
	}
	if f.Changed("iteration-count") && o.iterations <= 0 {
		return &usageError{"--iteration-count must be a positive integer"}
	}
	for _, b := range splitList(o.bail) {
		if b != "failure" && b != "folder" {
			return &usageError{fmt.Sprintf("invalid --bail modifier %q: expected failure or folder", b)}
		}
	}
	for _, kv := range append(append([]string{}, o.envVars...), o.globalVars...) {
		if k, _, ok := strings.Cut(kv, "="); !ok || k == "" {
			return &usageError{fmt.Sprintf("invalid variable %q: expected key=value", kv)}
		}
	}
	for _, r := range o.reporterList() {
		if !contains(knownReporters, r) {
			return &usageError{fmt.Sprintf("unknown reporter %q: available reporters are %s", r, strings.Join(knownReporters, ", "))}
		}
	}
	for r := range o.reporterFlags {
		if !contains(o.reporterList(), r) {
			return &usageError{fmt.Sprintf("--reporter-%s-… options given but the %s reporter is not enabled (add it to -r)", r, r)}
		}
	}
	if (o.sslClientCert == "") != (o.sslClientKey == "") && o.sslClientCertList == "" {
		return &usageError{"--ssl-client-cert and --ssl-client-key must be given together"}
	}
	return nil
}

// resolveSeed reads --seed, else PMRUN_SEED: a decimal integer 0 ≤ n < 2^64.
func (o *runOptions) resolveSeed(getenv func(string) string) error {
	text, from := o.seed, "--seed"
	if text == "" {
		text, from = getenv("PMRUN_SEED"), "PMRUN_SEED"
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	n, err := strconv.ParseUint(text, 10, 64)
	if err != nil {
		return &usageError{fmt.Sprintf("%s %q is not a seed: want a whole number from 0 to 18446744073709551615", from, text)}
	}
	o.seedValue = &n
	return nil
}

// reporterList is the -r list; --silent drops the terminal reporter (file reporters still
// write), as in Newman.
func (o *runOptions) reporterList() []string {
	list := splitList(o.reporters)
	if !o.silent {
		return list
	}
	out := list[:0]
	for _, r := range list {
		if r != "cli" {
			out = append(out, r)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
