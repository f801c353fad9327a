package cli

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
)

type failAfter struct {
	n   int
	buf bytes.Buffer
}

func (f *failAfter) Write(p []byte) (int, error) {
	if f.n == 0 {
		return 0, errors.New("disk full")
	}
	f.n--
	return f.buf.Write(p)
}

// TestAsyncWriter: every write arrives in order by Close; a write error is reported.
func TestAsyncWriter(t *testing.T) {
	var out bytes.Buffer
	a := newAsyncWriter(&out)
	var want bytes.Buffer
	for i := range 500 {
		line := fmt.Sprintf("line %d\n", i)
		want.WriteString(line)
		buf := []byte(line)
		if _, err := a.Write(buf); err != nil {
			t.Fatal(err)
		}
		copy(buf, "XXXX") // the writer keeps its own copy
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if out.String() != want.String() {
		t.Errorf("written %d bytes, want %d, in order", out.Len(), want.Len())
	}
	b := newAsyncWriter(&failAfter{n: 2})
	for range 5 {
		_, _ = b.Write([]byte("x"))
	}
	if err := b.Close(); err == nil || err.Error() != "disk full" {
		t.Errorf("Close = %v, want the write error", err)
	}
}
