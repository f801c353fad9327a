package main

import (
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

func TestRunOneConnection(t *testing.T) {
	t.Parallel()
	var requests, conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.URL.Query().Get("i") == "" {
			w.WriteHeader(http.StatusBadRequest)
		}
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	if err := run(srv.URL+"/get", 25); err != nil {
		t.Fatal(err)
	}
	if requests.Load() != 25 || conns.Load() != 1 {
		t.Errorf("server saw %d requests on %d connections, want 25 on 1", requests.Load(), conns.Load())
	}
}

func TestRunFailures(t *testing.T) {
	t.Parallel()
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	}))
	t.Cleanup(bad.Close)
	closing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Connection", "close")
	}))
	t.Cleanup(closing.Close)
	if err := run(bad.URL, 3); err == nil {
		t.Error("a 500 answer must fail the run")
	}
	if err := run(closing.URL, 3); !errors.Is(err, errNewConn) {
		t.Errorf("a server closing connections: err = %v, want %v", err, errNewConn)
	}
	if err := run("", 3); err == nil {
		t.Error("a missing -url must fail")
	}
}
