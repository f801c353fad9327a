package sandbox

import (
	"encoding/base64"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// installGlobals adds the Go-implemented globals: timers, console, require, atob and btoa.
func (s *Sandbox) installGlobals(rt *jsRuntime) {
	vm := rt.vm
	g := vm.GlobalObject()
	_ = g.Set("setTimeout", s.setTimer(rt, false))
	_ = g.Set("setInterval", s.setTimer(rt, true))
	_ = g.Set("setImmediate", func(c goja.FunctionCall) goja.Value {
		fn := callback(vm, c.Argument(0))
		args := append([]goja.Value(nil), c.Arguments[min(1, len(c.Arguments)):]...)
		return vm.ToValue(rt.loop.addTimer(0, false, func() { s.callTimer(fn, args) }))
	})
	clearer := func(c goja.FunctionCall) goja.Value {
		if id := c.Argument(0); !goja.IsUndefined(id) && !goja.IsNull(id) {
			rt.loop.clearTimer(id.ToInteger())
		}
		return goja.Undefined()
	}
	_ = g.Set("clearTimeout", clearer)
	_ = g.Set("clearInterval", clearer)
	_ = g.Set("clearImmediate", clearer)
	_ = g.Set("require", func(c goja.FunctionCall) goja.Value { return rt.require(c.Argument(0).String()) })
	_ = g.Set("atob", func(c goja.FunctionCall) goja.Value { return vm.ToValue(atob(vm, c.Argument(0).String())) })
	_ = g.Set("btoa", func(c goja.FunctionCall) goja.Value { return vm.ToValue(btoa(vm, c.Argument(0).String())) })
	_ = g.Set("console", s.console(rt))
}

func callback(vm *goja.Runtime, v goja.Value) goja.Callable {
	fn, ok := goja.AssertFunction(v)
	if !ok {
		throw(vm, "TypeError", `The "callback" argument must be of type function. Received `+v.String())
	}
	return fn
}

// setTimer implements setTimeout / setInterval (fn, delay, ...args).
func (s *Sandbox) setTimer(rt *jsRuntime, repeat bool) func(goja.FunctionCall) goja.Value {
	return func(c goja.FunctionCall) goja.Value {
		fn := callback(rt.vm, c.Argument(0))
		ms := c.Argument(1).ToFloat()
		if math.IsNaN(ms) || ms < 0 {
			ms = 0
		}
		args := append([]goja.Value(nil), c.Arguments[min(2, len(c.Arguments)):]...)
		d := time.Duration(ms * float64(time.Millisecond))
		return rt.vm.ToValue(rt.loop.addTimer(d, repeat, func() { s.callTimer(fn, args) }))
	}
}

// callTimer runs a timer callback. As in Newman, an exception thrown by the callback does
// not fail the script: other timers and host calls still run; it is shown as a console
// warning (see asyncError). Interrupts and stack overflows still end the script.
func (s *Sandbox) callTimer(fn goja.Callable, args []goja.Value) {
	if _, err := fn(goja.Undefined(), args...); err != nil && s.cur != nil {
		s.asyncError(s.cur, err)
	}
}

// asyncError handles an error returned by goja from an asynchronous callback (a timer, a
// pm.sendRequest callback): Postman's sandbox drops it without changing the script's
// outcome, so pmrun only warns on the console, naming the script and the line. Uncatchable
// errors (interrupt, stack overflow) still end the script.
func (s *Sandbox) asyncError(x *execState, err error) {
	var ex *goja.Exception
	if !errors.As(err, &ex) {
		s.jsFailure(x, err)
		return
	}
	s.warnAsync(x, s.errorFromValue(ex.Value(), x.ex, ex), "error in an async callback ignored (as Newman does)")
}

// warnAsync shows an ignored error as a console warning: what, the error and where.
func (s *Sandbox) warnAsync(x *execState, e *ScriptError, what string) {
	if e == nil {
		return
	}
	desc := e.Name
	switch {
	case desc == "" && e.Message == "":
		desc = strings.TrimPrefix(e.Stack, "Uncaught ")
	case desc == "":
		desc = e.Message
	case e.Message != "":
		desc += ": " + e.Message
	}
	where := x.ex.ScriptName
	if e.Line > 0 {
		where += " line " + strconv.Itoa(e.Line)
	}
	s.emit(ConsoleEvent{Level: "warn", Text: what + ": " + desc + " (" + where + ")"})
}

// console returns the console object: every call becomes a ConsoleEvent.
func (s *Sandbox) console(rt *jsRuntime) *goja.Object {
	vm := rt.vm
	c := vm.NewObject()
	for _, level := range []string{"log", "info", "warn", "error", "debug", "trace"} {
		lvl := level
		if lvl == "trace" {
			lvl = "log"
		}
		_ = c.Set(level, func(call goja.FunctionCall) goja.Value {
			text, err := rt.format(goja.Undefined(), vm.NewArray(valuesToAny(call.Arguments)...))
			if err != nil {
				panic(err)
			}
			s.emit(ConsoleEvent{Level: lvl, Text: text.String(), Line: s.callerLine(vm)})
			return goja.Undefined()
		})
	}
	_ = c.Set("clear", func(goja.FunctionCall) goja.Value { return goja.Undefined() })
	return c
}

// callerLine is the line of the running script that called the current Go function (0 when
// the script is not on the stack).
func (s *Sandbox) callerLine(vm *goja.Runtime) int {
	if s.cur == nil {
		return 0
	}
	var buf [8]goja.StackFrame
	for _, f := range vm.CaptureCallStack(len(buf), buf[:0]) {
		if f.SrcName() == s.cur.ex.ScriptName {
			return f.Position().Line
		}
	}
	return 0
}

func valuesToAny(vs []goja.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// btoa encodes a binary string (each char < 256) as base64, like the browser's.
func btoa(vm *goja.Runtime, s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			throw(vm, "Error", "Invalid character")
		}
		b = append(b, byte(r))
	}
	return base64.StdEncoding.EncodeToString(b)
}

// atob decodes base64 into a binary string, like the browser's.
func atob(vm *goja.Runtime, s string) string {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' {
			return -1
		}
		return r
	}, s)
	s = strings.TrimRight(s, "=")
	b, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		throw(vm, "Error", "The string to be decoded is not correctly encoded.")
	}
	var sb strings.Builder
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

func isUTF8(b []byte) bool { return utf8.Valid(b) }

func encodeBase64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
