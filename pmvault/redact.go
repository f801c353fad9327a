package pmvault

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/url"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Mask replaces every secret value in redacted output.
const Mask = "********"

// MinSecretLen is the shortest value the redactor masks. Masking one- or two-character
// values would shred ordinary output (every "1" in a report) while hiding next to nothing;
// such values are used but not masked.
const MinSecretLen = 3

// Redactor masks registered secret values. Besides the value itself it masks the forms a
// value takes in URLs (query and path escaping) and in JSON strings, because reports show
// requests in those forms. It is safe for concurrent use; the nil *Redactor masks nothing.
type Redactor struct {
	mu      sync.RWMutex
	off     bool
	secrets []string // longest first
	first   [256]bool
	maxLen  int
}

// NewRedactor returns an empty redactor; with mask false it never masks anything (the
// user's --no-mask-secrets).
func NewRedactor(mask bool) *Redactor { return &Redactor{off: !mask} }

// Masking reports whether the redactor masks values.
func (r *Redactor) Masking() bool { return r != nil && !r.off }

// Add registers a secret value (and its escaped forms) to be masked from now on.
func (r *Redactor) Add(secret string) {
	if !r.Masking() || len(secret) < MinSecretLen {
		return
	}
	forms := []string{secret, url.QueryEscape(secret), url.PathEscape(secret), jsonForm(secret, true), jsonForm(secret, false)}
	forms = append(forms, xmlForm(secret), html.EscapeString(secret),
		strings.ReplaceAll(url.QueryEscape(secret), "+", "%20"), // JS encodeURIComponent
		urlTextForm(secret))
	forms = append(forms, base64Cores(secret)...)
	for _, t := range truncatedForms(secret) {
		// Reports escape the shortened value too (JSON, the JUnit XML).
		forms = append(forms, t, jsonForm(t, true), jsonForm(t, false), xmlForm(t))
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	changed := false
	for _, f := range forms {
		if len(f) < MinSecretLen || slices.Contains(r.secrets, f) {
			continue
		}
		r.secrets = append(r.secrets, f)
		r.first[f[0]] = true
		r.maxLen = max(r.maxLen, len(f))
		changed = true
	}
	if changed {
		slices.SortStableFunc(r.secrets, func(a, b string) int { return len(b) - len(a) })
	}
}

// base64Cores returns, for each of the three byte alignments a value can have inside a
// base64-encoded text (a Basic auth header, a JWT, a data URI), the run of base64 characters
// that depends on the value's bytes only — in the standard and the URL alphabet. Masking
// these hides a secret inside any base64 text that contains it, up to two or three
// characters at each end. Runs shorter than four characters are not used.
func base64Cores(secret string) []string {
	var out []string
	for k := 0; k < 3; k++ {
		buf := make([]byte, k, k+len(secret))
		buf = append(buf, secret...)
		first := 0
		if k > 0 {
			first = 1 // the first group mixes padding bytes with the value
		}
		last := len(buf) / 3 // groups made of value bytes only end before this one
		if last-first < 1 {
			continue
		}
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			full := enc.EncodeToString(buf)
			out = append(out, full[4*first:4*last])
		}
	}
	return out
}

// urlTextForm is the value as it appears inside a URL that was encoded as a whole, the way
// browsers and postman-runtime encode a request URL: every byte outside the characters a URL
// may carry as they are (unreserved, sub-delims, ":", "@", "/", "?") is percent-encoded.
func urlTextForm(s string) string {
	const keep = "-._~!$&'()*+,;=:@/?"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(keep, c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// xmlForm is the value as an XML attribute carries it (the JUnit report's escaping).
func xmlForm(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;",
		"\n", "&#10;", "\r", "&#13;", "\t", "&#9;").Replace(s)
}

// truncatedForms are the prefixes of a long value followed by "…", as chai shortens values
// longer than 40 characters in assertion messages ("expected 'sk_live_ABCDEF…' to …"): any
// cut of at least 8 characters is masked, so no more than 7 characters of a value show.
func truncatedForms(s string) []string {
	const minCut = 8
	var out []string
	for n := minCut; n < len(s); n++ {
		if utf8.RuneStart(s[n]) {
			out = append(out, s[:n]+"…")
		}
	}
	return out
}

// jsonForm is the value as it appears inside a JSON string, without the quotes.
func jsonForm(s string, escapeHTML bool) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(s); err != nil {
		return s
	}
	out := strings.TrimSuffix(buf.String(), "\n")
	return out[1 : len(out)-1]
}

