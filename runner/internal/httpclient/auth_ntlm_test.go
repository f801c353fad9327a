package httpclient

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"golang.org/x/crypto/md4" //nolint:staticcheck // NTLM is defined over MD4

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

// ntowfV2 is MS-NLMP's NTOWFv2 (HMAC-MD5 keyed with the MD4 of the UTF-16 password over
// the upper-cased user and the domain): the test server's own, independent of go-ntlmssp.
func ntowfV2(user, domain, password string) []byte {
	h := md4.New()
	h.Write(utf16le(password))
	return hmacMD5(h.Sum(nil), utf16le(strings.ToUpper(user)+domain))
}

func utf16le(s string) []byte {
	var b []byte
	for _, c := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, c)
	}
	return b
}

func hmacMD5(key []byte, msg ...[]byte) []byte {
	m := hmac.New(md5.New, key)
	for _, p := range msg {
		m.Write(p)
	}
	return m.Sum(nil)
}

// TestNTLMv2Vector checks the test server's verifier against MS-NLMP 4.2.4.2's example.
func TestNTLMv2Vector(t *testing.T) {
	t.Parallel()
	key := ntowfV2("User", "Domain", "Password")
	if hex.EncodeToString(key) != "0c868a403bfd7a93a3001ef22ef02e3f" {
		t.Fatalf("NTOWFv2 = %x", key)
	}
	temp := mustHex(t, "01010000000000000000000000000000aaaaaaaaaaaaaaaa00000000"+ntlmTargetInfo+"00000000")
	if got := hmacMD5(key, mustHex(t, "0123456789abcdef"), temp); hex.EncodeToString(got) != "68cd0ab851e51c96aabc927bebef6a1c" {
		t.Errorf("NTProofStr = %x", got)
	}
}

const (
	ntlmFlagUnicode    = 0x00000001
	ntlmFlagNTLM       = 0x00000200
	ntlmFlagTargetInfo = 0x00800000
	ntlmFlagKeyExch    = 0x40000000
)

// ntlmServerTime is the server's clock as its challenge states it (MsvAvTimestamp): far
// from the client's, so a client that puts its own time in the NTLMv2 blob fails.
var ntlmServerTime = binary.LittleEndian.AppendUint64(nil, uint64(time.Date(2011, 3, 4, 5, 6, 7, 0, time.UTC).UnixNano()/100)+116444736000000000)

// ntlmServer runs the server side of the handshake and verifies the NTLMv2 response for
// CORP\alice / Secret1 as a domain controller would: the proof over the server challenge
// and the client's blob, the blob's timestamp being the server's, no key exchange taken
// up, the workstation (when want is set) and the negotiate and authenticate messages
// arriving on one connection.
type ntlmServer struct {
	ntlmServerConfig
	mu      sync.Mutex
	conn    string // remote address of the negotiate message
	count   int
	failure string // why the last authenticate message was refused
}

