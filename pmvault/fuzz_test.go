package pmvault

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"filippo.io/age"
)

// fuzzIdentity is a throwaway age identity made for these fuzz targets only; the committed
// corpus (testdata/fuzz/FuzzVaultFile) holds vault files encrypted to it.
const fuzzIdentity = "AGE-SECRET-KEY-1736ZTCMYHWGJA5SUJVT8P04KMZFHLSJ3Z2DXYSJJVEH2CTM8A84S32KUY2"

func fuzzKey(f *testing.F) Key {
	k, err := ParseKey(fuzzIdentity)
	if err != nil {
		f.Fatal(err)
	}
	return k
}

func encryptTo(f *testing.F, k Key, plain string) []byte {
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, k.recipient)
	if err != nil {
		f.Fatal(err)
	}
	_, _ = w.Write([]byte(plain))
	if err := w.Close(); err != nil {
		f.Fatal(err)
	}
	return buf.Bytes()
}

var fuzzDocuments = []string{
	`{"version":1,"settings":{"scriptAccess":true,"cacheTTL":"5m","maskSecrets":false},"secrets":[{"name":"token","value":"s3cret","enabled":true,"domains":["*.example.com","10.0.0.1"]},{"name":"op","link":"op://v/i/f","enabled":false}],"integrations":{"onepassword":{"token":"ops_x"}}}`,
	`{"version":1,"secrets":[]}`,
	`{"version":2}`,
	`{"version":1,"secrets":[{"name":"a","value":"1"},{"name":"a","value":"2"}]}`,
	`{"version":1,"settings":{"cacheTTL":"soon"}}`,
	`{"version":0}`, `[]`, `{"version":"1"}`,
}

// FuzzVaultFile feeds Open's decoder (age decryption, then the plaintext document) with
// arbitrary file contents: it must return one of the documented errors, never panic.
func FuzzVaultFile(f *testing.F) {
	k := fuzzKey(f)
	for _, doc := range fuzzDocuments {
		enc := encryptTo(f, k, doc)
		f.Add(enc)
		f.Add(enc[:len(enc)/2])
	}
	f.Add([]byte("age-encryption.org/v1\n-> X25519 AAAA\n--- AAAA\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		plain, err := decrypt("v.age", data, k)
		if err != nil {
			var we *WrongKeyError
			var ce *CorruptError
			if !errors.As(err, &we) && !errors.As(err, &ce) {
				t.Fatalf("decrypt error is %T: %v", err, err)
			}
			return
		}
		if _, err := decodeDocument("v.age", plain); err != nil && err.Error() == "" {
			t.Fatal("empty error")
		}
	})
}

// FuzzVaultDocument checks the plaintext decoder: whatever it accepts survives Save's
// encoding and encodes to the same JSON again (empty and absent lists are one).
func FuzzVaultDocument(f *testing.F) {
	for _, doc := range fuzzDocuments {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, plain []byte) {
		d, err := decodeDocument("v.age", plain)
		if err != nil {
			return
		}
		again, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("re-encoding an accepted document: %v", err)
		}
		d2, err := decodeDocument("v.age", again)
		if err != nil {
			t.Fatalf("an accepted document no longer decodes after encoding: %v\n%s", err, again)
		}
		if third, _ := json.Marshal(d2); !bytes.Equal(again, third) {
			t.Fatalf("round trip changed the document:\n%s\n%s", again, third)
		}
	})
}