// Redact returns s with every registered value replaced by Mask, longest values first.
func (r *Redactor) Redact(s string) string {
	if !r.Masking() {
		return s
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	if len(r.secrets) == 0 {
		return s
	}
	out, _ := r.scan(nil, []byte(s), true)
	return string(out)
}

// scan appends the redacted form of buf to out. Unless final, it stops at the first byte
// that could begin a secret continuing beyond buf and returns that offset; the caller
// keeps buf[rest:] until more data arrives. Callers hold r.mu.
func (r *Redactor) scan(out, buf []byte, final bool) (_ []byte, rest int) {
	i := 0
	for i < len(buf) {
		if !r.first[buf[i]] {
			out = append(out, buf[i])
			i++
			continue
		}
		// The end of the data may be the start of a longer secret than one matching here:
		// wait for more before deciding.
		if !final && r.partialAt(buf[i:]) {
			return out, i
		}
		if n := r.matchAt(buf[i:]); n > 0 {
			end := r.extendMatch(buf, i, i+n)
			if !final && end == len(buf) && r.partialAt(buf[i:]) {
				return out, i
			}
			out = append(out, Mask...)
			i = end
			continue
		}
		out = append(out, buf[i])
		i++
	}
	return out, len(buf)
}

// extendMatch grows the masked span [start, end) over every secret that begins inside it,
// so overlapping values ("zzzabc" and "abcdef12" in "zzzabcdef12") are masked as one.
func (r *Redactor) extendMatch(buf []byte, start, end int) int {
	for j := start + 1; j < end; j++ {
		if !r.first[buf[j]] {
			continue
		}
		if n := r.matchAt(buf[j:]); j+n > end {
			end = j + n
		}
	}
	return end
}

// matchAt returns the length of the longest secret at the start of b (0 if none).
func (r *Redactor) matchAt(b []byte) int {
	for _, s := range r.secrets {
		if len(s) <= len(b) && string(b[:len(s)]) == s {
			return len(s)
		}
	}
	return 0
}

// partialAt reports whether b (the end of the data) is a proper prefix of a secret.
func (r *Redactor) partialAt(b []byte) bool {
	if len(b) >= r.maxLen {
		return false
	}
	for _, s := range r.secrets {
		if len(b) < len(s) && s[:len(b)] == string(b) {
			return true
		}
	}
	return false
}

// Writer returns a writer that redacts everything written through it before passing it to
// w. A value split across Write calls is still masked: the few trailing bytes that could
// start a secret are held back until the next Write, so when done call Flush (the writer
// is a *RedactWriter; FlushWriter does the type check). Output ending in a line break is
// never held back unless a secret starts with one.
func (r *Redactor) Writer(w io.Writer) io.Writer { return &RedactWriter{r: r, w: w} }

// FlushWriter flushes w if it is a *RedactWriter (or anything else with Flush() error).
func FlushWriter(w io.Writer) error {
	if f, ok := w.(interface{ Flush() error }); ok {
		return f.Flush()
	}
	return nil
}

// RedactWriter is the writer returned by Redactor.Writer. It is safe for concurrent use.
type RedactWriter struct {
	r       *Redactor
	w       io.Writer
	mu      sync.Mutex
	pending []byte
}

// Write redacts p and writes what is certain to w. It reports len(p) on success.
func (rw *RedactWriter) Write(p []byte) (int, error) {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if !rw.r.Masking() {
		return rw.w.Write(p)
	}
	buf := append(rw.pending, p...)
	rw.r.mu.RLock()
	out, rest := rw.r.scan(make([]byte, 0, len(buf)+len(Mask)), buf, false)
	rw.r.mu.RUnlock()
	rw.pending = append([]byte(nil), buf[rest:]...)
	if len(out) > 0 {
		if _, err := rw.w.Write(out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes out the held-back bytes, redacted.
func (rw *RedactWriter) Flush() error {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if len(rw.pending) == 0 {
		return nil
	}
	rw.r.mu.RLock()
	out, _ := rw.r.scan(nil, rw.pending, true)
	rw.r.mu.RUnlock()
	rw.pending = nil
	_, err := rw.w.Write(out)
	return err
}
