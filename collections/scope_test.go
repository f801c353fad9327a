package collections

import (
	"reflect"
	"testing"
)

func TestVariableScopeSemantics(t *testing.T) {
	t.Parallel()
	on := func(k string, v any) Variable { return Variable{Key: k, Value: v} }
	off := func(k string, v any) Variable { return Variable{Key: k, Value: v, Disabled: true} }

	tests := map[string]struct {
		vars    []Variable
		op      func(s *VariableScope)
		key     string
		wantHas bool
		wantGet any
		want    []Variable // final Values, when checked
	}{
		"single enabled": {vars: []Variable{on("a", "1")}, key: "a", wantHas: true, wantGet: "1"},
		"single disabled": {vars: []Variable{off("a", "1")}, key: "a", wantHas: false,
			want: []Variable{off("a", "1")}},
		"duplicates last enabled wins": {vars: []Variable{on("a", "1"), on("a", "2"), off("a", "3")}, key: "a",
			wantHas: true, wantGet: "2"},
		"duplicates all disabled": {vars: []Variable{off("a", "1"), off("a", "2")}, key: "a"},
		"set updates in place": {vars: []Variable{on("a", "1"), on("b", "2")}, op: func(s *VariableScope) { s.Set("a", 9.0) },
			key: "a", wantHas: true, wantGet: 9.0, want: []Variable{on("a", 9.0), on("b", "2")}},
		"set updates last enabled": {vars: []Variable{on("a", "1"), on("a", "2"), off("a", "3")},
			op: func(s *VariableScope) { s.Set("a", "x") }, key: "a", wantHas: true, wantGet: "x",
			want: []Variable{on("a", "1"), on("a", "x"), off("a", "3")}},
		"set over disabled appends": {vars: []Variable{off("a", "1")}, op: func(s *VariableScope) { s.Set("a", "n") },
			key: "a", wantHas: true, wantGet: "n", want: []Variable{off("a", "1"), on("a", "n")}},
		"set new appends": {vars: []Variable{on("a", "1")}, op: func(s *VariableScope) { s.Set("b", true) },
			key: "b", wantHas: true, wantGet: true, want: []Variable{on("a", "1"), on("b", true)}},
		"unset deletes all enabled keeps disabled": {vars: []Variable{on("a", "1"), off("a", "2"), on("b", "x"), on("a", "3")},
			op: func(s *VariableScope) { s.Unset("a") }, key: "a", want: []Variable{off("a", "2"), on("b", "x")}},
		"unset single disabled is a no-op": {vars: []Variable{off("a", "1")}, op: func(s *VariableScope) { s.Unset("a") },
			key: "a", want: []Variable{off("a", "1")}},
		"clear":          {vars: []Variable{on("a", "1")}, op: func(s *VariableScope) { s.Clear() }, key: "a", want: []Variable(nil)},
		"set keeps null": {vars: nil, op: func(s *VariableScope) { s.Set("n", nil) }, key: "n", wantHas: true, wantGet: nil},
		"typed string cast on set": {vars: []Variable{{Key: "s", Value: "a", Type: "string"}},
			op: func(s *VariableScope) { s.Set("s", 42.0) }, key: "s", wantHas: true, wantGet: "42"},
		"typed number cast": {vars: []Variable{{Key: "n", Value: "5", Type: "number"}}, key: "n", wantHas: true, wantGet: 5.0},
		"typed boolean cast": {vars: []Variable{{Key: "b", Value: "false", Type: "boolean"}}, key: "b", wantHas: true,
			wantGet: true},
		"typed object": {vars: []Variable{{Key: "o", Value: `{"x":1}`, Type: "object"}}, key: "o", wantHas: true,
			wantGet: map[string]any{"x": 1.0}},
		"set typed": {op: func(s *VariableScope) { s.SetTyped("t", "7", "number") }, key: "t", wantHas: true, wantGet: 7.0},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := NewScope("id", "name", tc.vars)
			if tc.op != nil {
				tc.op(s)
			}
			if got := s.Has(tc.key); got != tc.wantHas {
				t.Errorf("Has(%q) = %v, want %v", tc.key, got, tc.wantHas)
			}
			got, ok := s.Get(tc.key)
			if ok != tc.wantHas || !reflect.DeepEqual(got, tc.wantGet) {
				t.Errorf("Get(%q) = %#v, %v; want %#v, %v", tc.key, got, ok, tc.wantGet, tc.wantHas)
			}
			if tc.want != nil || name == "clear" {
				if !reflect.DeepEqual(s.Values, tc.want) {
					t.Errorf("Values = %#v, want %#v", s.Values, tc.want)
				}
			}
		})
	}
}

