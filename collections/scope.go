package collections

// VariableScope is an ordered list of variables with Postman's VariableScope semantics
// (postman-reference.md A.2): with duplicate keys the last enabled entry wins, disabled
// entries are invisible to Get and Has, Set updates the last enabled entry in place (or
// appends), Unset removes every enabled entry and leaves disabled ones. Values keep the type
// they were stored with, cast by the variable's Type as postman-collection does. Not safe for
// concurrent use.
type VariableScope struct {
	ID     string
	Name   string
	Values []Variable
}

// NewScope returns a scope holding a copy of vars; typed values (type string, number,
// boolean, array, object) are cast on the way in as Postman does.
func NewScope(id, name string, vars []Variable) *VariableScope {
	values := make([]Variable, len(vars))
	copy(values, vars)
	for i := range values {
		if values[i].Value != nil {
			values[i].Value = castIn(values[i].Type, values[i].Value)
		}
	}
	return &VariableScope{ID: id, Name: name, Values: values}
}

// index returns the position of the last enabled variable named key, or -1.
func (s *VariableScope) index(key string) int {
	if s == nil {
		return -1
	}
	for i := len(s.Values) - 1; i >= 0; i-- {
		if s.Values[i].Key == key && !s.Values[i].Disabled {
			return i
		}
	}
	return -1
}

// Get returns the last enabled value for key.
func (s *VariableScope) Get(key string) (any, bool) {
	i := s.index(key)
	if i < 0 {
		return nil, false
	}
	v := s.Values[i]
	return castOut(v.Type, v.Value), true
}

// Has reports whether an enabled variable named key exists.
func (s *VariableScope) Has(key string) bool { return s.index(key) >= 0 }

// Set updates the last enabled variable named key, keeping its position and type, or appends
// a new one when there is none (disabled entries are never updated).
func (s *VariableScope) Set(key string, value any) {
	if i := s.index(key); i >= 0 {
		s.Values[i].Value = castIn(s.Values[i].Type, value)
		return
	}
	s.Values = append(s.Values, Variable{Key: key, Value: value})
}

// SetTyped is Set with an explicit Postman type ("string", "number", "boolean", "array",
// "object", "any"), as pm.environment.set(key, value, type) does.
func (s *VariableScope) SetTyped(key string, value any, typ string) {
	if i := s.index(key); i >= 0 {
		s.Values[i].Type = typ
		s.Values[i].Value = castIn(typ, value)
		return
	}
	s.Values = append(s.Values, Variable{Key: key, Value: castIn(typ, value), Type: typ})
}

// Unset deletes every enabled variable named key.
func (s *VariableScope) Unset(key string) {
	kept := s.Values[:0]
	for _, v := range s.Values {
		if v.Key == key && !v.Disabled {
			continue
		}
		kept = append(kept, v)
	}
	clear(s.Values[len(kept):])
	s.Values = kept
}

// Clear removes all variables.
func (s *VariableScope) Clear() { s.Values = nil }

// Keys returns the enabled keys in first-seen order (each once).
func (s *VariableScope) Keys() []string {
	if s == nil {
		return nil
	}
	seen := make(map[string]bool, len(s.Values))
	keys := make([]string, 0, len(s.Values))
	for _, v := range s.Values {
		if v.Disabled || seen[v.Key] {
			continue
		}
		seen[v.Key] = true
		keys = append(keys, v.Key)
	}
	return keys
}

// Clone returns a deep-enough copy (the Values slice is copied; values are shared).
func (s *VariableScope) Clone() *VariableScope {
	if s == nil {
		return nil
	}
	c := *s
	c.Values = append([]Variable(nil), s.Values...)
	return &c
}
