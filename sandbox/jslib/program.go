package jslib

import (
	"errors"
	"fmt"
	"sync"

	"github.com/dop251/goja"
)

// ErrUnknown is returned for a require name that has no embedded library.
var ErrUnknown = errors.New("no such library")

const (
	wrapperHead = "(function (module, exports, require) {"
	wrapperTail = "\n})"
)

// compiled is the process-wide compile result of one module.
type compiled struct {
	once sync.Once
	prog *goja.Program
	err  error
}

// programs holds one entry per module, created up front so that lookups
// need no lock; each entry compiles at most once.
var programs = newProgramCache()

func newProgramCache() map[string]*compiled {
	cache := make(map[string]*compiled, len(modules))
	for name := range modules {
		cache[name] = &compiled{}
	}
	return cache
}

// Program returns the compiled bundle of name. Running it in a runtime
// yields a function (module, exports, require) that fills module.exports.
// The Program is compiled on first use and shared; it is safe for
// concurrent use from several runtimes.
func Program(name string) (*goja.Program, error) {
	c, ok := programs[name]
	if !ok {
		return nil, fmt.Errorf("jslib module %q: %w", name, ErrUnknown)
	}
	c.once.Do(func() { c.prog, c.err = compile(name) })
	return c.prog, c.err
}

func compile(name string) (*goja.Program, error) {
	src, err := source(name)
	if err != nil {
		return nil, err
	}
	prog, err := goja.Compile("jslib/"+modules[name].File, wrapperHead+src+wrapperTail, false)
	if err != nil {
		return nil, fmt.Errorf("compile jslib module %q: %w", name, err)
	}
	return prog, nil
}
