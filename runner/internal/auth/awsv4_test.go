package auth

import (
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
			if got := collections.HeaderValue(r.req.Headers, "Authorization"); got != prefix+tt.sig {
				t.Errorf("Authorization = %s\nwant %s%s", got, prefix, tt.sig)
			}
			if collections.HeaderValue(r.req.Headers, "X-Amz-Date") != "20150830T123600Z" || collections.HeaderValue(r.req.Headers, "Host") != "example.amazonaws.com" {
				t.Errorf("headers = %v", r.req.Headers)
			}
		})
	}
}
