package collections

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// This file splits JSON text that is already known to be valid (json.Valid, or bytes that
// encoding/json produced or accepted) into its members and elements without decoding or
// copying: each value is a sub-slice of the input. The collection parser uses it to read
// a whole file in one pass instead of validating and copying every nesting level again.
// Every function here is defensive — malformed input makes it report failure, never panic
// — but only validity makes its results mean what encoding/json would read.

// skipSpace returns the index of the first non-whitespace byte at or after i.
func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// stringEnd returns the index just past the JSON string starting at b[i] ('"'), or -1.
func stringEnd(b []byte, i int) int {
	j := i + 1
	if j > len(b) {
		return -1
	}
	q := bytes.IndexByte(b[j:], '"')
	if q < 0 {
		return -1
	}
	if bytes.IndexByte(b[j:j+q], '\\') < 0 {
		return j + q + 1
	}
	// An escape before the quote: walk the bytes, skipping each escaped one.
	for k := j; k < len(b); k++ {
		switch b[k] {
		case '\\':
			k++
		case '"':
			return k + 1
		}
	}
	return -1
}

// valueEnd returns the index just past the JSON value starting at b[i], or -1.
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"': // most strings inside are short: walk them here
				for j++; j < len(b) && b[j] != '"'; j++ {
					if b[j] == '\\' {
						j++
					}
				}
				if j >= len(b) {
					return -1
				}
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(b) {
		switch b[j] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			if j == i {
				return -1
			}
			return j
		}
		j++
	}
	return j
}

// eachMember calls fn with the raw key (the text between its quotes) and the value of
// each member of the object obj, in order. It returns false when obj is not an object,
// a key contains an escape (so its raw text is not its name), or fn returns false.
func eachMember(obj []byte, fn func(key, value []byte) bool) bool {
	if len(obj) < 2 || obj[0] != '{' {
		return false
	}
	i := skipSpace(obj, 1)
	if i < len(obj) && obj[i] == '}' {
		return i == len(obj)-1
	}
	for {
		if i >= len(obj) || obj[i] != '"' {
			return false
		}
		ke := stringEnd(obj, i)
		if ke < 0 {
			return false
		}
		key := obj[i+1 : ke-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			return false
		}
		i = skipSpace(obj, ke)
		if i >= len(obj) || obj[i] != ':' {
			return false
		}
		i = skipSpace(obj, i+1)
		ve := valueEnd(obj, i)
		if ve < 0 || !fn(key, obj[i:ve]) {
			return false
		}
		if i = skipSpace(obj, ve); i >= len(obj) {
			return false
		}
		if obj[i] == '}' {
			return i == len(obj)-1
		}
		if obj[i] != ',' {
			return false
		}
		i = skipSpace(obj, i+1)
	}
}

// eachElement calls fn with each element of the array arr, in order. It returns false
// when arr is not an array or fn returns false.
func eachElement(arr []byte, fn func(value []byte) bool) bool {
	if len(arr) < 2 || arr[0] != '[' {
		return false
	}
	i := skipSpace(arr, 1)
	if i < len(arr) && arr[i] == ']' {
		return i == len(arr)-1
	}
	for {
		ve := valueEnd(arr, i)
		if ve < 0 || !fn(arr[i:ve]) {
			return false
		}
		if i = skipSpace(arr, ve); i >= len(arr) {
			return false
		}
		if arr[i] == ']' {
			return i == len(arr)-1
		}
		if arr[i] != ',' {
			return false
		}
		i = skipSpace(arr, i+1)
	}
}

// plainJSONString returns the text of a JSON string value that needs no decoding: no
// escapes, no control characters and valid UTF-8 (encoding/json would replace invalid
// bytes). ok is false for anything else, including surrounding whitespace.
func plainJSONString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	inner := raw[1 : len(raw)-1]
	ascii := true
	for _, c := range inner {
		if c < 0x20 || c == '"' || c == '\\' {
			return "", false
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if !ascii && !utf8.Valid(inner) {
		return "", false
	}
	return string(inner), true
}

// decodeJSONString decodes a JSON string value; ok is false when raw is not one.
func decodeJSONString(raw []byte) (string, bool) {
	if s, ok := plainJSONString(raw); ok {
		return s, true
	}
	if len(raw) == 0 || raw[0] != '"' {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// isNullLiteral reports whether a value split from valid JSON is null.
func isNullLiteral(raw []byte) bool { return len(raw) == 4 && string(raw) == "null" }

// foldsToAny reports whether key matches one of names only ignoring case, which is how
// encoding/json would still assign it to a struct field; the fast readers leave such
// documents to encoding/json.
func foldsToAny(key []byte, names []string) bool {
	for _, n := range names {
		if bytes.EqualFold(key, []byte(n)) {
			return true
		}
	}
	return false
}

// fieldSet tracks which known members an object had, to leave objects with a repeated
// member to encoding/json.
type fieldSet uint32

// add marks field bit i as seen; false when it was seen already.
func (s *fieldSet) add(i uint) bool {
	if *s&(1<<i) != 0 {
		return false
	}
	*s |= 1 << i
	return true
}
