package collections

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// v1Sample is a v1 collection as the old Postman app exported it, with every field the
// converter reads.
const v1Sample = `{
  "id": "c1", "name": "Old API", "description": "legacy",
  "order": ["r3", "missing", "r3"],
  "folders_order": ["f1"],
  "folders": [
    {"id": "f1", "name": "Users", "order": ["r1", "r2"], "folders_order": ["f2"],
     "preRequestScript": "console.log('folder');"},
    {"id": "f2", "name": "Nested", "order": ["r4", "r5"], "folders_order": [],
     "currentHelper": "bearerAuth", "helperAttributes": {"token": "ftok"}}
  ],
  "requests": [
    {"id": "r1", "name": "Create", "url": "{{baseUrl}}/users/:id?active=true&x=1", "method": "post",
     "headers": "Content-Type: application/x-www-form-urlencoded\n// X-Off: no\nX-Trace:  abc \n",
     "dataMode": "urlencoded",
     "data": [{"key": "name", "value": "Ann", "type": "text", "enabled": true},
              {"key": "x", "value": "1", "enabled": false}, {"value": "no key"}],
     "pathVariables": {"id": "42"},
     "queryParams": [{"key": "active", "value": "true", "equals": true, "enabled": true},
                     {"key": "debug", "value": "", "equals": false, "enabled": false}],
     "preRequestScript": "pm.environment.set('a', 1);",
     "tests": "tests['ok'] = true;\ntests['two'] = true;",
     "currentHelper": "basicAuth",
     "helperAttributes": {"id": "basic", "username": "u", "password": "p", "saveToRequest": true}},
    {"id": "r2", "name": "Upload", "url": "{{baseUrl}}/upload", "method": "POST", "headers": "",
     "dataMode": "params",
     "data": [{"key": "f", "value": "files/a.txt", "type": "file"}, {"key": "t", "value": "v", "type": "text"}],
     "currentHelper": "normal", "dataDisabled": true},
    {"id": "r3", "name": "Raw", "url": "{{baseUrl}}/raw", "method": "PUT", "dataMode": "raw",
     "rawModeData": "{\"a\":1}",
     "headerData": [{"key": "Content-Type", "value": "application/json", "description": "ct"}],
     "headers": "Content-Type: text/plain\nAccept: */*\n",
     "currentHelper": "hawkAuth", "helperAttributes": "{\"hawk_id\": \"id1\", \"hawk_key\": \"k\", \"algorithm\": \"sha256\"}",
     "protocolProfileBehavior": {"disableBodyPruning": true}},
    {"id": "r4", "name": "Events", "url": "{{baseUrl}}/get", "method": "GET",
     "events": [{"script": {"exec": "pm.test('x', () => {});"}}],
     "auth": {"type": "apikey", "apikey": [{"key": "key", "value": "k"}]}},
    {"id": "r5", "name": "Binary", "url": "{{baseUrl}}/bin", "method": "POST", "dataMode": "binary",
     "rawModeData": "data/blob.bin"}
  ],
  "variables": [{"key": "v", "value": "1", "type": "text"}, {"id": "old", "value": 2}]
}`

