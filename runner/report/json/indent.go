package json

import (
	"bytes"
	"strings"
)

// indentTo writes the compact JSON src to dst, indented by two spaces per level after
// prefix, like JSON.stringify(v, null, 2), except that an array holding only numbers stays
// on one line (response bodies are byte arrays; one line per byte would multiply the file).
func indentTo(dst *bytes.Buffer, src []byte, prefix string) {
	depth := 0
	newline := func() {
		dst.WriteByte('\n')
		dst.WriteString(prefix)
		dst.WriteString(strings.Repeat("  ", depth))
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '"':
			end := stringEnd(src, i)
			dst.Write(src[i:end])
			i = end - 1
		case '{', '[':
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst.Write(src[i : i+2])
				i++
				continue
			}
			if c == '[' {
				if end, ok := numberArrayEnd(src, i); ok {
					dst.Write(src[i:end])
					i = end - 1
					continue
				}
			}
			dst.WriteByte(c)
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst.WriteByte(c)
		case ',':
			dst.WriteByte(c)
			newline()
		case ':':
			dst.WriteString(": ")
		default:
			dst.WriteByte(c)
		}
	}
}

// stringEnd returns the index just past the JSON string starting at src[i] == '"'.
func stringEnd(src []byte, i int) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(src)
}

// numberArrayEnd reports whether the array starting at src[i] == '[' holds only numbers,
// and returns the index just past its ']'.
func numberArrayEnd(src []byte, i int) (int, bool) {
	for j := i + 1; j < len(src); j++ {
		switch c := src[j]; {
		case c == ']':
			return j + 1, true
		case c >= '0' && c <= '9', c == ',', c == '-', c == '.', c == 'e', c == 'E', c == '+':
		default:
			return 0, false
		}
	}
	return 0, false
}
