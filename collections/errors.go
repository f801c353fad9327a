package collections

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// InputError reports a collection, variable or data file that cannot be used: invalid JSON,
// the wrong kind of document, a malformed CSV row. The CLI maps it to exit code 3 through
// ExitCode. Messages never include variable values.
type InputError struct {
	Kind   string // what was being parsed: "collection", "variable file", "data file"
	File   string // the file name as given by the caller
	Line   int    // 1-based line of the problem, 0 when unknown
	Column int    // 1-based column (in characters) of the problem, 0 when unknown
	Msg    string // what is wrong, e.g. "invalid JSON", "not a Postman collection"
	Err    error  // the underlying error, if any
}

// Error renders e.g. `parsing collection "x.json": invalid JSON at line 3, column 5: ...`
// or, with a line but no column, `parsing data file "d.csv": line 4: ...`.
func (e *InputError) Error() string {
	s := "parsing " + e.Kind
	if e.File != "" {
		s += " " + strconv.Quote(e.File)
	}
	switch {
	case e.Line > 0 && e.Column > 0:
		s += fmt.Sprintf(": %s at line %d, column %d", e.Msg, e.Line, e.Column)
	case e.Line > 0:
		s += fmt.Sprintf(": line %d: %s", e.Line, e.Msg)
	default:
		s += ": " + e.Msg
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

// ExitCode is 3, the CLI's exit code for invalid input files.
func (e *InputError) ExitCode() int { return 3 }

// jsonError turns a decoding error into an *InputError with the line and column computed
// from the decoder's byte offset into data.
func jsonError(kind, file string, data []byte, err error) *InputError {
	ie := &InputError{Kind: kind, File: file, Msg: "invalid JSON", Err: err}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		ie.Line, ie.Column = lineColumn(data, syn.Offset-1)
	case errors.As(err, &typ):
		ie.Msg = "unexpected JSON value"
		ie.Line, ie.Column = lineColumn(data, typ.Offset-1)
	case errors.Is(err, io.ErrUnexpectedEOF):
		ie.Line, ie.Column = lineColumn(data, int64(len(data)))
	}
	return ie
}

// lineColumn converts a byte offset into a 1-based line and character column.
func lineColumn(data []byte, offset int64) (line, col int) {
	if offset < 0 {
		offset = 0
	}
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	line, start := 1, 0
	for i := 0; i < int(offset); i++ {
		if data[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, utf8.RuneCount(data[start:offset]) + 1
}
