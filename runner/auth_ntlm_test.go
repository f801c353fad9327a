package runner

import (
	"bytes"
	"context"
	"crypto/hmac"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/pmrun/pmrun/collections"
)

// ntlmTargetInfo is MS-NLMP 4.2.4's target information (NetBIOS domain "Domain",
// server "Server").
const ntlmTargetInfo = "02000c0044006f006d00610069006e0001000c0053006500720076006500720000000000"

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestNTLMv2Vector checks MS-NLMP 4.2.4.2's NTLMv2 example.
func TestNTLMv2Vector(t *testing.T) {
	t.Parallel()
	key := ntowfV2("User", "Domain", "Password")
	if hex.EncodeToString(key) != "0c868a403bfd7a93a3001ef22ef02e3f" {
		t.Fatalf("NTOWFv2 = %x", key)
	}
	var server, client [8]byte
	copy(server[:], mustHex(t, "0123456789abcdef"))
	copy(client[:], mustHex(t, "aaaaaaaaaaaaaaaa"))
	nt, lm := ntlmV2Responses(key, server, client, 0, mustHex(t, ntlmTargetInfo))
	wantNT := "68cd0ab851e51c96aabc927bebef6a1c" + "01010000000000000000000000000000aaaaaaaaaaaaaaaa00000000" + ntlmTargetInfo + "00000000"
	if hex.EncodeToString(nt) != wantNT {
		t.Errorf("NTLMv2 response = %x", nt)
	}
	if hex.EncodeToString(lm) != "86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa" {
		t.Errorf("LMv2 response = %x", lm)
	}
}

// ntlmServer runs the server side of the handshake and verifies the NTLMv2 proof for
// DOMAIN\user / password; the negotiate and authenticate messages must arrive on one
// connection.
type ntlmServer struct {
	mu    sync.Mutex
	conn  string // remote address of the negotiate message
	count int
}

func (s *ntlmServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count++
	authz, _ := strings.CutPrefix(r.Header.Get("Authorization"), "NTLM ")
	msg, _ := base64.StdEncoding.DecodeString(authz)
	switch {
	case len(msg) > 12 && binary.LittleEndian.Uint32(msg[8:]) == 1:
		s.conn = r.RemoteAddr
		ti, _ := hex.DecodeString(ntlmTargetInfo)
		ch := make([]byte, 48)
		copy(ch, ntlmSignature)
		binary.LittleEndian.PutUint32(ch[8:], 2)
		binary.LittleEndian.PutUint32(ch[20:], ntlmFlagUnicode|ntlmFlagNTLM|ntlmFlagTargetInfo)
		copy(ch[24:], []byte{1, 2, 3, 4, 5, 6, 7, 8})
		binary.LittleEndian.PutUint16(ch[40:], uint16(len(ti)))
		binary.LittleEndian.PutUint16(ch[42:], uint16(len(ti)))
		binary.LittleEndian.PutUint32(ch[44:], 48)
		w.Header().Set("WWW-Authenticate", "NTLM "+base64.StdEncoding.EncodeToString(append(ch, ti...)))
		w.WriteHeader(http.StatusUnauthorized)
	case len(msg) > 64 && binary.LittleEndian.Uint32(msg[8:]) == 3:
		field := func(i int) []byte {
			p := 12 + 8*i
			n, off := int(binary.LittleEndian.Uint16(msg[p:])), int(binary.LittleEndian.Uint32(msg[p+4:]))
			return msg[off : off+n]
		}
		nt, domain, user := field(1), field(2), field(3)
		key := ntowfV2(fromUTF16(user), fromUTF16(domain), "Secret1")
		proof := hmacMD5(key, append([]byte{1, 2, 3, 4, 5, 6, 7, 8}, nt[16:]...))
		if r.RemoteAddr == s.conn && hmac.Equal(proof, nt[:16]) && fromUTF16(user) == "alice" && fromUTF16(domain) == "CORP" {
			_, _ = w.Write([]byte("welcome"))
			return
		}
		w.WriteHeader(http.StatusForbidden)
	default:
		w.Header().Add("WWW-Authenticate", "Negotiate")
		w.Header().Add("WWW-Authenticate", "NTLM")
		w.WriteHeader(http.StatusUnauthorized)
	}
}

func fromUTF16(b []byte) string {
	var sb strings.Builder
	for i := 0; i+1 < len(b); i += 2 {
		sb.WriteRune(rune(binary.LittleEndian.Uint16(b[i:])))
	}
	return sb.String()
}

func TestNTLMHandshake(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		auth     *collections.Auth
		wantCode int
		wantReqs int
	}{
		{"down-level name", authOf("ntlm", "username", `CORP\alice`, "password", "Secret1"), 200, 3},
		{"domain param", authOf("ntlm", "username", "alice", "domain", "CORP", "password", "Secret1"), 200, 3},
		{"wrong password", authOf("ntlm", "username", "alice@CORP", "password", "nope"), 403, 3},
		{"retry disabled", authOf("ntlm", "username", "alice", "password", "x", "disableRetryRequest", true), 401, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := &ntlmServer{}
			srv := httptest.NewServer(s)
			t.Cleanup(srv.Close)
			c := newClient(t, HTTPOptions{})
			res, err := c.Send(context.Background(), &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/ntlm")}, tt.auth, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Response.Code != tt.wantCode || s.count != tt.wantReqs || len(res.Exchanges) != tt.wantReqs {
				t.Errorf("code %d after %d requests (%d exchanges), want %d after %d", res.Response.Code, s.count, len(res.Exchanges), tt.wantCode, tt.wantReqs)
			}
			if tt.wantCode == 200 && !bytes.Equal(res.Response.Body, []byte("welcome")) {
				t.Errorf("body = %q", res.Response.Body)
			}
		})
	}
}
