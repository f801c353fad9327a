package echo

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"time"
)

// DefaultAddr is where Start listens when given "": loopback, any free port.
const DefaultAddr = "127.0.0.1:0"

// Server is an echo server serving in the background. Close stops it.
type Server struct {
	srv  *http.Server
	ln   net.Listener
	done chan struct{}
}

// Start listens on addr (DefaultAddr when "") and serves Handler in the background until
// Close is called.
func Start(addr string) (*Server, error) {
	if addr == "" {
		addr = DefaultAddr
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("starting echo server on %s: %w", addr, err)
	}
	s := &Server{
		srv: &http.Server{
			Handler:           Handler(),
			ReadHeaderTimeout: 30 * time.Second,
			ErrorLog:          log.New(io.Discard, "", 0),
		},
		ln:   ln,
		done: make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		// Serve returns ErrServerClosed after Close; any other error means the listener
		// failed, which clients see as refused connections.
		_ = s.srv.Serve(ln)
	}()
	return s, nil
}

// URL returns the server's base URL, e.g. "http://127.0.0.1:41234".
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// Close stops the server, closing every connection, and waits for it to finish.
func (s *Server) Close() error {
	err := s.srv.Close()
	<-s.done
	if err != nil {
		return fmt.Errorf("closing echo server: %w", err)
	}
	return nil
}
