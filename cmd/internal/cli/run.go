package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
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
			return runCollection(cmd.Context(), env, o, deps)
		},
	}
	f := cmd.Flags()
	f.SortFlags = false
	f.StringVarP(&o.environment, "environment", "e", "", "environment file (path or URL)")
	f.StringVarP(&o.globals, "globals", "g", "", "globals file (path or URL)")
	f.StringVarP(&o.data, "iteration-data", "d", "", "iteration data file (JSON or CSV)")
	f.IntVarP(&o.iterations, "iteration-count", "n", 0, "number of iterations")
	f.IntVar(&o.parallel, "parallel", 1, "run iterations on this many workers (each with its own variables and cookies)")
	f.Var(&o.shard, "shard", "run only slice i of n of the iterations (CI job matrix); join the JSON reports with pmrun report merge")
	f.StringArrayVar(&o.folders, "folder", nil, "run only this folder or request (repeatable)")
	f.StringArrayVar(&o.envVars, "env-var", nil, "set an environment variable, key=value (repeatable)")
	f.StringArrayVar(&o.globalVars, "global-var", nil, "set a global variable, key=value (repeatable)")
	f.StringVar(&o.exportEnvironment, "export-environment", "", "write the final environment to this file")
	f.StringVar(&o.exportGlobals, "export-globals", "", "write the final globals to this file")
	f.StringVar(&o.exportCollection, "export-collection", "", "write the collection (with its final variables) to this file")
	f.StringVar(&o.cookieJar, "cookie-jar", "", "load cookies from this tough-cookie JSON file")
	f.StringVar(&o.exportCookieJar, "export-cookie-jar", "", "write the cookie jar to this file at the end")
	f.StringVarP(&o.reporters, "reporters", "r", "cli", "reporters to use, comma separated: cli, json, junit")
	f.StringVar(&o.color, "color", "auto", "colour output: auto, on or off")
	f.BoolVar(&o.disableUnicode, "disable-unicode", false, "use plain ASCII symbols")
	f.BoolVar(&o.silent, "silent", false, "print nothing on the terminal")
	f.BoolVar(&o.verbose, "verbose", false, "show request and response details")
	f.Var(&o.delayRequest, "delay-request", "wait this many ms between requests")
	f.Var(&o.timeout, "timeout", "stop the whole run after this many ms")
	f.Var(&o.timeoutRequest, "timeout-request", "fail a request after this many ms")
	f.Var(&o.timeoutScript, "timeout-script", "stop a script after this many ms")
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

var knownReporters = []string{"cli", "json", "junit"}

func (o *runOptions) validate(f *pflag.FlagSet) error {
	switch o.color {
	case "auto", "on", "off", "always", "never":
	default:
		return &usageError{fmt.Sprintf("invalid value %q for --color: expected auto, on or off", o.color)}
	}
	if o.parallel < 1 {
		return &usageError{"--parallel must be a positive integer"}
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
