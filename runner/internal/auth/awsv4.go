package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"sort"
	"strings"

	"github.com/pmrun/pmrun/collections"
)

// awsv4Auth signs with AWS Signature Version 4 the way postman-runtime does through the
// aws4 package: service "execute-api" and region "us-east-1" by default; the request's
// own headers (not the runtime defaults added later) are signed; a non-empty body is
// hashed into X-Amz-Content-Sha256; addAuthDataToQuery presigns into the query string.
type awsv4Auth struct{}

// awsIgnoredHeaders are never signed (aws4's HEADERS_TO_IGNORE).
var awsIgnoredHeaders = map[string]bool{"authorization": true, "connection": true, "x-amzn-trace-id": true,
	"user-agent": true, "expect": true, "presigned-expires": true, "range": true}

// awsQueryParams are the presigning parameters replaced on every signing.
var awsQueryParams = []string{"X-Amz-Security-Token", "X-Amz-Date", "X-Amz-Algorithm", "X-Amz-Credential",
	"X-Amz-SignedHeaders", "X-Amz-Signature"}

func (awsv4Auth) retry(*authState, *collections.Response) bool { return false }

func (awsv4Auth) sign(st *authState, r *signable) error {
	for _, h := range []string{"Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256"} {
		r.req.Headers = collections.RemoveHeaders(r.req.Headers, h)
	}
	for _, q := range awsQueryParams {
		r.req.URL.Query = removeQuery(r.req.URL.Query, q)
	}
	s := awsSigner{
		accessKey: st.get("accessKey"), secretKey: st.get("secretKey"), token: st.get("sessionToken"),
		service: st.get("service"), region: st.get("region"),
		amzDate: st.clock().UTC().Format("20060102T150405Z"),
	}
	if s.service == "" {
		s.service = "execute-api"
	}
	if s.region == "" {
		s.region = "us-east-1"
	}
	presign := st.flag("addAuthDataToQuery")
	if !presign && len(r.body) > 0 {
		r.req.Headers = collections.UpsertSystemHeader(r.req.Headers, "X-Amz-Content-Sha256", sha256Hex(r.body))
	}
	u, err := url.Parse(r.req.URL.WireString(true))
	if err != nil {
		return err
	}
	if collections.FindHeader(r.req.Headers, "Host") < 0 {
		r.addHeader("Host", collections.HostHeader(u))
	}
	if presign {
		s.presign(r, u)
		return nil
	}
	s.signHeaders(r, u)
	return nil
}

type awsSigner struct {
	accessKey, secretKey, token, service, region, amzDate string
}

func (s awsSigner) scope() string {
	return s.amzDate[:8] + "/" + s.region + "/" + s.service + "/aws4_request"
}

// signHeaders adds X-Amz-Date, the session token and Authorization headers.
func (s awsSigner) signHeaders(r *signable, u *url.URL) {
	if s.token != "" {
		r.addHeader("X-Amz-Security-Token", s.token)
	}
	if s.service == "s3" && collections.FindHeader(r.req.Headers, "X-Amz-Content-Sha256") < 0 {
		r.addHeader("X-Amz-Content-Sha256", sha256Hex(nil))
	}
	r.addHeader("X-Amz-Date", s.amzDate)
	names, canonHeaders := awsCanonicalHeaders(r.req.Headers)
	bodyHash := sha256Hex(nil)
	if i := collections.FindHeader(r.req.Headers, "X-Amz-Content-Sha256"); i >= 0 {
		bodyHash = r.req.Headers[i].Value
	}
	query := awsParseQuery(u.RawQuery)
	sig := s.signature(r.req.Method, u.EscapedPath(), query, canonHeaders, names, bodyHash)
	r.addHeader("Authorization", "AWS4-HMAC-SHA256 Credential="+s.accessKey+"/"+s.scope()+", SignedHeaders="+names+", Signature="+sig)
}

