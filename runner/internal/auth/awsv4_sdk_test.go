package auth

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/pmrun/pmrun/collections"
)

// TestAWSv4AgainstSDK signs each case with pmrun and with aws-sdk-go-v2's SigV4 signer (a
// test-only dependency) and compares the whole Authorization header, or for presigned
// URLs every X-Amz-* query parameter. The cases keep to what both sign alike: the SDK
// neither normalises dot segments nor knows aws4's extra ignored headers.
func TestAWSv4AgainstSDK(t *testing.T) {
	t.Parallel()
	type hdr = collections.Header
	tests := []struct {
		name, service, region, method, url, body, token string
		headers                                         []hdr
		presign                                         bool
	}{
		{name: "vanilla", service: "service", method: "GET", url: "https://example.amazonaws.com/"},
		{name: "query order and case", service: "service", method: "GET", url: "https://example.amazonaws.com/?Param2=value2&Param1=value1&param1=x"},
		{name: "query encoding", service: "service", method: "GET", url: "https://example.amazonaws.com/?a=b%20c&slash=%2F&tilde=~&star=%2A&empty=&plus=%2B"},
		{name: "repeated key sorted by value", service: "service", method: "GET", url: "https://example.amazonaws.com/?k=z&k=a&k=m"},
		{name: "post with body", service: "service", method: "POST", url: "https://example.amazonaws.com/", body: `{"hello":"world"}`,
			headers: []hdr{{Key: "Content-Type", Value: "application/json"}}},
		{name: "header spaces and repeats", service: "service", method: "GET", url: "https://example.amazonaws.com/",
			headers: []hdr{{Key: "My-Header1", Value: "  value1   with   spaces  "}, {Key: "X-Dup", Value: "a"}, {Key: "x-dup", Value: "b"}}},
		{name: "encoded path, double-encoded", service: "service", method: "GET", url: "https://example.amazonaws.com/a%20b/%C3%BCber/c-d_e.f~g"},
		{name: "session token", service: "execute-api", region: "eu-west-1", method: "DELETE", url: "https://abc.execute-api.eu-west-1.amazonaws.com/prod/items/42",
			token: "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="},
		{name: "s3 put", service: "s3", method: "PUT", url: "https://bucket.s3.amazonaws.com/folder/my%20key.txt", body: "hello",
			headers: []hdr{{Key: "Content-Type", Value: "text/plain"}, {Key: "x-amz-meta-owner", Value: "me"}}},
		{name: "s3 get, unsigned body", service: "s3", region: "eu-central-1", method: "GET", url: "https://s3.eu-central-1.amazonaws.com/bucket/%C3%BCn%C3%AF.txt"},
		{name: "s3 list with query", service: "s3", method: "GET", url: "https://bucket.s3.amazonaws.com/?list-type=2&prefix=a%2Fb&delimiter=%2F"},
		{name: "s3 with token", service: "s3", method: "HEAD", url: "https://bucket.s3.amazonaws.com/k", token: "TOKEN/with+chars="},
		{name: "presigned", service: "service", method: "GET", url: "https://example.amazonaws.com/x?a=1", presign: true},
		{name: "presigned with token", service: "execute-api", region: "ap-southeast-2", method: "GET",
			url: "https://api.example.com/p/q?b=2&a=1", token: "TOK+/=", presign: true},
		{name: "presigned s3", service: "s3", method: "GET", url: "https://bucket.s3.amazonaws.com/dir/file%20name.txt", presign: true},
		{name: "presigned s3 with token and header", service: "s3", region: "us-west-2", method: "PUT",
			url: "https://bucket.s3.us-west-2.amazonaws.com/upload.bin?uploadId=abc", token: "T0K",
			headers: []hdr{{Key: "Content-Type", Value: "application/octet-stream"}}, presign: true},
	}
	const accessKey, secretKey = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			region := tt.region
			if region == "" {
				region = "us-east-1"
			}
			// pmrun
			st := newAuthState(authOf("awsv4", "accessKey", accessKey, "secretKey", secretKey, "sessionToken", tt.token,
				"region", region, "service", tt.service, "addAuthDataToQuery", tt.presign))
			st.now = func() time.Time { return awsExampleTime }
			r := &signable{req: &collections.Request{Method: tt.method, URL: urlOf(t, tt.url), Headers: slices.Clone(tt.headers)},
				body: []byte(tt.body)}
			if err := (awsv4Auth{}).sign(st, r); err != nil {
				t.Fatal(err)
			}

			// aws-sdk-go-v2, on the same request with the payload hash header pmrun adds.
			u, err := url.Parse(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			req := &http.Request{Method: tt.method, URL: u, Host: u.Host, Header: http.Header{}}
			for _, h := range tt.headers {
				req.Header.Add(h.Key, h.Value)
			}
			payload := sha256Hex([]byte(tt.body))
			if v := collections.HeaderValue(r.req.Headers, "X-Amz-Content-Sha256"); v != "" {
				req.Header.Set("X-Amz-Content-Sha256", v)
			}
			signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = tt.service == "s3" })
			creds := aws.Credentials{AccessKeyID: accessKey, SecretAccessKey: secretKey, SessionToken: tt.token}
			ctx := context.Background()
			if !tt.presign {
				if err := signer.SignHTTP(ctx, creds, req, payload, tt.service, region, awsExampleTime); err != nil {
					t.Fatal(err)
				}
				if got, want := collections.HeaderValue(r.req.Headers, "Authorization"), req.Header.Get("Authorization"); got != want {
					t.Errorf("Authorization\n pmrun: %s\n   sdk: %s", got, want)
				}
				return
			}
			if tt.service == "s3" {
				payload = "UNSIGNED-PAYLOAD"
				q := req.URL.Query()
				q.Set("X-Amz-Expires", "86400") // aws4's default for S3; the SDK signs what it is given
				req.URL.RawQuery = q.Encode()
			}
			signed, _, err := signer.PresignHTTP(ctx, creds, req, payload, tt.service, region, awsExampleTime)
			if err != nil {
				t.Fatal(err)
			}
			su, _ := url.Parse(signed)
			ours := url.Values{}
			for _, q := range r.req.URL.Query {
				v, _ := url.QueryUnescape(q.Value)
				ours.Add(q.Key, v)
			}
			for k, want := range su.Query() {
				if got := ours[k]; !slices.Equal(got, want) {
					t.Errorf("query %s: pmrun %q, sdk %q", k, got, want)
				}
			}
			if len(ours) != len(su.Query()) {
				t.Errorf("query parameters: pmrun %v, sdk %v", ours, su.Query())
			}
			if !strings.Contains(signed, "X-Amz-Signature=") {
				t.Errorf("sdk presigned URL has no signature: %s", signed)
			}
		})
	}
}
