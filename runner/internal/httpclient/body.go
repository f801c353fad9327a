package httpclient

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/pmrun/pmrun/collections"
)

// builtBody is a request body ready to send.
type builtBody struct {
	data        []byte
	present     bool
	contentType string // the Content-Type to add when the request sets none
	libraryType bool   // contentType is postman-request's (form-data, urlencoded), not runtime's
	warnings    []string
}

// methodsWithoutBody are the methods whose body postman-runtime drops unless
// protocolProfileBehavior.disableBodyPruning is true.
var methodsWithoutBody = map[string]bool{"GET": true, "COPY": true, "HEAD": true, "PURGE": true, "UNLOCK": true}

// rawContentTypes maps options.raw.language to the Content-Type postman-runtime adds.
var rawContentTypes = map[string]string{
	"html":       "text/html",
	"text":       "text/plain",
	"json":       "application/json",
	"javascript": "application/javascript",
	"xml":        "application/xml",
}

// buildBody renders the request body per its mode. A body file that cannot be read
// (missing, unreadable, outside the working directory with NoInsecureFileRead) is a
// *RequestError, so the request is reported as errored instead of being sent without it.
func (c *Client) buildBody(r *collections.Request, ppb map[string]any) (builtBody, error) {
	b := r.Body
	if b == nil || b.Disabled || bodyEmpty(b) {
		return builtBody{}, nil
	}
	if methodsWithoutBody[strings.ToUpper(r.Method)] && !truthy(ppb["disableBodyPruning"]) {
		return builtBody{}, nil
	}
	switch b.Mode {
	case "raw":
		return rawBody(r), nil
	case "urlencoded":
		return builtBody{data: []byte(urlencodedBody(b.URLEncoded)), present: true,
			contentType: "application/x-www-form-urlencoded", libraryType: true}, nil
	case "formdata":
		return c.formdataBody(b.FormData)
	case "file":
		return c.fileBody(b.File)
	case "graphql":
		return builtBody{data: graphqlBody(b.GraphQL), present: true, contentType: "application/json"}, nil
	}
	return builtBody{}, nil
}

// bodyEmpty mirrors RequestBody.isEmpty plus runtime's "all params disabled" rule.
func bodyEmpty(b *collections.Body) bool {
	switch b.Mode {
	case "raw":
		return b.Raw == ""
	case "urlencoded":
		for _, p := range b.URLEncoded {
			if !p.Disabled {
				return false
			}
		}
		return true
	case "formdata":
		for _, p := range b.FormData {
			if !p.Disabled {
				return false
			}
		}
		return true
	case "file":
		return b.File == nil || (b.File.Src == "" && b.File.Content == "")
	case "graphql":
		return b.GraphQL == nil
	}
	return true
}

// rawBody sends the raw text; JSON bodies lose their comments as in postman-runtime.
func rawBody(r *collections.Request) builtBody {
	lang := rawLanguage(r.Body.Options)
	ctype, ok := rawContentTypes[lang]
	if !ok {
		ctype = rawContentTypes["text"]
	}
	text := r.Body.Raw
	if isJSONBody(lang, r.Headers) && (strings.Contains(text, "//") || strings.Contains(text, "/*")) {
		text = stripJSONComments(text)
	}
	return builtBody{data: []byte(text), present: true, contentType: ctype}
}

// rawLanguage reads options.raw.language ("text" when absent).
func rawLanguage(opts map[string]any) string {
	raw, _ := opts["raw"].(map[string]any)
	if lang, ok := raw["language"].(string); ok && lang != "" {
		return lang
	}
	return "text"
}

// isJSONBody says whether runtime treats a raw body as JSON (for comment stripping):
// language json, or no language and a JSON content type.
func isJSONBody(lang string, hs []collections.Header) bool {
	if lang == "json" {
		return true
	}
	if lang != "text" {
		return false
	}
	i := collections.FindHeader(hs, "Content-Type")
	if i < 0 {
		return false
	}
	v := strings.ToLower(strings.TrimSpace(hs[i].Value))
	if !strings.HasPrefix(v, "application/") {
		return false
	}
	v = strings.TrimPrefix(v, "application/")
	if j := strings.IndexAny(v, "; \t"); j >= 0 {
		v = v[:j]
	}
	return v == "json" || strings.HasSuffix(v, "+json")
}

// urlencodedBody encodes enabled params like Node's querystring.stringify of
// postman-runtime's form object: repeated keys are grouped at their first position.
func urlencodedBody(params []collections.Param) string {
	var keys []string
	values := map[string][]string{}
	for _, p := range params {
		if p.Disabled {
			continue
		}
		if _, seen := values[p.Key]; !seen {
			keys = append(keys, p.Key)
		}
		values[p.Key] = append(values[p.Key], p.Value)
	}
	var parts []string
	for _, k := range keys {
		for _, v := range values[k] {
			parts = append(parts, collections.EscapeQuerystring(k)+"="+collections.EscapeQuerystring(v))
		}
	}
	return strings.Join(parts, "&")
}

// graphqlBody builds {"query","operationName","variables"} keeping the variables text
// as written (runtime does not re-encode it).
func graphqlBody(g *collections.GraphQLBody) []byte {
	var parts []string
	q, _ := json.Marshal(g.Query)
	parts = append(parts, `"query":`+string(q))
	if g.OperationName != "" {
		op, _ := json.Marshal(g.OperationName)
		parts = append(parts, `"operationName":`+string(op))
	}
	if strings.TrimSpace(g.Variables) != "" {
		parts = append(parts, `"variables":`+g.Variables)
	}
	return []byte("{" + strings.Join(parts, ",") + "}")
}

// fileBody reads the file body (Src relative to the working directory, or base64
// Content when there is no Src). As in postman-runtime, a file that cannot be read is a
// warning ("Binary file load error: …") and the request goes without a body.
func (c *Client) fileBody(f *collections.FileBody) (builtBody, error) {
	if f.Src == "" {
		data, err := base64.StdEncoding.DecodeString(f.Content)
		if err != nil {
			data = []byte(f.Content)
		}
		return builtBody{data: data, present: true}, nil
	}
	data, err := c.readFile(f.Src)
	if err != nil {
		return builtBody{warnings: []string{"Binary file load error: " + fileLoadError(f.Src, err)}}, nil
	}
	return builtBody{data: data, present: true}, nil
}

// stripJSONComments removes // and /* */ comments outside strings (strip-json-comments
// with whitespace:false).
func stripJSONComments(s string) string {
	var b bytes.Buffer
	inString := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if inString {
			b.WriteByte(c)
			if c == '\\' && i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			} else if c == '"' {
				inString = false
			}
			continue
		}
		switch {
		case c == '"':
			inString = true
			b.WriteByte(c)
		case c == '/' && i+1 < len(s) && s[i+1] == '/':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			if i < len(s) {
				b.WriteByte('\n')
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = len(s)
			} else {
				i += end + 3
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
