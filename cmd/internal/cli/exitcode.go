package cli

import (
	"context"
	"errors"
)

// Exit codes of pmrun. They are documented in README.md ("Exit codes"); keep both in step.
const (
	ExitOK          = 0   // the run passed
	ExitFailures    = 1   // the run had failures (assertions, script or request errors)
	ExitUsage       = 2   // bad command line: unknown flag, bad flag value, missing argument
	ExitInput       = 3   // unreadable or invalid collection, environment, globals or data file
	ExitVault       = 4   // the vault or a secret provider failed
	ExitReporter    = 5   // a reporter could not write its output
	ExitInternal    = 70  // a bug in pmrun: please report it
	ExitInterrupted = 130 // stopped by Ctrl-C / SIGINT
)

// exitCoder is implemented by errors that choose their exit code.
type exitCoder interface{ ExitCode() int }

// usageError is a command-line mistake.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// ExitCode implements exitCoder.
func (e *usageError) ExitCode() int { return ExitUsage }

// inputError is a problem with an input file.
type inputError struct{ err error }

func (e *inputError) Error() string { return e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

// ExitCode implements exitCoder.
func (e *inputError) ExitCode() int { return ExitInput }

// exitError carries an exit code without a message (the output already says why).
type exitError struct{ code int }

func (e *exitError) Error() string { return "" }

// ExitCode implements exitCoder.
func (e *exitError) ExitCode() int { return e.code }

func exitCodeOf(err error) int {
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, context.Canceled) {
		return ExitInterrupted
	}
	var ec exitCoder
	if errors.As(err, &ec) {
		return ec.ExitCode()
	}
	return ExitFailures
}
