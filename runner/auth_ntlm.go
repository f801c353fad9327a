package runner

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strings"
	"time"
	"unicode/utf16"

	"golang.org/x/crypto/md4" //nolint:staticcheck // NTLM is defined over MD4

	"github.com/pmrun/pmrun/collections"
)

// ntlmAuth runs the NTLM handshake as postman-runtime does: the request goes out
// unsigned; a 401/403 asking for NTLM is answered with a negotiate (type 1) message, the
// server's challenge (type 2) with an authenticate (type 3) message, each a new
// exchange on the kept-alive connection. pmrun computes NTLMv2 responses. The user name
// may carry the domain as DOMAIN\user or user@domain.
type ntlmAuth struct{}

const (
	ntlmStateT1 = "T1_MSG_CREATED"
	ntlmStateT3 = "T3_MSG_CREATED"

	ntlmFlagUnicode    = 0x00000001
	ntlmFlagOEM        = 0x00000002
	ntlmFlagReqTarget  = 0x00000004
	ntlmFlagNTLM       = 0x00000200
	ntlmFlagAlwaysSign = 0x00008000
	ntlmFlagESS        = 0x00080000
	ntlmFlagTargetInfo = 0x00800000
	ntlmFlag128        = 0x20000000
	ntlmFlag56         = 0x80000000
)

var ntlmSignature = []byte("NTLMSSP\x00")

func (ntlmAuth) sign(st *authState, r *signable) error {
	r.req.Headers = removeHeaders(r.req.Headers, "Authorization")
	if h := st.get("ntlmHeader"); h != "" {
		r.req.Headers = append(r.req.Headers, collections.Header{Key: "Authorization", Value: h})
	}
	return nil
}

func (ntlmAuth) retry(st *authState, resp *collections.Response) bool {
	if resp == nil || st.flag("disableRetryRequest") || (resp.Code != 401 && resp.Code != 403) {
		return false
	}
	switch st.get("state") {
	case "":
		if !hasNTLMChallenge(resp.Headers) {
			return false
		}
		st.set("ntlmHeader", "NTLM "+base64.StdEncoding.EncodeToString(ntlmNegotiate()))
		st.set("state", ntlmStateT1)
		return true
	case ntlmStateT1:
		ch, err := ntlmParseChallenge(resp.Headers)
		if err != nil {
			return false
		}
		user, domain := ntlmUser(st.get("username"), st.get("domain"))
		var client [8]byte
		_, _ = rand.Read(client[:])
		msg := ntlmAuthenticate(ch, user, domain, st.get("password"), st.get("workstation"), client, ntlmTime(st.clock()))
		st.set("ntlmHeader", "NTLM "+base64.StdEncoding.EncodeToString(msg))
		st.set("state", ntlmStateT3)
		return true
	}
	return false
}

// hasNTLMChallenge reports a WWW-Authenticate offering NTLM or Negotiate.
func hasNTLMChallenge(hs []collections.Header) bool {
	for _, h := range hs {
		if !strings.EqualFold(h.Key, "WWW-Authenticate") {
			continue
		}
		v := strings.TrimSpace(h.Value)
		if strings.EqualFold(v, "NTLM") || strings.EqualFold(v, "Negotiate") || strings.Contains(v, "NTLM") {
			return true
		}
	}
	return false
}

