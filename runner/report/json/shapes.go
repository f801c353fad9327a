package json

import (
	"bytes"
	stdjson "encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
)

// cursorJSON is postman-runtime's cursor as Newman writes it.
type cursorJSON struct {
	Position      int    `json:"position"`
	Iteration     int    `json:"iteration"`
	Length        int    `json:"length"`
	Cycles        int    `json:"cycles"`
	Empty         bool   `json:"empty"`
	EOF           bool   `json:"eof"`
	BOF           bool   `json:"bof"`
	CR            bool   `json:"cr"`
	Ref           string `json:"ref"`
	HTTPRequestID string `json:"httpRequestId,omitempty"`
}

func cursorOf(c event.Cursor) cursorJSON {
	empty := c.Length*c.Iterations == 0
	return cursorJSON{
		Position: c.Position, Iteration: c.Iteration, Length: c.Length, Cycles: c.Iterations,
		Empty: empty,
		EOF:   empty || (c.Position >= c.Length-1 && c.Iteration >= c.Iterations-1),
		BOF:   empty || (c.Position == 0 && c.Iteration == 0),
		CR:    c.Length == 0 || c.Position >= c.Length,
		Ref:   c.Ref, HTTPRequestID: c.HTTPReqID,
	}
}

// errorJSON is an error object. Index is written for assertion errors only (with Newman,
// index 0 is written too).
type errorJSON struct {
	Name    string  `json:"name,omitempty"`
	Index   *int    `json:"index,omitempty"`
	Test    string  `json:"test,omitempty"`
	Message *string `json:"message,omitempty"`
	Stack   string  `json:"stack,omitempty"`
	Code    string  `json:"code,omitempty"`
}

// errorOf converts an event error. A thrown value that is not an Error reaches us with neither
// name nor message, and Newman then writes no message at all.
func errorOf(e *event.Error, assertion bool) *errorJSON {
	if e == nil {
		return nil
	}
	out := &errorJSON{Name: e.Name, Stack: e.Stack, Code: e.Code}
	if e.Name != "" || e.Message != "" {
		msg := e.Message
		out.Message = &msg
	}
	if assertion {
		idx := e.Index
		out.Index, out.Test = &idx, e.Test
	}
	return out
}

// requestErrorOf is an execution's requestError. Newman stores the Node error there, whose
// JSON form carries its own properties — the code — but not its name or message (not own
// enumerable properties): an error without a code ("Invalid URI …") is written as {}, as
// Newman writes it. The run's failures carry the full error.
func requestErrorOf(e *event.Error) *errorJSON {
	if e == nil {
		return nil
	}
	return &errorJSON{Code: e.Code}
}

// headerJSON is a header as Newman's report writes it; system marks the headers the runtime
// added to a request (its defaults, auth, Content-Length, cookies).
type headerJSON struct {
	Key    string `json:"key"`
	Value  string `json:"value"`
	System bool   `json:"system,omitempty"`
}

func headersOf(hs []collections.Header) []headerJSON {
	out := make([]headerJSON, 0, len(hs))
	for _, h := range hs {
		if !h.Disabled {
			out = append(out, headerJSON{Key: h.Key, Value: h.Value, System: h.System})
		}
	}
	return out
}

type requestJSON struct {
	URL    any          `json:"url"`
	Header []headerJSON `json:"header"`
	Method string       `json:"method"`
	Body   *bodyJSON    `json:"body,omitempty"`
}

type bodyJSON struct {
	Mode string `json:"mode"`
	Raw  string `json:"raw"`
}

func requestOf(r *event.HTTPRequest, redactURL func(string) string) *requestJSON {
	if r == nil {
		return nil
	}
	u := r.URL
	if redactURL != nil {
		u = redactURL(u)
	}
	out := &requestJSON{URL: urlJSON(u), Header: headersOf(r.Headers), Method: r.Method}
	if len(r.Body) > 0 {
		out.Body = &bodyJSON{Mode: "raw", Raw: string(r.Body)}
	}
	return out
}

type responseJSON struct {
	ID           string       `json:"id"`
	Status       string       `json:"status"`
	Code         int          `json:"code"`
	Header       []headerJSON `json:"header"`
	Stream       *streamJSON  `json:"stream,omitempty"`
	Cookie       []cookieJSON `json:"cookie"`
	ResponseTime int64        `json:"responseTime"`
	ResponseSize int          `json:"responseSize"`
}

// streamJSON is a Node Buffer's JSON form.
type streamJSON struct {
	Type string    `json:"type"`
	Data byteArray `json:"data"`
}

// byteArray marshals as an array of numbers (not base64).
type byteArray []byte

// MarshalJSON writes the bytes as a JSON array of numbers.
func (b byteArray) MarshalJSON() ([]byte, error) {
	out := make([]byte, 0, 2+len(b)*4)
	out = append(out, '[')
	for i, c := range b {
		if i > 0 {
			out = append(out, ',')
		}
		out = strconv.AppendUint(out, uint64(c), 10)
	}
	return append(out, ']'), nil
}

type cookieJSON struct {
	Key      string `json:"key"`
	Value    string `json:"value"`
	Domain   string `json:"domain,omitempty"`
	Path     string `json:"path,omitempty"`
	Expires  string `json:"expires,omitempty"`
	HTTPOnly bool   `json:"httpOnly,omitempty"`
	Secure   bool   `json:"secure,omitempty"`
}

func responseOf(r *collections.Response, withBody bool, redact func([]byte) []byte) *responseJSON {
	if r == nil {
		return nil
	}
	out := &responseJSON{
		ID: r.ID, Status: r.Status, Code: r.Code, Header: headersOf(r.Headers),
		Cookie:       make([]cookieJSON, 0, len(r.Cookies)),
		ResponseTime: r.ResponseTime.Milliseconds(), ResponseSize: len(r.Body),
	}
	if withBody {
		body := r.Body
		if redact != nil {
			body = redact(body)
		}
		out.Stream = &streamJSON{Type: "Buffer", Data: body}
	}
	for _, c := range r.Cookies {
		cj := cookieJSON{Key: c.Name, Value: c.Value, Domain: c.Domain, Path: c.Path,
			HTTPOnly: c.HTTPOnly, Secure: c.Secure}
		if !c.Expires.IsZero() {
			cj.Expires = c.Expires.UTC().Format(time.RFC3339Nano)
		}
		out.Cookie = append(out.Cookie, cj)
	}
	return out
}

// itemJSON is the item as written in the collection file, with its id and name guaranteed.
func itemJSON(it *collections.Item) (stdjson.RawMessage, error) {
	if it == nil {
		return nil, nil
	}
	if len(bytes.TrimSpace(it.Raw)) == 0 {
		return stdjson.Marshal(map[string]string{"id": it.ID, "name": it.Name})
	}
	var fields map[string]stdjson.RawMessage
	if err := stdjson.Unmarshal(it.Raw, &fields); err != nil {
		return nil, fmt.Errorf("reading item %q: %w", it.Name, err)
	}
	if _, ok := fields["id"]; ok || it.ID == "" {
		return it.Raw, nil
	}
	id, _ := stdjson.Marshal(it.ID)
	raw := bytes.TrimSpace(it.Raw)
	out := append([]byte(`{"id":`), id...)
	if len(fields) > 0 {
		out = append(out, ',')
	}
	return append(out, raw[1:]...), nil
}

// parentJSON is a short form of a failure's folder (Newman writes the whole folder).
type parentJSON struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name"`
}

func millis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
