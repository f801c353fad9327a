package collections

import (
	"slices"
	"strings"
)

// maxReplacePasses is postman-collection's VARS_SUBREPLACE_LIMIT.
const maxReplacePasses = 19

// Replace substitutes {{var}} tokens in text using lookup, as postman-collection's
// Substitutor does: a token is "{{" + a name without "{" or "}" + "}}"; each pass replaces
// every token left to right without rescanning replacements; passes repeat while one changed
// the text, at most 19 times, so nested {{a_{{b}}}} resolves the inner token first.
// Unresolved tokens stay verbatim. Text without "{{" is returned as is, without allocating.
func Replace(text string, lookup Lookup) string {
	if lookup == nil || !strings.Contains(text, "{{") {
		return text
	}
	for range maxReplacePasses {
		out, changed := replacePass(text, lookup)
		if !changed {
			break
		}
		text = out
		if !strings.Contains(text, "{{") {
			break
		}
	}
	return text
}

// replacePass performs one left-to-right substitution pass.
func replacePass(text string, lookup Lookup) (string, bool) {
	var b strings.Builder
	changed := false
	last := 0 // text[last:] has not been copied yet
	i := 0
	for {
		start, end, ok := nextToken(text, i)
		if !ok {
			break
		}
		name := text[start+2 : end]
		if val, found := lookup(name); found && val != text[start:end+2] {
			if !changed {
				b.Grow(len(text) + len(val))
				changed = true
			}
			b.WriteString(text[last:start])
			b.WriteString(val)
			last = end + 2
		}
		i = end + 2
	}
	if !changed {
		return text, false
	}
	b.WriteString(text[last:])
	return b.String(), true
}

// nextToken finds the first {{name}} token at or after i: the token is text[start:end+2]
// and its name text[start+2:end]; ok is false when there is none.
func nextToken(text string, i int) (start, end int, ok bool) {
	for {
		j := strings.Index(text[i:], "{{")
		if j < 0 {
			return 0, 0, false
		}
		start = i + j
		if end, ok = tokenEnd(text, start+2); ok {
			return start, end, true
		}
		i = start + 1
	}
}

// tokenEnd finds the "}}" closing a name that starts at from; the name may not contain
// "{" or "}".
func tokenEnd(text string, from int) (int, bool) {
	for k := from; k < len(text); k++ {
		switch text[k] {
		case '{':
			return 0, false
		case '}':
			if k+1 < len(text) && text[k+1] == '}' {
				return k, true
			}
			return 0, false
		}
	}
	return 0, false
}

// TokenNames returns the distinct names of the {{prefix…}} tokens in text, without the
// prefix, in order of first appearance — e.g. TokenNames(s, "vault:") lists the vault
// secrets a text refers to. Names containing braces are skipped.
func TokenNames(text, prefix string) []string {
	var names []string
	for i := 0; ; {
		start, end, ok := nextToken(text, i)
		if !ok {
			return names
		}
		if n, has := strings.CutPrefix(text[start+2:end], prefix); has && !slices.Contains(names, n) {
			names = append(names, n)
		}
		i = end + 2
	}
}
