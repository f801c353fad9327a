package sandbox

import (
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"math/big"

	"github.com/dop251/goja"
)

// Web Crypto's asymmetric and AES algorithms, in Go: RSASSA-PKCS1-v1_5, RSA-PSS and ECDSA
// (P-256, P-384, P-521) keys imported as pkcs8 or spki, and AES-GCM / AES-CBC with raw
// keys. Key material stays in Go; scripts hold a CryptoKey naming it by index.
type webKeys struct{ keys []any }

// addWebCrypto adds the Go side of subtle's asymmetric and AES operations to native.
func addWebCrypto(vm *goja.Runtime, native *goja.Object) {
	ks := &webKeys{}
	ab := func(c goja.FunctionCall, i int) []byte {
		a, ok := c.Argument(i).Export().(goja.ArrayBuffer)
		if !ok {
			throw(vm, "TypeError", "expected an ArrayBuffer")
		}
		return a.Bytes()
	}
	domErr := func(name, msg string) {
		e, err := vm.New(vm.Get("DOMException"), vm.ToValue(msg), vm.ToValue(name))
		if err != nil {
			panic(newError(vm, "Error", msg))
		}
		panic(e)
	}
	_ = native.Set("importAsym", func(c goja.FunctionCall) goja.Value {
		format, alg := c.Argument(0).String(), c.Argument(1).String()
		data := ab(c, 2)
		var key any
		var err error
		switch format {
		case "pkcs8":
			key, err = x509.ParsePKCS8PrivateKey(data)
		case "spki":
			key, err = x509.ParsePKIXPublicKey(data)
		default:
			domErr("NotSupportedError", "Unsupported key format "+format+" for "+alg)
		}
		if err != nil {
			domErr("DataError", "Invalid keyData: "+err.Error())
		}
		info := vm.NewObject()
		switch k := key.(type) {
		case *rsa.PrivateKey:
			_ = info.Set("type", "private")
			_ = info.Set("modulusLength", k.N.BitLen())
			_ = info.Set("publicExponent", vm.NewArrayBuffer(big.NewInt(int64(k.E)).Bytes()))
		case *rsa.PublicKey:
			_ = info.Set("type", "public")
			_ = info.Set("modulusLength", k.N.BitLen())
			_ = info.Set("publicExponent", vm.NewArrayBuffer(big.NewInt(int64(k.E)).Bytes()))
		case *ecdsa.PrivateKey:
			_ = info.Set("type", "private")
			_ = info.Set("namedCurve", k.Curve.Params().Name)
		case *ecdsa.PublicKey:
			_ = info.Set("type", "public")
			_ = info.Set("namedCurve", k.Curve.Params().Name)
		default:
			domErr("NotSupportedError", fmt.Sprintf("%T keys are not supported", key))
		}
		isRSA := alg == "RSASSA-PKCS1-V1_5" || alg == "RSA-PSS"
		switch key.(type) {
		case *rsa.PrivateKey, *rsa.PublicKey:
			if !isRSA {
				domErr("DataError", "The key is an RSA key, not one for "+alg)
			}
		default:
			if alg != "ECDSA" {
				domErr("DataError", "The key is an EC key, not one for "+alg)
			}
		}
		ks.keys = append(ks.keys, key)
		_ = info.Set("handle", len(ks.keys)-1)
		return info
	})
	hashOf := func(name string) crypto.Hash {
		switch name {
		case "SHA-1":
			return crypto.SHA1
		case "SHA-256":
			return crypto.SHA256
		case "SHA-384":
			return crypto.SHA384
		case "SHA-512":
			return crypto.SHA512
		}
		domErr("NotSupportedError", "Unrecognized hash "+name)
		return 0
	}
	digest := func(h crypto.Hash, data []byte) []byte {
		w := h.New()
		w.Write(data)
		return w.Sum(nil)
	}
	keyAt := func(i int64) any {
		if i < 0 || i >= int64(len(ks.keys)) {
			domErr("InvalidAccessError", "unknown key")
		}
		return ks.keys[i]
	}
	// asymSign(handle, alg, hash, saltLength, data)
	_ = native.Set("asymSign", func(c goja.FunctionCall) goja.Value {
		h := hashOf(c.Argument(2).String())
		sum := digest(h, ab(c, 4))
		var sig []byte
		var err error
		switch k := keyAt(c.Argument(0).ToInteger()).(type) {
		case *rsa.PrivateKey:
			if c.Argument(1).String() == "RSA-PSS" {
				sig, err = rsa.SignPSS(rand.Reader, k, h, sum, &rsa.PSSOptions{SaltLength: int(c.Argument(3).ToInteger())})
			} else {
				sig, err = rsa.SignPKCS1v15(rand.Reader, k, h, sum)
			}
		case *ecdsa.PrivateKey:
			var r, s *big.Int
			r, s, err = ecdsa.Sign(rand.Reader, k, sum)
			if err == nil {
				n := (k.Curve.Params().BitSize + 7) / 8
				sig = make([]byte, 2*n)
				r.FillBytes(sig[:n])
				s.FillBytes(sig[n:])
			}
		default:
			domErr("InvalidAccessError", "The key is not a private key")
		}
		if err != nil {
			domErr("OperationError", err.Error())
		}
		return vm.ToValue(vm.NewArrayBuffer(sig))
	})
	// asymVerify(handle, alg, hash, saltLength, signature, data)
	_ = native.Set("asymVerify", func(c goja.FunctionCall) goja.Value {
		h := hashOf(c.Argument(2).String())
		sig := ab(c, 4)
		sum := digest(h, ab(c, 5))
		key := keyAt(c.Argument(0).ToInteger())
		switch k := key.(type) {
		case *rsa.PrivateKey:
			key = &k.PublicKey
		case *ecdsa.PrivateKey:
			key = &k.PublicKey
		}
		switch k := key.(type) {
		case *rsa.PublicKey:
			var err error
			if c.Argument(1).String() == "RSA-PSS" {
				err = rsa.VerifyPSS(k, h, sum, sig, &rsa.PSSOptions{SaltLength: int(c.Argument(3).ToInteger())})
			} else {
				err = rsa.VerifyPKCS1v15(k, h, sum, sig)
			}
			return vm.ToValue(err == nil)
		case *ecdsa.PublicKey:
			n := (k.Curve.Params().BitSize + 7) / 8
			if len(sig) != 2*n {
				return vm.ToValue(false)
			}
			r, s := new(big.Int).SetBytes(sig[:n]), new(big.Int).SetBytes(sig[n:])
			return vm.ToValue(ecdsa.Verify(k, sum, r, s))
		}
		return vm.ToValue(false)
	})
	_ = native.Set("importAES", func(c goja.FunctionCall) goja.Value {
		raw := append([]byte(nil), ab(c, 0)...)
		if n := len(raw); n != 16 && n != 24 && n != 32 {
			domErr("DataError", fmt.Sprintf("Invalid key length %d bits", len(raw)*8))
		}
		ks.keys = append(ks.keys, raw)
		return vm.ToValue(len(ks.keys) - 1)
	})
	// aes(handle, mode, iv, additionalData, tagLengthBits, data, decrypt)
	_ = native.Set("aes", func(c goja.FunctionCall) goja.Value {
		raw, ok := keyAt(c.Argument(0).ToInteger()).([]byte)
		if !ok {
			domErr("InvalidAccessError", "The key is not an AES key")
		}
		block, _ := aes.NewCipher(raw)
		iv, data, decrypt := ab(c, 2), ab(c, 5), c.Argument(6).ToBoolean()
		var out []byte
		var err error
		switch c.Argument(1).String() {
		case "AES-GCM":
			tag := int(c.Argument(4).ToInteger()) / 8
			var g cipher.AEAD
			g, err = cipher.NewGCMWithNonceSize(block, len(iv))
			if err == nil && tag != g.Overhead() {
				g, err = cipher.NewGCMWithTagSize(block, tag)
				if err == nil && len(iv) != g.NonceSize() {
					err = errors.New("this tag length needs a 12-byte iv")
				}
			}
			if err == nil {
				ad := ab(c, 3)
				if decrypt {
					out, err = g.Open(nil, iv, data, ad)
				} else {
					out = g.Seal(nil, iv, data, ad)
				}
			}
		case "AES-CBC":
			if len(iv) != aes.BlockSize {
				domErr("OperationError", "AES-CBC needs a 16-byte iv")
			}
			out, err = aesCBC(block, iv, data, decrypt)
		default:
			domErr("NotSupportedError", "Unrecognized algorithm name")
		}
		if err != nil {
			domErr("OperationError", "The operation failed for an operation-specific reason")
		}
		return vm.ToValue(vm.NewArrayBuffer(out))
	})
}

// aesCBC encrypts with PKCS#7 padding, or decrypts and removes it.
func aesCBC(block cipher.Block, iv, data []byte, decrypt bool) ([]byte, error) {
	bs := block.BlockSize()
	if decrypt {
		if len(data) == 0 || len(data)%bs != 0 {
			return nil, errors.New("bad length")
		}
		out := make([]byte, len(data))
		cipher.NewCBCDecrypter(block, iv).CryptBlocks(out, data)
		p := int(out[len(out)-1])
		if p == 0 || p > bs {
			return nil, errors.New("bad padding")
		}
		for _, b := range out[len(out)-p:] {
			if int(b) != p {
				return nil, errors.New("bad padding")
			}
		}
		return out[:len(out)-p], nil
	}
	p := bs - len(data)%bs
	in := make([]byte, len(data)+p)
	copy(in, data)
	for i := len(data); i < len(in); i++ {
		in[i] = byte(p)
	}
	out := make([]byte, len(in))
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(out, in)
	return out, nil
}
