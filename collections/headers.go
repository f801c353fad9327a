package collections

import (
	"net/url"
	"strings"
)

// Header lists as requests carry them (postman-runtime's rules, used by the HTTP client
// and the auth handlers).

// FindHeader returns the index of the last enabled header named name (any case), or -1.
func FindHeader(hs []Header, name string) int {
	for i := len(hs) - 1; i >= 0; i-- {
		if !hs[i].Disabled && strings.EqualFold(hs[i].Key, name) {
			return i
		}
	}
	return -1
}

// HeaderValue returns the last value of name in hs ("" when absent).
func HeaderValue(hs []Header, name string) string {
	if i := FindHeader(hs, name); i >= 0 {
		return hs[i].Value
	}
	return ""
}

// RemoveHeaders deletes every header named name (any case).
func RemoveHeaders(hs []Header, name string) []Header {
	out := hs[:0]
	for _, h := range hs {
		if !strings.EqualFold(h.Key, name) {
			out = append(out, h)
		}
	}
	return out
}

// UpsertSystemHeader sets the value of the last header named name, or appends one marked as
// added by the runtime (System).
func UpsertSystemHeader(hs []Header, name, value string) []Header {
	if i := FindHeader(hs, name); i >= 0 {
		hs[i].Value = value
		return hs
	}
	return append(hs, Header{Key: name, Value: value, System: true})
}

// HostHeader is WHATWG's url.host: the port only when it is not the scheme's default.
func HostHeader(u *url.URL) string {
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		return u.Hostname()
	}
	return u.Host
}
