package collections

import (
	"encoding/json"
	"math"
	"strings"
)

// castIn converts a value being stored into a variable of Postman type typ, like
// postman-collection's Variable#castIn: "string" → String(v), "number" → Number(v),
// "boolean" → Boolean(v), "array"/"object" → JSON text; anything else is kept as given.
func castIn(typ string, v any) any {
	switch strings.ToLower(typ) {
	case "string":
		if v == nil {
			return v
		}
		return Stringify(v)
	case "number":
		return jsNumber(v)
	case "boolean":
		return jsTruthy(v)
	case "array", "object":
		if s, ok := v.(string); ok {
			return s
		}
		b, err := json.Marshal(v)
		if err != nil {
			return "null"
		}
		return string(b)
	}
	return v
}

// castOut converts a stored value for reading, like Variable#castOut.
func castOut(typ string, v any) any {
	switch strings.ToLower(typ) {
	case "string", "number", "boolean":
		if v == nil {
			return v
		}
		return castIn(typ, v)
	case "array", "object":
		s, ok := v.(string)
		if !ok {
			return v
		}
		var out any
		if json.Unmarshal([]byte(s), &out) != nil {
			return nil
		}
		_, isArray := out.([]any)
		_, isObject := out.(map[string]any)
		if (typ == "array" && isArray) || (typ == "object" && isObject) {
			return out
		}
		return nil
	}
	return v
}

// jsNumber mirrors JS Number(v) for the value kinds variables hold.
func jsNumber(v any) float64 {
	switch x := v.(type) {
	case nil:
		return 0
	case bool:
		if x {
			return 1
		}
		return 0
	case string:
		return jsStringNumber(x)
	case []any:
		switch len(x) {
		case 0:
			return 0
		case 1:
			return jsNumber(Stringify(x[0]))
		}
		return math.NaN()
	case map[string]any:
		return math.NaN()
	}
	return jsNumber(Stringify(v))
}

// jsTruthy mirrors JS Boolean(v).
func jsTruthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case float64:
		return x != 0 && !math.IsNaN(x)
	case int:
		return x != 0
	}
	return true
}
