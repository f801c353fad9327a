package sandbox

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1" //nolint:gosec // SHA-1 is part of Web Crypto's digest and HMAC, as in Postman
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"fmt"
	"hash"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// The web platform globals of Postman's sandbox 6 (structuredClone, queueMicrotask,
// AbortController, TextEncoder/TextDecoder, crypto, Event/EventTarget, DOMException,
// File/Blob) live in corejs/webglobals.js; the parts that are bytes, hashes and randomness
// are Go functions handed to it here, so no cryptography is written in JavaScript.
var progWeb = &coreProgram{file: "corejs/webglobals.js", params: "native, bufferModule"}

// progSDK adds postman-collection's VariableScope, MutationTracker, Item, ItemGroup and
// Collection to the object model (corejs/sdk.js).
var progSDK = &coreProgram{file: "corejs/sdk.js", params: "model"}

// installWebGlobals runs corejs/webglobals.js with its Go helpers; bufferModule is the
// exports of require('buffer'), which gains File, Blob, atob, btoa and the constants.
func installWebGlobals(s *Sandbox, rt *jsRuntime, bufferModule goja.Value) error {
	vm := rt.vm
	native := vm.NewObject()
	set := func(name string, fn func(goja.FunctionCall) goja.Value) {
		_ = native.Set(name, fn)
	}
	set("randomFill", func(c goja.FunctionCall) goja.Value {
		b := bytesArg(vm, c, 0)
		if _, err := rand.Read(b); err != nil {
			throw(vm, "Error", "crypto: no randomness available: "+err.Error())
		}
		return goja.Undefined()
	})
	set("randomUUID", func(goja.FunctionCall) goja.Value {
		var u [16]byte
		if _, err := rand.Read(u[:]); err != nil {
			throw(vm, "Error", "crypto: no randomness available: "+err.Error())
		}
		u[6] = u[6]&0x0f | 0x40
		u[8] = u[8]&0x3f | 0x80
		return vm.ToValue(fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]))
	})
	set("digest", func(c goja.FunctionCall) goja.Value {
		h := webHash(c.Argument(0).String())
		if h == nil {
			return goja.Null()
		}
		h.Write(bytesArg(vm, c, 1))
		return vm.ToValue(vm.NewArrayBuffer(h.Sum(nil)))
	})
	set("hmac", func(c goja.FunctionCall) goja.Value {
		name := c.Argument(0).String()
		if webHash(name) == nil {
			return goja.Null()
		}
		m := hmac.New(func() hash.Hash { return webHash(name) }, bytesArg(vm, c, 1))
		m.Write(bytesArg(vm, c, 4))
		return vm.ToValue(vm.NewArrayBuffer(m.Sum(nil)))
	})
	set("equal", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(subtle.ConstantTimeCompare(bytesArg(vm, c, 0), bytesArg(vm, c, 3)) == 1)
	})
	set("encodeUTF8", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(vm.NewArrayBuffer(utf8Bytes(c.Argument(0))))
	})
	set("decode", func(c goja.FunctionCall) goja.Value {
		text, ok := decodeText(c.Argument(0).String(), bytesArg(vm, c, 1), c.Argument(4).ToBoolean())
		if !ok {
			return goja.Null()
		}
		return vm.ToValue(text)
	})
	set("copyBytes", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(vm.NewArrayBuffer(append([]byte(nil), bytesArg(vm, c, 0)...)))
	})
	addWebCrypto(vm, native)
	// unrefTimeout(fn, ms): a timer that does not keep the script waiting (AbortSignal.timeout).
	set("unrefTimeout", func(c goja.FunctionCall) goja.Value {
		fn := callback(vm, c.Argument(0))
		d := time.Duration(max(c.Argument(1).ToFloat(), 0) * float64(time.Millisecond))
		rt.loop.addUnrefTimer(d, func() { s.callTimer(fn, nil) })
		return goja.Undefined()
	})
	set("webStreams", func(goja.FunctionCall) goja.Value { return loadWebStreams(vm) })
	set("compress", func(c goja.FunctionCall) goja.Value {
		out, err := compressBytes(c.Argument(0).String(), bytesArg(vm, c, 1), c.Argument(4).ToBoolean())
		if err != nil {
			throw(vm, "TypeError", "The compressed data is not valid: "+err.Error())
		}
		return vm.ToValue(vm.NewArrayBuffer(out))
	})
	_, err := progWeb.call(vm, native, bufferModule)
	return err
}

