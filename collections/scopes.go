package collections

// Lookup finds a variable's string form for substitution; ok is false when unknown.
type Lookup func(key string) (value string, ok bool)

// Scopes is the set of scopes a request or script sees. Any field may be nil.
// Precedence (first wins): Local, Data, Environment, Collection, Globals, then Extra
// (e.g. the vault, whose keys carry the "vault:" prefix), then dynamic variables.
type Scopes struct {
	Local       *VariableScope
	Data        *VariableScope
	Environment *VariableScope
	Collection  *VariableScope
	Globals     *VariableScope
	Extra       Lookup
}

// list returns the scopes in precedence order.
func (s Scopes) list() [5]*VariableScope {
	return [5]*VariableScope{s.Local, s.Data, s.Environment, s.Collection, s.Globals}
}

// Lookup resolves key through the scopes in precedence order, then Extra, then dynamic
// variables ("$guid", "$randomInt", ...). A variable whose value is null resolves to "null",
// as postman-runtime's Variable.toString gives, except in the data row, which the runtime
// reads as a plain object: a null there leaves the token as written (and hides lower scopes).
func (s Scopes) Lookup(key string) (string, bool) {
	for _, sc := range s.list() {
		if v, ok := sc.Get(key); ok {
			if v == nil {
				if sc == s.Data {
					return "", false
				}
				return "null", true
			}
			return Stringify(v), true
		}
	}
	if s.Extra != nil {
		if v, ok := s.Extra(key); ok {
			return v, true
		}
	}
	if len(key) > 1 && key[0] == '$' {
		return Dynamic(key)
	}
	return "", false
}

// Get resolves key through the scopes (not Extra, not dynamic variables), keeping the
// value's type.
func (s Scopes) Get(key string) (any, bool) {
	for _, sc := range s.list() {
		if v, ok := sc.Get(key); ok {
			return v, true
		}
	}
	return nil, false
}

// Replace substitutes {{var}} tokens in text using these scopes (see the package function
// Replace).
func (s Scopes) Replace(text string) string { return Replace(text, s.Lookup) }
