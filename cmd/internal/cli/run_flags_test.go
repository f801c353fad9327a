package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// parseRun parses a `pmrun run` command line (args after "run") with the given process
// environment through the run command's runF seam, without running anything.
func parseRun(t *testing.T, environ map[string]string, args ...string) (*runOptions, error) {
	t.Helper()
	var out bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &out, Getenv: func(k string) string { return environ[k] }, Now: time.Now}
	rest, flags, err := extractReporterFlags(append([]string{"run"}, args...))
	if err != nil {
		return nil, err
	}
	var got *runOptions
	cmd := newRunCmdF(env, func(_ context.Context, o *runOptions) error { got = o; return nil })
	cmd.SetArgs(rest[1:])
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	ctx := context.WithValue(context.Background(), reporterFlagsKey{}, flags)
	if err := cmd.ExecuteContext(ctx); err != nil {
		return nil, err
	}
	if got == nil {
		t.Fatal("runF was not called")
	}
	return got, nil
}

func TestRunFlags(t *testing.T) {
	t.Parallel()
	gitlab := map[string]string{"CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "3"}
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		check   func(*runOptions) string // "" when the options are right, else what is wrong
		wantErr string                   // a fragment of the error
	}{
		{name: "defaults", args: []string{"c.json"}, check: func(o *runOptions) string {
			if o.collection != "c.json" || o.reporters != "cli" || o.parallel != 1 || o.shard.count != 0 || o.color != "auto" {
				return "defaults differ"
			}
			return ""
		}},
		{name: "no collection", args: []string{}, wantErr: "exactly one collection"},
		{name: "shard i/n", args: []string{"c.json", "--shard", "2/4"}, check: shardIs(2, 4)},
		{name: "shard out of range", args: []string{"c.json", "--shard", "5/4"}, wantErr: "is not a shard"},
		{name: "shard zero", args: []string{"c.json", "--shard", "0/4"}, wantErr: "is not a shard"},
		{name: "shard auto, GitLab (1-based)", env: gitlab, args: []string{"c.json", "--shard", "auto"}, check: shardIs(2, 3)},
		{name: "shard auto, GitLab without parallel", env: map[string]string{"CI_NODE_TOTAL": "1"},
			args: []string{"c.json", "--shard", "auto"}, check: shardIs(1, 1)},
		{name: "shard auto, Kubernetes (0-based)", env: map[string]string{"JOB_COMPLETION_INDEX": "0", "JOB_COMPLETIONS": "5"},
			args: []string{"c.json", "--shard", "auto"}, check: shardIs(1, 5)},
		{name: "shard auto, Kubernetes first", env: map[string]string{"JOB_COMPLETION_INDEX": "4", "JOB_COMPLETIONS": "5",
			"CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "3"}, args: []string{"c.json", "--shard", "auto"}, check: shardIs(5, 5)},
		{name: "shard auto, Buildkite (0-based)", env: map[string]string{"BUILDKITE_PARALLEL_JOB": "3", "BUILDKITE_PARALLEL_JOB_COUNT": "4"},
			args: []string{"c.json", "--shard", "auto"}, check: shardIs(4, 4)},
		{name: "shard auto, Buildkite index past the count", env: map[string]string{"BUILDKITE_PARALLEL_JOB": "4", "BUILDKITE_PARALLEL_JOB_COUNT": "4"},
			args: []string{"c.json", "--shard", "auto"}, wantErr: "are not a shard index and total"},
		{name: "shard auto, Kubernetes without a total", env: map[string]string{"JOB_COMPLETION_INDEX": "1"},
			args: []string{"c.json", "--shard", "auto"}, wantErr: "JOB_COMPLETIONS is not"},
		{name: "shard auto, nothing set", args: []string{"c.json", "--shard", "auto"}, wantErr: "no shard in the environment"},
		{name: "shard auto, not a number", env: map[string]string{"CI_NODE_INDEX": "two", "CI_NODE_TOTAL": "3"},
			args: []string{"c.json", "--shard", "auto"}, wantErr: "are not a shard index"},
		{name: "shard env ignored without auto", env: gitlab, args: []string{"c.json"}, check: shardIs(0, 0)},
		{name: "script memory below the minimum", args: []string{"c.json", "--max-script-memory", "1KB"},
			wantErr: "--max-script-memory 1KB is below the minimum of 32MB"},
		{name: "script memory just below the minimum", args: []string{"c.json", "--max-script-memory", "33554431"},
			wantErr: "is below the minimum"},
		{name: "script memory at the minimum", args: []string{"c.json", "--max-script-memory", "32MB"}, check: func(o *runOptions) string {
			if o.maxScriptMemory.limit() != 32<<20 {
				return fmt.Sprintf("limit %d", o.maxScriptMemory.limit())
			}
			return ""
		}},
		{name: "no script memory limit", args: []string{"c.json", "--max-script-memory", "0"}, check: func(o *runOptions) string {
			if o.maxScriptMemory.limit() != -1 {
				return fmt.Sprintf("limit %d", o.maxScriptMemory.limit())
			}
			return ""
		}},
		{name: "no seed", args: []string{"c.json"}, check: seedIs(nil)},
		{name: "seed flag", args: []string{"c.json", "--seed", "42"}, check: seedIs(ptr(uint64(42)))},
		{name: "seed from PMRUN_SEED", env: map[string]string{"PMRUN_SEED": " 18446744073709551615 "}, args: []string{"c.json"},
			check: seedIs(ptr(uint64(18446744073709551615)))},
		{name: "seed flag wins", env: map[string]string{"PMRUN_SEED": "1"}, args: []string{"c.json", "--seed", "0"}, check: seedIs(ptr(uint64(0)))},
		{name: "seed not a number", args: []string{"c.json", "--seed", "0x10"}, wantErr: `--seed "0x10" is not a seed`},
		{name: "seed too large", env: map[string]string{"PMRUN_SEED": "18446744073709551616"}, args: []string{"c.json"}, wantErr: "PMRUN_SEED"},
		{name: "timeouts in ms", args: []string{"c.json", "--timeout-request", "500", "--delay-request", "20"}, check: func(o *runOptions) string {
			if o.timeoutRequest.d != 500*time.Millisecond || o.delayRequest.d != 20*time.Millisecond {
				return "timeouts " + o.timeoutRequest.String() + " " + o.delayRequest.String()
			}
			return ""
		}},
		{name: "timeout zero", args: []string{"c.json", "--timeout", "0"}, wantErr: "not a positive integer"},
		{name: "bail without modifier", args: []string{"c.json", "--bail"}, check: func(o *runOptions) string {
			if o.bail != "failure" {
				return "bail = " + o.bail
			}
			return ""
		}},
		{name: "bail bad modifier", args: []string{"c.json", "--bail=nope"}, wantErr: "invalid --bail modifier"},
		{name: "reporter options", args: []string{"c.json", "-r", "cli,json", "--reporter-json-export", "out.json"}, check: func(o *runOptions) string {
			if v, _ := o.reporterFlags.get("json", "export"); v != "out.json" {
				return "json export = " + v
			}
			return ""
		}},
		{name: "reporter options without the reporter", args: []string{"c.json", "--reporter-junit-export", "j.xml"}, wantErr: "junit reporter is not enabled"},
		{name: "unknown reporter", args: []string{"c.json", "-r", "htmlextra"}, wantErr: "unknown reporter"},
		{name: "parallel zero", args: []string{"c.json", "--parallel", "0"}, wantErr: "--parallel must be"},
		{name: "bad colour", args: []string{"c.json", "--color", "purple"}, wantErr: "invalid value"},
		{name: "env var without =", args: []string{"c.json", "--env-var", "novalue"}, wantErr: "expected key=value"},
		{name: "iteration count zero", args: []string{"c.json", "-n", "0"}, wantErr: "--iteration-count must be"},
		{name: "client cert without key", args: []string{"c.json", "--ssl-client-cert", "c.pem"}, wantErr: "must be given together"},
		{name: "unknown flag", args: []string{"c.json", "--frobnicate"}, wantErr: "unknown flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o, err := parseRun(t, tt.env, tt.args...)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				var ue *usageError
				if !errors.As(err, &ue) && !isCobraUsage(err) {
					t.Errorf("err %v is not a usage error (exit code %d)", err, exitCodeOf(err))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if msg := tt.check(o); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func shardIs(i, n int) func(*runOptions) string {
	return func(o *runOptions) string {
		if o.shard.index != i || o.shard.count != n {
			return "shard = " + o.shard.String()
		}
		return ""
	}
}

func ptr[T any](v T) *T { return &v }

func seedIs(want *uint64) func(*runOptions) string {
	return func(o *runOptions) string {
		if (o.seedValue == nil) != (want == nil) || want != nil && *o.seedValue != *want {
			return fmt.Sprintf("seed = %v, want %v", o.seedValue, want)
		}
		return ""
	}
}
