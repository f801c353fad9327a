package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/dop251/goja"

	"github.com/pmrun/pmrun/collections"
)

// hostObject builds the object of Go functions that corejs/*.js call. The functions read the
// running script's state from s.cur; they are created once per runtime.
func (s *Sandbox) hostObject(rt *jsRuntime) *goja.Object {
	vm := rt.vm
	h := vm.NewObject()
	set := func(name string, fn func(goja.FunctionCall) goja.Value) {
		_ = h.Set(name, fn)
	}
	set("console", func(c goja.FunctionCall) goja.Value {
		s.emit(ConsoleEvent{Level: c.Argument(0).String(), Text: c.Argument(1).String()})
		return goja.Undefined()
	})
	set("assertion", s.jsAssertion)
	set("asyncError", func(c goja.FunctionCall) goja.Value {
		if s.cur != nil {
			s.warnAsync(s.cur, s.errorFromValue(c.Argument(0), s.cur.ex), "error in an async callback ignored (as Newman does)")
		}
		return goja.Undefined()
	})
	s.addVariableHost(vm, set)
	set("info", func(goja.FunctionCall) goja.Value { return s.info(vm) })
	set("location", func(goja.FunctionCall) goja.Value {
		ex := s.cur.ex
		items := make([]any, 0, len(ex.ItemPath)+1)
		if ex.CollectionName != "" {
			items = append(items, ex.CollectionName)
		}
		for _, p := range ex.ItemPath {
			items = append(items, p)
		}
		return vm.NewArray(items...)
	})
	set("loadPackage", func(c goja.FunctionCall) goja.Value { return s.loadPackage(vm, c.Argument(0).String()) })
	set("locationCurrent", func(goja.FunctionCall) goja.Value {
		if s.cur.ex.ScriptOwner != "" {
			return vm.ToValue(s.cur.ex.ScriptOwner)
		}
		return vm.ToValue(s.cur.ex.ItemName)
	})
	set("requestURL", func(goja.FunctionCall) goja.Value {
		if s.cur.ex.Request == nil {
			return goja.Undefined()
		}
		return urlPlain(vm, &s.cur.ex.Request.URL)
	})
	set("request", func(goja.FunctionCall) goja.Value {
		r := s.cur.ex.Request
		if r == nil {
			return goja.Null()
		}
		// The url member is a function giving the plain URL, called when the script first
		// uses pm.request.url (model.pmRequest), on a copy taken now.
		u := r.URL.Clone()
		return requestObject(vm, r, vm.ToValue(func(goja.FunctionCall) goja.Value { return urlPlain(vm, &u) }))
	})
	set("response", func(goja.FunctionCall) goja.Value {
		if s.cur.ex.Response == nil {
			return goja.Null()
		}
		return responsePlain(vm, s.cur.ex.Response)
	})
	set("cookies", func(goja.FunctionCall) goja.Value { return cookiesPlain(vm, s.cur.ex.Cookies) })
	set("httpReason", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(http.StatusText(int(c.Argument(0).ToInteger())))
	})
	set("setNextRequest", func(c goja.FunctionCall) goja.Value {
		res := &s.cur.res
		if goja.IsNull(c.Argument(0)) || goja.IsUndefined(c.Argument(0)) {
			res.NextRequest, res.NextRequestNull = nil, true
		} else {
			name := c.Argument(0).String()
			res.NextRequest, res.NextRequestNull = &name, false
		}
		return goja.Undefined()
	})
	set("skipRequest", func(c goja.FunctionCall) goja.Value {
		s.cur.res.SkipRequest = true
		s.cur.skip = c.Argument(0)
		return goja.Undefined()
	})
	set("visualizerSet", func(c goja.FunctionCall) goja.Value {
		s.cur.res.Visualizer = &Visualizer{
			Template: c.Argument(0).String(),
			Data:     exportValue(c.Argument(1)),
			Options:  exportValue(c.Argument(2)),
		}
		return goja.Undefined()
	})
	set("visualizerClear", func(goja.FunctionCall) goja.Value {
		s.cur.res.Visualizer = nil
		return goja.Undefined()
	})
	set("sendRequest", s.jsSendRequest)
	set("runRequest", s.jsRunRequest)
	set("canRunRequest", func(goja.FunctionCall) goja.Value { return vm.ToValue(s.opts.Runner != nil) })
	set("vault", s.jsVault)
	set("jar", s.jsJar)
	set("nodeMessage", func(c goja.FunctionCall) goja.Value {
		msg, stack := c.Argument(0).String(), c.Argument(1).String()
		if s.cur == nil {
			return vm.ToValue(msg)
		}
		ex := s.cur.ex
		line, col := positionInStack(stack, ex.ScriptName)
		return vm.ToValue(nodeTypeMessage(msg, ex.Script.Source, line, col))
	})
	set("loading", func(goja.FunctionCall) goja.Value { return vm.ToValue(rt.loading > 0) })
	set("require", func(c goja.FunctionCall) goja.Value { return rt.require(c.Argument(0).String()) })
	set("lib", func(c goja.FunctionCall) goja.Value {
		v, err := rt.load(c.Argument(0).String())
		if err != nil {
			panic(vm.NewGoError(err))
		}
		return v
	})
	return h
}

