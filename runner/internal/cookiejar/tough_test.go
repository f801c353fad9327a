package cookiejar

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// newmanJar is a --cookie-jar file in the shape Newman 6.2 exports (its test fixture
// test/fixtures/run/spaces/simple-cookie-jar.json, with more cookies).
const newmanJar = `{
  "version": "tough-cookie@4.1.3-postman.1",
  "storeType": "MemoryCookieStore",
  "allowSpecialUseDomain": true,
  "rejectPublicSuffixes": true,
  "enableLooseMode": false,
  "prefixSecurity": "silent",
  "cookies": [
    {
      "key": "foo2",
      "value": "baz",
      "domain": "127.0.0.1",
      "path": "/",
      "hostOnly": true,
      "creation": "2020-06-09T16:57:46.999Z",
      "lastAccessed": "2020-06-09T16:57:48.385Z"
    },
    {
      "key": "gone",
      "value": "x",
      "expires": "2001-01-01T00:00:00.000Z",
      "domain": "127.0.0.1",
      "path": "/",
      "hostOnly": true,
      "creation": "2000-06-09T16:57:46.999Z",
      "lastAccessed": "2000-06-09T16:57:48.385Z"
    },
    {
      "key": "sess",
      "value": "1",
      "expires": "2099-01-01T00:00:00.000Z",
      "domain": "example.com",
      "path": "/api",
      "secure": true,
      "httpOnly": true,
      "creation": "2021-01-01T00:00:00.000Z",
      "lastAccessed": "2021-01-01T00:00:00.000Z"
    }
  ]
}
`

func TestCookieJarFileRoundTrip(t *testing.T) {
	t.Parallel()
	jar, err := Parse([]byte(newmanJar), "jar.json")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if c, _ := jar.Get(ctx, "http://127.0.0.1:8080/x", "foo2"); c == nil || c.Value != "baz" {
		t.Errorf("foo2 = %+v", c)
	}
	if c, _ := jar.Get(ctx, "http://127.0.0.1/", "gone"); c != nil {
		t.Errorf("expired cookie loaded: %+v", c)
	}
	u, _ := url.Parse("https://www.example.com/api/v1")
	if got := jar.Cookies(u); len(got) != 1 || got[0].Name != "sess" {
		t.Errorf("domain cookie for a subdomain = %v", got)
	}
	u.Scheme = "http"
	if got := jar.Cookies(u); len(got) != 0 {
		t.Errorf("secure cookie sent over http: %v", got)
	}
	u, _ = url.Parse("http://example.com/")
	jar.SetCookies(u, []*http.Cookie{{Name: "new", Value: "v", MaxAge: 3600}})

	out, err := json.Marshal(jar)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Version string
		Cookies []map[string]any
	}
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if back.Version != "tough-cookie@4.1.3-postman.1" || len(back.Cookies) != 3 {
		t.Fatalf("exported %s", out)
	}
	first := back.Cookies[0]
	if first["key"] != "foo2" || first["hostOnly"] != true || first["creation"] != "2020-06-09T16:57:46.999Z" || first["expires"] != nil {
		t.Errorf("first cookie = %v", first)
	}
	last := back.Cookies[2]
	if last["key"] != "new" || last["maxAge"] != float64(3600) || !strings.HasSuffix(last["expires"].(string), "Z") {
		t.Errorf("new cookie = %v", last)
	}
	again, err := Parse(out, "export.json")
	if err != nil {
		t.Fatal(err)
	}
	if all, _ := again.GetAll(ctx, "http://example.com/api"); len(all) != 2 {
		t.Errorf("re-imported jar has %d cookies for example.com/api, want 2 (sess, new)", len(all))
	}
	if _, err := Parse([]byte("{"), "bad.json"); err == nil || !strings.Contains(err.Error(), "the file at bad.json does not contain valid JSON data") {
		t.Errorf("bad json error = %v", err)
	}
}
