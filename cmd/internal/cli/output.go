package cli

import (
	"fmt"
	"io"
)

// writef writes part of a command's normal output (the text a user or a script reads on
// stdout). A failed write is returned, naming the output, so that a command whose output was
// lost (closed pipe, full disk) does not exit 0 as if the user had received it.
func writef(w io.Writer, format string, args ...any) error {
	if _, err := fmt.Fprintf(w, format, args...); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// warnf writes a diagnostic (an error, warning or hint) to w, which is standard error. A
// failed write is ignored on purpose: standard error is where pmrun reports failures, so
// there is nowhere left to report this one, and the exit code still says what happened.
func warnf(w io.Writer, format string, args ...any) {
	_, _ = fmt.Fprintf(w, format, args...)
}
