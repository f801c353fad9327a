package cli

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	jsonreport "github.com/pmrun/pmrun/runner/report/json"
)

// shardFlag is --shard i/n, or --shard auto: i and n read from the CI engine's environment
// (resolveAuto).
type shardFlag struct {
	index, count int
	auto         bool
}

func (s *shardFlag) String() string {
	if s.auto && s.count == 0 {
		return "auto"
	}
	if s.count == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.index, s.count)
}

func (s *shardFlag) Set(v string) error {
	if strings.TrimSpace(v) == "auto" {
		*s = shardFlag{auto: true}
		return nil
	}
	i, n, ok := strings.Cut(v, "/")
	index, err1 := strconv.Atoi(strings.TrimSpace(i))
	count, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil || count < 1 || index < 1 || index > count {
		return fmt.Errorf("%q is not a shard: want i/n with 1 ≤ i ≤ n, e.g. 2/4, or auto", v)
	}
	s.index, s.count = index, count
	return nil
}

func (s *shardFlag) Type() string { return "i/n|auto" }

// shardEngines are the fan-out engines --shard auto knows, in the order it asks them: the
// index variable, whether it counts from 0, the total variable.
var shardEngines = []struct {
	name, index, total string
	zeroBased          bool
}{
	// A Kubernetes Indexed Job sets JOB_COMPLETION_INDEX; the pod template must set
	// JOB_COMPLETIONS to the Job's spec.completions (Kubernetes exposes no total).
	{"Kubernetes Indexed Job", "JOB_COMPLETION_INDEX", "JOB_COMPLETIONS", true},
	{"GitLab parallel", "CI_NODE_INDEX", "CI_NODE_TOTAL", false},
	{"Buildkite parallelism", "BUILDKITE_PARALLEL_JOB", "BUILDKITE_PARALLEL_JOB_COUNT", true},
}

// resolveAuto turns --shard auto into i/n from the first engine whose index variable is
// set (GitLab's CI_NODE_TOTAL alone, as in a job without parallel:, is shard 1 of 1).
func (s *shardFlag) resolveAuto(getenv func(string) string) error {
	if !s.auto {
		return nil
	}
	for _, e := range shardEngines {
		idx, total := strings.TrimSpace(getenv(e.index)), strings.TrimSpace(getenv(e.total))
		if idx == "" && e.index == "CI_NODE_INDEX" && total == "1" {
			idx = "1"
		}
		if idx == "" {
			continue
		}
		if total == "" {
			return &usageError{fmt.Sprintf("--shard auto: %s is set (%s) but %s is not", e.index, e.name, e.total)}
		}
		i, err1 := strconv.Atoi(idx)
		n, err2 := strconv.Atoi(total)
		if e.zeroBased {
			i++
		}
		if err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
			return &usageError{fmt.Sprintf("--shard auto: %s=%q and %s=%q (%s) are not a shard index and total",
				e.index, idx, e.total, total, e.name)}
		}
		s.index, s.count = i, n
		return nil
	}
	var names []string
	for _, e := range shardEngines {
		names = append(names, e.index+" and "+e.total+" ("+e.name+")")
	}
	return &usageError{"--shard auto: no shard in the environment; set " + strings.Join(names, ", or ")}
}

func newReportCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Work with run reports",
	}
	cmd.AddCommand(newReportMergeCmd(env))
	return cmd
}

func newReportMergeCmd(env *Env) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "merge REPORT.json... -o MERGED.json",
		Short: "Join the JSON reports of the shards of a run (run --shard i/n) into one",
		Long: "Join the JSON reports that `pmrun run --shard i/n -r json` wrote in each CI job into the\n" +
			"report of the whole run: stats summed, executions and failures in iteration order,\n" +
			"timings combined. Newman's JSON reports of the same collection merge the same way.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return &usageError{"report merge needs -o FILE for the merged report"}
			}
			return mergeReports(cmd.Context(), env, out, args)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "where to write the merged report")
	return cmd
}

func mergeReports(ctx context.Context, env *Env, out string, inputs []string) error {
	reports := make([][]byte, len(inputs))
	for i, name := range inputs {
		data, err := readInput(ctx, env, "report", name)
		if err != nil {
			return err
		}
		reports[i] = data
	}
	var buf bytes.Buffer
	if err := jsonreport.Merge(&buf, inputs, reports); err != nil {
		return &inputError{err}
	}
	if err := writeOutput(env, out, buf.Bytes()); err != nil {
		return err
	}
	return writef(env.Stdout, "Merged %d reports into %s.\n", len(inputs), out)
}