// presign adds the X-Amz-* query parameters (addAuthDataToQuery).
func (s awsSigner) presign(r *signable, u *url.URL) {
	query := awsParseQuery(u.RawQuery)
	var added []collections.QueryParam
	add := func(k, v string) {
		if _, exists := query[k]; exists {
			return
		}
		query[k] = []string{v}
		added = append(added, collections.QueryParam{Key: k, Value: url.QueryEscape(v)})
	}
	if s.token != "" {
		add("X-Amz-Security-Token", s.token)
	}
	if s.service == "s3" {
		add("X-Amz-Expires", "86400")
	}
	add("X-Amz-Date", s.amzDate)
	add("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
	add("X-Amz-Credential", s.accessKey+"/"+s.scope())
	names, canonHeaders := awsCanonicalHeaders(r.req.Headers)
	add("X-Amz-SignedHeaders", names)
	bodyHash := sha256Hex(nil)
	if s.service == "s3" {
		bodyHash = "UNSIGNED-PAYLOAD"
	}
	add("X-Amz-Signature", s.signature(r.req.Method, u.EscapedPath(), query, canonHeaders, names, bodyHash))
	r.req.URL.Query = append(r.req.URL.Query, added...)
}

// signature computes the SigV4 signature of the canonical request.
func (s awsSigner) signature(method, path string, query map[string][]string, canonHeaders, names, bodyHash string) string {
	canonical := strings.Join([]string{method, awsCanonicalPath(path, s.service), awsCanonicalQuery(query, s.service),
		canonHeaders + "\n", names, bodyHash}, "\n")
	toSign := "AWS4-HMAC-SHA256\n" + s.amzDate + "\n" + s.scope() + "\n" + sha256Hex([]byte(canonical))
	key := hmacSHA256([]byte("AWS4"+s.secretKey), s.amzDate[:8])
	for _, part := range []string{s.region, s.service, "aws4_request"} {
		key = hmacSHA256(key, part)
	}
	return hex.EncodeToString(hmacSHA256(key, toSign))
}

// awsCanonicalHeaders returns the signed header names and the canonical header lines.
func awsCanonicalHeaders(hs []collections.Header) (string, string) {
	values := map[string][]string{}
	for _, h := range hs {
		k := strings.ToLower(h.Key)
		if h.Disabled || awsIgnoredHeaders[k] {
			continue
		}
		values[k] = append(values[k], h.Value)
	}
	names := make([]string, 0, len(values))
	for k := range values {
		names = append(names, k)
	}
	sort.Strings(names)
	lines := make([]string, len(names))
	for i, k := range names {
		v := strings.Join(strings.Fields(strings.Join(values[k], ",")), " ")
		lines[i] = k + ":" + v
	}
	return strings.Join(names, ";"), strings.Join(lines, "\n")
}

// awsCanonicalPath normalises and encodes the path as aws4 does: non-S3 services get
// "//" and dot segments removed and each (already encoded) segment encoded again; S3
// paths are decoded, then encoded once.
func awsCanonicalPath(path, service string) string {
	if path == "" || path == "/" {
		return "/"
	}
	s3 := service == "s3"
	if !s3 {
		for strings.Contains(path, "//") {
			path = strings.ReplaceAll(path, "//", "/")
		}
	}
	var out []string
	for _, piece := range strings.Split(path, "/") {
		switch {
		case !s3 && piece == "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		case !s3 && piece == ".":
		default:
			if s3 {
				if d, err := url.PathUnescape(strings.ReplaceAll(piece, "+", " ")); err == nil {
					piece = d
				}
			}
			out = append(out, rfc3986(piece))
		}
	}
	p := strings.Join(out, "/")
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if s3 {
		p = strings.ReplaceAll(p, "%2F", "/")
	}
	return p
}

// awsParseQuery decodes a query string like Node's querystring.parse.
func awsParseQuery(raw string) map[string][]string {
	q := map[string][]string{}
	if raw == "" {
		return q
	}
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		q[nodeUnescape(k)] = append(q[nodeUnescape(k)], nodeUnescape(v))
	}
	return q
}

func nodeUnescape(s string) string {
	s = strings.ReplaceAll(s, "+", " ")
	if d, err := url.PathUnescape(s); err == nil {
		return d
	}
	return s
}

// awsCanonicalQuery sorts and encodes the query (S3 signs only the first value of a key).
func awsCanonicalQuery(q map[string][]string, service string) string {
	enc := map[string][]string{}
	var keys []string
	for k, vs := range q {
		if k == "" {
			continue
		}
		ek := rfc3986(k)
		if service == "s3" {
			vs = vs[:1]
		}
		ev := make([]string, len(vs))
		for i, v := range vs {
			ev[i] = rfc3986(v)
		}
		sort.Strings(ev)
		keys = append(keys, ek)
		enc[ek] = ev
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		for _, v := range enc[k] {
			parts = append(parts, k+"="+v)
		}
	}
	return strings.Join(parts, "&")
}

// rfc3986 is encodeURIComponent plus !'()* — everything but unreserved characters.
func rfc3986(s string) string { return collections.EscapeRFC3986(s) }

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func hmacSHA256(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}
