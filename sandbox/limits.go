package sandbox

import (
	"math"
	"runtime"
	"runtime/metrics"
	"strconv"
	"time"

	"github.com/dlclark/regexp2/v2"
	"github.com/dop251/goja"
)

// Limits inside native calls. goja honours Interrupt (the script timeout, the memory watchdog,
// Ctrl-C) only between bytecode instructions, so a single built-in call that runs long or
// allocates much (new Array(2**28).fill(0), 'x'.repeat(2**30), a 2 GB JSON.stringify, a
// catastrophic regular expression) used to escape every limit. The sandbox replaces those
// built-ins with wrappers that check sizes before they allocate and, for long loops, work in
// chunks and look at the limits between chunks. goja itself is not forked.

// maxStringLength is the longest string a built-in may produce: V8's limit (2**29 - 24), past
// which Node throws "RangeError: Invalid string length" as pmrun does.
const maxStringLength = 1<<29 - 24

// RegexTimeout bounds one regular-expression call (test, exec, match, matchAll, replace,
// search, split). Patterns that Go's RE2 engine cannot run (lookarounds, back-references)
// run in a backtracking engine where a catastrophic pattern takes minutes; there the match
// stops after RegexTimeout and the call throws a RangeError (exec, kept native, returns null).
// It is process-wide (the engine's default is read when a pattern compiles).
const RegexTimeout = time.Second

// maxJSONDepth is the deepest object JSON.stringify serialises (the call-stack limit).
const maxJSONDepth = 10000

// fillChunk is how many elements Array.prototype.fill sets between two limit checks.
const fillChunk = 1 << 18

//nolint:gochecknoinits // regexp2 reads its default timeout when a pattern compiles: set it before any
func init() {
	regexp2.DefaultMatchTimeout = RegexTimeout
}

