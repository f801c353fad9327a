package sandbox

import (
	"fmt"

	"github.com/dop251/goja"
)

// configureChai installs corejs/chai.js: chai's typo-detecting Proxy around every Assertion,
// with its get trap in Go.
//
// chai wraps each Assertion in a Proxy whose get trap rejects misspelt properties, and every
// property chai itself reads from an assertion (its flags, its methods) goes through that
// trap. A trap written in JavaScript costs a function call per read, which in goja made the
// trap the largest part of an assertion. The trap here answers every property the assertion
// has from Go, and hands only a missing one to JavaScript (corejs/chai.js), where chai's own
// proxy throws its "Invalid Chai property" error. Reads keep chai's receiver (the target,
// as chai's Reflect.get(target, property) does).
func configureChai(vm *goja.Runtime, chai goja.Value) error {
	var miss goja.Callable
	traps := &goja.ProxyTrapConfig{
		Get: func(target *goja.Object, property string, _ goja.Value) goja.Value {
			if v := target.Get(property); v != nil {
				return v
			}
			v, err := miss(goja.Undefined(), target, vm.ToValue(property))
			if err != nil {
				panic(err)
			}
			return v
		},
		GetSym: func(target *goja.Object, property *goja.Symbol, _ goja.Value) goja.Value {
			if v := target.GetSymbol(property); v != nil {
				return v
			}
			return goja.Undefined()
		},
	}
	proxyOf := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		target, ok := call.Argument(0).(*goja.Object)
		if !ok {
			panic(vm.NewTypeError("Cannot create proxy with a non-object as target or handler"))
		}
		return vm.ToValue(vm.NewProxy(target, traps))
	})
	v, err := progChai.call(vm, chai, proxyOf)
	if err != nil {
		return err
	}
	fn, ok := goja.AssertFunction(v)
	if !ok {
		return fmt.Errorf("sandbox: %s returned no miss handler", progChai.file)
	}
	miss = fn
	return nil
}