// jsAssertion is host.assertion(name, index, skipped[, errName, errMessage]).
func (s *Sandbox) jsAssertion(c goja.FunctionCall) goja.Value {
	ev := AssertionEvent{
		Name:    c.Argument(0).String(),
		Index:   int(c.Argument(1).ToInteger()),
		Skipped: c.Argument(2).ToBoolean(),
	}
	if len(c.Arguments) >= 5 {
		ev.Err = &ScriptError{Name: c.Argument(3).String(), Message: c.Argument(4).String()}
		if len(c.Arguments) >= 7 && s.rt != nil {
			ev.Err.Expected = s.inspect(c.Argument(5))
			ev.Err.Actual = s.inspect(c.Argument(6))
		}
	}
	s.emit(ev)
	return goja.Undefined()
}

// inspect formats v as Node's util.inspect does ("" when formatting fails).
func (s *Sandbox) inspect(v goja.Value) string {
	vm := s.rt.vm
	out, err := s.rt.format(goja.Undefined(), vm.NewArray("%O", v))
	if err != nil {
		return ""
	}
	return out.String()
}

// info is pm.info: its members are read-only and not enumerable (JSON.stringify(pm.info) is
// '{}' in Newman); the object itself stays extensible.
func (s *Sandbox) info(vm *goja.Runtime) goja.Value {
	ex := s.cur.ex
	o := vm.NewObject()
	def := func(name string, v any) {
		_ = o.DefineDataProperty(name, vm.ToValue(v), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	}
	def("eventName", ex.Listen)
	def("iteration", ex.Iteration)
	def("iterationCount", ex.IterationCount)
	def("requestName", ex.ItemName)
	def("requestId", ex.RequestID)
	return o
}

// responsePlain builds the plain response object model.response expects (sandbox/model-contract.md).
func responsePlain(vm *goja.Runtime, r *collections.Response) goja.Value {
	o := vm.NewObject()
	_ = o.Set("id", r.ID)
	_ = o.Set("code", r.Code)
	_ = o.Set("status", r.Status)
	hs := make([]any, len(r.Headers))
	for i, h := range r.Headers {
		ho := vm.NewObject()
		_ = ho.Set("key", h.Key)
		_ = ho.Set("value", h.Value)
		hs[i] = ho
	}
	_ = o.Set("header", vm.NewArray(hs...))
	_ = o.Set("body", string(r.Body))
	if !isUTF8(r.Body) {
		_ = o.Set("bodyBase64", encodeBase64(r.Body))
	}
	_ = o.Set("responseTime", float64(r.ResponseTime)/float64(time.Millisecond))
	_ = o.Set("responseSize", len(r.Body))
	// postman-runtime builds every response with an empty cookie list: scripts read cookies
	// through pm.cookies (the jar's cookies for the URL), so pm.response.cookies is empty
	_ = o.Set("cookie", vm.NewArray())
	return o
}

// requestObject is the plain request JSON.parse would make of collections.Request's
// MarshalJSON, built directly (goja's JSON.parse cost more than the rest of building
// pm.request), with url as its url member: the same members in the same order
// (TestRequestPlainMatchesJSON holds the two together). The rarer parts with their own
// encoding (auth, body options, proxy, certificate, variable values) go through JSON.
func requestObject(vm *goja.Runtime, r *collections.Request, url goja.Value) *goja.Object {
	o := vm.NewObject()
	_ = o.Set("url", url)
	method := r.Method
	if method == "" {
		method = "GET"
	}
	_ = o.Set("method", method)
	hs := make([]any, len(r.Headers))
	for i, h := range r.Headers {
		o := kvPlain(vm, h.Key, h.Value, true, h.Disabled, h.Description)
		if h.System {
			_ = o.Set("system", true)
		}
		hs[i] = o
	}
	_ = o.Set("header", vm.NewArray(hs...))
	if r.Body != nil {
		_ = o.Set("body", bodyPlain(vm, r.Body))
	}
	if r.Auth != nil {
		_ = o.Set("auth", jsonPlain(vm, r.Auth))
	}
	if r.Description != "" {
		_ = o.Set("description", r.Description)
	}
	if len(r.Proxy) > 0 {
		_ = o.Set("proxy", jsonPlain(vm, r.Proxy))
	}
	if len(r.Certificate) > 0 {
		_ = o.Set("certificate", jsonPlain(vm, r.Certificate))
	}
	return o
}

// urlPlain is a URL as collections' urlToJSON writes it.
func urlPlain(vm *goja.Runtime, u *collections.URL) *goja.Object {
	o := vm.NewObject()
	_ = o.Set("raw", u.String())
	if u.Protocol != "" {
		_ = o.Set("protocol", u.Protocol)
	}
	if u.Auth != "" {
		_ = o.Set("auth", u.Auth)
	}
	if len(u.Host) > 0 {
		_ = o.Set("host", stringsPlain(vm, u.Host))
	}
	if u.Port != "" {
		_ = o.Set("port", u.Port)
	}
	if len(u.Path) > 0 {
		_ = o.Set("path", stringsPlain(vm, u.Path))
	}
	if len(u.Query) > 0 {
		qs := make([]any, len(u.Query))
		for i, q := range u.Query {
			qs[i] = kvPlain(vm, q.Key, q.Value, !q.NoValue, q.Disabled, q.Description)
		}
		_ = o.Set("query", vm.NewArray(qs...))
	}
	if u.Hash != "" {
		_ = o.Set("hash", u.Hash)
	}
	if len(u.Variables) > 0 {
		vs := make([]any, len(u.Variables))
		for i, v := range u.Variables {
			vo := vm.NewObject()
			if v.ID != "" {
				_ = vo.Set("id", v.ID)
			}
			_ = vo.Set("key", v.Key)
			if b, err := json.Marshal(v.Value); v.Value != nil && err == nil {
				if val, err := parseJSON(vm, string(b)); err == nil {
					_ = vo.Set("value", val)
				}
			}
			if v.Type != "" {
				_ = vo.Set("type", v.Type)
			}
			if v.Name != "" {
				_ = vo.Set("name", v.Name)
			}
			if v.Description != "" {
				_ = vo.Set("description", v.Description)
			}
			if v.Disabled {
				_ = vo.Set("disabled", true)
			}
			if v.System {
				_ = vo.Set("system", true)
			}
			vs[i] = vo
		}
		_ = o.Set("variable", vm.NewArray(vs...))
	}
	return o
}

// kvPlain is a {key, value, disabled?, description?} member; value is null when hasValue is false.
func kvPlain(vm *goja.Runtime, key, value string, hasValue, disabled bool, description string) *goja.Object {
	o := vm.NewObject()
	_ = o.Set("key", key)
	if hasValue {
		_ = o.Set("value", value)
	} else {
		_ = o.Set("value", goja.Null())
	}
	if disabled {
		_ = o.Set("disabled", true)
	}
	if description != "" {
		_ = o.Set("description", description)
	}
	return o
}

func bodyPlain(vm *goja.Runtime, b *collections.Body) *goja.Object {
	o := vm.NewObject()
	_ = o.Set("mode", b.Mode)
	if b.Mode == "raw" || b.Raw != "" {
		_ = o.Set("raw", b.Raw)
	}
	if len(b.URLEncoded) > 0 {
		ps := make([]any, len(b.URLEncoded))
		for i, p := range b.URLEncoded {
			ps[i] = kvPlain(vm, p.Key, p.Value, true, p.Disabled, p.Description)
		}
		_ = o.Set("urlencoded", vm.NewArray(ps...))
	}
	if len(b.FormData) > 0 {
		ps := make([]any, len(b.FormData))
		for i, p := range b.FormData {
			po := vm.NewObject()
			_ = po.Set("key", p.Key)
			for _, f := range [...]struct{ name, value string }{{"value", p.Value}, {"type", p.Type}} {
				if f.value != "" {
					_ = po.Set(f.name, f.value)
				}
			}
			if len(p.Src) > 0 {
				_ = po.Set("src", stringsPlain(vm, p.Src))
			}
			if p.ContentType != "" {
				_ = po.Set("contentType", p.ContentType)
			}
			if p.Disabled {
				_ = po.Set("disabled", true)
			}
			if p.Description != "" {
				_ = po.Set("description", p.Description)
			}
			ps[i] = po
		}
		_ = o.Set("formdata", vm.NewArray(ps...))
	}
	if b.File != nil {
		fo := vm.NewObject()
		_ = fo.Set("src", b.File.Src)
		if b.File.Content != "" {
			_ = fo.Set("content", b.File.Content)
		}
		_ = o.Set("file", fo)
	}
	if b.GraphQL != nil {
		g := vm.NewObject()
		_ = g.Set("query", b.GraphQL.Query)
		if b.GraphQL.Variables != "" {
			_ = g.Set("variables", b.GraphQL.Variables)
		}
		if b.GraphQL.OperationName != "" {
			_ = g.Set("operationName", b.GraphQL.OperationName)
		}
		_ = o.Set("graphql", g)
	}
	if len(b.Options) > 0 {
		_ = o.Set("options", jsonPlain(vm, b.Options))
	}
	if b.Disabled {
		_ = o.Set("disabled", true)
	}
	return o
}

func stringsPlain(vm *goja.Runtime, list []string) *goja.Object {
	items := make([]any, len(list))
	for i, s := range list {
		items[i] = s
	}
	return vm.NewArray(items...)
}

// jsonPlain is JSON.parse(JSON of v) in vm: the form the JSON path gives such parts.
func jsonPlain(vm *goja.Runtime, v any) goja.Value {
	b, err := json.Marshal(v)
	if err != nil {
		throw(vm, "Error", "sandbox: encode request: "+err.Error())
	}
	val, err := parseJSON(vm, string(b))
	if err != nil {
		throw(vm, "Error", "sandbox: encode request: "+err.Error())
	}
	return val
}

func cookiesPlain(vm *goja.Runtime, cs []collections.Cookie) goja.Value {
	items := make([]any, len(cs))
	for i := range cs {
		items[i] = cookiePlain(vm, &cs[i])
	}
	return vm.NewArray(items...)
}

// cookiePlain is a cookie as postman-collection's Cookie#toJSON gives it to scripts: every
// field present, in its order, expires null when the cookie has none (else milliseconds).
func cookiePlain(vm *goja.Runtime, c *collections.Cookie) *goja.Object {
	o := vm.NewObject()
	_ = o.Set("name", c.Name)
	if c.Expires.IsZero() {
		_ = o.Set("expires", goja.Null())
	} else {
		_ = o.Set("expires", c.Expires.UTC().Format("2006-01-02T15:04:05.000Z"))
	}
	_ = o.Set("maxAge", c.MaxAge)
	_ = o.Set("domain", c.Domain)
	_ = o.Set("path", c.Path)
	_ = o.Set("secure", c.Secure)
	_ = o.Set("httpOnly", c.HTTPOnly)
	_ = o.Set("hostOnly", c.HostOnly)
	_ = o.Set("value", c.Value)
	return o
}

// writeRequest replaces *req with the request described by text (model toJSON output),
// keeping the fields the model does not carry.
func writeRequest(req *collections.Request, text string) error {
	var nr collections.Request
	if err := json.Unmarshal([]byte(text), &nr); err != nil {
		return fmt.Errorf("sandbox: decode request changed by script: %w", err)
	}
	if nr.Description == "" {
		nr.Description = req.Description
	}
	if nr.Proxy == nil {
		nr.Proxy = req.Proxy
	}
	if nr.Certificate == nil {
		nr.Certificate = req.Certificate
	}
	*req = nr
	return nil
}

// exportValue converts a JS value to plain Go data (undefined: nil).
func exportValue(v goja.Value) any {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	return v.Export()
}
