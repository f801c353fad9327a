package sandbox

import (
	"encoding/json"

	"github.com/dop251/goja"

	"github.com/pmrun/pmrun/collections"
)

// Scope indexes used by corejs/pm.js (SCOPES there).
const (
	scopeLocal = iota
	scopeData
	scopeEnvironment
	scopeCollection
	scopeGlobals
	scopeVariables // pm.variables: local, with all other scopes as read layers
)

var scopeNames = [...]string{"variables", "iterationData", "environment", "collectionVariables", "globals", "variables"}

func newLocalScope() *collections.VariableScope {
	return collections.NewScope("", "variables", nil)
}

// scope returns the scope idx of the running script; create makes a missing one (set on a
// run without an environment, for example) so writes are kept.
func (s *Sandbox) scope(idx int64, create bool) *collections.VariableScope {
	sc := &s.cur.ex.Scopes
	var p **collections.VariableScope
	switch idx {
	case scopeLocal, scopeVariables:
		p = &sc.Local
	case scopeData:
		if s.cur.data == nil && create {
			if sc.Data != nil {
				s.cur.data = sc.Data.Clone()
			} else {
				s.cur.data = collections.NewScope("", scopeNames[idx], nil)
			}
		}
		if s.cur.data != nil {
			return s.cur.data
		}
		p = &sc.Data
	case scopeEnvironment:
		p = &sc.Environment
	case scopeCollection:
		p = &sc.Collection
	case scopeGlobals:
		p = &sc.Globals
	default:
		return nil
	}
	if *p == nil && create {
		*p = collections.NewScope("", scopeNames[idx], nil)
	}
	return *p
}

// lookupScopes are the running script's scopes without Extra (the vault is not reachable from
// pm.variables, as in Postman).
func (s *Sandbox) lookupScopes() collections.Scopes {
	sc := s.cur.ex.Scopes
	sc.Extra = nil
	return sc
}

func (s *Sandbox) addVariableHost(vm *goja.Runtime, set func(string, func(goja.FunctionCall) goja.Value)) {
	set("varGet", func(c goja.FunctionCall) goja.Value {
		idx, key := c.Argument(0).ToInteger(), c.Argument(1).String()
		var v any
		var ok bool
		if idx == scopeVariables {
			v, ok = s.lookupScopes().Get(key)
		} else if sc := s.scope(idx, false); sc != nil {
			v, ok = sc.Get(key)
		}
		if !ok {
			return goja.Undefined()
		}
		if v == nil {
			return goja.Null() // set(key, null) and set(key, undefined) both store nil
		}
		return toJS(vm, v)
	})
	set("varHas", func(c goja.FunctionCall) goja.Value {
		idx, key := c.Argument(0).ToInteger(), c.Argument(1).String()
		if idx == scopeVariables {
			_, ok := s.lookupScopes().Get(key)
			return vm.ToValue(ok)
		}
		sc := s.scope(idx, false)
		return vm.ToValue(sc != nil && sc.Has(key))
	})
	set("varSet", func(c goja.FunctionCall) goja.Value {
		if sc := s.scope(c.Argument(0).ToInteger(), true); sc != nil {
			sc.Set(c.Argument(1).String(), exportVar(c.Argument(2)))
		}
		return goja.Undefined()
	})
	set("varUnset", func(c goja.FunctionCall) goja.Value {
		idx := c.Argument(0).ToInteger()
		if sc := s.scope(idx, idx == scopeData); sc != nil {
			sc.Unset(c.Argument(1).String())
		}
		return goja.Undefined()
	})
	set("varClear", func(c goja.FunctionCall) goja.Value {
		idx := c.Argument(0).ToInteger()
		if sc := s.scope(idx, idx == scopeData); sc != nil {
			sc.Clear()
		}
		return goja.Undefined()
	})
	set("varObject", func(c goja.FunctionCall) goja.Value {
		o := vm.NewObject()
		idx := c.Argument(0).ToInteger()
		if idx == scopeVariables {
			sc := s.cur.ex.Scopes
			for _, layer := range []*collections.VariableScope{sc.Globals, sc.Collection, sc.Environment, sc.Data, sc.Local} {
				fillObject(vm, o, layer)
			}
			return o
		}
		fillObject(vm, o, s.scope(idx, false))
		return o
	})
	set("varValues", func(c goja.FunctionCall) goja.Value {
		sc := s.scope(c.Argument(0).ToInteger(), false)
		if sc == nil {
			return vm.NewArray()
		}
		items := make([]any, 0, len(sc.Values))
		for _, v := range sc.Values {
			o := vm.NewObject()
			_ = o.Set("key", v.Key)
			_ = o.Set("value", toJS(vm, v.Value))
			if v.Type != "" {
				_ = o.Set("type", v.Type)
			}
			if v.Disabled {
				_ = o.Set("disabled", true)
			}
			items = append(items, o)
		}
		return vm.NewArray(items...)
	})
	set("varID", func(c goja.FunctionCall) goja.Value {
		if sc := s.scope(c.Argument(0).ToInteger(), false); sc != nil {
			return vm.ToValue(sc.ID)
		}
		return goja.Undefined()
	})
	set("varName", func(c goja.FunctionCall) goja.Value {
		idx := c.Argument(0).ToInteger()
		if idx == scopeEnvironment || idx == scopeGlobals {
			if sc := s.scope(idx, false); sc != nil && sc.Name != "" {
				return vm.ToValue(sc.Name)
			}
		}
		return vm.ToValue("")
	})
	set("replaceIn", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(s.replaceIn(c.Argument(0).String()))
	})
}

func (s *Sandbox) replaceIn(text string) string {
	if s.cur == nil {
		return text
	}
	sc := s.lookupScopes()
	// Postman's sandbox resolves every scope, the data row included, as a variable list: a
	// null value reads "null".
	return collections.Replace(text, func(key string) (string, bool) {
		if v, ok := sc.Get(key); ok && v == nil {
			return "null", true
		}
		return sc.Lookup(key)
	})
}

func fillObject(vm *goja.Runtime, o *goja.Object, sc *collections.VariableScope) {
	if sc == nil {
		return
	}
	for _, k := range sc.Keys() {
		if v, ok := sc.Get(k); ok {
			if v == nil {
				_ = o.Set(k, goja.Null())
				continue
			}
			_ = o.Set(k, toJS(vm, v))
		}
	}
}

// toJS converts a variable value to JS. Objects and arrays become real JS objects (through
// JSON), so scripts can compare and mutate them like any other.
func toJS(vm *goja.Runtime, v any) goja.Value {
	switch v := v.(type) {
	case nil:
		return goja.Undefined()
	case string, bool, float64, int, int64, int32, float32, uint, uint64:
		return vm.ToValue(v)
	case goja.Value:
		return v
	}
	b, err := json.Marshal(v)
	if err != nil {
		return vm.ToValue(v)
	}
	val, err := parseJSON(vm, string(b))
	if err != nil {
		return vm.ToValue(v)
	}
	return val
}

// parseJSON is JSON.parse in vm.
func parseJSON(vm *goja.Runtime, text string) (goja.Value, error) {
	parse, _ := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("parse"))
	return parse(goja.Undefined(), vm.ToValue(text))
}

// exportVar converts a value set from JS into what a VariableScope stores: numbers stay
// numbers, objects become plain Go maps and slices; undefined becomes nil.
func exportVar(v goja.Value) any {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	return v.Export()
}