// ntlmUser splits DOMAIN\user and user@domain when no domain is given.
func ntlmUser(username, domain string) (string, string) {
	if domain != "" {
		return username, domain
	}
	dll := strings.Split(username, `\`)
	upn := strings.Split(username, "@")
	switch {
	case len(dll) > 1 && len(upn) > 1:
		return username, ""
	case len(dll) == 2 && dll[0] != "" && dll[1] != "":
		return dll[1], dll[0]
	case len(upn) == 2 && upn[0] != "" && upn[1] != "":
		return upn[0], upn[1]
	}
	return username, ""
}

// ntlmNegotiate builds a type 1 message (no domain or workstation supplied).
func ntlmNegotiate() []byte {
	m := make([]byte, 32)
	copy(m, ntlmSignature)
	binary.LittleEndian.PutUint32(m[8:], 1)
	binary.LittleEndian.PutUint32(m[12:], ntlmFlagUnicode|ntlmFlagOEM|ntlmFlagReqTarget|ntlmFlagNTLM|
		ntlmFlagAlwaysSign|ntlmFlagESS|ntlmFlagTargetInfo|ntlmFlag128|ntlmFlag56)
	return m
}

// ntlmChallenge is the part of a type 2 message a client needs.
type ntlmChallenge struct {
	flags      uint32
	challenge  [8]byte
	targetInfo []byte
}

var errNTLMChallenge = errors.New("ntlm: server did not send NTLM type 2 message")

// ntlmParseChallenge finds and decodes the "WWW-Authenticate: NTLM <base64>" challenge.
func ntlmParseChallenge(hs []collections.Header) (*ntlmChallenge, error) {
	for _, h := range hs {
		v, ok := strings.CutPrefix(h.Value, "NTLM ")
		if !strings.EqualFold(h.Key, "WWW-Authenticate") || !ok {
			continue
		}
		m, err := base64.StdEncoding.DecodeString(strings.TrimSpace(v))
		if err != nil || len(m) < 32 || !bytes.Equal(m[:8], ntlmSignature) || binary.LittleEndian.Uint32(m[8:]) != 2 {
			return nil, errNTLMChallenge
		}
		ch := &ntlmChallenge{flags: binary.LittleEndian.Uint32(m[20:])}
		copy(ch.challenge[:], m[24:32])
		if len(m) >= 48 {
			n, off := int(binary.LittleEndian.Uint16(m[40:])), int(binary.LittleEndian.Uint32(m[44:]))
			if off+n <= len(m) {
				ch.targetInfo = m[off : off+n]
			}
		}
		return ch, nil
	}
	return nil, errNTLMChallenge
}

// ntlmTime is a Windows FILETIME: 100 ns ticks since 1601-01-01.
func ntlmTime(t time.Time) uint64 {
	return uint64(t.UnixNano()/100) + 116444736000000000
}

// ntowfV2 is NTOWFv2: HMAC-MD5 keyed with the MD4 of the UTF-16 password over the
// upper-cased user and the domain.
func ntowfV2(user, domain, password string) []byte {
	h := md4.New()
	h.Write(utf16le(password))
	return hmacMD5(h.Sum(nil), utf16le(strings.ToUpper(user)+domain))
}

// ntlmV2Responses returns the NTLMv2 and LMv2 challenge responses.
func ntlmV2Responses(key []byte, server, client [8]byte, timestamp uint64, targetInfo []byte) (nt, lm []byte) {
	temp := []byte{1, 1, 0, 0, 0, 0, 0, 0}
	temp = binary.LittleEndian.AppendUint64(temp, timestamp)
	temp = append(temp, client[:]...)
	temp = append(temp, 0, 0, 0, 0)
	temp = append(temp, targetInfo...)
	temp = append(temp, 0, 0, 0, 0)
	proof := hmacMD5(key, append(append([]byte(nil), server[:]...), temp...))
	nt = append(proof, temp...)
	lm = append(hmacMD5(key, append(append([]byte(nil), server[:]...), client[:]...)), client[:]...)
	return nt, lm
}

// ntlmAuthenticate builds the type 3 message.
func ntlmAuthenticate(ch *ntlmChallenge, user, domain, password, workstation string, client [8]byte, timestamp uint64) []byte {
	nt, lm := ntlmV2Responses(ntowfV2(user, domain, password), ch.challenge, client, timestamp, ch.targetInfo)
	str := func(s string) []byte {
		if ch.flags&ntlmFlagUnicode != 0 {
			return utf16le(s)
		}
		return []byte(strings.ToUpper(s))
	}
	fields := [][]byte{lm, nt, str(domain), str(user), str(workstation), nil}
	m := make([]byte, 64)
	copy(m, ntlmSignature)
	binary.LittleEndian.PutUint32(m[8:], 3)
	off := 64
	for i, f := range fields {
		p := 12 + 8*i
		binary.LittleEndian.PutUint16(m[p:], uint16(len(f)))
		binary.LittleEndian.PutUint16(m[p+2:], uint16(len(f)))
		binary.LittleEndian.PutUint32(m[p+4:], uint32(off))
		off += len(f)
	}
	binary.LittleEndian.PutUint32(m[60:], ch.flags|ntlmFlagNTLM)
	for _, f := range fields {
		m = append(m, f...)
	}
	return m
}

func utf16le(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	return b
}

func hmacMD5(key, msg []byte) []byte {
	m := hmac.New(md5.New, key)
	m.Write(msg)
	return m.Sum(nil)
}
