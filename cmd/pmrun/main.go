// Command pmrun runs Postman collections from the command line.
package main

import (
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/pmrun/pmrun/cmd/internal/cli"
)

func main() {
	if p := os.Getenv("PMRUN_CPUPROFILE"); p != "" {
		os.Exit(runProfiled(p))
	}
	os.Exit(cli.Main(cli.NewOSEnv()))
}

// runProfiled runs pmrun while writing a CPU profile to path (a developer aid, set through
// PMRUN_CPUPROFILE). A profile that cannot be started or saved is reported on stderr, but
// the run goes ahead and keeps its own exit code: profiling must not change the outcome.
func runProfiled(path string) int {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pmrun: cpu profile: %v\n", err)
		return cli.Main(cli.NewOSEnv())
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "pmrun: cpu profile: %v\n", err)
		_ = f.Close() // nothing was written to it
		return cli.Main(cli.NewOSEnv())
	}
	code := cli.Main(cli.NewOSEnv())
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "pmrun: cpu profile %s: %v\n", path, err)
	}
	return code
}
