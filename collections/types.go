package collections

import (
	"encoding/json"
	"time"
)

// Collection is a parsed Postman collection (v2.0 or v2.1; v1 is converted on load).
type Collection struct {
	Info                    Info
	Items                   []*Item
	Events                  []Event
	Variables               []Variable
	Auth                    *Auth
	ProtocolProfileBehavior map[string]any
	// Raw is the collection file as read (after BOM/encoding handling), for reports; for
	// a v1 collection, the v2.1 JSON it was converted to.
	Raw json.RawMessage
	// Warnings are load warnings for the user, e.g. Newman's deprecation notice for a v1
	// collection (converted on load); the caller shows them.
	Warnings []string
}

// Info is the collection's "info" block.
type Info struct {
	ID          string `json:"_postman_id,omitempty"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Schema      string `json:"schema,omitempty"`
	Version     string `json:"version,omitempty"`
}

// Item is a folder (IsFolder, with Items) or a request item (with Request).
type Item struct {
	ID                      string
	Name                    string
	Description             string
	IsFolder                bool
	Items                   []*Item // folders only
	Request                 *Request
	Events                  []Event
	Variables               []Variable
	Auth                    *Auth // folders only; a request's auth is Request.Auth
	ProtocolProfileBehavior map[string]any
	// Parent is the enclosing folder, nil for top-level items.
	Parent *Item `json:"-"`
	// Raw is the item's JSON as it appears in the collection file.
	Raw json.RawMessage
}

// Request is an item's request definition.
type Request struct {
	URL         URL
	Method      string // upper-case; "GET" when absent
	Headers     []Header
	Body        *Body
	Auth        *Auth // nil: inherit from the parents
	Description string
	Proxy       json.RawMessage
	Certificate json.RawMessage
}

// URL is a Postman URL in structured form.
type URL struct {
	Protocol  string   // "http", "https" or "" (no scheme written)
	Auth      string   // "user:pass" userinfo, rarely used
	Host      []string // host segments: ["{{baseUrl}}"] or ["api","example","com"]
	Port      string
	Path      []string // segments without slashes; a ":name" segment is a path variable
	Query     []QueryParam
	Hash      string
	Variables []Variable // path variables (":name" segments)
}

// QueryParam is one query parameter. NoValue marks "?flag" (no "=" at all).
type QueryParam struct {
	Key         string
	Value       string
	NoValue     bool
	Disabled    bool
	Description string
}

// Header is one request or response header. System marks a header the runtime added to a
// request as it went out (its defaults, the body's Content-Type and Content-Length, auth,
// cookies), which postman-runtime flags "system": true where scripts and reports see the
// request; a collection's own headers never have it.
type Header struct {
	Key         string
	Value       string
	Disabled    bool
	Description string
	System      bool
}

// Body is a request body. Mode is one of raw, urlencoded, formdata, file, graphql.
type Body struct {
	Mode       string
	Raw        string
	URLEncoded []Param
	FormData   []FormParam
	File       *FileBody
	GraphQL    *GraphQLBody
	Options    map[string]any // e.g. {"raw":{"language":"json"}}
	Disabled   bool
}

// Param is a urlencoded body parameter.
type Param struct {
	Key         string
	Value       string
	Disabled    bool
	Description string
}

// FormParam is a multipart form field; Type is "text" or "file".
type FormParam struct {
	Key         string
	Value       string
	Type        string
	Src         []string // file paths for Type "file"
	ContentType string
	Disabled    bool
	Description string
}

// FileBody is the "file" body mode.
type FileBody struct {
	Src     string
	Content string
}

// GraphQLBody is the "graphql" body mode; Variables is JSON text.
type GraphQLBody struct {
	Query         string
	Variables     string
	OperationName string
}

// Auth is an auth definition; Params holds v2.1's [{key,value,type}] (v2.0 objects are
// converted to the same form, in key order).
type Auth struct {
	Type   string
	Params []AuthParam
}

// AuthParam is one auth parameter. Value keeps its JSON type (string, bool, number...).
type AuthParam struct {
	Key   string
	Value any
	Type  string
}

// Event is a script attached to a collection, folder or item.
type Event struct {
	ID       string
	Listen   string // "prerequest" or "test"
	Disabled bool
	// NoScript is set when the event has no script object at all; Newman skips such an event
	// but runs (and counts) one whose script is blank.
	NoScript bool
	Script   Script
}

// Script is an event's script; Source is exec joined with "\n".
type Script struct {
	ID     string
	Type   string
	Source string
	Name   string
}

// Variable is one entry of a variable list (collection, environment, globals, url path vars).
type Variable struct {
	ID          string `json:"id,omitempty"`
	Key         string `json:"key"`
	Value       any    `json:"value"`
	Type        string `json:"type,omitempty"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	Disabled    bool   `json:"disabled,omitempty"`
	System      bool   `json:"system,omitempty"`
}

// Response is a received HTTP response.
type Response struct {
	ID           string
	Code         int
	Status       string // reason phrase, e.g. "OK"
	Proto        string
	Headers      []Header
	Body         []byte // decoded (gzip/deflate/br removed)
	ResponseTime time.Duration
	Size         int // approximate bytes on the wire: body + headers
	Cookies      []Cookie
	Timings      Timings
}

// Cookie is a cookie in Postman's shape.
type Cookie struct {
	Name     string    `json:"key"`
	Value    string    `json:"value"`
	Domain   string    `json:"domain,omitempty"`
	Path     string    `json:"path,omitempty"`
	Expires  time.Time `json:"expires,omitempty"`
	HTTPOnly bool      `json:"httpOnly,omitempty"`
	Secure   bool      `json:"secure,omitempty"`
	// MaxAge is the Set-Cookie's Max-Age in seconds (0 without one); HostOnly is set for a
	// cookie whose Set-Cookie named no Domain (it goes back to that host only).
	MaxAge   int  `json:"maxAge,omitempty"`
	HostOnly bool `json:"hostOnly,omitempty"`
}

// Timings are the phases of one HTTP exchange. DNS, FirstByte and Total feed the run's
// statistics; the others are the phases Newman's --verbose table shows (postman-collection's
// Response.timingPhases): Prepare until the connection is asked for, Wait for a connection,
// DNS, TCP and TLS handshakes (zero when a connection was reused), TransferStart from the
// connection to the first response byte, Download of the rest and Process after it.
type Timings struct {
	DNS       time.Duration
	FirstByte time.Duration
	Total     time.Duration

	Prepare, Wait, TCP, TLS, TransferStart, Download, Process time.Duration
	// Secure is true for an HTTPS exchange (the table then has an ssl-handshake column).
	Secure bool
}
