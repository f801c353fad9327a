package collections

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// parseCollectionSlow is ParseCollection reading everything with encoding/json, as it did
// before the one-pass reader: the reference the one-pass reader must agree with.
func parseCollectionSlow(data []byte, name string) (*Collection, error) {
	return parseCollectionJSON(decodeText(data), name, parseItems)
}

// forgetGeneratedIDs clears the ids parsing made up (items without one get a random
// UUID), so that two parses of a file compare equal.
func forgetGeneratedIDs(items []*Item) {
	for _, it := range items {
		if !bytes.Contains(it.Raw, []byte(`"`+it.ID+`"`)) {
			it.ID = ""
		}
		forgetGeneratedIDs(it.Items)
	}
}

// forgetAllIDs clears the ids and Raw of items.
func forgetAllIDs(items []*Item) {
	for _, it := range items {
		it.ID, it.Raw = "", nil
		forgetAllIDs(it.Items)
	}
}

// assertSameParse parses data both ways and fails unless the results are equal.
func assertSameParse(t *testing.T, data []byte) {
	t.Helper()
	fast, fastErr := ParseCollection(bytes.Clone(data), "c.json")
	slow, slowErr := parseCollectionSlow(bytes.Clone(data), "c.json")
	if (fastErr == nil) != (slowErr == nil) || (fastErr != nil && fastErr.Error() != slowErr.Error()) {
		t.Fatalf("errors differ:\n one-pass: %v\n reference: %v", fastErr, slowErr)
	}
	if fastErr != nil {
		return
	}
	for _, c := range []*Collection{fast, slow} {
		if c.Warnings != nil { // a v1 collection: converted with made-up ids, into Raw too
			c.Info.ID, c.Raw = "", nil
			forgetAllIDs(c.Items)
		}
		forgetGeneratedIDs(c.Items)
	}
	if !reflect.DeepEqual(fast, slow) {
		f, _ := json.MarshalIndent(fast.Items, "", " ")
		s, _ := json.MarshalIndent(slow.Items, "", " ")
		t.Fatalf("results differ:\n one-pass: %s\n reference: %s", f, s)
	}
}

