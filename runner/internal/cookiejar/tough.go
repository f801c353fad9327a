package cookiejar

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"
)

// toughCookieVersion is the serializer version Newman 6.2 writes.
const toughCookieVersion = "tough-cookie@4.1.3-postman.1"

// toughJar is tough-cookie's serialized CookieJar (CookieJar.toJSON / fromJSON).
type toughJar struct {
	Version               string        `json:"version"`
	StoreType             string        `json:"storeType"`
	AllowSpecialUseDomain bool          `json:"allowSpecialUseDomain"`
	RejectPublicSuffixes  bool          `json:"rejectPublicSuffixes"`
	EnableLooseMode       bool          `json:"enableLooseMode"`
	PrefixSecurity        string        `json:"prefixSecurity"`
	Cookies               []toughCookie `json:"cookies"`
}

// toughCookie is one serialized cookie; tough-cookie leaves out default values.
type toughCookie struct {
	Key          string `json:"key"`
	Value        string `json:"value"`
	Expires      string `json:"expires,omitempty"` // ISO 8601; absent = session ("Infinity")
	MaxAge       any    `json:"maxAge,omitempty"`
	Domain       string `json:"domain,omitempty"`
	Path         string `json:"path,omitempty"`
	Secure       bool   `json:"secure,omitempty"`
	HTTPOnly     bool   `json:"httpOnly,omitempty"`
	HostOnly     *bool  `json:"hostOnly,omitempty"`
	Creation     string `json:"creation,omitempty"`
	LastAccessed string `json:"lastAccessed,omitempty"`
	SameSite     string `json:"sameSite,omitempty"`
}

const isoMillis = "2006-01-02T15:04:05.000Z"

// Parse reads a --cookie-jar file (tough-cookie JSON, as Newman's
// --export-cookie-jar writes). name is the file path, used in errors. Expired cookies
// are dropped.
func Parse(data []byte, name string) (*Jar, error) {
	var tj toughJar
	if err := json.Unmarshal(data, &tj); err != nil {
		return nil, fmt.Errorf("the file at %s does not contain valid JSON data: %w", name, err)
	}
	j := New()
	now := j.now()
	for i, tc := range tj.Cookies {
		sc, err := tc.stored()
		if err != nil {
			return nil, fmt.Errorf("cookie jar %s: cookie %d (%s): %w", name, i, tc.Key, err)
		}
		j.put(sc, now)
	}
	return j, nil
}

func (tc toughCookie) stored() (*storedCookie, error) {
	sc := &storedCookie{Name: tc.Key, Value: tc.Value, Domain: canonicalHost(tc.Domain), Path: tc.Path,
		Secure: tc.Secure, HTTPOnly: tc.HTTPOnly, SameSite: tc.SameSite}
	if v := sc.Value; len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' { // tough-cookie keeps the quotes
		sc.Value, sc.Quoted = v[1:len(v)-1], true
	}
	if sc.Domain == "" {
		return nil, fmt.Errorf("no domain")
	}
	if sc.Path == "" {
		sc.Path = "/"
	}
	sc.HostOnly = tc.HostOnly != nil && *tc.HostOnly
	if n, ok := tc.MaxAge.(float64); ok {
		sc.MaxAge = int(n)
	}
	var err error
	if tc.Expires != "" && tc.Expires != "Infinity" {
		if sc.Expires, err = time.Parse(time.RFC3339Nano, tc.Expires); err != nil {
			return nil, fmt.Errorf("expires: %w", err)
		}
		sc.ExpiresAttr = sc.Expires
	}
	if tc.Creation != "" {
		if sc.Creation, err = time.Parse(time.RFC3339Nano, tc.Creation); err != nil {
			return nil, fmt.Errorf("creation: %w", err)
		}
	}
	if tc.LastAccessed != "" {
		if sc.LastAccessed, err = time.Parse(time.RFC3339Nano, tc.LastAccessed); err != nil {
			return nil, fmt.Errorf("lastAccessed: %w", err)
		}
	}
	return sc, nil
}

// MarshalJSON writes the jar as tough-cookie's JSON (--export-cookie-jar), cookies in
// creation order, expired ones left out.
func (j *Jar) MarshalJSON() ([]byte, error) {
	j.mu.Lock()
	now := j.now()
	var list []*storedCookie
	for _, c := range j.cookies {
		if c.Expires.IsZero() || c.Expires.After(now) {
			list = append(list, c)
		}
	}
	j.mu.Unlock()
	sort.Slice(list, func(a, b int) bool { return list[a].seq < list[b].seq })
	tj := toughJar{Version: toughCookieVersion, StoreType: "MemoryCookieStore", AllowSpecialUseDomain: true,
		RejectPublicSuffixes: true, PrefixSecurity: "silent", Cookies: []toughCookie{}}
	for _, c := range list {
		hostOnly := c.HostOnly
		tc := toughCookie{Key: c.Name, Value: quotedValue(c.Value, c.Quoted), Domain: c.Domain, Path: c.Path, Secure: c.Secure,
			HTTPOnly: c.HTTPOnly, HostOnly: &hostOnly, SameSite: c.SameSite,
			Creation: c.Creation.UTC().Format(isoMillis), LastAccessed: c.LastAccessed.UTC().Format(isoMillis)}
		if !c.Expires.IsZero() {
			tc.Expires = c.Expires.UTC().Format(isoMillis)
		}
		if c.MaxAge != 0 {
			tc.MaxAge = c.MaxAge
		}
		tj.Cookies = append(tj.Cookies, tc)
	}
	return json.MarshalIndent(tj, "", "  ")
}
