package harness

import (
	"strconv"
	"strings"

	"github.com/pmrun/pmrun/bench/internal/gen"
)

// Row labels of the tools the driver knows.
const (
	LabelPmrun  = "pmrun"
	LabelNewman = "newman"
	LabelFloor  = "floor"
)

// Tool is the command behind one row of the table.
type Tool struct {
	// Label names the row: "pmrun", "newman", "floor", or pmrun with extra arguments.
	Label string
	// Path is the executable.
	Path string
	// Floor marks the plain Go client: it is run as `floor -url <url> -n <N>`.
	Floor bool
	// Extra are arguments after the Newman-style ones (a variant row such as --parallel 2).
	Extra []string
	// Base is the label of the row this one is compared with (variants), or "".
	Base string
}

// Argv is the command line that runs scenario s, whose files are f, against baseURL.
// Newman-compatible tools get `run <collection> [-d <data> -n <iterations>] [extra...]`.
func (t Tool) Argv(s gen.Scenario, f gen.Files, baseURL string) []string {
	if t.Floor {
		return []string{t.Path, "-url", strings.TrimSuffix(baseURL, "/") + "/get", "-n", strconv.Itoa(s.Requests())}
	}
	argv := []string{t.Path, "run", f.Collection}
	if f.Data != "" {
		argv = append(argv, "-d", f.Data, "-n", strconv.Itoa(s.Iterations()))
	}
	return append(argv, t.Extra...)
}

// Variant is an extra pmrun row for the scenarios of one kind, such as --parallel 2 on the
// iteration-data run.
type Variant struct {
	Kind gen.Kind
	Args []string
}

// ParseVariant reads "kind:args", e.g. "data:--parallel 2".
func ParseVariant(s string) (Variant, bool) {
	kind, args, ok := strings.Cut(s, ":")
	if !ok || strings.TrimSpace(args) == "" {
		return Variant{}, false
	}
	return Variant{Kind: gen.Kind(strings.TrimSpace(kind)), Args: strings.Fields(args)}, true
}

// tool is the variant's row, built on pmrun.
func (v Variant) tool(pmrun Tool) Tool {
	return Tool{Label: pmrun.Label + " " + strings.Join(v.Args, " "), Path: pmrun.Path, Extra: v.Args, Base: pmrun.Label}
}

// Flags are the --flags a variant passes, for checking that pmrun knows them.
func (v Variant) Flags() []string {
	var out []string
	for _, a := range v.Args {
		if name, _, _ := strings.Cut(a, "="); strings.HasPrefix(name, "--") {
			out = append(out, name)
		}
	}
	return out
}