// edgeCollections exercise every way the one-pass reader hands a part to encoding/json.
var edgeCollections = map[string]string{
	"folded keys":        `{"info":{}, "item":[{"Name":"x","REQUEST":{"URL":"http://a","Method":"post"}}]}`,
	"events common":      `{"item":[{"id":"r","request":"http://a","event":[{"listen":"prerequest","script":{"id":"s1","type":"text/javascript","exec":["a();","","b();"]}},{"listen":"test","disabled":true,"script":{"exec":"one();\ntwo();","name":"n"}}]}]}`,
	"events shapes":      `{"item":[{"id":"r","request":"http://a","event":[null,{"listen":"test","script":null},{"listen":"test"},{"listen":null,"id":null,"disabled":null,"script":"x()"},{"script":["a",null,"b\u00e9"]},{"script":{"exec":null,"type":null}},{"script":{}},{"other":1,"script":{"extra":[1]}}]}]}`,
	"event object":       `{"item":[{"id":"r","request":"http://a","event":{"listen":"test","script":{"exec":["t()"]}}}]}`,
	"events empty":       `{"item":[{"id":"r","request":"http://a","event":[]},{"id":"s","request":"http://a","event":null}]}`,
	"events folded":      `{"item":[{"id":"r","request":"http://a","event":[{"Listen":"test","SCRIPT":{"Exec":["t()"]}}]}]}`,
	"events repeated":    `{"item":[{"id":"r","request":"http://a","event":[{"listen":"test","listen":"prerequest","script":{"exec":"a","exec":"b"}}]}]}`,
	"events bad types":   `{"item":[{"id":"r","request":"http://a","event":[{"listen":"test","disabled":"yes"}]}]}`,
	"events bad exec":    `{"item":[{"id":"r","request":"http://a","event":[{"listen":"test","script":{"exec":[1]}}]}]}`,
	"events exec object": `{"item":[{"id":"r","request":"http://a","event":[{"listen":"test","script":{"exec":{"a":1}}}]}]}`,
	"events number":      `{"item":[{"id":"r","request":"http://a","event":[5]}]}`,
	"events string":      `{"item":[{"id":"r","request":"http://a","event":"x"}]}`,
	"script number":      `{"item":[{"id":"r","request":"http://a","event":[{"listen":"test","script":5}]}]}`,
	"event id number":    `{"item":[{"id":"r","request":"http://a","event":[{"id":5,"listen":"test"}]}]}`,
	"kelvin key":         `{"item":[{"name":"x","request":{"url":{"raw":"http://a/b","host":["a"],"query":[{"\u212aey":"k","value":"v"}]}}}]}`,
	"kelvin raw key":     "{\"item\":[{\"name\":\"x\",\"request\":{\"header\":[{\"\u212aey\":\"K\",\"value\":\"v\"}],\"url\":\"http://a\"}}]}",
	"repeated members":   `{"item":[{"name":"a","name":"b","request":{"method":"get","method":"post","url":"http://a"}}]}`,
	"repeated ppb":       `{"item":[{"name":"a","protocolProfileBehavior":{"a":1},"protocolProfileBehavior":{"b":2},"request":"http://a"}]}`,
	"repeated top":       `{"item":[{"name":"a"}],"item":[{"name":"b","request":"http://b"}]}`,
	"escaped key":        `{"item":[{"n\u0061me":"x","request":"http://a"}]}`,
	"escaped top key":    `{"it\u0065m":[{"name":"x","request":"http://a"}]}`,
	"id number":          `{"item":[{"id":5,"name":"x","request":"http://a"}]}`,
	"id null":            `{"item":[{"id":null,"_postman_id":"p1","name":"x","request":"http://a"}]}`,
	"name number":        `{"item":[{"id":"i","name":12.50,"request":"http://a"}]}`,
	"name escaped":       `{"item":[{"id":"i","name":"a\"b\\c\u00e9\n","description":{"content":"d"},"request":"http://a"}]}`,
	"invalid utf8":       "{\"item\":[{\"id\":\"i\",\"name\":\"a\xffb\",\"request\":\"http://a/\xfe\"}]}",
	"single item":        `{"info":{"name":"n"},"item":{"id":"i","name":"x","request":"http://a"}}`,
	"item null":          `{"info":{"name":"n"},"item":null}`,
	"folder":             `{"item":[{"id":"f","name":"F","auth":{"type":"bearer","bearer":[{"key":"token","value":"t"}]},"item":[{"id":"r","name":"R","request":{"url":"http://a"}}]}]}`,
	"folder item null":   `{"item":[{"id":"f","name":"F","item":null,"request":null}]}`,
	"nested error":       `{"item":[{"id":"f","name":"F","item":[{"id":"r","name":"R","request":{"url":5}}]}]}`,
	"item not object":    `{"item":[5, "x"]}`,
	"request array":      `{"item":[{"id":"r","name":"R","request":[1]}]}`,
	"request string":     `{"item":[{"id":"r","name":"R","request":"http://a/b?c=d#e"}]}`,
	"request escaped":    `{"item":[{"id":"r","name":"R","request":"http:\/\/a\/b"}]}`,
	"method number":      `{"item":[{"id":"r","request":{"method":5,"url":"http://a"}}]}`,
	"method empty":       `{"item":[{"id":"r","request":{"method":"","url":"http://a"}}]}`,
	"method unicode":     `{"item":[{"id":"r","request":{"method":"pätch","url":"http://a"}}]}`,
	"proxy cert":         `{"item":[{"id":"r","request":{"url":"http://a","proxy":{"host":"p"},"certificate":null}}]}`,
	"url object raw":     `{"item":[{"id":"r","request":{"url":{"raw":"http://a:8/b/:c?d=e&f#g","variable":[{"key":"c","value":"1"}]}}}]}`,
	"url structured":     `{"item":[{"id":"r","request":{"url":{"raw":"x","protocol":"https://","auth":"u:p","host":"a.b.c","port":8080,"path":"/x/y","hash":"h","query":[{"key":null,"value":null},{"key":"k","value":3,"disabled":true,"description":"d"},{"key":"z","value":"","disabled":null}]}}}]}`,
	"url path objects":   `{"item":[{"id":"r","request":{"url":{"host":["{{h}}",1,true],"path":[{"type":"string","value":"a"},"b",null],"query":[]}}}]}`,
	"url host number":    `{"item":[{"id":"r","request":{"url":{"host":5,"path":{"a":1}}}}]}`,
	"url query null el":  `{"item":[{"id":"r","request":{"url":{"host":["a"],"query":[null]}}}]}`,
	"url query string":   `{"item":[{"id":"r","request":{"url":{"host":["a"],"query":"a=b"}}}]}`,
	"url disabled str":   `{"item":[{"id":"r","request":{"url":{"host":["a"],"query":[{"key":"a","disabled":"yes"}]}}}]}`,
	"url variable bad":   `{"item":[{"id":"r","request":{"url":{"host":["a"],"variable":{"key":"a"}}}}]}`,
	"url variable empty": `{"item":[{"id":"r","request":{"url":{"host":["a"],"variable":[],"hash":null}}}]}`,
	"url raw number":     `{"item":[{"id":"r","request":{"url":{"raw":5}}}]}`,
	"url null":           `{"item":[{"id":"r","request":{"url":null,"header":null}}]}`,
	"headers string":     `{"item":[{"id":"r","request":{"url":"http://a","header":"A: b\r\nC: d"}}]}`,
	"headers object":     `{"item":[{"id":"r","request":{"url":"http://a","header":{"B":"1","A":2}}}]}`,
	"headers list":       `{"item":[{"id":"r","request":{"url":"http://a","header":[{"key":"A","value":"1","type":"text","disabled":false,"description":"x"},{"key":"B","value":null,"disabled":null},{}]}}]}`,
	"headers empty":      `{"item":[{"id":"r","request":{"url":"http://a","header":[]}}]}`,
	"headers bad entry":  `{"item":[{"id":"r","request":{"url":"http://a","header":[{"key":"A"},"x"]}}]}`,
	"headers null entry": `{"item":[{"id":"r","request":{"url":"http://a","header":[null]}}]}`,
	"headers disabled":   `{"item":[{"id":"r","request":{"url":"http://a","header":[{"key":"A","disabled":1}]}}]}`,
	"bodies":             `{"item":[{"id":"r","request":{"url":"http://a","method":"POST","body":{"mode":"raw","raw":"{\"a\":1}","options":{"raw":{"language":"json"}}}}},{"id":"s","request":{"url":"http://a","body":{"mode":"urlencoded","urlencoded":[{"key":"a","value":"b"}]}}}]}`,
	"auth and events":    `{"auth":{"type":"basic","basic":{"username":"u"}},"event":[{"listen":"test","script":{"exec":"x()"}}],"item":[{"id":"r","event":[{"listen":"prerequest","script":{"exec":["a","b"]}}],"variable":[{"key":"v","value":1}],"request":{"url":"http://a","auth":{"type":"noauth"},"description":"d"}}]}`,
	"event error":        `{"item":[{"id":"r","event":{"listen":"test"},"request":"http://a"}]}`,
	"variable error":     `{"item":[{"id":"r","variable":5,"request":"http://a"}]}`,
	"ppb not object":     `{"item":[{"id":"r","protocolProfileBehavior":[1],"request":"http://a"}]}`,
	"ppb null":           `{"item":[{"id":"r","protocolProfileBehavior":null,"request":"http://a"}]}`,
	"wrapper":            `{"collection":{"info":{"name":"w"},"item":[{"id":"r","request":"http://a"}]}}`,
	"v1":                 `{"id":"c","name":"v1","order":["r"],"requests":[{"id":"r","name":"R","url":"http://a","method":"GET"}]}`,
	"not a collection":   `{"name":"x"}`,
	"top array":          `[{"item":[]}]`,
	"top null":           `null`,
	"invalid json":       `{"item":[{"id":"r",]}`,
	"whitespace":         " \n\t{ \"item\" : [ { \"id\" : \"r\" , \"request\" : { \"url\" : { \"host\" : [ \"a\" ] , \"query\" : [ { \"key\" : \"k\" } ] } , \"header\" : [ { \"key\" : \"h\" } ] } } ] }\n ",
	"empty objects":      `{"item":[{},{"request":{}},{"request":{"url":{}}}]}`,
	"bom":                "\ufeff{\"item\":[{\"id\":\"r\",\"request\":\"http://a\"}]}",
	"response ignored":   `{"item":[{"id":"r","request":"http://a","response":[{"name":"x","originalRequest":{"url":"http://b"}}]}]}`,
}

func TestOnePassReaderMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	for name, doc := range edgeCollections {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assertSameParse(t, []byte(doc))
		})
	}
}

func TestOnePassReaderMatchesOnFiles(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("testdata/*.json")
	more, _ := filepath.Glob("../runner/testdata/*/*.postman_collection.json")
	files = append(files, more...)
	if len(files) < 3 {
		t.Fatalf("found only %d collection files", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			assertSameParse(t, data)
		})
	}
	t.Run("generated", func(t *testing.T) {
		t.Parallel()
		assertSameParse(t, benchCollectionJSON(t, 20))
	})
}

func TestItemRawIsItsOwnText(t *testing.T) {
	t.Parallel()
	c, err := ParseCollection([]byte(`{"item":[ {"id":"a","request":"http://a"} , {"id":"b","request":"http://b"}]}`), "c.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := string(c.Items[0].Raw); got != `{"id":"a","request":"http://a"}` {
		t.Fatalf("Raw = %s", got)
	}
	// Appending to one item's Raw must not overwrite the file text after it.
	_ = append(c.Items[0].Raw, "XXXXXXXX"...)
	if got := string(c.Items[1].Raw); got != `{"id":"b","request":"http://b"}` {
		t.Fatalf("second item's Raw = %s after appending to the first", got)
	}
}

func FuzzOnePassReader(f *testing.F) {
	for _, doc := range edgeCollections {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		assertSameParse(t, data)
	})
}

// TestSplitEventsReadsCommonShapes checks that the one-pass event reader handles the
// shapes Postman exports itself, rather than handing them to encoding/json.
func TestSplitEventsReadsCommonShapes(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{
		`[{"listen":"prerequest","script":{"id":"s1","type":"text/javascript","exec":["a();",""],"packages":{}}}]`,
		`[{"listen":"test","script":{"exec":"one();"}},{"listen":"test","disabled":true,"script":null}]`,
		`{"listen":"test","script":["x()"]}`,
		`[]`,
	} {
		if _, ok := splitEvents([]byte(raw)); !ok {
			t.Errorf("splitEvents(%s) handed it to encoding/json", raw)
		}
	}
}
