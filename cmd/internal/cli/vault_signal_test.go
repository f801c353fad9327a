//go:build linux

package cli

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gofrs/flock"
	"golang.org/x/sys/unix"

	"github.com/pmrun/pmrun/pmvault"
)

// TestVaultHelperProcess is not a test: the signal tests start the test binary running it,
// so that it is a real pmrun process with Main's signal handling.
func TestVaultHelperProcess(t *testing.T) {
	args := os.Getenv("PMRUN_HELPER_ARGS")
	if args == "" {
		t.Skip("only run as a child process by the signal tests")
	}
	env := NewOSEnv()
	env.Args = strings.Split(args, "\x1f")
	os.Exit(Main(env))
}

// startHelper starts "pmrun ARGS" as a child process in the vault test env e.
func startHelper(t *testing.T, e *vaultTestEnv, stdin *os.File, stderr *bytes.Buffer, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestVaultHelperProcess$")
	cmd.Env = append(os.Environ(), "PMRUN_HELPER_ARGS="+strings.Join(args, "\x1f"),
		"HOME="+e.vars["HOME"], "PMRUN_VAULT_KEY="+e.vars["PMRUN_VAULT_KEY"], "XDG_CONFIG_HOME=", "PMRUN_VAULT_FILE=")
	if stdin != nil {
		cmd.Stdin = stdin
	}
	cmd.Stderr = stderr
	cmd.Stdout = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return cmd
}

// waitFor waits until cond holds, failing the test after a generous bound (a hang guard,
// not a timing assertion).
func waitForCond(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// exitWithin waits for cmd to end and returns its exit code; -1 if it does not end.
func exitWithin(cmd *exec.Cmd, d time.Duration) int {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			return -2
		}
		return 0
	case <-time.After(d):
		_ = cmd.Process.Kill()
		if err := <-done; err == nil {
			return 0
		}
		return -1
	}
}

// ptyScreen collects what a child writes to its terminal.
type ptyScreen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *ptyScreen) Write(p []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.Write(p)
}

