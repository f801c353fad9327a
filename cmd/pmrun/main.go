// Command pmrun runs Postman collections from the command line.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"

	"github.com/pmrun/pmrun/cmd/internal/cli"
	"github.com/pmrun/pmrun/sandbox"
)

func main() {
	if p := os.Getenv("PMRUN_MEMPROFILE"); p != "" {
		os.Exit(runMemProfiled(p))
	}
	if p := os.Getenv("PMRUN_JSPROFILE"); p != "" {
		os.Exit(runJSProfiled(p))
	}
	if p := os.Getenv("PMRUN_CPUPROFILE"); p != "" {
		os.Exit(runProfiled(p))
	}
	os.Exit(cli.Main(cli.NewOSEnv()))
}

// runProfiled runs pmrun while writing a CPU profile to path (a developer aid, set through
// PMRUN_CPUPROFILE). A profile that cannot be started or saved is reported on stderr, but
// the run goes ahead and keeps its own exit code: profiling must not change the outcome.
func runProfiled(path string) int {
	return runWithProfile(path, "cpu profile", pprof.StartCPUProfile, pprof.StopCPUProfile)
}

// runJSProfiled runs pmrun while the sandbox samples the JavaScript call stacks of every script
// into a pprof profile at path (PMRUN_JSPROFILE): where a slow script spends its time, by JS
// function and line. Like runProfiled, a failure to profile never changes the outcome.
func runJSProfiled(path string) int {
	return runWithProfile(path, "js profile", sandbox.StartJSProfile, sandbox.StopJSProfile)
}

// runWithProfile runs pmrun between start and stop of a profile written to path; what fails
// in profiling is reported as kind on stderr and the run keeps its own exit code.
func runWithProfile(path, kind string, start func(io.Writer) error, stop func()) int {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pmrun: %s: %v\n", kind, err)
		return cli.Main(cli.NewOSEnv())
	}
	if err := start(f); err != nil {
		fmt.Fprintf(os.Stderr, "pmrun: %s: %v\n", kind, err)
		_ = f.Close() // nothing was written to it
		return cli.Main(cli.NewOSEnv())
	}
	code := cli.Main(cli.NewOSEnv())
	stop()
	if err := f.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "pmrun: %s %s: %v\n", kind, path, err)
	}
	return code
}

// runMemProfiled runs pmrun and then writes a heap profile to path (PMRUN_MEMPROFILE): its
// alloc_space view says what allocated how much over the whole run, which is what the
// garbage collector's share of a run's CPU follows.
func runMemProfiled(path string) int {
	code := cli.Main(cli.NewOSEnv())
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("allocs").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "pmrun: memory profile %s: %v\n", path, err)
	}
	return code
}
