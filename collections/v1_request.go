package collections

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// v1Request is a request of a v1 collection.
type v1Request struct {
	v1Entity
	URL                     string          `json:"url"`
	Method                  string          `json:"method"`
	Headers                 json.RawMessage `json:"headers"`
	HeaderData              []v1KeyValue    `json:"headerData"`
	DataMode                string          `json:"dataMode"`
	Data                    json.RawMessage `json:"data"`
	RawModeData             json.RawMessage `json:"rawModeData"`
	DataDisabled            bool            `json:"dataDisabled"`
	QueryParams             []v1KeyValue    `json:"queryParams"`
	PathVariables           json.RawMessage `json:"pathVariables"`
	PathVariableData        []v1KeyValue    `json:"pathVariableData"`
	ProtocolProfileBehavior map[string]any  `json:"protocolProfileBehavior"`
}

// v1KeyValue is a header, query parameter, path variable or body parameter of a v1
// request.
type v1KeyValue struct {
	Key         string          `json:"key"`
	ID          string          `json:"id"`
	Value       json.RawMessage `json:"value"`
	Type        string          `json:"type"`
	Enabled     *bool           `json:"enabled"`
	Disabled    bool            `json:"disabled"`
	Equals      *bool           `json:"equals"`
	Description json.RawMessage `json:"description"`
	ContentType string          `json:"contentType"`
}

func (kv v1KeyValue) disabled() bool { return kv.Disabled || (kv.Enabled != nil && !*kv.Enabled) }

// requestItem converts one v1 request to a v2.1 item.
func (c *v1Converter) requestItem(raw json.RawMessage) (map[string]any, error) {
	var in v1Request
	if err := json.Unmarshal(raw, &in); err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	name := jsonString(in.Name)
	req, err := v1ToRequest(&in)
	if err != nil {
		return nil, fmt.Errorf("request %q: %w", name, err)
	}
	out := map[string]any{"name": name, "request": req}
	if in.ID != "" {
		out["id"] = in.ID
	}
	if len(in.ProtocolProfileBehavior) > 0 {
		out["protocolProfileBehavior"] = in.ProtocolProfileBehavior
	}
	events, err := v1Events(&in.v1Entity)
	if err != nil {
		return nil, fmt.Errorf("request %q: %w", name, err)
	}
	if len(events) > 0 {
		out["event"] = events
	}
	if vars := v1Variables(&in.v1Entity); len(vars) > 0 {
		out["variable"] = vars
	}
	return out, nil
}

// v1ToRequest builds the request: method, headers, body, URL, auth and description.
func v1ToRequest(in *v1Request) (*Request, error) {
	r := &Request{Method: strings.ToUpper(in.Method), Description: parseDescription(in.Description)}
	if r.Method == "" {
		r.Method = "GET"
	}
	var err error
	if r.Auth, err = v1Auth(&in.v1Entity); err != nil {
		return nil, err
	}
	if r.Headers, err = v1Headers(in); err != nil {
		return nil, err
	}
	if r.Body, err = v1Body(in); err != nil {
		return nil, err
	}
	r.URL, err = v1URL(in)
	return r, err
}

// v1HeaderLine matches one "Key: value" line; a key written "// Key" is disabled.
var v1HeaderLine = regexp.MustCompile(`(?m)^((//\s*)?\S+):(.*)$`)

// v1Headers reads headerData (with descriptions) first, then the lines of the "headers"
// string whose keys headerData did not have. "headers" may also be a v2 list already.
func v1Headers(in *v1Request) ([]Header, error) {
	raw := strings.TrimSpace(string(in.Headers))
	if strings.HasPrefix(raw, "[") {
		return parseHeaders(in.Headers)
	}
	var hs []Header
	seen := map[string]bool{}
	for _, h := range in.HeaderData {
		key := h.Key
		off := h.disabled()
		if strings.HasPrefix(key, "//") {
			off, key = true, strings.TrimSpace(strings.TrimPrefix(key, "//"))
		}
		hs = append(hs, Header{Key: key, Value: jsonString(h.Value), Disabled: off,
			Description: parseDescription(h.Description)})
		seen[key] = true
	}
	var text string
	if !isJSONNull(in.Headers) && json.Unmarshal(in.Headers, &text) != nil {
		return nil, fmt.Errorf("headers: expected a string")
	}
	text = strings.NewReplacer("\r\n ", " ", "\r\n\t", "\t").Replace(text)
	for _, m := range v1HeaderLine.FindAllStringSubmatch(text, -1) {
		h := Header{Key: m[1], Value: strings.TrimSpace(strings.TrimRight(m[3], "\r"))}
		if strings.HasPrefix(h.Key, "//") {
			h.Disabled, h.Key = true, strings.TrimSpace(strings.TrimPrefix(h.Key, "//"))
		}
		if !seen[h.Key] {
			hs = append(hs, h)
		}
	}
	return hs, nil
}

