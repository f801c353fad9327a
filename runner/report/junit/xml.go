package junit

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// xmlWriter writes pretty-printed XML (two spaces per level), keeping the first error.
type xmlWriter struct {
	w   io.Writer
	err error
}

func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = io.WriteString(x.w, s)
	}
}

// open writes a start tag (or an empty-element tag when selfClose) with attrs given as
// name, value pairs.
func (x *xmlWriter) open(depth int, name string, selfClose bool, attrs ...string) {
	var b strings.Builder
	b.WriteString(strings.Repeat("  ", depth) + "<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		b.WriteString(" " + attrs[i] + `="` + escapeAttr(attrs[i+1]) + `"`)
	}
	if selfClose {
		b.WriteString("/>\n")
	} else {
		b.WriteString(">\n")
	}
	x.raw(b.String())
}

func (x *xmlWriter) close(depth int, name string) {
	x.raw(strings.Repeat("  ", depth) + "</" + name + ">\n")
}

// cdata writes text as a CDATA section; "]]>" inside it is split across two sections.
func (x *xmlWriter) cdata(depth int, text string) {
	text = strings.ReplaceAll(validXML(text), "]]>", "]]]]><![CDATA[>")
	x.raw(strings.Repeat("  ", depth) + "<![CDATA[" + text + "]]>\n")
}

// escapeAttr escapes an attribute value, keeping line breaks and tabs as character
// references so parsers do not normalise them to spaces.
func escapeAttr(s string) string {
	var b strings.Builder
	for _, r := range validXML(s) {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\n':
			b.WriteString("&#10;")
		case '\r':
			b.WriteString("&#13;")
		case '\t':
			b.WriteString("&#9;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// validXML replaces the characters XML 1.0 does not allow (most control characters, invalid
// UTF-8) with U+FFFD.
func validXML(s string) string {
	ok := true
	for _, r := range s {
		if !isXMLChar(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isXMLChar(r) {
			return r
		}
		return utf8.RuneError
	}, s)
}

func isXMLChar(r rune) bool {
	switch {
	case r == utf8.RuneError:
		return false // also what invalid UTF-8 decodes to
	case r == '\t', r == '\n', r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return r <= 0x10FFFF
}

// className is Newman's class name for a suite: the name in lodash camelCase with every
// non-word character removed, first letter upper-cased.
func className(name string) string {
	var b strings.Builder
	for i, w := range words(name) {
		w = strings.ToLower(w)
		if i > 0 {
			w = upperFirst(w)
		}
		b.WriteString(w)
	}
	out := strings.Map(func(r rune) rune {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') {
			return r
		}
		return -1
	}, b.String())
	return upperFirst(out)
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// words splits s like lodash's words: runs of letters and digits, split again where case
// changes (fooBar, HTTPServer) and between letters and digits.
func words(s string) []string {
	var out []string
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		out = append(out, splitCase([]rune(tok))...)
	}
	return out
}

func splitCase(rs []rune) []string {
	var out []string
	start := 0
	for i := 1; i < len(rs); i++ {
		prev, cur := rs[i-1], rs[i]
		split := unicode.IsLower(prev) && unicode.IsUpper(cur) ||
			unicode.IsDigit(prev) != unicode.IsDigit(cur) ||
			i+1 < len(rs) && unicode.IsUpper(prev) && unicode.IsUpper(cur) && unicode.IsLower(rs[i+1])
		if split {
			out = append(out, string(rs[start:i]))
			start = i
		}
	}
	return append(out, string(rs[start:]))
}
