package gen

import (
	"net/url"
	"strings"
)

// schemaV21 is the schema URL of a Postman v2.1 collection.
const schemaV21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"

// The JSON shapes below are the subset of a Postman v2.1 export the generator fills in.

type collection struct {
	Info info   `json:"info"`
	Item []item `json:"item"`
}

type info struct {
	PostmanID string `json:"_postman_id"`
	Name      string `json:"name"`
	Schema    string `json:"schema"`
}

type item struct {
	Name    string  `json:"name"`
	Event   []event `json:"event,omitempty"`
	Request request `json:"request"`
}

type event struct {
	Listen string `json:"listen"`
	Script script `json:"script"`
}

type script struct {
	Type string   `json:"type"`
	Exec []string `json:"exec"`
}

type request struct {
	Method string      `json:"method"`
	Header []keyValue  `json:"header"`
	URL    exportedURL `json:"url"`
}

type keyValue struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// exportedURL is a request URL as Postman exports it: the raw text and its parts.
type exportedURL struct {
	Raw      string     `json:"raw"`
	Protocol string     `json:"protocol"`
	Host     []string   `json:"host"`
	Port     string     `json:"port,omitempty"`
	Path     []string   `json:"path"`
	Query    []keyValue `json:"query,omitempty"`
}

// newURL builds the exported form of base + path + query. base is http://host[:port];
// query values may hold {{variables}} and are written unescaped, as Postman does.
func newURL(base, path string, query []keyValue) exportedURL {
	u, err := url.Parse(base)
	if err != nil {
		u = &url.URL{Scheme: "http", Host: base}
	}
	raw := strings.TrimSuffix(base, "/") + "/" + path
	parts := make([]string, 0, len(query))
	for _, q := range query {
		parts = append(parts, q.Key+"="+q.Value)
	}
	if len(parts) > 0 {
		raw += "?" + strings.Join(parts, "&")
	}
	return exportedURL{
		Raw:      raw,
		Protocol: u.Scheme,
		Host:     strings.Split(u.Hostname(), "."),
		Port:     u.Port(),
		Path:     strings.Split(path, "/"),
		Query:    query,
	}
}

func prerequest(lines []string) event {
	return event{Listen: "prerequest", Script: script{Type: "text/javascript", Exec: lines}}
}

func test(lines []string) event {
	return event{Listen: "test", Script: script{Type: "text/javascript", Exec: lines}}
}
