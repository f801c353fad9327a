package collections

import (
	"bytes"
	"encoding/json"
)

type bodyJSON struct {
	Mode       string          `json:"mode"`
	Raw        json.RawMessage `json:"raw"`
	URLEncoded json.RawMessage `json:"urlencoded"`
	FormData   json.RawMessage `json:"formdata"`
	File       json.RawMessage `json:"file"`
	GraphQL    json.RawMessage `json:"graphql"`
	Options    map[string]any  `json:"options"`
	Disabled   bool            `json:"disabled"`
}

type paramJSON struct {
	Key         json.RawMessage `json:"key"`
	Value       json.RawMessage `json:"value"`
	Type        string          `json:"type"`
	Src         json.RawMessage `json:"src"`
	ContentType string          `json:"contentType"`
	Disabled    bool            `json:"disabled"`
	Description json.RawMessage `json:"description"`
}

// parseBody reads a request body; null or {} gives nil.
func parseBody(raw json.RawMessage) (*Body, error) {
	if isJSONNull(raw) {
		return nil, nil
	}
	var in bodyJSON
	if err := json.Unmarshal(raw, &in); err != nil {
		return nil, err
	}
	if in.Mode == "" && isJSONNull(in.Raw) && isJSONNull(in.URLEncoded) && isJSONNull(in.FormData) &&
		isJSONNull(in.File) && isJSONNull(in.GraphQL) {
		return nil, nil
	}
	b := &Body{Mode: in.Mode, Options: in.Options, Disabled: in.Disabled}
	b.Raw = rawBodyText(in.Raw)
	params, err := parseParams(in.URLEncoded)
	if err != nil {
		return nil, err
	}
	for _, p := range params {
		b.URLEncoded = append(b.URLEncoded, Param{Key: jsonString(p.Key), Value: jsonString(p.Value),
			Disabled: p.Disabled, Description: parseDescription(p.Description)})
	}
	if params, err = parseParams(in.FormData); err != nil {
		return nil, err
	}
	for _, p := range params {
		b.FormData = append(b.FormData, formParam(p))
	}
	if !isJSONNull(in.File) {
		var f struct {
			Src     json.RawMessage `json:"src"`
			Content json.RawMessage `json:"content"`
		}
		if err := json.Unmarshal(in.File, &f); err != nil {
			return nil, err
		}
		b.File = &FileBody{Src: jsonString(f.Src), Content: jsonString(f.Content)}
	}
	if b.GraphQL, err = parseGraphQL(in.GraphQL); err != nil {
		return nil, err
	}
	return b, nil
}

// rawBodyText reads "raw": strings as they are, other JSON values as compact JSON text
// (Postman JSON-stringifies a non-string raw body).
func rawBodyText(raw json.RawMessage) string {
	if isJSONNull(raw) {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return compactJSON(raw)
}

func compactJSON(raw json.RawMessage) string {
	var buf bytes.Buffer
	if json.Compact(&buf, raw) != nil {
		return string(raw)
	}
	return buf.String()
}

func parseParams(raw json.RawMessage) ([]paramJSON, error) {
	if isJSONNull(raw) {
		return nil, nil
	}
	var list []paramJSON
	err := json.Unmarshal(raw, &list)
	return list, err
}

func formParam(p paramJSON) FormParam {
	fp := FormParam{Key: jsonString(p.Key), Value: jsonString(p.Value), Type: p.Type,
		ContentType: p.ContentType, Disabled: p.Disabled, Description: parseDescription(p.Description)}
	if fp.Type == "" {
		fp.Type = "text"
	}
	if !isJSONNull(p.Src) {
		var one string
		if json.Unmarshal(p.Src, &one) == nil {
			fp.Src = []string{one}
		} else {
			var many []string
			_ = json.Unmarshal(p.Src, &many)
			fp.Src = many
		}
	}
	return fp
}

func parseGraphQL(raw json.RawMessage) (*GraphQLBody, error) {
	if isJSONNull(raw) {
		return nil, nil
	}
	var g struct {
		Query         json.RawMessage `json:"query"`
		Variables     json.RawMessage `json:"variables"`
		OperationName json.RawMessage `json:"operationName"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		return nil, err
	}
	gq := &GraphQLBody{Query: jsonString(g.Query), OperationName: jsonString(g.OperationName)}
	if !isJSONNull(g.Variables) {
		var s string
		if json.Unmarshal(g.Variables, &s) == nil {
			gq.Variables = s
		} else {
			gq.Variables = compactJSON(g.Variables)
		}
	}
	return gq, nil
}
