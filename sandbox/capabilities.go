package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/dop251/goja"

	"github.com/pmrun/pmrun/collections"
)

// msgVaultDisabled is the rejection of every pm.vault call when the run has no vault.
const msgVaultDisabled = "vault is not enabled for this run: pass --vault (and allow scripts with `pmrun vault scripts on`)"

// jsSendRequest is host.sendRequest(requestJSON, callbackStyle): a Promise of the plain
// response. The request is sent as written: {{variables}} are not substituted, as in Newman
// and the Postman app. In callback style a request error that Node reports with own
// properties (a system error: errno, code, syscall, address, port) rejects with those as a
// plain object, which is what Newman hands the callback; the promise form keeps the Error.
func (s *Sandbox) jsSendRequest(c goja.FunctionCall) goja.Value {
	if s.opts.Requester == nil {
		return s.rejected("pm.sendRequest is not available in this run")
	}
	var req collections.Request
	if err := json.Unmarshal([]byte(c.Argument(0).String()), &req); err != nil {
		return s.rejected("sendrequest: invalid request: " + err.Error())
	}
	if stripFiles(&req) {
		s.emit(ConsoleEvent{Level: "warn", Text: "uploading files from scripts is not allowed"})
	}
	callbackStyle := c.Argument(1).ToBoolean()
	requester := s.opts.Requester
	return s.hostCall(func(ctx context.Context) (any, error) {
		resp, err := requester.Send(ctx, &req)
		if err == nil && resp == nil {
			err = errors.New("sendrequest: no response")
		}
		var nf nodeFielder
		if err != nil && callbackStyle && errors.As(err, &nf) {
			err = &plainRejection{err: err, fields: nf}
		}
		return resp, err
	}, func(vm *goja.Runtime, v any) goja.Value {
		return responsePlain(vm, v.(*collections.Response))
	})
}

// jsVault is host.vault(cmd, key[, value]): a Promise (get resolves the value or undefined).
// Every rejection (vault not enabled, access denied, linked secret, provider error) is also
// shown on the console when it happens, so a script that catches it still leaves a trace.
func (s *Sandbox) jsVault(c goja.FunctionCall) goja.Value {
	if s.opts.Vault == nil {
		return s.rejectedLog(msgVaultDisabled)
	}
	v := s.opts.Vault
	cmd, key, value := c.Argument(0).String(), c.Argument(1).String(), c.Argument(2).String()
	switch cmd {
	case "get":
		return s.hostCallLog(func(ctx context.Context) (any, error) {
			val, ok, err := v.Get(ctx, key)
			if err != nil || !ok {
				return nil, err
			}
			return val, nil
		}, func(vm *goja.Runtime, r any) goja.Value {
			if r == nil {
				return goja.Undefined()
			}
			return vm.ToValue(r)
		}, true)
	case "set":
		return s.hostCallLog(func(ctx context.Context) (any, error) { return nil, v.Set(ctx, key, value) }, nil, true)
	case "unset":
		return s.hostCallLog(func(ctx context.Context) (any, error) { return nil, v.Unset(ctx, key) }, nil, true)
	}
	return s.rejectedLog("Invalid vault command: " + cmd)
}

