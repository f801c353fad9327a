package pmvault

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestRedact(t *testing.T) {
	t.Parallel()
	r := NewRedactor(true)
	for _, s := range []string{"secret", "secret-longer", "ab", "p@ss word/+", `q"uo<te>`} {
		r.Add(s)
	}
	tests := map[string]string{
		"token=secret-longer;":        "token=" + Mask + ";",
		"secretsecret":                Mask + Mask,
		"ab stays":                    "ab stays",
		"?pw=p%40ss+word%2F%2B":       "?pw=" + Mask,
		"/p@ss%20word%2F+":            "/" + Mask,
		`{"v":"q\"uo\u003cte\u003e"}`: `{"v":"` + Mask + `"}`,
		`{"v":"q\"uo<te>"}`:           `{"v":"` + Mask + `"}`,
		"nothing to hide":             "nothing to hide",
		"secre":                       "secre",
	}
	for in, want := range tests {
		if got := r.Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRedactorOffAndNil(t *testing.T) {
	t.Parallel()
	off := NewRedactor(false)
	off.Add("secret")
	var nilR *Redactor
	nilR.Add("secret")
	for _, r := range []*Redactor{off, nilR} {
		if got := r.Redact("secret"); got != "secret" {
			t.Errorf("Redact = %q", got)
		}
		var buf bytes.Buffer
		if _, err := fmt.Fprint(r.Writer(&buf), "a secret"); err != nil || buf.String() != "a secret" {
			t.Errorf("Writer wrote %q, %v", buf.String(), err)
		}
	}
}

func TestRedactWriterSplitWrites(t *testing.T) {
	t.Parallel()
	r := NewRedactor(true)
	r.Add("multi\nline-secret")
	r.Add("topsecret")
	input := "before topsecret middle multi\nline-secret after\nand a trailing topsec"
	want := "before " + Mask + " middle " + Mask + " after\nand a trailing topsec"
	for _, chunk := range []int{1, 2, 3, 7, 100} {
		var buf bytes.Buffer
		w := r.Writer(&buf)
		for i := 0; i < len(input); i += chunk {
			n, err := w.Write([]byte(input[i:min(i+chunk, len(input))]))
			if err != nil || n != min(chunk, len(input)-i) {
				t.Fatalf("Write = %d, %v", n, err)
			}
			if strings.Contains(buf.String(), "line-secret") || strings.Contains(buf.String(), "topsecret") {
				t.Fatalf("chunk %d: secret leaked: %q", chunk, buf.String())
			}
		}
		if err := FlushWriter(w); err != nil {
			t.Fatal(err)
		}
		if buf.String() != want {
			t.Errorf("chunk %d: wrote %q, want %q", chunk, buf.String(), want)
		}
	}
}

func TestRedactorConcurrent(t *testing.T) {
	t.Parallel()
	r := NewRedactor(true)
	var buf bytes.Buffer
	w := r.Writer(&buf)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := fmt.Sprintf("value-%d", i)
			r.Add(v)
			_ = r.Redact("x " + v)
			if _, err := fmt.Fprintf(w, "line %s\n", v); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if err := FlushWriter(w); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "value-") {
		t.Errorf("leaked: %q", buf.String())
	}
}

func TestRedactBase64Forms(t *testing.T) {
	t.Parallel()
	const secret = "s3cr3t-p4ssw0rd-value"
	r := NewRedactor(true)
	r.Add(secret)
	for _, prefix := range []string{"", "u:", "user:", "a longer prefix:"} {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
			text := enc.EncodeToString([]byte(prefix + secret + "!"))
			got := r.Redact("Authorization: Basic " + text)
			if !strings.Contains(got, Mask) {
				t.Errorf("prefix %q: base64 form %q not masked: %q", prefix, text, got)
			}
			// At most a few characters of the encoded value may remain around the mask.
			if kept := len(strings.ReplaceAll(got, Mask, "")) - len("Authorization: Basic "); kept > len(enc.EncodeToString([]byte(prefix)))+8 {
				t.Errorf("prefix %q: too much of the encoded value kept: %q", prefix, got)
			}
		}
	}
}

func TestRedactEscapedAndTruncatedForms(t *testing.T) {
	t.Parallel()
	const secret = `tok&<"ABC> xyz-and-some-more`
	r := NewRedactor(true)
	r.Add(secret)
	cases := map[string]string{
		"junit attribute":    `message="expected 'tok&amp;&lt;&quot;ABC&gt; xyz-and-some-more' to equal"`,
		"html":               "v=tok&amp;&lt;&#34;ABC&gt; xyz-and-some-more",
		"encodeURIComponent": "q=tok%26%3C%22ABC%3E%20xyz-and-some-more",
		"chai truncation":    "expected 'tok&<\"ABC> xyz-and-som…' to equal 'x'",
	}
	for name, text := range cases {
		got := r.Redact(text)
		if strings.Contains(got, "ABC") || strings.Contains(got, "xyz") {
			t.Errorf("%s: not masked: %q", name, got)
		}
	}
}

func TestRedactOverlapsAndPrefixes(t *testing.T) {
	t.Parallel()
	r := NewRedactor(true)
	r.Add("zzzabc")
	r.Add("abcdef12")
	r.Add("supersecret123")
	r.Add("supersecret123-longer")
	if got := r.Redact("x zzzabcdef12 y"); got != "x "+Mask+" y" {
		t.Errorf("overlapping values: %q", got)
	}
	var buf bytes.Buffer
	w := r.Writer(&buf)
	for _, part := range []string{"A supersecret123-lo", "nger B\n"} {
		if _, err := w.Write([]byte(part)); err != nil {
			t.Fatal(err)
		}
	}
	if err := FlushWriter(w); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "A "+Mask+" B\n" {
		t.Errorf("a value that is a prefix of another, split across writes: %q", got)
	}
}

// TestRedactBase64EveryDependentCharacter: in a Basic auth header, no base64 character that
// depends on a bit of the secret survives, whatever the alignment the user name gives it
// ("u:" put the secret's first character in the clear: "dTpT" kept "p" and "T").
func TestRedactBase64EveryDependentCharacter(t *testing.T) {
	t.Parallel()
	for _, secret := range []string{"S3cretPassw0rd!", "Sx3cretPassw0rd!", "Sxy3cretPassw0rd!"} {
		r := NewRedactor(true)
		r.Add(secret)
		for _, prefix := range []string{"u:", "us:", "user:", "user12:", "x"} {
			for _, suffix := range []string{"", "!", "ab", "\xff"} {
				for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding} {
					text := enc.EncodeToString([]byte(prefix + secret + suffix))
					lo, hi := 8*len(prefix), 8*(len(prefix)+len(secret))
					keepHead, keepTail := text[:lo/6], text[(hi+5)/6:]
					got := r.Redact("Basic " + text + " end")
					mid, ok := strings.CutPrefix(got, "Basic "+keepHead)
					if ok {
						mid, ok = strings.CutSuffix(mid, keepTail+" end")
					}
					if !ok || strings.Trim(mid, "*") != "" || mid == "" {
						t.Errorf("secret %q prefix %q suffix %q: %q redacted to %q, want %q + mask + %q",
							secret, prefix, suffix, text, got, keepHead, keepTail)
					}
				}
			}
		}
	}
}
