package harness

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"testing"
)

// The test binary doubles as the launcher and as a fake Newman-compatible tool, so the
// tests exercise real child processes without needing node or pmrun.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case LaunchArg:
			os.Exit(LaunchMain(os.Args[2:], os.Stdout, os.Stderr))
		case "run":
			os.Exit(fakeRun(os.Args[2:]))
		case "child":
			os.Exit(child(os.Args[2]))
		}
	}
	os.Exit(m.Run())
}

// child is a process that does one thing and exits.
func child(mode string) int {
	switch mode {
	case "exit3":
		fmt.Println("bye")
		return 3
	case "alloc":
		b := make([]byte, 32<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		return int(b[len(b)-4096]) - 1
	}
	return 0
}

// fakeRun is a tiny Newman: `run <collection> [--lazy] [--fail]` sends every request of
// the collection (every other one with --lazy) and exits 1 with --fail.
func fakeRun(args []string) int {
	b, err := os.ReadFile(args[0])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	var c struct {
		Item []struct {
			Request struct {
				URL struct {
					Raw string `json:"raw"`
				} `json:"url"`
			} `json:"request"`
		} `json:"item"`
	}
	if err := json.Unmarshal(b, &c); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	lazy := slices.Contains(args, "--lazy")
	for i, it := range c.Item {
		if lazy && i%2 == 1 {
			continue
		}
		resp, err := http.Get(it.Request.URL.Raw)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		_ = resp.Body.Close()
	}
	if slices.Contains(args, "--fail") {
		fmt.Println("1 assertion failed")
		return 1
	}
	return 0
}
