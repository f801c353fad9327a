package sandbox

import (
	"fmt"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"github.com/pmrun/pmrun/sandbox/jslib"
)

// Postman's sandbox runs Sugar.js 1.3.9 before any script, so every script sees its
// extensions of the built-in types (''.has(), [].first(), Object.merge, (56).ordinalize()...).
// Running Sugar costs tens of milliseconds per runtime, so pmrun installs it on first use:
// each name Sugar adds (sugarFootprint, generated from Sugar itself by TestSugarFootprint)
// starts as a non-enumerable accessor on its built-in; reading any of them removes them all,
// runs the real Sugar (jslib "sugar") and answers with Sugar's value; assigning one defines a
// plain property, as on a missing name. The few natives Sugar replaces are wrapped until then
// (corejs/sugar.js).

// progSugar wraps the natives Sugar replaces (corejs/sugar.js).
var progSugar = &coreProgram{file: "corejs/sugar.js", params: "host"}

// sugarTarget is one built-in Sugar extends and the names it adds there.
type sugarTarget struct {
	ctor      string // global constructor name
	prototype bool   // the names go on ctor.prototype rather than ctor
	names     []string
}

var sugarTargets = sync.OnceValue(func() []sugarTarget {
	var out []sugarTarget
	for _, line := range strings.Split(sugarFootprint, "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		ctor, proto := strings.CutSuffix(fields[0], ".prototype")
		out = append(out, sugarTarget{ctor: ctor, prototype: proto, names: fields[1:]})
	}
	return out
})

// sugarState is one runtime's Sugar installation.
type sugarState struct {
	rt        *jsRuntime
	installed bool
	restore   goja.Callable
	slots     []sugarSlot
}

type sugarSlot struct {
	target *goja.Object
	name   string
}

// installSugar puts Sugar's placeholders into rt.
func installSugar(rt *jsRuntime, host *goja.Object) error {
	vm := rt.vm
	st := &sugarState{rt: rt}
	if err := host.Set("installSugar", func(goja.FunctionCall) goja.Value {
		st.install()
		return goja.Undefined()
	}); err != nil {
		return fmt.Errorf("sandbox: sugar host: %w", err)
	}
	restore, err := progSugar.call(vm, host)
	if err != nil {
		return err
	}
	st.restore, _ = goja.AssertFunction(restore)
	for _, t := range sugarTargets() {
		target := vm.Get(t.ctor).ToObject(vm)
		if t.prototype {
			target = target.Get("prototype").ToObject(vm)
		}
		own := map[string]bool{}
		for _, n := range target.GetOwnPropertyNames() {
			own[n] = true
		}
		for _, name := range t.names {
			if !own[name] {
				st.placeholder(target, name)
			}
		}
	}
	return nil
}

// install removes the placeholders, puts the wrapped natives back and runs Sugar; a
// failure is thrown into the script.
func (st *sugarState) install() {
	if st.installed {
		return
	}
	st.installed = true
	vm := st.rt.vm
	for _, s := range st.slots {
		_ = s.target.Delete(s.name)
	}
	st.slots = nil
	if _, err := st.restore(goja.Undefined()); err != nil {
		panic(err)
	}
	st.rt.loading++ // legacy globals stay silent while a library loads
	defer func() { st.rt.loading-- }()
	if _, err := jslib.Load(vm, "sugar", nil); err != nil {
		panic(vm.NewGoError(fmt.Errorf("sandbox: load Sugar.js: %w", err)))
	}
}

// placeholder defines target[name] as Sugar's stand-in accessor.
func (st *sugarState) placeholder(target *goja.Object, name string) {
	vm := st.rt.vm
	st.slots = append(st.slots, sugarSlot{target, name})
	get := vm.ToValue(func(goja.FunctionCall) goja.Value {
		st.install()
		return target.Get(name)
	})
	set := vm.ToValue(func(c goja.FunctionCall) goja.Value {
		owner := target
		if this := c.This; !goja.IsUndefined(this) && !goja.IsNull(this) {
			owner = this.ToObject(vm)
		}
		if owner == target {
			st.install()
			if err := target.Set(name, c.Argument(0)); err != nil {
				panic(err)
			}
			return goja.Undefined()
		}
		if err := owner.DefineDataProperty(name, c.Argument(0), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
			panic(err)
		}
		return goja.Undefined()
	})
	_ = target.DefineAccessorProperty(name, get, set, goja.FLAG_TRUE, goja.FLAG_FALSE)
}
