package httpclient

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// clientCerts picks the TLS client certificate for a host: the first matching entry of
// --ssl-client-cert-list, else the --ssl-client-cert/--ssl-client-key pair.
type clientCerts struct {
	fallback *tls.Certificate
	list     []certEntry
}

type certEntry struct {
	host string // "example.com", "*.example.com" or "*"
	port string // "" = any
	cert *tls.Certificate
}

// forHost returns the certificate to offer to host:port (nil = none).
func (c *clientCerts) forHost(host, port string) *tls.Certificate {
	if c == nil {
		return nil
	}
	host = strings.ToLower(host)
	for _, e := range c.list {
		if e.port != "" && e.port != port {
			continue
		}
		if e.host == "*" || e.host == host ||
			(strings.HasPrefix(e.host, "*.") && strings.HasSuffix(host, e.host[1:])) {
			return e.cert
		}
	}
	return c.fallback
}

// buildTLS loads CA and client certificate files named in opts.
func buildTLS(opts Options) (*tls.Config, *clientCerts, error) {
	conf := &tls.Config{InsecureSkipVerify: opts.Insecure, NextProtos: []string{"http/1.1"}} //nolint:gosec // -k asks for it
	if opts.ExtraCACerts != "" {
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		pemData, err := os.ReadFile(opts.ExtraCACerts)
		if err != nil {
			return nil, nil, fmt.Errorf("reading extra CA certificates: %w", err)
		}
		if !pool.AppendCertsFromPEM(pemData) {
			return nil, nil, fmt.Errorf("extra CA certificates %s: no PEM certificate found", opts.ExtraCACerts)
		}
		conf.RootCAs = pool
	}
	certs := &clientCerts{}
	if opts.ClientCert != "" || opts.ClientKey != "" {
		cert, err := loadClientCert(opts.ClientCert, opts.ClientKey, opts.ClientPassphrase)
		if err != nil {
			return nil, nil, err
		}
		certs.fallback = cert
	}
	if opts.ClientCertList != "" {
		list, err := loadCertList(opts.ClientCertList)
		if err != nil {
			return nil, nil, err
		}
		certs.list = list
	}
	return conf, certs, nil
}

// loadClientCert reads a PEM certificate and key; the key may be encrypted with the
// legacy PEM encryption ("Proc-Type: 4,ENCRYPTED") and passphrase.
func loadClientCert(certFile, keyFile, passphrase string) (*tls.Certificate, error) {
	if certFile == "" || keyFile == "" {
		return nil, errors.New("client certificate: both --ssl-client-cert and --ssl-client-key are needed")
	}
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return nil, fmt.Errorf("reading client certificate: %w", err)
	}
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("reading client key: %w", err)
	}
	keyPEM, err = decryptKeyPEM(keyPEM, passphrase, keyFile)
	if err != nil {
		return nil, err
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return nil, fmt.Errorf("client certificate %s / key %s: %w", certFile, keyFile, err)
	}
	return &cert, nil
}

// decryptKeyPEM decrypts an encrypted PEM key: PKCS#8 "ENCRYPTED PRIVATE KEY" (PBES2,
// what OpenSSL 3 writes) or the legacy PEM encryption ("Proc-Type: 4,ENCRYPTED").
func decryptKeyPEM(keyPEM []byte, passphrase, name string) ([]byte, error) {
	block, _ := pem.Decode(keyPEM)
	if block == nil {
		return keyPEM, nil
	}
	if block.Type == "ENCRYPTED PRIVATE KEY" {
		if passphrase == "" {
			return nil, fmt.Errorf("client key %s is encrypted: --ssl-client-passphrase is needed", name)
		}
		der, err := decryptPKCS8(block.Bytes, passphrase)
		if err == nil {
			if _, perr := x509.ParsePKCS8PrivateKey(der); perr != nil {
				err = errWrongPassphrase // the padding happened to look right
			}
		}
		if err != nil {
			return nil, fmt.Errorf("client key %s: %w", name, err)
		}
		return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
	}
	//nolint:staticcheck // legacy PEM encryption is what OpenSSL's -des3/-aes256 keys use
	if !x509.IsEncryptedPEMBlock(block) {
		return keyPEM, nil
	}
	if passphrase == "" {
		return nil, fmt.Errorf("client key %s is encrypted: --ssl-client-passphrase is needed", name)
	}
	//nolint:staticcheck // see above
	der, err := x509.DecryptPEMBlock(block, []byte(passphrase))
	if err != nil {
		return nil, fmt.Errorf("client key %s: wrong passphrase or damaged key", name)
	}
	return pem.EncodeToMemory(&pem.Block{Type: block.Type, Bytes: der}), nil
}

// certListEntry is one entry of Newman's --ssl-client-cert-list JSON file.
type certListEntry struct {
	Name       string               `json:"name"`
	Matches    []string             `json:"matches"`
	Key        struct{ Src string } `json:"key"`
	Cert       struct{ Src string } `json:"cert"`
	Passphrase string               `json:"passphrase"`
}

// loadCertList reads Newman's client certificate list; relative paths are relative to
// the list file.
func loadCertList(path string) ([]certEntry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading client certificate list: %w", err)
	}
	var entries []certListEntry
	if err := json.Unmarshal(data, &entries); err != nil {
		return nil, fmt.Errorf("client certificate list %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	rel := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, p)
	}
	var out []certEntry
	for _, e := range entries {
		cert, err := loadClientCert(rel(e.Cert.Src), rel(e.Key.Src), e.Passphrase)
		if err != nil {
			return nil, fmt.Errorf("client certificate list entry %q: %w", e.Name, err)
		}
		for _, m := range e.Matches {
			host, port := matchHost(m)
			out = append(out, certEntry{host: host, port: port, cert: cert})
		}
	}
	return out, nil
}

// matchHost extracts host and port from a match pattern like "https://*.example.com:8443/*".
func matchHost(pattern string) (host, port string) {
	s := pattern
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexByte(s, '/'); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		s, port = s[:i], s[i+1:]
		if port == "*" {
			port = ""
		}
	}
	return strings.ToLower(s), port
}
