package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// TestVaultCommandsConcurrent runs "vault set" and other editing commands at the same
// moment on one vault file, many times: every change must be on disk afterwards.
func TestVaultCommandsConcurrent(t *testing.T) {
	t.Parallel()
	e := newVaultTestEnv(t)
	e.initVault()
	const rounds = 15
	for round := range rounds {
		cmds := [][]string{
			{"set", fmt.Sprintf("a%d", round)},
			{"set", fmt.Sprintf("b%d", round)},
			{"link", fmt.Sprintf("c%d", round), "op://Shared/DB/password"},
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, len(cmds))
		for i, args := range cmds {
			env := *e.env
			var out bytes.Buffer
			env.Stdout, env.Stderr = &out, &out
			env.Stdin = strings.NewReader("value-of-" + args[1] + "\n")
			wg.Go(func() {
				cmd := newVaultCmdWith(&env, e.deps)
				cmd.SetArgs(args)
				cmd.SetOut(&out)
				cmd.SetErr(&out)
				<-start
				if err := cmd.ExecuteContext(context.Background()); err != nil {
					errs[i] = fmt.Errorf("vault %v: %w: %s", args, err, out.String())
				}
			})
		}
		close(start)
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
	}
	v := e.open()
	var missing []string
	for round := range rounds {
		for _, p := range []string{"a", "b", "c"} {
			name := fmt.Sprintf("%s%d", p, round)
			sec, ok := v.Secret(name)
			if !ok || (p != "c" && sec.Value != "value-of-"+name) {
				missing = append(missing, name)
			}
		}
	}
	if len(missing) > 0 {
		t.Fatalf("lost writes: %v", missing)
	}
}
