package httpclient

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"mime"
	"mime/multipart"
	"net/textproto"
	"path/filepath"
	"strings"

	"github.com/pmrun/pmrun/collections"
)

// formdataBody builds a multipart/form-data body like the form-data package used by
// postman-request: fields in order, files read from Src (relative to the working
// directory), one part per source. As in postman-runtime, a file that cannot be read (or a
// file field without any source) is a warning and is left out of the body.
func (c *Client) formdataBody(params []collections.FormParam) (builtBody, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if err := w.SetBoundary(formBoundary()); err != nil {
		return builtBody{}, fmt.Errorf("form-data boundary: %w", err)
	}
	var warnings []string
	for _, p := range params {
		if p.Disabled {
			continue
		}
		if p.Type != "file" {
			if err := writeFormText(w, p); err != nil {
				return builtBody{}, err
			}
			continue
		}
		warn, err := c.writeFormFiles(w, p)
		warnings = append(warnings, warn...)
		if err != nil {
			return builtBody{warnings: warnings}, err
		}
	}
	if err := w.Close(); err != nil {
		return builtBody{}, fmt.Errorf("form-data: %w", err)
	}
	return builtBody{data: buf.Bytes(), present: true, warnings: warnings, libraryType: true,
		contentType: "multipart/form-data; boundary=" + w.Boundary()}, nil
}

func writeFormText(w *multipart.Writer, p collections.FormParam) error {
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="`+escapeQuotes(p.Key)+`"`)
	if p.ContentType != "" {
		h.Set("Content-Type", p.ContentType)
	}
	part, err := w.CreatePart(h)
	if err != nil {
		return fmt.Errorf("form-data field %q: %w", p.Key, err)
	}
	_, err = part.Write([]byte(p.Value))
	return err
}

// writeFormFiles writes one part per source file that can be read. It returns runtime's
// load warning for each one that cannot ("Form param `f`, file load error: "x", no such
// file"); the error is for a part that could not be written.
func (c *Client) writeFormFiles(w *multipart.Writer, p collections.FormParam) ([]string, error) {
	if len(p.Src) == 0 {
		if p.Value != "" { // base64 content without a source
			data, err := base64.StdEncoding.DecodeString(p.Value)
			if err != nil {
				data = []byte(p.Value)
			}
			return nil, writeFormFile(w, p, "", data)
		}
		return []string{"Form param `" + p.Key + "`, file load error: missing file source"}, nil
	}
	var warnings []string
	for _, src := range p.Src {
		if src == "" {
			continue
		}
		data, err := c.readFile(src)
		if err != nil {
			warnings = append(warnings, "Form param `"+p.Key+"`, file load error: "+fileLoadError(src, err))
			continue
		}
		if err := writeFormFile(w, p, filepath.Base(src), data); err != nil {
			return warnings, fmt.Errorf("form-data file %q: %w", p.Key, err)
		}
	}
	return warnings, nil
}

func writeFormFile(w *multipart.Writer, p collections.FormParam, name string, data []byte) error {
	ctype := p.ContentType
	if ctype == "" { // the type without parameters, as form-data's mime-types lookup gives it
		ctype, _, _ = strings.Cut(mime.TypeByExtension(filepath.Ext(name)), ";")
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="`+escapeQuotes(p.Key)+`"; filename="`+escapeQuotes(name)+`"`)
	h.Set("Content-Type", ctype)
	part, err := w.CreatePart(h)
	if err != nil {
		return err
	}
	_, err = part.Write(data)
	return err
}

func escapeQuotes(s string) string {
	return strings.NewReplacer("\\", "\\\\", `"`, "\\\"").Replace(s)
}

// formBoundary mimics form-data's boundary: 26 dashes and 24 hex digits.
func formBoundary() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	digits := make([]byte, 24) // form-data: 26 dashes and 24 random decimal digits
	for i := range digits {
		digits[i] = '0' + ((b[i/2]>>(4*(i%2)))&15)%10
	}
	return strings.Repeat("-", 26) + string(digits)
}
