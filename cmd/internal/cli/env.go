package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

// Env is all the process state the commands touch: arguments, standard streams, environment
// variables, the working directory and the clock. Only NewOSEnv reads the real process;
// tests build an Env with buffers and a map.
type Env struct {
	Args   []string // without the program name
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// StdinIsTerminal / StdoutIsTerminal say whether prompts and colour are possible.
	StdinIsTerminal  bool
	StdoutIsTerminal bool
	// ReadPassword reads a line from the terminal without echo (nil when not interactive).
	ReadPassword func(prompt string) (string, error)
	// RestoreTerminal puts the terminal back as it was when pmrun started (echo on), for a
	// prompt abandoned by Ctrl-C; nil when stdin is not a terminal.
	RestoreTerminal func()
	Dir             string // working directory
	Now             func() time.Time
	// Exit ends the process at once with a code: the last resort when a script is stuck in
	// a native call after its limit (see runaway in runexec.go). nil (tests): the run waits
	// for the script instead.
	Exit func(code int)
}

// NewOSEnv returns the Env of the running process.
func NewOSEnv() *Env {
	dir, _ := os.Getwd() // "" makes relative paths relative to the process's directory anyway
	env := &Env{
		Args:             os.Args[1:],
		Stdin:            os.Stdin,
		Stdout:           os.Stdout,
		Stderr:           os.Stderr,
		Getenv:           os.Getenv,
		StdinIsTerminal:  term.IsTerminal(int(os.Stdin.Fd())),
		StdoutIsTerminal: term.IsTerminal(int(os.Stdout.Fd())),
		Dir:              dir,
		Now:              time.Now,
		Exit:             os.Exit,
	}
	if env.StdinIsTerminal {
		env.ReadPassword = func(prompt string) (string, error) {
			return readPassword(os.Stdin, os.Stderr, prompt)
		}
		if state, err := term.GetState(int(os.Stdin.Fd())); err == nil {
			env.RestoreTerminal = func() { _ = term.Restore(int(os.Stdin.Fd()), state) }
		}
	}
	return env
}

// readPassword prompts on w and reads one line from the terminal in without echoing it.
func readPassword(in *os.File, w io.Writer, prompt string) (string, error) {
	warnf(w, "%s", prompt)
	b, err := term.ReadPassword(int(in.Fd()))
	warnf(w, "\n")
	if err != nil {
		return "", fmt.Errorf("reading from the terminal: %w", err)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}
