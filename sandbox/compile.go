package sandbox

import (
	"errors"
	"fmt"
	"hash/maphash"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
)

// The user's script becomes the body of an async function, so that top-level await works
// and top-level let/const of one script do not collide with another's. The head shares the
// first line with the script, so line numbers need no shifting (columns on line 1 do).
const (
	wrapHead = "(async function () {"
	wrapTail = "\n})"
)

// programCache keeps compiled scripts by name and source, so a script that runs again (the
// next iteration, the collection's own scripts before every request) is compiled once.
//
// A program is kept from the second time its script runs: most scripts of a long collection
// run once per iteration, and keeping every one of them the first time held megabytes of
// programs nobody asked for again (a compiled program takes about 20 times its source; on
// 1000 distinct scripted requests that was 6 MiB of peak memory). What was compiled once is
// remembered only as a hash in seen. The cache is bounded by the size of the sources it
// holds and emptied when full: a run with more repeated script text than that recompiles
// (tens of microseconds a script) rather than growing; seen is emptied the same way.
type programCache struct {
	maxBytes int
	bytes    int
	progs    map[string]*goja.Program
	seen     map[uint64]struct{}
	seed     maphash.Seed
}

const (
	// defaultProgramCacheBytes is the source size the program cache holds (about 5 MiB
	// compiled).
	defaultProgramCacheBytes = 256 << 10
	// maxSeen bounds the hashes of scripts compiled once (16 bytes or so each).
	maxSeen = 1 << 16
)

func newProgramCache(maxBytes int) *programCache {
	return &programCache{maxBytes: maxBytes, progs: make(map[string]*goja.Program),
		seen: make(map[uint64]struct{}), seed: maphash.MakeSeed()}
}

// get returns the compiled wrapper of src, or a SyntaxError.
func (c *programCache) get(name, src string) (*goja.Program, *ScriptError) {
	key := name + "\x00" + src
	if p, ok := c.progs[key]; ok {
		return p, nil
	}
	p, err := goja.Compile(name, wrapHead+src+wrapTail, false)
	if err != nil {
		if p = compileDynamicImport(name, src); p == nil {
			return nil, syntaxError(err)
		}
	}
	h := maphash.String(c.seed, key)
	if _, again := c.seen[h]; !again {
		if len(c.seen) >= maxSeen {
			clear(c.seen)
		}
		c.seen[h] = struct{}{}
		return p, nil
	}
	delete(c.seen, h)
	if c.bytes+len(key) > c.maxBytes {
		clear(c.progs)
		c.bytes = 0
	}
	c.progs[key] = p
	c.bytes += len(key)
	return p, nil
}

// syntaxError converts a compile error into a ScriptError named SyntaxError.
func syntaxError(err error) *ScriptError {
	e := &ScriptError{Name: "SyntaxError", Message: err.Error()}
	var list parser.ErrorList
	var one *parser.Error
	var cse *goja.CompilerSyntaxError
	switch {
	case errors.As(err, &list) && len(list) > 0:
		e.Message = list[0].Message
		e.Line, e.Column = list[0].Position.Line, list[0].Position.Column
	case errors.As(err, &one):
		e.Message = one.Message
		e.Line, e.Column = one.Position.Line, one.Position.Column
	case errors.As(err, &cse):
		e.Message = cse.Message
		if cse.File != nil {
			pos := cse.File.Position(cse.Offset)
			e.Line, e.Column = pos.Line, pos.Column
		} else {
			e.Message, e.Line, e.Column = splitSyntaxMessage(cse.Message)
		}
	}
	e.Column = userColumn(e.Line, e.Column)
	return e
}

// splitSyntaxMessage takes goja's "<name>: Line L:C <message> (and N more errors)" apart.
func splitSyntaxMessage(msg string) (string, int, int) {
	i := strings.Index(msg, "Line ")
	if i < 0 {
		return msg, 0, 0
	}
	rest := msg[i+len("Line "):]
	var line, col int
	pos, text, ok := strings.Cut(rest, " ")
	if !ok {
		return msg, 0, 0
	}
	if _, err := fmt.Sscanf(pos, "%d:%d", &line, &col); err != nil {
		return msg, 0, 0
	}
	if j := strings.LastIndex(text, " (and "); j >= 0 && strings.HasSuffix(text, " more errors)") {
		text = text[:j]
	}
	return text, line, col
}

// userColumn maps a column of the wrapped source to the user's script.
func userColumn(line, col int) int {
	if line == 1 && col > len(wrapHead) {
		return col - len(wrapHead)
	}
	return col
}

// legacyEnabled reports whether Postman's legacy globals answer for src: they do unless the
// script starts with the "use sandbox2" directive.
func legacyEnabled(src string) bool {
	s := strings.TrimLeft(src, " \t\r\n\ufeff")
	return !strings.HasPrefix(s, `"use sandbox2"`) && !strings.HasPrefix(s, `'use sandbox2'`)
}
