package sandbox

import (
	"strings"

	"github.com/dop251/goja"
)

// goja cannot parse import(); V8 parses it and rejects at run time with "A dynamic import
// callback was not specified." (what Postman's sandbox reports). A script that fails to
// compile and contains import( in its code (not in a string or comment) is compiled again
// with each such import turned into dynamicImportName (same length, so positions hold), a
// global function that returns that rejection (corejs/webglobals.js).
const dynamicImportName = "__imp_"

// compileDynamicImport returns the program of src with import() calls rewritten, or nil
// when src has none or still does not compile.
func compileDynamicImport(name, src string) *goja.Program {
	rewritten, n := rewriteDynamicImport(src)
	if n == 0 {
		return nil
	}
	p, err := goja.Compile(name, wrapHead+rewritten+wrapTail, false)
	if err != nil {
		return nil
	}
	return p
}

// rewriteDynamicImport replaces the import keyword of import( calls outside strings,
// template literals and comments, and says how many it replaced. Regular expression
// literals are not recognised (an import( inside one is rewritten too).
func rewriteDynamicImport(src string) (string, int) {
	b := []byte(src)
	n := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"' || c == '\'' || c == '`':
			for i++; i < len(b) && b[i] != c; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			for i < len(b) && b[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			end := strings.Index(string(b[i+2:]), "*/")
			if end < 0 {
				return string(b), n
			}
			i += end + 3
		case c == 'i' && strings.HasPrefix(string(b[i:]), "import") && (i == 0 || !identOrDot(b[i-1])):
			j := i + len("import")
			for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\n' || b[j] == '\r') {
				j++
			}
			if j < len(b) && b[j] == '(' {
				copy(b[i:], dynamicImportName)
				n++
			}
			i += len("import") - 1
		}
	}
	return string(b), n
}

func identOrDot(c byte) bool {
	return c == '.' || c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
