package httpclient

import (
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/pmrun/pmrun/collections"
)

// parseHeaderBlockSplit is parseHeaderBlock as first written (strings.Split and
// strings.Fields), the reference for the allocation-light version.
func parseHeaderBlockSplit(block []byte, code int) []collections.Header {
	lines := strings.Split(strings.TrimRight(string(block), "\r\n"), "\r\n")
	if len(lines) < 2 {
		return nil
	}
	status := strings.Fields(lines[0])
	if len(status) < 2 || status[1] != strconv.Itoa(code) {
		return nil
	}
	var hs []collections.Header
	for _, line := range lines[1:] {
		if (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) && len(hs) > 0 {
			hs[len(hs)-1].Value += " " + strings.TrimSpace(line)
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		hs = append(hs, collections.Header{Key: strings.TrimSpace(k), Value: strings.TrimSpace(v)})
	}
	return hs
}

func TestParseHeaderBlockMatchesSplitting(t *testing.T) {
	t.Parallel()
	blocks := []string{
		"",
		"HTTP/1.1 200 OK",
		"HTTP/1.1 200 OK\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-A:  b \r\n\r\n",
		"HTTP/1.1 200 OK\r\nX-Folded: a\r\n  b\r\n\tc\r\nNoColon\r\nX-Empty:\r\n\r\n",
		"HTTP/1.1 404 Not Found\r\nA: 1\r\n\r\n",
		"  HTTP/1.1\t200\u00a0OK\r\nA: 1\r\n",
		"HTTP/1.1\u00a0200 OK\r\nA: 1\r\n",
		"HTTP/1.1 200\r\n continuation first\r\nA: 1\n\r\n\n",
		"HTTP/1.1 200 OK\r\nA: 1\nB: 2\r\n\xff: \xfe\r\n\r\n",
		"HTTP/1.1\r\nA: 1\r\n",
	}
	for _, b := range blocks {
		for _, code := range []int{200, 404} {
			got, want := parseHeaderBlock(b, code), parseHeaderBlockSplit([]byte(b), code)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("parseHeaderBlock(%q, %d) = %#v, want %#v", b, code, got, want)
			}
		}
	}
}

// shortReader returns its text a few bytes per Read, then io.EOF, then fails if read again.
type shortReader struct {
	text string
	done bool
}

func (r *shortReader) Read(p []byte) (int, error) {
	if r.done {
		return 0, errors.New("read after EOF")
	}
	if r.text == "" {
		r.done = true
		return 0, io.EOF
	}
	n := copy(p, r.text[:min(3, len(r.text))])
	r.text = r.text[n:]
	return n, nil
}

func TestReadBodyMatchesReadAll(t *testing.T) {
	t.Parallel()
	for _, text := range []string{"", "a", "hello world", strings.Repeat("x", 700)} {
		for _, n := range []int64{-1, 0, 1, int64(len(text)), int64(len(text)) + 5, 1 << 30} {
			got, err := readBody(&shortReader{text: text}, n, -1)
			if err != nil || string(got) != text || got == nil {
				t.Errorf("readBody(%d bytes, announced %d) = %d bytes, %v", len(text), n, len(got), err)
			}
		}
	}
}