// jsJar is host.jar(cmd, url, a, b) for pm.cookies.jar(): a Promise. A script's jar calls
// run one after another in the order it made them (a set then a get sees the cookie; a get
// then a clear still finds it), whatever the callbacks or awaits around them.
func (s *Sandbox) jsJar(c goja.FunctionCall) goja.Value {
	if s.opts.Cookies == nil {
		return s.rejected("CookieStore: no store found")
	}
	jar := s.opts.Cookies
	cmd, url := c.Argument(0).String(), c.Argument(1).String()
	var work func(ctx context.Context) (any, error)
	var conv func(vm *goja.Runtime, v any) goja.Value
	switch cmd {
	case "get":
		name := c.Argument(2).String()
		work = func(ctx context.Context) (any, error) { return jar.Get(ctx, url, name) }
		conv = func(vm *goja.Runtime, v any) goja.Value {
			if ck, _ := v.(*collections.Cookie); ck != nil {
				return vm.ToValue(ck.Value)
			}
			return goja.Undefined()
		}
	case "getAll":
		work = func(ctx context.Context) (any, error) { return jar.GetAll(ctx, url) }
		conv = func(vm *goja.Runtime, v any) goja.Value { return cookiesPlain(vm, v.([]collections.Cookie)) }
	case "set":
		ck := cookieFromJS(c.Argument(2))
		// The answer is the cookie as the jar stored it (its domain, path and host-only
		// filled in from the URL), as tough-cookie's setCookie gives it.
		work = func(ctx context.Context) (any, error) {
			if err := jar.Set(ctx, url, ck); err != nil {
				return nil, err
			}
			stored, err := jar.Get(ctx, url, ck.Name)
			if err != nil || stored == nil {
				return ck, err
			}
			return *stored, nil
		}
		conv = func(vm *goja.Runtime, v any) goja.Value {
			ck := v.(collections.Cookie)
			return cookiePlain(vm, &ck)
		}
	case "unset":
		name := c.Argument(2).String()
		work = func(ctx context.Context) (any, error) { return nil, jar.Unset(ctx, url, name) }
	case "clear":
		work = func(ctx context.Context) (any, error) { return nil, jar.Clear(ctx, url) }
	default:
		return s.rejected("CookieJar: invalid command " + cmd)
	}
	x := s.cur
	prev, done := x.jarDone, make(chan struct{})
	x.jarDone = done
	return s.hostCall(func(ctx context.Context) (any, error) {
		defer close(done)
		if prev != nil {
			select {
			case <-prev:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		return work(ctx)
	}, conv)
}

// cookieFromJS reads {name|key, value, domain, path, expires, httpOnly, secure}.
func cookieFromJS(v goja.Value) collections.Cookie {
	m, _ := exportValue(v).(map[string]any)
	str := func(k string) string {
		if s, ok := m[k].(string); ok {
			return s
		}
		return ""
	}
	ck := collections.Cookie{
		Name: str("name"), Value: str("value"), Domain: str("domain"), Path: str("path"),
	}
	if ck.Name == "" {
		ck.Name = str("key")
	}
	ck.HTTPOnly, _ = m["httpOnly"].(bool)
	ck.Secure, _ = m["secure"].(bool)
	if e := str("expires"); e != "" {
		if t, err := time.Parse(time.RFC3339, e); err == nil {
			ck.Expires = t
		}
	}
	return ck
}

// stripFiles removes what a script may not upload, as Postman does: a file body goes
// entirely, a form-data body loses its file fields. It reports whether anything was removed.
func stripFiles(req *collections.Request) bool {
	b := req.Body
	if b == nil {
		return false
	}
	switch b.Mode {
	case "file":
		req.Body = nil
		return true
	case "formdata":
		kept := b.FormData[:0]
		for _, p := range b.FormData {
			if p.Type != "file" {
				kept = append(kept, p)
			}
		}
		removed := len(kept) != len(b.FormData)
		b.FormData = kept
		return removed
	}
	return false
}

// jsRunRequest is host.runRequest(idOrName, variables): a Promise of the plain response, or
// null when the request was skipped.
func (s *Sandbox) jsRunRequest(c goja.FunctionCall) goja.Value {
	runner := s.opts.Runner
	if runner == nil {
		return s.rejected("pm.execution.runRequest is not available in this run")
	}
	id := c.Argument(0).String()
	var vars map[string]any
	if v := c.Argument(1); !goja.IsUndefined(v) && !goja.IsNull(v) {
		if obj, ok := v.(*goja.Object); ok {
			vars = make(map[string]any)
			for _, k := range obj.Keys() {
				vars[k] = exportVar(obj.Get(k))
			}
		}
	}
	type result struct {
		resp    *collections.Response
		skipped bool
	}
	run, err := runner.PrepareRun(id, vars)
	if err != nil {
		return s.rejected(err.Error())
	}
	return s.hostCall(func(ctx context.Context) (any, error) {
		resp, skipped, err := run(ctx)
		if err != nil {
			return nil, err
		}
		return result{resp, skipped}, nil
	}, func(vm *goja.Runtime, v any) goja.Value {
		r := v.(result)
		if r.skipped || r.resp == nil {
			return goja.Null()
		}
		return responsePlain(vm, r.resp)
	})
}
