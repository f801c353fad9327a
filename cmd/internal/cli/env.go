package cli

import (
	"io"
	"os"
	"time"
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
	Dir          string // working directory
	Now          func() time.Time
}

// NewOSEnv returns the Env of the running process.
func NewOSEnv() *Env {
	dir, _ := os.Getwd()
	return &Env{
		Args:   os.Args[1:],
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Getenv: os.Getenv,
		Dir:    dir,
		Now:    time.Now,
	}
}