type ntlmServerConfig struct {
	workstation string // the authenticate message's workstation must be this
	keyExch     bool   // offer key exchange in the challenge
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
		// MS-NLMP 2.2.2.1 AV pairs: NetBIOS domain, NetBIOS server, timestamp, end.
		var ti []byte
		av := func(id uint16, v []byte) {
			ti = binary.LittleEndian.AppendUint16(ti, id)
			ti = binary.LittleEndian.AppendUint16(ti, uint16(len(v)))
			ti = append(ti, v...)
		}
		av(2, utf16le("CORP"))
		av(1, utf16le("SERVER"))
		av(7, ntlmServerTime)
		av(0, nil)
		flags := uint32(ntlmFlagUnicode | ntlmFlagNTLM | ntlmFlagTargetInfo)
		if s.keyExch {
			flags |= ntlmFlagKeyExch
		}
		ch := make([]byte, 48)
		copy(ch, "NTLMSSP\x00")
		binary.LittleEndian.PutUint32(ch[8:], 2)
		binary.LittleEndian.PutUint32(ch[20:], flags)
		copy(ch[24:], []byte{1, 2, 3, 4, 5, 6, 7, 8})
		binary.LittleEndian.PutUint16(ch[40:], uint16(len(ti)))
		binary.LittleEndian.PutUint16(ch[42:], uint16(len(ti)))
		binary.LittleEndian.PutUint32(ch[44:], 48)
		w.Header().Set("WWW-Authenticate", "NTLM "+base64.StdEncoding.EncodeToString(append(ch, ti...)))
		w.WriteHeader(http.StatusUnauthorized)
	case len(msg) > 64 && binary.LittleEndian.Uint32(msg[8:]) == 3:
		if s.failure = s.checkAuthenticate(msg, r.RemoteAddr); s.failure == "" {
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

// checkAuthenticate returns why msg is refused, "" when it proves CORP\alice's password.
func (s *ntlmServer) checkAuthenticate(msg []byte, remote string) string {
	field := func(i int) []byte {
		p := 12 + 8*i
		n, off := int(binary.LittleEndian.Uint16(msg[p:])), int(binary.LittleEndian.Uint32(msg[p+4:]))
		if off+n > len(msg) {
			return nil
		}
		return msg[off : off+n]
	}
	nt, domain, user, ws := field(1), field(2), field(3), field(4)
	switch {
	case remote != s.conn:
		return "authenticate message on another connection"
	case len(nt) < 16+28:
		return "no NTLMv2 response"
	case !strings.EqualFold(fromUTF16(domain), "CORP") || !strings.EqualFold(fromUTF16(user), "alice"):
		return "user " + fromUTF16(domain) + `\` + fromUTF16(user)
	case fromUTF16(ws) != s.workstation:
		return "workstation " + fromUTF16(ws)
	case binary.LittleEndian.Uint32(msg[60:])&ntlmFlagKeyExch != 0:
		return "key exchange flag echoed without a session key"
	case !bytes.Equal(nt[16+8:16+16], ntlmServerTime):
		return "NTLMv2 blob timestamp is not the server's"
	}
	key := ntowfV2(fromUTF16(user), fromUTF16(domain), "Secret1")
	if !hmac.Equal(hmacMD5(key, []byte{1, 2, 3, 4, 5, 6, 7, 8}, nt[16:]), nt[:16]) {
		return "wrong NTLMv2 proof"
	}
	return ""
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
		server   ntlmServerConfig
		wantCode int
		wantReqs int
	}{
		{"down-level name", authOf("ntlm", "username", `CORP\alice`, "password", "Secret1"), ntlmServerConfig{}, 200, 3},
		{"user principal name", authOf("ntlm", "username", "alice@CORP", "password", "Secret1"), ntlmServerConfig{}, 200, 3},
		{"domain and workstation params", authOf("ntlm", "username", "alice", "domain", "CORP", "password", "Secret1",
			"workstation", "WS01"), ntlmServerConfig{workstation: "WS01"}, 200, 3},
		{"wrong password", authOf("ntlm", "username", "alice@CORP", "password", "nope"), ntlmServerConfig{}, 403, 3},
		{"key exchange offered: not taken up", authOf("ntlm", "username", `CORP\alice`, "password", "Secret1"),
			ntlmServerConfig{keyExch: true}, 401, 2},
		{"retry disabled", authOf("ntlm", "username", "alice", "password", "x", "disableRetryRequest", true), ntlmServerConfig{}, 401, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := &ntlmServer{ntlmServerConfig: tt.server}
			srv := httptest.NewServer(s)
			t.Cleanup(srv.Close)
			c := newClient(t, Options{})
			res, err := c.Send(context.Background(), &collections.Request{Method: "GET", URL: urlOf(t, srv.URL+"/ntlm")}, tt.auth, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Response.Code != tt.wantCode || s.count != tt.wantReqs || len(res.Exchanges) != tt.wantReqs {
				t.Errorf("code %d after %d requests (%d exchanges), want %d after %d; server: %s", res.Response.Code, s.count, len(res.Exchanges), tt.wantCode, tt.wantReqs, s.failure)
			}
			if tt.wantCode == 200 && !bytes.Equal(res.Response.Body, []byte("welcome")) {
				t.Errorf("body = %q", res.Response.Body)
			}
		})
	}
}
