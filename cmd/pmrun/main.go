// Command pmrun runs Postman collections from the command line.
package main

import (
	"os"

	"github.com/pmrun/pmrun/cmd/internal/cli"
)

func main() {
	os.Exit(cli.Main(cli.NewOSEnv()))
}
