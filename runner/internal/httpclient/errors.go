package httpclient

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// RequestError is a request that got no HTTP response (refused, timed out, unknown host,
// TLS failure...). Error returns Newman's message ("connect ECONNREFUSED 127.0.0.1:1") and
// Code the Node.js error code ("ECONNREFUSED").
type RequestError struct {
	name    string // the JavaScript error name; "" is "Error"
	code    string
	message string
	err     error
	// sys holds the own properties of Node's system error (errno, syscall, address, port or
	// hostname), in Node's order after code; nil for errors Node raises without them.
	sys *systemError
}

type systemError struct {
	errno            int
	syscall          string
	address, host    string
	port             int
	hasAddr, hasPort bool
}

// Error returns the message Newman shows for this error.
func (e *RequestError) Error() string { return e.message }

// Name returns the JavaScript error's name: "Error", or "RangeError" for a bad port.
func (e *RequestError) Name() string {
	if e.name == "" {
		return "Error"
	}
	return e.name
}

// Code returns the Node.js-style error code, e.g. ECONNREFUSED, ESOCKETTIMEDOUT, ENOTFOUND.
func (e *RequestError) Code() string { return e.code }

// Unwrap returns the underlying Go error (nil for errors made up by the runner).
func (e *RequestError) Unwrap() error { return e.err }

// NodeFields returns the error's own enumerable properties as Node has them (and as
// pm.sendRequest's callback receives them): for a system error errno, code, syscall and
// address and port (or hostname); else code alone, or nothing.
func (e *RequestError) NodeFields() (keys []string, values []any) {
	add := func(k string, v any) { keys, values = append(keys, k), append(values, v) }
	if e.sys == nil {
		if e.code != "" {
			add("code", e.code)
		}
		return keys, values
	}
	add("errno", e.sys.errno)
	add("code", e.code)
	add("syscall", e.sys.syscall)
	if e.sys.host != "" {
		add("hostname", e.sys.host)
	}
	if e.sys.hasAddr {
		add("address", e.sys.address)
	}
	if e.sys.hasPort {
		add("port", e.sys.port)
	}
	return keys, values
}

func newRequestError(code, message string, err error) *RequestError {
	return &RequestError{code: code, message: message, err: err}
}

