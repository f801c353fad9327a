package sandbox

import (
	"context"
	"errors"

	"github.com/dop251/goja"
)

// hostCall runs work on its own goroutine and returns a Promise settled on the loop with its
// result. The loop stays alive until then. conv turns work's Go result into a JS value on the
// loop goroutine (nil conv: undefined). Errors reject with a Node-style Error (see jsError).
func (s *Sandbox) hostCall(work func(ctx context.Context) (any, error), conv func(vm *goja.Runtime, v any) goja.Value) goja.Value {
	return s.hostCallLog(work, conv, false)
}

// hostCallLog is hostCall; with logErr a rejection is also shown on the console (as an
// error line, when it happens) so that it is visible even if the script catches it.
func (s *Sandbox) hostCallLog(work func(ctx context.Context) (any, error), conv func(vm *goja.Runtime, v any) goja.Value, logErr bool) goja.Value {
	rt, x := s.rt, s.cur
	vm := rt.vm
	p, resolve, reject := vm.NewPromise()
	rt.loop.reserve()
	gen := rt.loop.generation()
	ctx := x.ctx
	go func() {
		v, err := work(ctx)
		rt.loop.post(gen, func() {
			rt.loop.release()
			var uerr error
			if err != nil {
				if logErr {
					s.emit(ConsoleEvent{Level: "error", Text: err.Error()})
				}
				uerr = reject(jsError(vm, err))
			} else if conv != nil {
				uerr = resolve(conv(vm, v))
			} else {
				uerr = resolve(goja.Undefined())
			}
			if uerr != nil && s.cur != nil {
				s.jsFailure(s.cur, uerr)
			}
		})
	}()
	return vm.ToValue(p)
}

// rejectedLog is rejected, also showing msg on the console as an error line.
func (s *Sandbox) rejectedLog(msg string) goja.Value {
	s.emit(ConsoleEvent{Level: "error", Text: msg})
	return s.rejected(msg)
}

// rejected returns a Promise already rejected with msg.
func (s *Sandbox) rejected(msg string) goja.Value {
	vm := s.rt.vm
	p, _, reject := vm.NewPromise()
	_ = reject(newError(vm, "Error", msg))
	return vm.ToValue(p)
}

// coder is implemented by errors that carry a Node-style code such as ECONNREFUSED.
type coder interface{ Code() string }

// jsError turns a Go error into a JS Error whose message is exactly err.Error(), with a
// `code` property when the error (or one it wraps) has one.
func jsError(vm *goja.Runtime, err error) goja.Value {
	var plain *plainRejection
	if errors.As(err, &plain) {
		keys, values := plain.fields.NodeFields()
		obj := vm.NewObject()
		for i, k := range keys {
			_ = obj.Set(k, values[i])
		}
		return obj
	}
	obj := newError(vm, "Error", err.Error())
	var c coder
	if errors.As(err, &c) && c.Code() != "" {
		_ = obj.Set("code", c.Code())
	}
	return obj
}

// nodeFielder is an error with the own properties Node gives it (runner's request errors):
// keys in order, with their values (strings and numbers).
type nodeFielder interface {
	NodeFields() (keys []string, values []any)
}

// plainRejection makes a promise reject with the error's Node properties as a plain object
// instead of an Error.
type plainRejection struct {
	err    error
	fields nodeFielder
}

func (p *plainRejection) Error() string { return p.err.Error() }
func (p *plainRejection) Unwrap() error { return p.err }

// newError builds an instance of the global error constructor ctor ("Error", "TypeError"...).
func newError(vm *goja.Runtime, ctor, msg string) *goja.Object {
	obj, err := vm.New(vm.Get(ctor), vm.ToValue(msg))
	if err != nil {
		return vm.NewGoError(errors.New(msg))
	}
	return obj
}

// throw panics with a JS error of type ctor, to be caught by goja and thrown into the script.
func throw(vm *goja.Runtime, ctor, msg string) {
	panic(newError(vm, ctor, msg))
}