func (s *ptyScreen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// openPTY opens a pseudo-terminal pair (Linux /dev/ptmx).
func openPTY(t *testing.T) (ptm, pts *os.File) {
	t.Helper()
	fd, err := unix.Open("/dev/ptmx", unix.O_RDWR|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	ptm = os.NewFile(uintptr(fd), "/dev/ptmx")
	t.Cleanup(func() { _ = ptm.Close() })
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlocking the pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Skipf("pseudo-terminal number: %v", err)
	}
	pts, err = os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("opening the pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { _ = pts.Close() })
	return ptm, pts
}

// TestVaultSetInterruptedReadingPipe: SIGINT while "vault set" waits for the rest of its
// stdin pipe stops it at once with exit 130, and the vault file is unchanged.
func TestVaultSetInterruptedReadingPipe(t *testing.T) {
	t.Parallel()
	e := newVaultTestEnv(t)
	e.initVault()
	e.mustRun("old-value\n", "set", "apiKey")
	before, err := os.ReadFile(e.path)
	if err != nil {
		t.Fatal(err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close(); _ = w.Close() })
	var out bytes.Buffer
	cmd := startHelper(t, e, r, &out, "vault", "set", "apiKey")
	if _, err := w.WriteString("half a new val"); err != nil { // the writer never closes
		t.Fatal(err)
	}
	// The child reads stdin once it has opened the vault: signal it when the pipe's data is
	// consumed, that is while it waits for the rest.
	waitForCond(t, "the child to read stdin", func() bool {
		n, err := unix.IoctlGetInt(int(r.Fd()), unix.TIOCINQ)
		return err == nil && n == 0
	})
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if code := exitWithin(cmd, 10*time.Second); code != ExitInterrupted {
		t.Fatalf("exit code %d after SIGINT, want 130 (-1: still running)\n%s", code, out.String())
	}
	after, err := os.ReadFile(e.path)
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("the vault file changed (%v)", err)
	}
	if !strings.Contains(out.String(), "interrupted") {
		t.Errorf("output %q does not say it was interrupted", out.String())
	}
}

// TestVaultSetInterruptedAtPrompt: SIGINT at the no-echo prompt of "vault set" stops it at
// once with exit 130, puts the terminal back (echo on) and leaves the vault unchanged.
func TestVaultSetInterruptedAtPrompt(t *testing.T) {
	t.Parallel()
	e := newVaultTestEnv(t)
	e.initVault()
	e.mustRun("old-value\n", "set", "apiKey")
	before, err := os.ReadFile(e.path)
	if err != nil {
		t.Fatal(err)
	}
	ptm, pts := openPTY(t)
	// Everything the child writes to the terminal comes out of ptm.
	var screen ptyScreen
	go func() {
		buf := make([]byte, 1024)
		for {
			n, err := ptm.Read(buf)
			screen.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	var out bytes.Buffer
	cmd := exec.Command(os.Args[0], "-test.run=^TestVaultHelperProcess$")
	cmd.Env = append(os.Environ(), "PMRUN_HELPER_ARGS=vault\x1fset\x1fapiKey",
		"HOME="+e.vars["HOME"], "PMRUN_VAULT_KEY="+e.vars["PMRUN_VAULT_KEY"], "XDG_CONFIG_HOME=", "PMRUN_VAULT_FILE=")
	cmd.Stdin, cmd.Stderr, cmd.Stdout = pts, pts, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	waitForCond(t, "the prompt", func() bool { return strings.Contains(screen.String(), "Value for apiKey:") })
	waitForCond(t, "echo turned off", func() bool {
		tio, err := unix.IoctlGetTermios(int(pts.Fd()), unix.TCGETS)
		return err == nil && tio.Lflag&unix.ECHO == 0
	})
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if code := exitWithin(cmd, 10*time.Second); code != ExitInterrupted {
		t.Fatalf("exit code %d after SIGINT, want 130 (-1: still running)\n%s", code, screen.String())
	}
	tio, err := unix.IoctlGetTermios(int(pts.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if tio.Lflag&unix.ECHO == 0 {
		t.Error("the terminal was left without echo")
	}
	after, err := os.ReadFile(e.path)
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("the vault file changed (%v)", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(e.path)); len(entries) > 2 {
		t.Errorf("files left next to the vault: %v", entries)
	}
}

// TestConcurrentRunsKeepVaultWrites runs two "pmrun run --vault" processes at once, each
// setting its own name with pm.vault.set, several times over: every name is in the vault
// afterwards (the runs' saves take the vault's lock and merge).
func TestConcurrentRunsKeepVaultWrites(t *testing.T) {
	t.Parallel()
	e := newVaultTestEnv(t)
	e.initVault()
	e.mustRun("", "scripts", "on")
	coll := `{"info": {"name": "s", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
	  "item": [{"name": "set", "event": [{"listen": "prerequest", "script": {"exec": [
	    "await pm.vault.set(pm.environment.get('nm'), 'value-' + pm.environment.get('nm'));"
	  ]}}], "request": {"url": "http://127.0.0.1:1/nowhere"}}]}`
	path := filepath.Join(e.env.Dir, "set.json")
	if err := os.WriteFile(path, []byte(coll), 0o600); err != nil {
		t.Fatal(err)
	}
	const rounds = 6
	for round := range rounds {
		var cmds []*exec.Cmd
		var outs []*bytes.Buffer
		for _, w := range []string{"a", "b"} {
			var out bytes.Buffer
			cmds = append(cmds, startHelper(t, e, nil, &out, "run", path, "--vault", "--env-var", fmt.Sprintf("nm=%s%d", w, round)))
			outs = append(outs, &out)
		}
		for i, cmd := range cmds {
			// The request fails on purpose (nothing listens): exit 1, but the set is saved.
			if code := exitWithin(cmd, 60*time.Second); code != ExitFailures {
				t.Fatalf("run exit code %d, want 1\n%s", code, outs[i].String())
			}
		}
	}
	v := e.open()
	var missing []string
	for round := range rounds {
		for _, w := range []string{"a", "b"} {
			name := fmt.Sprintf("%s%d", w, round)
			if sec, ok := v.Secret(name); !ok || sec.Value != "value-"+name {
				missing = append(missing, name)
			}
		}
	}
	if len(missing) > 0 {
		t.Fatalf("lost writes: %v", missing)
	}
}

// TestSecondInterruptEndsStuckRun: after a first SIGINT a run that is stuck outside any
// script (here saving its pm.vault.set while another process holds the vault's lock, which
// it would wait 30 s for) ends at the second SIGINT, as Ctrl-C twice does in a terminal.
func TestSecondInterruptEndsStuckRun(t *testing.T) {
	t.Parallel()
	e := newVaultTestEnv(t)
	e.initVault()
	e.mustRun("", "scripts", "on")
	reached := make(chan struct{}, 1)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		select {
		case reached <- struct{}{}:
		default:
		}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	coll := `{"info": {"name": "s", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
	  "item": [{"name": "set", "event": [{"listen": "prerequest", "script": {"exec": [
	    "await pm.vault.set('stuck', 'value-stuck');"
	  ]}}], "request": {"url": "` + srv.URL + `/hang"}}]}`
	path := filepath.Join(e.env.Dir, "stuck.json")
	if err := os.WriteFile(path, []byte(coll), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := startHelper(t, e, nil, &out, "run", path, "--vault")
	select {
	case <-reached:
	case <-time.After(20 * time.Second):
		t.Fatalf("the run never sent its request\n%s", out.String())
	}
	// Another process holds the vault's lock: the run's save at the end will wait for it.
	lock := flock.New(pmvault.LockPath(e.path))
	if err := lock.Lock(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = lock.Close() })
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // the run is now waiting for the lock
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case werr := <-done:
		ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if !ws.Signaled() || ws.Signal() != syscall.SIGINT {
			t.Errorf("the run ended with %v (%v), want killed by the second SIGINT\n%s", cmd.ProcessState, werr, out.String())
		}
	case <-time.After(10 * time.Second): // well under the 30 s the lock wait would take
		_ = cmd.Process.Kill()
		werr := <-done
		t.Fatalf("the second SIGINT did not end the run stuck waiting for the vault's lock (%v)\n%s", werr, out.String())
	}
}
