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

// shardFlag is --shard i/n.
type shardFlag struct{ index, count int }

func (s *shardFlag) String() string {
	if s.count == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.index, s.count)
}

func (s *shardFlag) Set(v string) error {
	i, n, ok := strings.Cut(v, "/")
	index, err1 := strconv.Atoi(strings.TrimSpace(i))
	count, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil || count < 1 || index < 1 || index > count {
		return fmt.Errorf("%q is not a shard: want i/n with 1 ≤ i ≤ n, e.g. 2/4", v)
	}
	s.index, s.count = index, count
	return nil
}

func (s *shardFlag) Type() string { return "i/n" }

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
