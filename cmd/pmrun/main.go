// Command pmrun runs Postman collections from the command line.
package main

import (
	"os"
	"runtime/pprof"

	"github.com/pmrun/pmrun/cmd/internal/cli"
)

func main() {
	if p := os.Getenv("PMRUN_CPUPROFILE"); p != "" {
		f, _ := os.Create(p)
		pprof.StartCPUProfile(f)
		code := cli.Main(cli.NewOSEnv())
		pprof.StopCPUProfile()
		f.Close()
		os.Exit(code)
	}
	os.Exit(cli.Main(cli.NewOSEnv()))
}
