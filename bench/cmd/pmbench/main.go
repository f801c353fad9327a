// Command pmbench measures pmrun against Newman on the same generated collections and the
// same loopback server, and prints Markdown tables: medians, min–max and the pmrun/Newman
// ratios of wall time, CPU time and peak RSS, then the targets of issue 6. Every run is
// checked (exit status 0, exactly the expected number of requests seen by the server), so
// a fast wrong run cannot count.
//
//	go run ./bench/cmd/pmbench -pmrun bin/pmrun [-runs 5] [-n 1000] [-only scripted-1000] [-out FILE]
//
// See bench/README.md.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/pmrun/pmrun/bench/internal/harness"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == harness.LaunchArg {
		os.Exit(harness.LaunchMain(os.Args[2:], os.Stdout, os.Stderr))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