// classifyError turns a net/http client error into a RequestError with Node's code and
// text. connected says whether a connection had been established (a timeout then is a
// socket timeout rather than a connect timeout); host is the request's host name.
func classifyError(err error, host string, connected bool) *RequestError {
	var re *RequestError
	if errors.As(err, &re) {
		return re
	}
	var tooLarge *ResponseTooLargeError
	if errors.As(err, &tooLarge) {
		return newRequestError("ERESPONSETOOLARGE", tooLarge.Error(), err)
	}
	if isTimeout(err) {
		if connected {
			return newRequestError("ESOCKETTIMEDOUT", "ESOCKETTIMEDOUT", err)
		}
		return newRequestError("ETIMEDOUT", "ETIMEDOUT", err)
	}
	if errors.Is(err, context.Canceled) {
		return newRequestError("ECONNABORTED", "request aborted", err)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		name := dnsErr.Name
		if name == "" {
			name = host
		}
		if dnsErr.IsNotFound || !dnsErr.IsTemporary {
			re := newRequestError("ENOTFOUND", "getaddrinfo ENOTFOUND "+name, err)
			re.sys = &systemError{errno: -3008, syscall: "getaddrinfo", host: name}
			return re
		}
		re := newRequestError("EAI_AGAIN", "getaddrinfo EAI_AGAIN "+name, err)
		re.sys = &systemError{errno: -3001, syscall: "getaddrinfo", host: name}
		return re
	}
	if re := classifyTLSError(err); re != nil {
		return re
	}
	if re := classifySyscallError(err); re != nil {
		return re
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return newRequestError("ECONNRESET", "socket hang up", err)
	}
	msg := err.Error()
	var ue *url.Error
	if errors.As(err, &ue) { // drop net/http's `Get "<url>": ` prefix: the URL may hold secrets
		msg = ue.Err.Error()
	}
	return newRequestError("", strings.TrimSpace(msg), err)
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// classifySyscallError maps connection-level errno values to Node's "connect ECONNREFUSED
// 127.0.0.1:1" style messages.
func classifySyscallError(err error) *RequestError {
	var op *net.OpError
	addr := ""
	verb := "read"
	if errors.As(err, &op) {
		verb = op.Op
		if op.Op == "dial" {
			verb = "connect"
		}
		if op.Addr != nil {
			addr = nodeAddr(op.Addr.String())
		}
	}
	codes := []struct {
		errno syscall.Errno
		code  string
	}{ // Node's errno is the negated Linux value on every platform it reports here
		{syscall.ECONNREFUSED, "ECONNREFUSED"},
		{syscall.ECONNRESET, "ECONNRESET"},
		{syscall.EPIPE, "EPIPE"},
		{syscall.EHOSTUNREACH, "EHOSTUNREACH"},
		{syscall.ENETUNREACH, "ENETUNREACH"},
		{syscall.ECONNABORTED, "ECONNABORTED"},
		{syscall.EADDRNOTAVAIL, "EADDRNOTAVAIL"},
	}
	for _, c := range codes {
		if !errors.Is(err, c.errno) {
			continue
		}
		msg := verb + " " + c.code
		if addr != "" && verb == "connect" {
			msg += " " + addr
		}
		re := newRequestError(c.code, msg, err)
		re.sys = &systemError{errno: -linuxErrno[c.code], syscall: verb}
		if op != nil && op.Addr != nil && verb == "connect" {
			if h, p, err := net.SplitHostPort(op.Addr.String()); err == nil {
				re.sys.address, re.sys.hasAddr = h, true
				re.sys.port, _ = strconv.Atoi(p)
				re.sys.hasPort = true
			}
		}
		return re
	}
	return nil
}

// linuxErrno is the Linux errno of each code classifySyscallError reports; Node's errors
// carry its negation.
var linuxErrno = map[string]int{
	"ECONNREFUSED": 111, "ECONNRESET": 104, "EPIPE": 32, "EHOSTUNREACH": 113,
	"ENETUNREACH": 101, "ECONNABORTED": 103, "EADDRNOTAVAIL": 99,
}

// nodeAddr renders "[::1]:80" as Node does ("::1:80").
func nodeAddr(hostport string) string {
	h, p, err := net.SplitHostPort(hostport)
	if err != nil {
		return hostport
	}
	return h + ":" + p
}

// classifyTLSError maps certificate and handshake errors to Node's codes and texts.
func classifyTLSError(err error) *RequestError {
	var unknown x509.UnknownAuthorityError
	if errors.As(err, &unknown) {
		c := unknown.Cert
		if c != nil && c.Issuer.String() == c.Subject.String() {
			return newRequestError("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate", err)
		}
		return newRequestError("UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate", err)
	}
	var hostErr x509.HostnameError
	if errors.As(err, &hostErr) {
		msg := "Hostname/IP does not match certificate's altnames: Host: " + hostErr.Host +
			". is not in the cert's altnames: " + altNames(hostErr.Certificate)
		return newRequestError("ERR_TLS_CERT_ALTNAME_INVALID", msg, err)
	}
	var invalid x509.CertificateInvalidError
	if errors.As(err, &invalid) {
		if invalid.Reason == x509.Expired {
			return newRequestError("CERT_HAS_EXPIRED", "certificate has expired", err)
		}
		return newRequestError("CERT_INVALID", invalid.Error(), err)
	}
	var alert tls.AlertError
	var recErr tls.RecordHeaderError
	if errors.As(err, &alert) || errors.As(err, &recErr) || strings.Contains(err.Error(), "tls: ") {
		return newRequestError("EPROTO", "write EPROTO "+tlsMessage(err), err)
	}
	return nil
}

func tlsMessage(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, "tls: "); i >= 0 {
		return msg[i:]
	}
	return msg
}

func altNames(c *x509.Certificate) string {
	if c == nil {
		return ""
	}
	var names []string
	for _, d := range c.DNSNames {
		names = append(names, "DNS:"+d)
	}
	for _, ip := range c.IPAddresses {
		names = append(names, "IP Address:"+ip.String())
	}
	return strings.Join(names, ", ")
}

// errTooManyRedirects is postman-request's message when maxRedirects is exceeded.
func errTooManyRedirects(url string) *RequestError {
	return newRequestError("", "Exceeded maxRedirects. Probably stuck in a redirect loop "+url, nil)
}
