package runner

import (
	"strings"
	"testing"
	"time"

	"github.com/pmrun/pmrun/collections"
)

// awsExampleTime is the time of AWS's published SigV4 test suite (20150830T123600Z).
var awsExampleTime = time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC)

func TestAWSv4Vectors(t *testing.T) {
	t.Parallel()
	const prefix = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature="
	tests := []struct {
		name, method, url, sig string
	}{
		{"get-vanilla", "GET", "https://example.amazonaws.com/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"},
		{"get-vanilla-query-order-key-case", "GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"},
		{"post-vanilla", "POST", "https://example.amazonaws.com/", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := newAuthState(authOf("awsv4", "accessKey", "AKIDEXAMPLE", "secretKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
				"region", "us-east-1", "service", "service"))
			st.now = func() time.Time { return awsExampleTime }
			r := &signable{req: &collections.Request{Method: tt.method, URL: urlOf(t, tt.url)}}
			if err := (awsv4Auth{}).sign(st, r); err != nil {
				t.Fatal(err)
			}
			if got := headerValue(r.req.Headers, "Authorization"); got != prefix+tt.sig {
				t.Errorf("Authorization = %s\nwant %s%s", got, prefix, tt.sig)
			}
			if headerValue(r.req.Headers, "X-Amz-Date") != "20150830T123600Z" || headerValue(r.req.Headers, "Host") != "example.amazonaws.com" {
				t.Errorf("headers = %v", r.req.Headers)
			}
		})
	}
}

func TestAWSv4OnTheWire(t *testing.T) {
	t.Parallel()
	srv := newEchoServer(t)
	c := newClient(t, HTTPOptions{})
	c.now = func() time.Time { return awsExampleTime }
	auth := authOf("awsv4", "accessKey", "AK", "secretKey", "SK", "sessionToken", "TOK", "region", "eu-west-1", "service", "s3")
	req := &collections.Request{Method: "PUT", URL: urlOf(t, srv.URL+"/bucket/key"), Body: &collections.Body{Mode: "raw", Raw: "hello"},
		Headers: []collections.Header{{Key: "Authorization", Value: "stale"}, {Key: "X-Amz-Date", Value: "stale"}}}
	res, e := sendEcho(t, c, req, auth, nil)
	authz := strings.Join(e.Headers["Authorization"], "")
	if !strings.HasPrefix(authz, "AWS4-HMAC-SHA256 Credential=AK/20150830/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=") {
		t.Errorf("Authorization = %q", authz)
	}
	if got := strings.Join(e.Headers["X-Amz-Content-Sha256"], ""); got != sha256Hex([]byte("hello")) {
		t.Errorf("body hash header = %q", got)
	}
	if strings.Join(e.Headers["X-Amz-Date"], ",") != "20150830T123600Z" || strings.Join(e.Headers["X-Amz-Security-Token"], "") != "TOK" {
		t.Errorf("server headers = %v", e.Headers)
	}
	if n := strings.Count(strings.Join(headerKeys(res.Request.Headers), ","), "Host"); n != 1 {
		t.Errorf("%d Host headers recorded: %v", n, res.Request.Headers)
	}

	presigned := authOf("awsv4", "accessKey", "AK", "secretKey", "SK", "addAuthDataToQuery", true)
	_, e = sendEcho(t, c, &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/x?a=1")}, presigned, nil)
	for _, want := range []string{"/x?a=1&X-Amz-Date=20150830T123600Z&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20150830%2Fus-east-1%2Fexecute-api%2Faws4_request&X-Amz-SignedHeaders=host&X-Amz-Signature="} {
		if !strings.HasPrefix(e.URI, want) {
			t.Errorf("presigned uri = %s, want prefix %s", e.URI, want)
		}
	}
	if e.Headers["Authorization"] != nil {
		t.Errorf("presigned request has Authorization %v", e.Headers["Authorization"])
	}
}
