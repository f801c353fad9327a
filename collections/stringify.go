package collections

import (
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// Stringify gives a variable value's substitution text, as Postman's Variable#toString does
// for values stored by JSON files and scripts:
//   - strings as they are; nil (JS undefined) as "";
//   - numbers as JS String(n) ("1", "1.5", "1e+21");
//   - booleans as "true"/"false";
//   - arrays as JS Array#toString (elements joined with ",", null elements empty);
//   - objects as "[object Object]" (Postman does not JSON-encode objects; see the
//     var-environment-api conformance case);
//   - json.Number and json.RawMessage are read as the JSON value they hold.
func Stringify(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "true"
		}
		return "false"
	case float64:
		return FormatNumber(x)
	case float32:
		return FormatNumber(float64(x))
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case json.Number:
		if f, err := x.Float64(); err == nil {
			return FormatNumber(f)
		}
		return string(x)
	case json.RawMessage:
		var decoded any
		if err := json.Unmarshal(x, &decoded); err != nil {
			return string(x)
		}
		return Stringify(decoded)
	case []any:
		return joinArray(len(x), func(i int) any { return x[i] })
	case map[string]any:
		return "[object Object]"
	}
	return stringifyReflect(v)
}

func stringifyReflect(v any) string {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(rv.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return FormatNumber(rv.Float())
	case reflect.String:
		return rv.String()
	case reflect.Bool:
		return Stringify(rv.Bool())
	case reflect.Slice, reflect.Array:
		return joinArray(rv.Len(), func(i int) any { return rv.Index(i).Interface() })
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return ""
		}
		return Stringify(rv.Elem().Interface())
	}
	return "[object Object]"
}

// joinArray renders like JS Array#toString: null and undefined elements become "".
func joinArray(n int, at func(int) any) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(Stringify(at(i)))
	}
	return b.String()
}

// FormatNumber renders f exactly as JavaScript's Number#toString does (shortest round-trip
// digits, exponent form below 1e-6 and from 1e21 on).
func FormatNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	case f < 0:
		return "-" + FormatNumber(-f)
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	mant, expPart, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expPart)
	digits := strings.Replace(mant, ".", "", 1)
	k, n := len(digits), exp+1
	switch {
	case k <= n && n <= 21:
		return digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return "0." + strings.Repeat("0", -n) + digits
	}
	sign := "+"
	if n-1 < 0 {
		sign = "-"
	}
	abs := n - 1
	if abs < 0 {
		abs = -abs
	}
	if k == 1 {
		return digits + "e" + sign + strconv.Itoa(abs)
	}
	return digits[:1] + "." + digits[1:] + "e" + sign + strconv.Itoa(abs)
}
