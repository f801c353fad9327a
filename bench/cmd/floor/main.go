// Command floor sets the floor for request-bound benchmark runs: a plain Go HTTP client that
// sends N GETs (url?i=1 … url?i=N) one after the other over a single keep-alive connection
// and reads each body, with nothing else to do. pmbench runs it like the tools it measures,
// as a whole process, start-up included.
//
//	floor -url http://127.0.0.1:8080/get -n 1000
//
// It exits 1 if any request fails, answers other than 200, or needs a second connection.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"os"
	"strconv"
	"time"
)

func main() {
	url := flag.String("url", "", "the URL to GET; ?i=<k> is appended")
	n := flag.Int("n", 1000, "how many requests")
	flag.Parse()
	if err := run(*url, *n); err != nil {
		_, _ = fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

// errNewConn reports a request that did not reuse the first connection.
var errNewConn = errors.New("opened a second connection")

func run(url string, n int) error {
	if url == "" {
		return errors.New("-url is required")
	}
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 1, DisableCompression: true},
	}
	conns := 0
	trace := &httptrace.ClientTrace{GotConn: func(i httptrace.GotConnInfo) {
		if !i.Reused {
			conns++
		}
	}}
	ctx := httptrace.WithClientTrace(context.Background(), trace)
	for i := 1; i <= n; i++ {
		if err := get(ctx, client, url+"?i="+strconv.Itoa(i)); err != nil {
			return fmt.Errorf("request %d: %w", i, err)
		}
		if conns > 1 {
			return fmt.Errorf("request %d: %w", i, errNewConn)
		}
	}
	return nil
}

func get(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("build request: %w", err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("send: %w", err)
	}
	defer func() { _ = resp.Body.Close() }()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return fmt.Errorf("read body: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}
