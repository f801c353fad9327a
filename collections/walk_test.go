package collections

import (
	"reflect"
	"testing"
)

func TestWalkAndPaths(t *testing.T) {
	t.Parallel()
	c := loadFixture(t, "v21.postman_collection.json")
	var names []string
	for _, it := range Walk(c.Items) {
		names = append(names, it.Name)
		if it.IsFolder || it.Request == nil {
			t.Errorf("Walk returned folder %q", it.Name)
		}
	}
	want := []string{"List admins", "Create user", "Form upload", "Urlencoded", "GraphQL object vars",
		"GraphQL string vars", "File body", "Plain string request"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("Walk order = %v", names)
	}
	if got := itemNamed(t, c, "Form upload").Path(); !reflect.DeepEqual(got, []string{"Form upload"}) {
		t.Errorf("top-level Path = %v", got)
	}
}

func TestResolvedAuth(t *testing.T) {
	t.Parallel()
	c := loadFixture(t, "v21.postman_collection.json")
	tests := map[string]struct {
		item string
		want string
	}{
		"nearest folder":       {"List admins", "bearer"},
		"own noauth stops":     {"Create user", "noauth"},
		"collection":           {"Form upload", "basic"},
		"folder own auth":      {"Users", "bearer"},
		"folder inherits coll": {"Empty folder", "basic"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			a := itemNamed(t, c, tc.item).ResolvedAuth(c)
			if a == nil || a.Type != tc.want {
				t.Errorf("ResolvedAuth = %#v, want type %s", a, tc.want)
			}
		})
	}
	noColl := &Collection{Items: []*Item{{Name: "r", Request: &Request{Auth: &Auth{Type: ""}}}}}
	if a := noColl.Items[0].ResolvedAuth(noColl); a != nil {
		t.Errorf("no auth anywhere: got %#v", a)
	}
	typeType := &Item{Name: "r", Request: &Request{Auth: &Auth{Type: "type"}}}
	if a := typeType.ResolvedAuth(&Collection{Auth: &Auth{Type: "bearer"}}); a == nil || a.Type != "bearer" {
		t.Errorf("auth type \"type\" should inherit: %#v", a)
	}
}

func TestScriptChain(t *testing.T) {
	t.Parallel()
	c := loadFixture(t, "v21.postman_collection.json")
	admins := itemNamed(t, c, "List admins")
	var pre []string
	for _, s := range admins.ScriptChain(c, "prerequest") {
		pre = append(pre, s.Source)
	}
	// a blank script stays in the chain: Newman runs and counts it
	want := []string{"console.log('coll pre');\nvar a = 1;", "// folder pre\nx();", "item();", "   "}
	if !reflect.DeepEqual(pre, want) {
		t.Errorf("prerequest chain = %q", pre)
	}
	tests := admins.ScriptChain(c, "test")
	if len(tests) != 1 || tests[0].Source != "pm.test('coll', () => {});" {
		t.Errorf("test chain = %#v (disabled events and events without a script must be skipped)", tests)
	}
	if got := admins.ScriptChain(nil, "prerequest"); len(got) != 3 {
		t.Errorf("chain without collection has %d scripts", len(got))
	}
}

func TestResolvedProtocolProfileBehavior(t *testing.T) {
	t.Parallel()
	c := loadFixture(t, "v21.postman_collection.json")
	got := itemNamed(t, c, "List admins").ResolvedProtocolProfileBehavior(c)
	want := map[string]any{"followRedirects": true, "strictSSL": true, "maxRedirects": 3.0}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("merged = %v, want %v", got, want)
	}
	got["strictSSL"] = false
	if c.ProtocolProfileBehavior["strictSSL"] != true {
		t.Error("result shares the collection's map")
	}
	if m := (&Item{}).ResolvedProtocolProfileBehavior(nil); m == nil || len(m) != 0 {
		t.Errorf("empty = %#v", m)
	}
}

func TestFind(t *testing.T) {
	t.Parallel()
	c := &Collection{}
	a := &Item{ID: "x1", Name: "Same", IsFolder: true}
	b := &Item{ID: "Same", Name: "Other", Parent: a, Request: &Request{}}
	d := &Item{ID: "x3", Name: "Same", Parent: a, Request: &Request{}}
	e := &Item{ID: "x4", Name: "Twice", Request: &Request{}}
	f := &Item{ID: "x5", Name: "Twice", Request: &Request{}}
	a.Items = []*Item{b, d}
	c.Items = []*Item{a, e, f}
	tests := map[string]struct {
		key  string
		want []*Item
	}{
		"id first":       {"Same", []*Item{b}},
		"by id":          {"x3", []*Item{d}},
		"names anywhere": {"Twice", []*Item{e, f}},
		"folder by name": {"Other", []*Item{b}},
		"none":           {"nope", nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := c.Find(tc.key); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Find(%q) = %v", tc.key, got)
			}
		})
	}
}
