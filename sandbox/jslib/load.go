package jslib

import (
	"errors"
	"fmt"

	"github.com/dop251/goja"
)

// RequireFunc resolves a nested require() made by a bundle while it loads
// or later. Bundles are self-contained, so this is rarely called; backbone,
// for example, tries require("jquery") inside a try/catch.
type RequireFunc func(name string) (goja.Value, error)

// Load evaluates the library name in vm and returns its module.exports.
// Each call evaluates the library afresh; callers cache the result per
// runtime. require serves nested requires and may be nil, in which case
// they throw "Cannot find module". Load must run on the goroutine that
// owns vm.
func Load(vm *goja.Runtime, name string, require func(string) (goja.Value, error)) (goja.Value, error) {
	prog, err := Program(name)
	if err != nil {
		return nil, err
	}
	wrapper, err := vm.RunProgram(prog)
	if err != nil {
		return nil, fmt.Errorf("evaluate jslib module %q: %w", name, err)
	}
	fn, ok := goja.AssertFunction(wrapper)
	if !ok {
		return nil, fmt.Errorf("evaluate jslib module %q: wrapper is not a function", name)
	}
	mod := vm.NewObject()
	exports := vm.NewObject()
	if err := mod.Set("exports", exports); err != nil {
		return nil, fmt.Errorf("prepare jslib module %q: %w", name, err)
	}
	if _, err := fn(exports, mod, exports, vm.ToValue(requireShim(vm, require))); err != nil {
		return nil, fmt.Errorf("load jslib module %q: %w", name, err)
	}
	return mod.Get("exports"), nil
}

// requireShim adapts a RequireFunc to the require argument a bundle sees;
// failures become JavaScript errors that scripts can catch.
func requireShim(vm *goja.Runtime, require RequireFunc) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		name := call.Argument(0).String()
		if native, ok := natives[name]; ok {
			return native(vm)
		}
		if require == nil {
			panic(jsError(vm, "Cannot find module '"+name+"'"))
		}
		v, err := require(name)
		if err != nil {
			var ex *goja.Exception
			if errors.As(err, &ex) {
				panic(ex.Value())
			}
			panic(jsError(vm, err.Error()))
		}
		return v
	}
}

// jsError builds a plain JavaScript Error carrying msg.
func jsError(vm *goja.Runtime, msg string) goja.Value {
	ctor, ok := goja.AssertConstructor(vm.Get("Error"))
	if !ok {
		return vm.ToValue(msg)
	}
	obj, err := ctor(nil, vm.ToValue(msg))
	if err != nil {
		return vm.ToValue(msg)
	}
	return obj
}
