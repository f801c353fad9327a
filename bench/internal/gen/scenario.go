package gen

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind is the shape of a generated collection.
type Kind string

// The kinds of scenario.
const (
	Empty    Kind = "empty"
	Plain    Kind = "plain"
	Scripted Kind = "scripted"
	Heavy    Kind = "heavy"
	AES      Kind = "aes"
	Digest   Kind = "digest"
	Data     Kind = "data"
	// CPU is a data run without server latency: I iterations × CPUItems scripted
	// requests, CPU-bound, for measuring how --parallel scales on CPU work.
	CPU Kind = "cpu"
)

// DataItems is how many requests each iteration of a data scenario sends.
const DataItems = 2

// CPUItems is how many requests each iteration of a cpu scenario sends.
const CPUItems = 10

// Scenario is one benchmark input: a collection, maybe a data file, and the number of
// requests a correct run sends.
type Scenario struct {
	Name string // as given, e.g. "scripted-1000"
	Kind Kind
	// N is the number of requests (plain, scripted, heavy, aes, digest) or iterations (data, cpu).
	N int
}

// Parse reads a scenario name: "empty" or "<kind>-<N>" with N ≥ 1.
func Parse(name string) (Scenario, error) {
	if name == string(Empty) {
		return Scenario{Name: name, Kind: Empty}, nil
	}
	kind, num, ok := strings.Cut(name, "-")
	if !ok {
		return Scenario{}, fmt.Errorf("scenario %q: want empty or kind-N (plain, scripted, heavy, aes, digest, data, cpu)", name)
	}
	switch Kind(kind) {
	case Plain, Scripted, Heavy, AES, Digest, Data, CPU:
	default:
		return Scenario{}, fmt.Errorf("scenario %q: unknown kind %q", name, kind)
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 {
		return Scenario{}, fmt.Errorf("scenario %q: N must be a positive integer", name)
	}
	return Scenario{Name: name, Kind: Kind(kind), N: n}, nil
}

// Requests is how many requests a correct run of the scenario sends.
func (s Scenario) Requests() int {
	switch s.Kind {
	case Empty:
		return 0
	case Data:
		return s.N * DataItems
	case CPU:
		return s.N * CPUItems
	default:
		return s.N
	}
}

// Iterations is the number of iterations a run makes (the rows of the data file).
func (s Scenario) Iterations() int {
	if s.Kind == Data || s.Kind == CPU {
		return s.N
	}
	return 1
}