func TestVariableScopeKeysCloneAndCopy(t *testing.T) {
	t.Parallel()
	vars := []Variable{{Key: "b", Value: 1.0}, {Key: "a", Value: 2.0}, {Key: "b", Value: 3.0}, {Key: "c", Disabled: true}}
	s := NewScope("", "", vars)
	if got, want := s.Keys(), []string{"b", "a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Keys() = %v, want %v", got, want)
	}
	vars[0].Key = "changed"
	if s.Values[0].Key != "b" {
		t.Error("NewScope did not copy its input")
	}
	c := s.Clone()
	c.Set("a", "new")
	if v, _ := s.Get("a"); v != 2.0 {
		t.Errorf("Clone shares values with the original: %v", v)
	}
}

func TestScopesPrecedence(t *testing.T) {
	t.Parallel()
	mk := func(pairs ...string) *VariableScope {
		var vs []Variable
		for i := 0; i < len(pairs); i += 2 {
			vs = append(vs, Variable{Key: pairs[i], Value: pairs[i+1]})
		}
		return NewScope("", "", vs)
	}
	sc := Scopes{
		Local:       mk("l", "local"),
		Data:        mk("l", "data", "d", "data"),
		Environment: mk("d", "env", "e", "env"),
		Collection:  mk("e", "coll", "c", "coll"),
		Globals:     mk("c", "glob", "g", "glob", "vault:x", "from globals"),
		Extra: func(k string) (string, bool) {
			if k == "vault:x" || k == "vault:y" {
				return "secret-" + k, true
			}
			return "", false
		},
	}
	tests := map[string]struct {
		key    string
		want   string
		wantOK bool
	}{
		"local wins":          {"l", "local", true},
		"data over env":       {"d", "data", true},
		"env over coll":       {"e", "env", true},
		"coll over globals":   {"c", "coll", true},
		"globals":             {"g", "glob", true},
		"scopes before extra": {"vault:x", "from globals", true},
		"extra":               {"vault:y", "secret-vault:y", true},
		"dynamic last":        {"$randomInt", "", true},
		"unknown":             {"nope", "", false},
		"unknown dynamic":     {"$nope", "", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, ok := sc.Lookup(tc.key)
			if ok != tc.wantOK || (tc.want != "" && got != tc.want) {
				t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tc.key, got, ok, tc.want, tc.wantOK)
			}
		})
	}
	if _, ok := sc.Get("$randomInt"); ok {
		t.Error("Get resolved a dynamic variable")
	}
	if _, ok := sc.Get("vault:y"); ok {
		t.Error("Get resolved through Extra")
	}
	if v, ok := sc.Get("d"); !ok || v != "data" {
		t.Errorf("Get(d) = %v, %v", v, ok)
	}
	if got := (Scopes{}).Replace("{{x}}"); got != "{{x}}" {
		t.Errorf("empty Scopes replaced: %q", got)
	}
}

// TestScopesLookupTypedValues checks how typed values render into {{var}} as Newman 6.2.2
// does (recorded with a one-item collection): numbers and booleans as JavaScript prints
// them, arrays joined with ",", objects "[object Object]", null "null" from a variable
// scope, while a null in the data row leaves the token as written and hides lower scopes.
func TestScopesLookupTypedValues(t *testing.T) {
	t.Parallel()
	env := NewScope("", "env", []Variable{
		{Key: "count", Value: float64(0)}, {Key: "flag", Value: true}, {Key: "num", Value: 12.5},
		{Key: "obj", Value: map[string]any{"a": float64(1)}}, {Key: "arr", Value: []any{float64(1), "x"}},
		{Key: "nul", Value: nil}, {Key: "dn", Value: "fromEnv"},
	})
	data := NewScope("", "data", []Variable{{Key: "dn", Value: nil}, {Key: "list", Value: []any{float64(1), map[string]any{"a": float64(2)}}}})
	s := Scopes{Environment: env, Data: data}
	got := s.Replace("{{count}}|{{flag}}|{{num}}|{{obj}}|{{arr}}|{{nul}}|{{dn}}|{{list}}")
	if want := "0|true|12.5|[object Object]|1,x|null|{{dn}}|1,[object Object]"; got != want {
		t.Errorf("Replace = %q, want %q", got, want)
	}
}
