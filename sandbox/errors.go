package sandbox

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// errorFromValue (nil for the skipRequest stop signal) describes a thrown or rejected JS value the way Newman reports it: the
// error's name and message (both empty for a thrown non-object, as Newman has none) and,
// when known, where in the user's script it was thrown.
func (s *Sandbox) errorFromValue(v goja.Value, ex *Execution, exc ...*goja.Exception) *ScriptError {
	if s.cur != nil && s.cur.skip != nil && v != nil && v.SameAs(s.cur.skip) {
		return nil // pm.execution.skipRequest() ended the script
	}
	e := &ScriptError{}
	obj, isObj := v.(*goja.Object)
	if isObj {
		e.Name = propString(obj, "name")
		e.Message = propString(obj, "message")
		e.Stack = propString(obj, "stack")
	} else if v != nil {
		e.Stack = "Uncaught " + v.String()
	}
	if len(exc) > 0 && exc[0] != nil {
		for _, f := range exc[0].Stack() {
			if f.SrcName() == ex.ScriptName {
				pos := f.Position()
				e.Line, e.Column = pos.Line, userColumn(pos.Line, pos.Column)
				break
			}
		}
	}
	if e.Line == 0 && e.Stack != "" {
		e.Line, e.Column = positionInStack(e.Stack, ex.ScriptName)
	}
	if e.Name == "TypeError" {
		e.Message = nodeTypeMessage(e.Message, ex.Script.Source, e.Line, e.Column)
	}
	e.Trace = scriptTrace(e.Stack, s.sources)
	if thrownInOtherScript(e.Stack, ex.ScriptName) {
		// The line is where this script called into another script's function: point at
		// the callee, not at goja's "(".
		e.Column = calleeStart(ex.Script.Source, e.Line, e.Column)
	}
	return e
}

// thrownInOtherScript reports whether the innermost frame of a stack that is in one of the
// collection's scripts belongs to another script than name.
func thrownInOtherScript(stack, name string) bool {
	for _, l := range strings.Split(stack, "\n") {
		if m := reFrame.FindStringSubmatch(l); m != nil && strings.HasSuffix(m[2], "]") {
			return m[2] != name
		}
	}
	return false
}

// reFrame is one "at fn (name:line:col(pc))" or "at name:line:col(pc)" line of a goja stack.
var reFrame = regexp.MustCompile(`^\s*at (?:(.+?) \()?(.+?):(\d+):(\d+)(?:\(\d+\))?\)?\s*$`)

// scriptTrace keeps the frames of a goja stack that are in the collection's scripts (named
// "<path> [listen]"), with columns in the user's source. goja places a call at its "(";
// a calling frame points at the start of the callee instead (V8 points inside it), using
// the script's source from sources. It is nil for a stack of fewer than two such frames:
// the error's line already says all.
func scriptTrace(stack string, sources map[string]string) []string {
	var out []string
	for _, l := range strings.Split(stack, "\n") {
		m := reFrame.FindStringSubmatch(l)
		if m == nil || !strings.HasSuffix(m[2], "]") {
			continue
		}
		line, _ := strconv.Atoi(m[3])
		col, _ := strconv.Atoi(m[4])
		col = userColumn(line, col)
		if len(out) > 0 { // a calling frame
			col = calleeStart(sources[m[2]], line, col)
		}
		where := m[2] + ":" + strconv.Itoa(line) + ":" + strconv.Itoa(col)
		if m[1] != "" {
			where = m[1] + " (" + where + ")"
		}
		out = append(out, where)
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// positionInStack finds "<name>:line:col" in a goja stack text.
func positionInStack(stack, name string) (line, col int) {
	i := strings.Index(stack, name+":")
	if i < 0 {
		return 0, 0
	}
	rest := stack[i+len(name)+1:]
	parts := strings.SplitN(rest, ":", 2)
	if len(parts) != 2 {
		return 0, 0
	}
	l, err := strconv.Atoi(parts[0])
	if err != nil {
		return 0, 0
	}
	end := strings.IndexFunc(parts[1], func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		end = len(parts[1])
	}
	c, _ := strconv.Atoi(parts[1][:end])
	return l, userColumn(l, c)
}

// calleeStart moves a column that points at a call's "(" back to the start of the callee
// (over identifiers, "." and "?."), e.g. from the "(" of "a.b.c(x)" to "a". Any other
// column is returned as it is.
func calleeStart(src string, line, col int) int {
	lines := strings.Split(src, "\n")
	if line < 1 || line > len(lines) {
		return col
	}
	text := lines[line-1]
	i := col - 1
	if i < 0 || i >= len(text) || text[i] != '(' {
		return col
	}
	j := i
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t') {
		j--
	}
	start := j
	for start > 0 {
		c := text[start-1]
		if c == '_' || c == '$' || c == '.' || c == '?' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			start--
			continue
		}
		break
	}
	if start == j {
		return col
	}
	return start + 1
}

var (
	reNoMember   = regexp.MustCompile(`^Object has no member '(.*)'$`)
	reNotObject  = regexp.MustCompile(`^Value is not an object: `)
	reReadOfNull = regexp.MustCompile(`^Cannot read property '(.*)' of (undefined|null)(?: or null)?$`)
)

// nodeTypeMessage rewrites goja's TypeError wording into V8's (what Newman prints) for the
// common cases: calling a missing method and reading a property of undefined. src is the
// user's script; line and col locate the error in it (0 when unknown).
func nodeTypeMessage(msg, src string, line, col int) string {
	if m := reReadOfNull.FindStringSubmatch(msg); m != nil {
		return "Cannot read properties of " + m[2] + " (reading '" + m[1] + "')"
	}
	m := reNoMember.FindStringSubmatch(msg)
	if m == nil && !reNotObject.MatchString(msg) {
		return msg
	}
	if expr := calleeAt(src, line, col); expr != "" {
		return expr + " is not a function"
	}
	if m != nil {
		return m[1] + " is not a function"
	}
	return msg
}

// calleeAt returns the dotted expression that ends just before the call's "(" at line:col.
func calleeAt(src string, line, col int) string {
	if line <= 0 || col <= 1 {
		return ""
	}
	lines := strings.Split(src, "\n")
	if line > len(lines) {
		return ""
	}
	l := lines[line-1]
	end := col - 1 // 0-based index of "("
	if end > len(l) || end <= 0 || (end < len(l) && l[end] != '(') {
		return ""
	}
	start := end
	for start > 0 {
		c := l[start-1]
		if c == '.' || c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') {
			start--
			continue
		}
		break
	}
	return strings.Trim(l[start:end], ".")
}

// propString is obj[key] as a string, "" when it is undefined or when reading or converting
// it throws: a thrown value can be a Proxy whose traps throw or an object whose getter or
// toString throws, and a JS exception raised from Go code panics.
func propString(obj *goja.Object, key string) (s string) {
	defer func() {
		if r := recover(); r != nil {
			switch r.(type) {
			case *goja.Exception, goja.Value:
				s = ""
			default:
				panic(r)
			}
		}
	}()
	v := obj.Get(key)
	if v == nil || goja.IsUndefined(v) {
		return ""
	}
	return v.String()
}