// installLimits replaces the built-ins that can run long or allocate much in one native call.
// It runs before any library loads, so libraries that keep a reference to a built-in
// (lodash's nativeJoin) keep the bounded one.
func (s *Sandbox) installLimits(rt *jsRuntime) {
	vm := rt.vm
	arrayProto := vm.Get("Array").ToObject(vm).Get("prototype").ToObject(vm)
	stringProto := vm.Get("String").ToObject(vm).Get("prototype").ToObject(vm)
	regexpProto := vm.Get("RegExp").ToObject(vm).Get("prototype").ToObject(vm)
	jsonObj := vm.Get("JSON").ToObject(vm)

	wrap(vm, arrayProto, "fill", 1, func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		return s.fill(vm, orig, c)
	})
	wrap(vm, arrayProto, "join", 1, func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		s.checkJoin(vm, c)
		return call(orig, c)
	})
	wrap(vm, stringProto, "repeat", 1, func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		n := c.Argument(0).ToFloat()
		if n > 0 && !math.IsInf(n, 1) {
			s.checkString(vm, float64(stringLength(c.This))*math.Floor(n))
		}
		return call(orig, c)
	})
	for _, name := range []string{"padStart", "padEnd"} {
		wrap(vm, stringProto, name, 2, func(orig goja.Callable, c goja.FunctionCall) goja.Value {
			s.checkString(vm, c.Argument(0).ToFloat())
			return call(orig, c)
		})
	}
	wrap(vm, jsonObj, "stringify", 3, func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		return s.stringify(vm, orig, c)
	})
	// exec itself stays the built-in: goja's String#replace, match and split take their fast
	// path only while RegExp.prototype.exec is the original, and its generic path (the spec's
	// RegExpExec loop) loses matches of patterns such as /(^|_)([^_]+)/g after the first. A
	// runaway exec still stops at RegexTimeout, as "no match".
	wrap(vm, regexpProto, "test", 1, func(orig goja.Callable, c goja.FunctionCall) goja.Value {
		return timedRegex(vm, orig, c)
	})
	for _, sym := range []*goja.Symbol{goja.SymMatch, goja.SymMatchAll, goja.SymReplace, goja.SymSearch, goja.SymSplit} {
		orig, ok := goja.AssertFunction(regexpProto.GetSymbol(sym))
		if !ok {
			continue
		}
		fn := vm.ToValue(func(c goja.FunctionCall) goja.Value { return timedRegex(vm, orig, c) })
		_ = regexpProto.DefineDataPropertySymbol(sym, fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
}

// wrap replaces obj[name] with a native function that receives the original.
func wrap(vm *goja.Runtime, obj *goja.Object, name string, length int,
	impl func(orig goja.Callable, c goja.FunctionCall) goja.Value,
) {
	orig, ok := goja.AssertFunction(obj.Get(name))
	if !ok {
		return
	}
	fn := vm.ToValue(func(c goja.FunctionCall) goja.Value { return impl(orig, c) }).ToObject(vm)
	_ = fn.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = fn.DefineDataProperty("length", vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = obj.DefineDataProperty(name, fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// call calls orig with c's receiver and arguments, rethrowing what it throws (an exception
// stays catchable, an interrupt stays uncatchable).
func call(orig goja.Callable, c goja.FunctionCall) goja.Value {
	v, err := orig(c.This, c.Arguments...)
	if err != nil {
		panic(err)
	}
	return v
}

func stringLength(v goja.Value) int {
	if goja.IsUndefined(v) || goja.IsNull(v) {
		return 0 // the original throws its own TypeError
	}
	return len(v.ToString().String())
}

// timedRegex runs a regular-expression method and turns a match stopped by RegexTimeout
// (which goja reports as "no match") into a RangeError.
func timedRegex(vm *goja.Runtime, orig goja.Callable, c goja.FunctionCall) goja.Value {
	start := time.Now()
	v := call(orig, c)
	if time.Since(start) >= RegexTimeout {
		throw(vm, "RangeError", "regular expression stopped after "+RegexTimeout.String()+
			" (catastrophic backtracking?): "+c.This.String())
	}
	return v
}

// checkString throws Node's RangeError for a string longer than maxStringLength, and stops the
// script when n more bytes would take the heap past the memory limit.
func (s *Sandbox) checkString(vm *goja.Runtime, n float64) {
	if n > maxStringLength {
		throw(vm, "RangeError", "Invalid string length")
	}
	if n > 1<<20 {
		s.reserve(vm, uint64(n))
	}
}

// reserve stops the running script (memory limit) when n more bytes would take the Go heap
// past its limit: the check a built-in makes before one large allocation, which the
// watchdog's polling cannot see coming.
func (s *Sandbox) reserve(vm *goja.Runtime, n uint64) {
	limit := memoryLimit(s.opts)
	if limit == 0 || s.cur == nil {
		return
	}
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	if readHeap(sample)+n <= limit {
		return
	}
	runtime.GC()
	if readHeap(sample)+n <= limit {
		return
	}
	s.stopNative(vm, errMemory)
}

// checkpoint is called between chunks of a long native loop: it stops the work when the
// script has been interrupted (timeout, Ctrl-C, memory) or the heap is past the limit.
func (s *Sandbox) checkpoint(vm *goja.Runtime) {
	x := s.cur
	if x == nil || x.guard == nil {
		return
	}
	if why := x.guard.reason(); why != nil {
		s.stopNative(vm, why)
	}
	s.reserve(vm, 0)
}

// stopNative interrupts the script for why and unwinds the native call at once. The
// RangeError thrown here could be caught, but the pending interrupt ends the script at its
// next instruction, so the script stops with why.
func (s *Sandbox) stopNative(vm *goja.Runtime, why error) {
	if x := s.cur; x != nil && x.guard != nil {
		x.guard.fire(why)
		x.stopped = why
	}
	throw(vm, "RangeError", "sandbox: "+why.Error())
}

// fill is Array.prototype.fill in chunks, with a limit check between them: filling a fresh
// new Array(2**28) allocates gigabytes in one call.
func (s *Sandbox) fill(vm *goja.Runtime, orig goja.Callable, c goja.FunctionCall) goja.Value {
	if goja.IsUndefined(c.This) || goja.IsNull(c.This) {
		return call(orig, c)
	}
	obj := c.This.ToObject(vm)
	length := obj.Get("length").ToInteger()
	start := relIndex(c.Argument(1).ToInteger(), length)
	end := length
	if e := c.Argument(2); !goja.IsUndefined(e) {
		end = relIndex(e.ToInteger(), length)
	}
	if end-start <= fillChunk {
		return call(orig, c)
	}
	s.reserve(vm, uint64(end-start)*16) // a goja value is 16 bytes
	value := c.Argument(0)
	for k := start; k < end; k += fillChunk {
		if _, err := orig(obj, value, vm.ToValue(k), vm.ToValue(min(k+fillChunk, end))); err != nil {
			panic(err)
		}
		s.checkpoint(vm)
	}
	return obj
}

// relIndex is the spec's relative index: negative counts from the end, clamped to [0, length].
func relIndex(i, length int64) int64 {
	if i < 0 {
		return max(0, length+i)
	}
	return min(i, length)
}

// checkJoin estimates the length of this.join(sep) before it is built: elements' string
// lengths plus separators, with limit checks while it scans a long array.
func (s *Sandbox) checkJoin(vm *goja.Runtime, c goja.FunctionCall) {
	if goja.IsUndefined(c.This) || goja.IsNull(c.This) {
		return
	}
	obj := c.This.ToObject(vm)
	n := obj.Get("length").ToInteger()
	if n <= 1 {
		return
	}
	sep := 1
	if v := c.Argument(0); !goja.IsUndefined(v) {
		sep = len(v.String())
	}
	total := float64(n-1) * float64(sep)
	if total > maxStringLength {
		throw(vm, "RangeError", "Invalid string length")
	}
	for i := int64(0); i < n; i++ {
		if i%fillChunk == fillChunk-1 {
			s.checkpoint(vm)
		}
		if v := obj.Get(strconv.FormatInt(i, 10)); isString(v) {
			total += float64(len(v.String()))
		}
		if total > maxStringLength {
			throw(vm, "RangeError", "Invalid string length")
		}
	}
	if total > 1<<20 {
		s.reserve(vm, uint64(total))
	}
}

// isString tells a primitive string (never exporting v: an object would be copied whole).
func isString(v goja.Value) bool {
	_, ok := v.(goja.String)
	return ok
}

// stringify is JSON.stringify with an output budget: a replacer that passes every value
// through (calling the script's own replacer first) counts the output as it grows and checks
// the limits every few thousand values, so neither a 2 GB result nor an exponential object
// graph can take the heap past the memory limit, and the script timeout holds.
func (s *Sandbox) stringify(vm *goja.Runtime, orig goja.Callable, c goja.FunctionCall) goja.Value {
	value, replacer, space := c.Argument(0), c.Argument(1), c.Argument(2)
	userFn, _ := goja.AssertFunction(replacer)
	var allow map[string]bool
	if userFn == nil && !goja.IsUndefined(replacer) && !goja.IsNull(replacer) {
		if list, ok := replacer.Export().([]any); ok {
			allow = make(map[string]bool, len(list))
			for _, k := range list {
				allow[vm.ToValue(k).String()] = true
			}
		}
	}
	indent := 0
	if f := space.ToFloat(); !math.IsNaN(f) && f > 0 {
		indent = int(min(f, 10))
	} else if isString(space) {
		indent = min(len(space.String()), 10)
	}
	var size float64
	var calls int
	// path holds the objects being serialised, root first: goja serialises recursively in
	// Go, so a deep enough object would overflow the Go stack and kill the process; Node
	// throws a RangeError at about this depth.
	var path []*goja.Object
	budget := vm.ToValue(func(fc goja.FunctionCall) goja.Value {
		key, v := fc.Argument(0), fc.Argument(1)
		if userFn != nil {
			var err error
			if v, err = userFn(fc.This, key, v); err != nil {
				panic(err)
			}
		}
		if allow != nil && key.String() != "" && !isArrayValue(fc.This) && !allow[key.String()] {
			return goja.Undefined()
		}
		if holder, ok := fc.This.(*goja.Object); ok {
			for len(path) > 0 && path[len(path)-1] != holder {
				path = path[:len(path)-1]
			}
		}
		if obj, ok := v.(*goja.Object); ok {
			if path = append(path, obj); len(path) > maxJSONDepth {
				throw(vm, "RangeError", "Maximum call stack size exceeded")
			}
		}
		size += float64(len(key.String()) + 4 + indent)
		big := false
		if isString(v) {
			n := len(v.String())
			size += float64(n)
			big = n >= 64<<10
		}
		if calls++; big || calls%4096 == 0 {
			s.checkpoint(vm)
		}
		if size > maxStringLength {
			throw(vm, "RangeError", "Invalid string length")
		}
		if size > 1<<20 && (big || calls%256 == 0) {
			// The output buffer doubles when it grows: the next growth needs twice the size.
			s.reserve(vm, uint64(2*size))
		}
		return v
	})
	if allow == nil {
		v, err := orig(c.This, value, budget, space)
		if err != nil {
			panic(err)
		}
		return v
	}
	// An allow-list replacer also orders the keys: measure with the budget, then let the
	// original produce the output.
	if _, err := orig(c.This, value, budget, space); err != nil {
		panic(err)
	}
	return call(orig, c)
}

func isArrayValue(v goja.Value) bool {
	obj, ok := v.(*goja.Object)
	return ok && obj.ClassName() == "Array"
}