// v1BodyModes maps v1 dataMode names to v2 body modes.
var v1BodyModes = map[string]string{"urlencoded": "urlencoded", "params": "formdata", "raw": "raw", "binary": "file"}

// v1Body converts dataMode/data/rawModeData to a v2 body (nil when there is none).
func v1Body(in *v1Request) (*Body, error) {
	mode := v1BodyModes[in.DataMode]
	if mode == "" && isJSONEmpty(in.Data) && isJSONEmpty(in.RawModeData) {
		return nil, nil
	}
	var rawText string
	hasRaw := false
	if json.Unmarshal(in.RawModeData, &rawText) == nil {
		hasRaw = rawText != ""
	} else {
		var one []string
		if json.Unmarshal(in.RawModeData, &one) == nil && len(one) == 1 {
			rawText, hasRaw = one[0], one[0] != ""
		}
	}
	params := in.Data
	if isJSONNull(params) {
		params = in.RawModeData
	}
	if mode == "" {
		mode = "raw"
		if !hasRaw && strings.HasPrefix(strings.TrimSpace(string(params)), "[") {
			mode = "formdata"
		}
	}
	b := &Body{Mode: mode, Disabled: in.DataDisabled}
	switch mode {
	case "raw":
		var s string
		if hasRaw {
			b.Raw = rawText
		} else if json.Unmarshal(in.Data, &s) == nil {
			b.Raw = s
		}
	case "file":
		b.File = &FileBody{Src: rawText}
	case "urlencoded":
		for _, p := range v1Params(params) {
			b.URLEncoded = append(b.URLEncoded, Param{Key: p.Key, Value: jsonString(p.Value),
				Disabled: p.disabled(), Description: parseDescription(p.Description)})
		}
	case "formdata":
		b.FormData = v1FormData(params)
	}
	return b, nil
}

// v1Params decodes a list of body parameters, dropping entries without a key.
func v1Params(raw json.RawMessage) []v1KeyValue {
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		return nil
	}
	var out []v1KeyValue
	for _, r := range list {
		var p v1KeyValue
		if json.Unmarshal(r, &p) != nil || p.Key == "" {
			continue
		}
		out = append(out, p)
	}
	return out
}

// v1FormData converts form parameters; a file parameter's value is its source path.
func v1FormData(raw json.RawMessage) []FormParam {
	var out []FormParam
	for _, p := range v1Params(raw) {
		fp := FormParam{Key: p.Key, Type: p.Type, ContentType: p.ContentType, Disabled: p.disabled(),
			Description: parseDescription(p.Description)}
		if fp.Type == "" {
			fp.Type = "text"
		}
		var src string
		if p.Type == "file" && json.Unmarshal(p.Value, &src) == nil && src != "" {
			fp.Src = []string{src}
		} else if p.Type != "file" {
			fp.Value = jsonString(p.Value)
		}
		out = append(out, fp)
	}
	return out
}

// isJSONEmpty reports absence, null, "", [] or {} (lodash isEmpty of the value).
func isJSONEmpty(raw json.RawMessage) bool {
	t := strings.TrimSpace(string(raw))
	return t == "" || t == "null" || t == `""` || t == "[]" || t == "{}"
}

// v1URL parses the URL string and merges queryParams (which also keep disabled
// parameters and descriptions) and path variables (pathVariableData, then the
// pathVariables object).
func v1URL(in *v1Request) (URL, error) {
	u := ParseURL(in.URL)
	if len(in.QueryParams) > 0 {
		var query []QueryParam
		seen := map[string]bool{}
		for _, q := range in.QueryParams {
			p := QueryParam{Key: q.Key, Disabled: q.disabled(), Description: parseDescription(q.Description)}
			if isJSONNull(q.Value) {
				p.NoValue = q.Equals == nil || !*q.Equals
			} else {
				p.Value = jsonString(q.Value)
				p.NoValue = q.Equals != nil && !*q.Equals && p.Value == ""
			}
			query = append(query, p)
			seen[q.Key] = true
		}
		for _, q := range u.Query {
			if !seen[q.Key] {
				query = append(query, q)
			}
		}
		u.Query = query
	}
	var vars []Variable
	seen := map[string]bool{}
	for _, v := range in.PathVariableData {
		key := v.Key
		if key == "" {
			key = v.ID
		}
		nv := Variable{Key: key, Description: parseDescription(v.Description)}
		_ = json.Unmarshal(v.Value, &nv.Value)
		vars = append(vars, nv)
		seen[key] = true
	}
	if !isJSONNull(in.PathVariables) {
		err := orderedObject(in.PathVariables, func(k string, v json.RawMessage) error {
			if !seen[k] {
				nv := Variable{Key: k}
				_ = json.Unmarshal(v, &nv.Value)
				vars = append(vars, nv)
			}
			return nil
		})
		if err != nil {
			return u, fmt.Errorf("pathVariables: %w", err)
		}
	}
	if len(vars) > 0 {
		u.Variables = vars
	}
	return u, nil
}
