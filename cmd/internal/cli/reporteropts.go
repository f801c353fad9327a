package cli

import (
	"fmt"
	"sort"
	"strings"
)

// reporterOption describes one --reporter-<name>-<option> flag.
type reporterOption struct {
	takesValue bool
	help       string
	values     []string // the accepted values, when the option takes one of a few
}

// reporterOptions lists the reporters and the options each accepts (Newman's names).
var reporterOptions = map[string]map[string]reporterOption{
	"cli": {
		"no-summary":            {help: "do not print the summary table"},
		"no-failures":           {help: "do not print the failures table"},
		"no-assertions":         {help: "do not print assertions"},
		"no-success-assertions": {help: "print only failed assertions"},
		"no-console":            {help: "do not print console output"},
		"no-banner":             {help: "do not print the banner"},
		"silent":                {help: "print nothing"},
		"show-timestamps":       {help: "print a timestamp on each line"},
		"failure-details": {takesValue: true, values: []string{"summary", "full", "none"},
			help: "evidence of each failed request in the summary: summary (default: request line, " +
				"response status, headers, first 2 KB of the body, expected/actual), full (also the " +
				"request's headers and body, the whole response body up to 1 MB), none"},
	},
	"json": {
		"export":      {takesValue: true, help: "path of the JSON report"},
		"omit-bodies": {help: "leave response bodies out of the report"},
	},
	"junit": {
		"export": {takesValue: true, help: "path of the JUnit XML report"},
	},
	"jsonl": {
		"export": {takesValue: true, help: "path of the JSON-lines event stream (- for standard output)"},
	},
	"html": {
		"export": {takesValue: true, help: "path of the HTML report"},
	},
}

// reporterFlags holds the parsed --reporter-<name>-<option> values.
type reporterFlags map[string]map[string]string

func (f reporterFlags) get(reporter, option string) (string, bool) {
	v, ok := f[reporter][option]
	return v, ok
}

// extractReporterFlags removes every --reporter-<name>-<option>[=value] argument from args
// (cobra cannot declare them all) and validates it against reporterOptions, suggesting the
// closest known option for a typo.
func extractReporterFlags(args []string) ([]string, reporterFlags, error) {
	rest := make([]string, 0, len(args))
	flags := reporterFlags{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		if !strings.HasPrefix(a, "--reporter-") {
			rest = append(rest, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(a, "--reporter-"), "=")
		reporter, option, opt, err := lookupReporterOption(name)
		if err != nil {
			return nil, nil, err
		}
		if opt.takesValue && !hasValue {
			if i+1 >= len(args) || (strings.HasPrefix(args[i+1], "-") && args[i+1] != "-") {
				return nil, nil, &usageError{fmt.Sprintf("flag --reporter-%s needs a value", name)}
			}
			i++
			value = args[i]
		}
		if !opt.takesValue && hasValue {
			return nil, nil, &usageError{fmt.Sprintf("flag --reporter-%s takes no value", name)}
		}
		if len(opt.values) > 0 && !contains(opt.values, value) {
			return nil, nil, &usageError{fmt.Sprintf("flag --reporter-%s: %q is not one of %s", name, value,
				strings.Join(opt.values, ", "))}
		}
		if flags[reporter] == nil {
			flags[reporter] = map[string]string{}
		}
		flags[reporter][option] = value
	}
	return rest, flags, nil
}

func lookupReporterOption(name string) (string, string, reporterOption, error) {
	for reporter, opts := range reporterOptions {
		if option, ok := strings.CutPrefix(name, reporter+"-"); ok {
			if o, ok := opts[option]; ok {
				return reporter, option, o, nil
			}
		}
	}
	msg := fmt.Sprintf("unknown flag --reporter-%s", name)
	if s := closestReporterOption(name); s != "" {
		msg += fmt.Sprintf(" (did you mean --reporter-%s?)", s)
	}
	return "", "", reporterOption{}, &usageError{msg}
}

func closestReporterOption(name string) string {
	var all []string
	for reporter, opts := range reporterOptions {
		for option := range opts {
			all = append(all, reporter+"-"+option)
		}
	}
	sort.Strings(all)
	best, bestDist := "", 4
	for _, c := range all {
		if d := levenshtein(name, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
