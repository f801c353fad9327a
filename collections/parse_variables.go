package collections

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"time"
)

// variableJSON is a variable as it appears in collections and environment files.
type variableJSON struct {
	ID          string          `json:"id,omitempty"`
	Key         string          `json:"key"`
	Value       json.RawMessage `json:"value,omitempty"`
	Type        string          `json:"type,omitempty"`
	Name        string          `json:"name,omitempty"`
	Description json.RawMessage `json:"description,omitempty"`
	Disabled    bool            `json:"disabled,omitempty"`
	Enabled     *bool           `json:"enabled,omitempty"`
	System      bool            `json:"system,omitempty"`
}

// toVariable converts a decoded entry; the key falls back to the id (v2.0 collections), and
// "enabled": false counts as disabled as the Postman app does.
func (in variableJSON) toVariable() Variable {
	v := Variable{ID: in.ID, Key: in.Key, Type: in.Type, Name: in.Name,
		Description: parseDescription(in.Description), Disabled: in.Disabled, System: in.System}
	if v.Key == "" {
		v.Key = in.ID
	}
	if in.Enabled != nil && !*in.Enabled {
		v.Disabled = true
	}
	if len(in.Value) > 0 {
		_ = json.Unmarshal(in.Value, &v.Value)
	}
	return v
}

func variablesFromJSON(in []variableJSON) []Variable {
	out := make([]Variable, len(in))
	for i, v := range in {
		out[i] = v.toVariable()
	}
	return out
}

func variableToJSON(v Variable) variableJSON {
	out := variableJSON{ID: v.ID, Key: v.Key, Type: v.Type, Name: v.Name, Disabled: v.Disabled, System: v.System}
	if v.Description != "" {
		out.Description, _ = json.Marshal(v.Description)
	}
	if v.Value != nil {
		out.Value, _ = json.Marshal(v.Value)
	}
	return out
}

// ParseVariableFile parses an environment or globals file as Postman exports it
// ({id, name, values: [{key, value, type, enabled}]}), also inside an {"environment": …} or
// {"globals": …} wrapper, or a bare array of variables. A UTF-8 BOM is ignored and UTF-16
// (with BOM) decoded; "enabled": false and "disabled": true both mark a variable disabled.
// Values keep their JSON type.
func ParseVariableFile(data []byte, name string) (*VariableScope, error) {
	const kind = "variable file"
	data = decodeText(data)
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, &InputError{Kind: kind, File: name, Msg: "file is empty"}
	}
	if trimmed[0] == '[' {
		var list []variableJSON
		if err := json.Unmarshal(data, &list); err != nil {
			return nil, jsonError(kind, name, data, err)
		}
		return NewScope("", "", variablesFromJSON(list)), nil
	}
	var doc struct {
		ID          string          `json:"id"`
		Name        string          `json:"name"`
		Values      []variableJSON  `json:"values"`
		Environment json.RawMessage `json:"environment"`
		Globals     json.RawMessage `json:"globals"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, jsonError(kind, name, data, err)
	}
	if doc.Values == nil {
		for _, inner := range []json.RawMessage{doc.Environment, doc.Globals} {
			if !isJSONNull(inner) {
				s, err := ParseVariableFile(inner, name)
				if err != nil {
					return nil, err
				}
				return s, nil
			}
		}
		if doc.ID == "" && doc.Name == "" {
			return nil, &InputError{Kind: kind, File: name, Msg: "not an environment or globals file",
				Err: errors.New(`no "values" list`)}
		}
	}
	return NewScope(doc.ID, doc.Name, variablesFromJSON(doc.Values)), nil
}

type exportedVariable struct {
	Key     string `json:"key"`
	Value   any    `json:"value"`
	Type    string `json:"type"`
	Enabled bool   `json:"enabled"`
}

type exportedScope struct {
	ID         string             `json:"id"`
	Name       string             `json:"name"`
	Values     []exportedVariable `json:"values"`
	Scope      string             `json:"_postman_variable_scope"`
	ExportedAt string             `json:"_postman_exported_at"`
	ExportedBy string             `json:"_postman_exported_using"`
}

// MarshalPostman writes the scope as Postman exports an environment or globals file
// (scopeKind "environment" or "globals"): every variable in order, values with their JSON
// type (NaN and infinities as null, as JSON.stringify does), "enabled": false for disabled
// ones, "type" as declared or "default", indented with 2 spaces. A missing id is generated
// and a missing name defaults to scopeKind.
func (s *VariableScope) MarshalPostman(scopeKind string, exportedAt time.Time) ([]byte, error) {
	out := exportedScope{Values: []exportedVariable{}, Scope: scopeKind, ExportedAt: ISOTime(exportedAt),
		ExportedBy: "pmrun"}
	if s != nil {
		out.ID, out.Name = s.ID, s.Name
		for _, v := range s.Values {
			t := v.Type
			if t == "" {
				t = "default"
			}
			out.Values = append(out.Values, exportedVariable{Key: v.Key, Value: jsonSafe(v.Value), Type: t,
				Enabled: !v.Disabled})
		}
	}
	if out.ID == "" {
		out.ID = NewUUID()
	}
	if out.Name == "" {
		out.Name = scopeKind
	}
	return json.MarshalIndent(out, "", "  ")
}

// JSONSafe returns v with the values encoding/json cannot write (NaN, ±Inf) replaced by nil,
// recursively, as JSON.stringify writes them (null). A variable typed "number" whose value
// does not parse holds NaN. A script can store a circular object in a scope: a map or list
// met again inside itself becomes the text "[Circular]" (as Node's inspect shows it), so
// reports and exports can be written (Newman crashes on it).
func JSONSafe(v any) any { return jsonSafe(v) }

// jsonSafe replaces values encoding/json cannot write (NaN, ±Inf, cycles) recursively.
func jsonSafe(v any) any { return jsonSafeIn(v, nil) }

// circular is what jsonSafe writes where a value contains itself.
const circular = "[Circular]"

// jsonSafeIn is jsonSafe with the maps and lists being copied on the way down (by identity).
func jsonSafeIn(v any, path []uintptr) any {
	switch x := v.(type) {
	case float64:
		if x != x || x > 1.7976931348623157e308 || x < -1.7976931348623157e308 {
			return nil
		}
	case map[string]any:
		id := reflect.ValueOf(x).Pointer()
		if slices.Contains(path, id) {
			return circular
		}
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = jsonSafeIn(e, append(path, id))
		}
		return m
	case []any:
		if len(x) == 0 {
			return []any{}
		}
		id := reflect.ValueOf(x).Pointer()
		if slices.Contains(path, id) {
			return circular
		}
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = jsonSafeIn(e, append(path, id))
		}
		return s
	}
	return v
}