func TestParseCollectionV1(t *testing.T) {
	t.Parallel()
	c, err := ParseCollection([]byte(v1Sample), "v1.json")
	if err != nil {
		t.Fatalf("ParseCollection: %v", err)
	}
	names := func(items []*Item) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.Name)
		}
		return out
	}
	users := c.Items[0]
	nested := users.Items[0]
	create := itemNamed(t, c, "Create").Request
	upload := itemNamed(t, c, "Upload").Request
	raw := itemNamed(t, c, "Raw")
	events := itemNamed(t, c, "Events")
	binary := itemNamed(t, c, "Binary").Request

	tests := map[string]struct{ got, want any }{
		"warnings":              {c.Warnings, V1Warnings},
		"info":                  {[]string{c.Info.ID, c.Info.Name, c.Info.Description, c.Info.Schema}, []string{"c1", "Old API", "legacy", schemaV21}},
		"top order":             {names(c.Items), []string{"Users", "Raw"}},
		"folder order":          {names(users.Items), []string{"Nested", "Create", "Upload"}},
		"subfolder":             {names(nested.Items), []string{"Events", "Binary"}},
		"folder flag":           {users.IsFolder && nested.IsFolder, true},
		"folder script":         {users.Events[0].Listen + ":" + users.Events[0].Script.Source, "prerequest:console.log('folder');"},
		"folder auth":           {nested.Auth.Type + ":" + nested.Auth.Get("token"), "bearer:ftok"},
		"ids kept":              {[]string{users.ID, itemNamed(t, c, "Create").ID}, []string{"f1", "r1"}},
		"method upper":          {create.Method, "POST"},
		"header string":         {create.Headers, []Header{{Key: "Content-Type", Value: "application/x-www-form-urlencoded"}, {Key: "X-Off", Value: "no", Disabled: true}, {Key: "X-Trace", Value: "abc"}}},
		"headerData first":      {raw.Request.Headers, []Header{{Key: "Content-Type", Value: "application/json", Description: "ct"}, {Key: "Accept", Value: "*/*"}}},
		"urlencoded":            {create.Body.URLEncoded, []Param{{Key: "name", Value: "Ann"}, {Key: "x", Value: "1", Disabled: true}}},
		"query merged":          {create.URL.Query, []QueryParam{{Key: "active", Value: "true"}, {Key: "debug", NoValue: true, Disabled: true}, {Key: "x", Value: "1"}}},
		"path variable":         {create.URL.Variables, []Variable{{Key: "id", Value: "42"}}},
		"basic auth":            {create.Auth.Type + ":" + create.Auth.Get("username") + ":" + create.Auth.Get("password") + ":" + create.Auth.Get("saveHelperData"), "basic:u:p:true"},
		"scripts":               {len(itemNamed(t, c, "Create").Events), 2},
		"tests first":           {itemNamed(t, c, "Create").Events[0].Script.Source, "tests['ok'] = true;\ntests['two'] = true;"},
		"normal helper no auth": {upload.Auth == nil, true},
		"formdata":              {upload.Body.FormData, []FormParam{{Key: "f", Type: "file", Src: []string{"files/a.txt"}}, {Key: "t", Value: "v", Type: "text"}}},
		"body disabled":         {upload.Body.Disabled, true},
		"raw body":              {raw.Request.Body.Mode + ":" + raw.Request.Body.Raw, `raw:{"a":1}`},
		"hawk from string":      {raw.Request.Auth.Type + ":" + raw.Request.Auth.Get("authId") + ":" + raw.Request.Auth.Get("authKey"), "hawk:id1:k"},
		"ppb":                   {raw.ProtocolProfileBehavior["disableBodyPruning"], true},
		"v2 events":             {events.Events[0].Listen + ":" + events.Events[0].Script.Type, "test:text/javascript"},
		"v2 auth kept":          {events.Request.Auth.Type + ":" + events.Request.Auth.Get("key"), "apikey:k"},
		"binary":                {binary.Body.Mode + ":" + binary.Body.File.Src, "file:data/blob.bin"},
		"variables":             {[]string{c.Variables[0].Key, c.Variables[0].Type, c.Variables[1].Key}, []string{"v", "string", "old"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("got %#v, want %#v", tc.got, tc.want)
			}
		})
	}
	t.Run("raw is v2.1", func(t *testing.T) {
		t.Parallel()
		var doc struct {
			Info struct{ Schema string }
			Item []json.RawMessage
		}
		if err := json.Unmarshal(c.Raw, &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Info.Schema != schemaV21 || len(doc.Item) != 2 {
			t.Errorf("Raw = %s", c.Raw)
		}
		if want := `"exec":["tests['ok'] = true;","tests['two'] = true;"]`; !bytes.Contains(c.Raw, []byte(want)) {
			t.Errorf("Raw does not hold the script as lines %s:\n%s", want, c.Raw)
		}
	})
}

func TestParseCollectionV1Edges(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		data  string
		check func(t *testing.T, c *Collection)
	}{
		"empty": {`{"name": "e", "order": [], "requests": []}`, func(t *testing.T, c *Collection) {
			if len(c.Items) != 0 || c.Info.Name != "e" || c.Info.ID == "" || len(c.Warnings) != 2 {
				t.Errorf("got %+v", c)
			}
		}},
		"folders without folders_order": {`{"name": "c", "order": [], "requests": [{"id": "r", "url": "http://x/"}],
			"folders": [{"id": "b", "name": "B", "order": ["r"]}, {"id": "a", "name": "A"}]}`,
			func(t *testing.T, c *Collection) {
				if len(c.Items) != 2 || c.Items[0].Name != "B" || c.Items[1].Name != "A" || len(c.Items[0].Items) != 1 {
					t.Errorf("got %+v", c.Items)
				}
			}},
		"data inferred as formdata": {`{"name": "c", "order": ["r"], "requests": [{"id": "r", "url": "http://x/",
			"data": [{"key": "a", "value": "1"}]}]}`,
			func(t *testing.T, c *Collection) {
				b := c.Items[0].Request.Body
				if b == nil || b.Mode != "formdata" || len(b.FormData) != 1 || b.FormData[0].Type != "text" {
					t.Errorf("body = %+v", b)
				}
			}},
		"raw from data string": {`{"name": "c", "order": ["r"], "requests": [{"id": "r", "url": "http://x/",
			"dataMode": "raw", "data": "hello"}]}`,
			func(t *testing.T, c *Collection) {
				if b := c.Items[0].Request.Body; b == nil || b.Raw != "hello" {
					t.Errorf("body = %+v", b)
				}
			}},
		"no body": {`{"name": "c", "order": ["r"], "requests": [{"id": "r", "url": "http://x/", "data": []}]}`,
			func(t *testing.T, c *Collection) {
				if b := c.Items[0].Request.Body; b != nil {
					t.Errorf("body = %+v", b)
				}
			}},
		"awsv4 attributes kept": {`{"name": "c", "order": ["r"], "requests": [{"id": "r", "url": "http://x/",
			"currentHelper": "awsSigV4", "helperAttributes": {"accessKey": "AK", "region": "eu-west-1"}}]}`,
			func(t *testing.T, c *Collection) {
				a := c.Items[0].Request.Auth
				if a == nil || a.Type != "awsv4" || a.Get("accessKey") != "AK" || a.Get("region") != "eu-west-1" {
					t.Errorf("auth = %+v", a)
				}
			}},
		"collection noauth dropped": {`{"name": "c", "order": [], "requests": [], "auth": {"type": "noauth"}}`,
			func(t *testing.T, c *Collection) {
				if c.Auth != nil {
					t.Errorf("auth = %+v", c.Auth)
				}
			}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := ParseCollection([]byte(tc.data), "x.json")
			if err != nil {
				t.Fatalf("ParseCollection: %v", err)
			}
			tc.check(t, c)
		})
	}
}
