package echo

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
)

// maxBody bounds how much of a request body the echo reads.
const maxBody = 10 << 20

// echoed is what /post, /put, /patch and /delete report about a request body.
type echoed struct {
	data  any    // the body: raw JSON, a string, or {} when empty
	json  any    // parsed JSON or urlencoded form; nil otherwise
	form  object // urlencoded or multipart text fields
	files object // multipart files as data: URLs, keyed by file name
}

// echoBody answers with args, data, files, form, headers, json and url.
func echoBody(w http.ResponseWriter, r *http.Request) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		badRequest(w, "reading body: "+err.Error())
		return
	}
	e := decodeBody(r.Header.Get("Content-Type"), raw)
	writeJSON(w, http.StatusOK, object{
		{"args", args(r)},
		{"data", e.data},
		{"files", e.files},
		{"form", e.form},
		{"headers", headers(r)},
		{"json", e.json},
		{"url", requestURL(r)},
	})
}

// decodeBody interprets raw according to its content type.
func decodeBody(contentType string, raw []byte) echoed {
	e := echoed{data: object{}, form: object{}, files: object{}}
	mediaType, params, _ := mime.ParseMediaType(contentType)
	isMultipart := strings.HasPrefix(mediaType, "multipart/")
	switch {
	case mediaType == "application/x-www-form-urlencoded":
		e.form = parseForm(string(raw))
		e.data, e.json = "", e.form
	case isMultipart:
		e.data = ""
		e.form, e.files = decodeMultipart(raw, params["boundary"])
	case len(raw) == 0:
		// nothing sent: data stays {}
	case mediaType == "application/json" || strings.HasSuffix(mediaType, "+json"):
		trimmed := bytes.TrimSpace(raw)
		if isJSONContainer(trimmed) {
			e.data, e.json = json.RawMessage(trimmed), json.RawMessage(trimmed)
		} else {
			e.data = string(raw)
		}
	default:
		e.data = string(raw)
	}
	return e
}

// isJSONContainer reports whether b is a valid JSON object or array (express's strict mode).
func isJSONContainer(b []byte) bool {
	if len(b) == 0 || (b[0] != '{' && b[0] != '[') {
		return false
	}
	return json.Valid(b)
}

// decodeMultipart splits a multipart body into text fields and files.
func decodeMultipart(raw []byte, boundary string) (form, files object) {
	form, files = object{}, object{}
	if boundary == "" {
		return form, files
	}
	mr := multipart.NewReader(bytes.NewReader(raw), boundary)
	for {
		part, err := mr.NextPart()
		if err != nil {
			return form, files
		}
		content, err := io.ReadAll(part)
		if err != nil {
			return form, files
		}
		switch {
		case part.FileName() != "":
			// postman-echo reports every file as octet-stream, whatever the part says
			files = files.with(part.FileName(),
				"data:application/octet-stream;base64,"+base64.StdEncoding.EncodeToString(content))
		case part.FormName() != "":
			form = form.with(part.FormName(), string(content))
		}
	}
}