// bytesArg returns the bytes of the (ArrayBuffer, byteOffset, byteLength) triple that
// starts at argument i; the slice aliases the script's buffer.
func bytesArg(vm *goja.Runtime, c goja.FunctionCall, i int) []byte {
	ab, ok := c.Argument(i).Export().(goja.ArrayBuffer)
	if !ok {
		throw(vm, "TypeError", "expected an ArrayBuffer")
	}
	b := ab.Bytes()
	off, n := c.Argument(i+1).ToInteger(), c.Argument(i+2).ToInteger()
	if off < 0 || n < 0 || off+n > int64(len(b)) {
		throw(vm, "RangeError", "byte range outside the buffer")
	}
	return b[off : off+n]
}

// webHash returns the hash of a Web Crypto algorithm name, nil when unknown.
func webHash(name string) hash.Hash {
	switch strings.ToUpper(name) {
	case "SHA-1":
		return sha1.New() //nolint:gosec // see import
	case "SHA-256":
		return sha256.New()
	case "SHA-384":
		return sha512.New384()
	case "SHA-512":
		return sha512.New()
	}
	return nil
}

// utf8Bytes encodes a JS string as UTF-8, with lone surrogates as U+FFFD (as TextEncoder).
func utf8Bytes(v goja.Value) []byte {
	s, ok := v.Export().(string)
	if !ok {
		s = v.String()
	}
	if utf8.ValidString(s) {
		return []byte(s)
	}
	return []byte(strings.ToValidUTF8(s, "\uFFFD"))
}

// decodeText decodes b in the given WHATWG encoding (utf-8, utf-16le, utf-16be). Invalid
// sequences become U+FFFD, or ok is false when fatal.
func decodeText(encoding string, b []byte, fatal bool) (string, bool) {
	switch encoding {
	case "utf-16le", "utf-16be":
		if len(b)%2 == 1 {
			if fatal {
				return "", false
			}
		}
		units := make([]uint16, len(b)/2)
		for i := range units {
			if encoding == "utf-16le" {
				units[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
			} else {
				units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
			}
		}
		runes := utf16.Decode(units)
		if fatal {
			for _, r := range runes {
				if r == utf8.RuneError {
					return "", false
				}
			}
		}
		s := string(runes)
		if len(b)%2 == 1 {
			s += "\uFFFD"
		}
		return s, true
	case "latin1", "windows-1252", "iso-8859-1", "ascii":
		var sb strings.Builder
		for _, c := range b {
			sb.WriteRune(rune(c))
		}
		return sb.String(), true
	}
	if utf8.Valid(b) {
		return string(b), true
	}
	if fatal {
		return "", false
	}
	return decodeUTF8Lossy(b), true
}

// decodeUTF8Lossy replaces each maximal invalid subpart with one U+FFFD, as the WHATWG
// decoder does (Go's own conversion replaces every bad byte).
func decodeUTF8Lossy(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r != utf8.RuneError || n > 1 {
			sb.WriteRune(r)
			b = b[n:]
			continue
		}
		// Skip the continuation bytes that a valid prefix of a sequence would accept.
		need, lo, hi := seqShape(b[0])
		i := 1
		for i < len(b) && i <= need {
			c := b[i]
			if i == 1 && (c < lo || c > hi) || i > 1 && (c < 0x80 || c > 0xbf) {
				break
			}
			i++
		}
		sb.WriteRune(utf8.RuneError)
		b = b[i:]
	}
	return sb.String()
}

// seqShape returns how many continuation bytes a lead byte needs and the range allowed
// for the first of them (0 needed for a byte that cannot start a sequence).
func seqShape(c byte) (need int, lo, hi byte) {
	switch {
	case c >= 0xc2 && c <= 0xdf:
		return 1, 0x80, 0xbf
	case c == 0xe0:
		return 2, 0xa0, 0xbf
	case c == 0xed:
		return 2, 0x80, 0x9f
	case c >= 0xe1 && c <= 0xef:
		return 2, 0x80, 0xbf
	case c == 0xf0:
		return 3, 0x90, 0xbf
	case c >= 0xf1 && c <= 0xf3:
		return 3, 0x80, 0xbf
	case c == 0xf4:
		return 3, 0x80, 0x8f
	}
	return 0, 0, 0
}
