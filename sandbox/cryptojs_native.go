package sandbox

// crypto-js at native speed.
//
// Scripts get the real crypto-js 3.3.0 bundle (sandbox/jslib), so its object model stays
// exactly what Postman's sandbox gives them: WordArray with words/sigBytes, CipherParams,
// the encoders, toString(), concat(), clone(), incremental hasher.update().finalize().
// cryptojs_native.js then replaces only the hot inner functions (the hashers' finalize,
// the top-level helpers such as CryptoJS.SHA256 / HmacSHA256, PBKDF2 and EvpKDF, the
// block ciphers behind SerializableCipher, the Hex/Base64/Latin1/Utf8 encoders) with the
// Go functions below, which take and return real WordArrays and compute with Go's crypto
// (golang.org/x/crypto where the standard library has no such algorithm).
//
// Every native function answers null when its inputs fall outside what it reproduces bit
// for bit (an unknown mode or padding, a WordArray whose last word carries bytes beyond
// sigBytes, a non-integer sigBytes, an AES key that is not 16/24/32 bytes, Keccak-224/384,
// a CTR counter...), and the JavaScript glue then runs crypto-js's own code. The one
// visible difference: crypto-js's SHA-384/512 leave words that are the right 32-bit value
// plus a multiple of 2^32 (it never truncates its 64-bit sums); the native words are the
// signed 32-bit values. Every byte-level view (sigBytes, encoders, toString, concat,
// clamp) is identical. TestCryptoJSNativeDifferential compares the two on random inputs.
//
// Why not hand-written crypto: the algorithms are Go's; only crypto-js's own quirks
// (its padding arithmetic, its 32-bit CTR counter, SHA-224/384 words past sigBytes) are
// reproduced here, because they are part of what scripts observe.

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	_ "embed"
	"encoding"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
	"golang.org/x/crypto/pbkdf2"
	"golang.org/x/crypto/ripemd160" //nolint:staticcheck // crypto-js offers RIPEMD-160; scripts use it
	"golang.org/x/crypto/sha3"
)

//go:embed cryptojs_native.js
var cryptoJSNativeSource string

var (
	cryptoJSNativeOnce sync.Once
	cryptoJSNativeProg *goja.Program
	cryptoJSNativeErr  error
)

// Hasher ids, in the order cryptojs_native.js lists them.
const (
	hMD5 = iota
	hSHA1
	hSHA224
	hSHA256
	hSHA384
	hSHA512
	hSHA3
	hRIPEMD160
	hCount
)

// Cipher, mode and padding ids, in the order cryptojs_native.js lists them.
const (
	cAES = iota
	cDES
	cTripleDES
)

const (
	mCBC = iota
	mECB
	mCTR
	mOFB
	mCFB
)

const (
	pPkcs7 = iota
	pNoPadding
	pZeroPadding
)

// maxNativeBytes bounds the WordArrays the native paths read (64 MiB); larger ones go
// to crypto-js's own code.
const maxNativeBytes = 64 << 20

// cryptoNative holds what the native functions of one runtime need.
type cryptoNative struct {
	vm     *goja.Runtime
	waType *goja.Object // CryptoJS.lib.WordArray, the prototype of every WordArray
}

// nativeCryptoJS installs the Go fast paths into a freshly loaded crypto-js module. A
// module that does not look like crypto-js 3.x is left alone.
func (rt *jsRuntime) nativeCryptoJS(mod goja.Value) error {
	return installCryptoJSNative(rt.vm, mod)
}

// installCryptoJSNative patches the crypto-js module mod in vm (the differential test
// also calls it, on a second copy of the module next to a pure one).
func installCryptoJSNative(vm *goja.Runtime, mod goja.Value) error {
	cryptoJSNativeOnce.Do(func() {
		cryptoJSNativeProg, cryptoJSNativeErr = goja.Compile("cryptojs_native.js", cryptoJSNativeSource, true)
	})
	if cryptoJSNativeErr != nil {
		return cryptoJSNativeErr
	}
	fnv, err := vm.RunProgram(cryptoJSNativeProg)
	if err != nil {
		return err
	}
	fn, ok := goja.AssertFunction(fnv)
	if !ok {
		return nil
	}
	c := &cryptoNative{vm: vm}
	n := vm.NewObject()
	for name, f := range map[string]func(goja.FunctionCall) goja.Value{
		"setWordArray":    c.setWordArray,
		"hash":            c.hash,
		"hmac":            c.hmac,
		"pbkdf2":          c.pbkdf2,
		"evpkdf":          c.evpkdf,
		"cipher":          c.cipher,
		"hexStringify":    c.hexStringify,
		"hexParse":        c.hexParse,
		"b64Stringify":    c.b64Stringify,
		"b64Parse":        c.b64Parse,
		"latin1Stringify": c.latin1Stringify,
		"latin1Parse":     c.latin1Parse,
		"utf8Stringify":   c.utf8Stringify,
		"utf8Parse":       c.utf8Parse,
	} {
		if err := n.Set(name, f); err != nil {
			return err
		}
	}
	_, err = fn(goja.Undefined(), mod, n)
	return err
}

func (c *cryptoNative) setWordArray(call goja.FunctionCall) goja.Value {
	if o, ok := call.Argument(0).(*goja.Object); ok {
		c.waType = o
	}
	return goja.Undefined()
}

// --- reading and writing WordArrays ---

// toInt32 is ECMAScript ToInt32 of a number; ok is false for anything that is not a
// number (crypto-js would coerce it in ways not worth reproducing).
func toInt32(v any) (int32, bool) {
	switch x := v.(type) {
	case nil:
		return 0, true // a hole reads as undefined, which bit operations turn into 0
	case int64:
		return int32(x), true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, true
		}
		t := math.Trunc(x)
		m := math.Mod(t, 4294967296)
		if m < 0 {
			m += 4294967296
		}
		return int32(uint32(m)), true
	}
	return 0, false
}

// words reads a WordArray-like object: its words as 32-bit values and its sigBytes,
// which must be an integer in [0, 4·len(words)]. exact additionally reports whether every
// word already was a signed 32-bit integer.
func (c *cryptoNative) words(v goja.Value) (w []uint32, sig int, exact, ok bool) {
	o, isObj := v.(*goja.Object)
	if !isObj {
		return nil, 0, false, false
	}
	wv, isArr := o.Get("words").(*goja.Object)
	if !isArr || wv.ClassName() != "Array" {
		return nil, 0, false, false
	}
	sv := o.Get("sigBytes")
	if sv == nil {
		return nil, 0, false, false
	}
	var sigF float64
	switch x := sv.Export().(type) {
	case int64:
		sigF = float64(x)
	case float64:
		sigF = x
	default:
		return nil, 0, false, false
	}
	if sigF != math.Trunc(sigF) || sigF < 0 || sigF > maxNativeBytes {
		return nil, 0, false, false
	}
	// A huge sparse array (crypto-js's clamp() on a negative sigBytes makes one) is not
	// worth exporting.
	if n, isInt := wv.Get("length").Export().(int64); !isInt || n > maxNativeBytes/4+1 {
		return nil, 0, false, false
	}
	elems, isSlice := wv.Export().([]any)
	if !isSlice || sigF > float64(4*len(elems)) {
		return nil, 0, false, false
	}
	w = make([]uint32, len(elems))
	exact = true
	for i, e := range elems {
		x, good := toInt32(e)
		if !good {
			return nil, 0, false, false
		}
		if n, isInt := e.(int64); !isInt || int64(int32(n)) != n {
			exact = false
		}
		w[i] = uint32(x)
	}
	return w, int(sigF), exact, true
}

// bytesOf returns the first sig bytes of w.
func bytesOf(w []uint32, sig int) []byte {
	b := make([]byte, sig)
	for i := range b {
		b[i] = byte(w[i>>2] >> (24 - 8*(i%4)))
	}
	return b
}

// clean reports whether the last partial word of (w, sig) has no bytes set past sig: such
// bytes survive crypto-js's word-wise concat and change its hashes.
func clean(w []uint32, sig int) bool {
	if sig%4 == 0 {
		return true
	}
	return w[sig>>2]<<(8*(sig%4)) == 0
}

// message reads a hasher or cipher input: a string (UTF-8, as Utf8.parse) or a clean
// WordArray.
func (c *cryptoNative) message(v goja.Value) ([]byte, bool) {
	if s, isStr := v.(goja.String); isStr {
		return utf8Of(s)
	}
	w, sig, _, ok := c.words(v)
	if !ok || !clean(w, sig) {
		return nil, false
	}
	return bytesOf(w, sig), true
}

// key reads an HMAC key: a string or a WordArray that crypto-js's key.clamp() would leave
// untouched (HMAC clamps the caller's key in place).
func (c *cryptoNative) key(v goja.Value) ([]byte, bool) {
	if s, isStr := v.(goja.String); isStr {
		return utf8Of(s)
	}
	w, sig, exact, ok := c.words(v)
	if !ok || !exact || len(w) != (sig+3)/4 || !clean(w, sig) {
		return nil, false
	}
	return bytesOf(w, sig), true
}

// utf8Of is Utf8.parse: the UTF-8 bytes of s; false when s holds a lone surrogate
// (encodeURIComponent throws, so crypto-js's own code must run).
func utf8Of(s goja.String) ([]byte, bool) {
	str := s.String()
	if strings.ContainsRune(str, utf8.RuneError) {
		n := s.Length()
		for i := 0; i < n; i++ {
			ch := s.CharAt(i)
			switch {
			case ch >= 0xD800 && ch <= 0xDBFF:
				if i+1 >= n || s.CharAt(i+1) < 0xDC00 || s.CharAt(i+1) > 0xDFFF {
					return nil, false
				}
				i++
			case ch >= 0xDC00 && ch <= 0xDFFF:
				return nil, false
			}
		}
	}
	return []byte(str), true
}

// wordArray builds a WordArray of the given words and sigBytes.
func (c *cryptoNative) wordArray(w []uint32, sig int) goja.Value {
	items := make([]any, len(w))
	for i, x := range w {
		items[i] = int64(int32(x))
	}
	o := c.vm.CreateObject(c.waType)
	_ = o.Set("words", c.vm.NewArray(items...))
	_ = o.Set("sigBytes", sig)
	return o
}

// bytesWordArray is the WordArray of b: ceil(len/4) words, sigBytes len(b).
func (c *cryptoNative) bytesWordArray(b []byte) goja.Value {
	return c.wordArray(wordsOf(b, (len(b)+3)/4), len(b))
}

// wordsOf packs b big-endian into n words (zero-filled).
func wordsOf(b []byte, n int) []uint32 {
	w := make([]uint32, n)
	for i, x := range b {
		w[i>>2] |= uint32(x) << (24 - 8*(i%4))
	}
	return w
}

// --- hashers ---

// newHash returns the Go hash of a crypto-js hasher id; bits is SHA3's outputLength.
func newHash(id, bits int) func() hash.Hash {
	switch id {
	case hMD5:
		return md5.New
	case hSHA1:
		return sha1.New
	case hSHA224:
		return sha256.New224
	case hSHA256:
		return sha256.New
	case hSHA384:
		return sha512.New384
	case hSHA512:
		return sha512.New
	case hSHA3:
		// crypto-js's "SHA3" is Keccak with the original padding; Go has 256 and 512.
		switch bits {
		case 256:
			return sha3.NewLegacyKeccak256
		case 512:
			return sha3.NewLegacyKeccak512
		}
	case hRIPEMD160:
		return ripemd160.New
	}
	return nil
}

// sha3Bits reads SHA3's outputLength (default 512).
func sha3Bits(v goja.Value) int {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return 512
	}
	if n, ok := v.Export().(int64); ok {
		return int(n)
	}
	return 0
}

// digestWords turns a finished digest into crypto-js's words: SHA-224 and SHA-384 keep
// the whole internal state past sigBytes (crypto-js truncates sigBytes only), so those
// are recomputed from the state.
func digestWords(id int, h func() hash.Hash, data, sum []byte) ([]uint32, int) {
	switch id {
	case hSHA224:
		return wordsOf(sha2State(h, data, 64, 8, 32), 8), len(sum)
	case hSHA384:
		return wordsOf(sha2State(h, data, 128, 16, 64), 16), len(sum)
	}
	return wordsOf(sum, (len(sum)+3)/4), len(sum)
}

// sha2State runs SHA-2 over data and its padding and returns the raw internal state
// (stateLen bytes) from the digest's marshalled form.
func sha2State(h func() hash.Hash, data []byte, block, lenField, stateLen int) []byte {
	d := h()
	d.Write(data)
	padLen := block - (len(data)+1+lenField)%block
	if padLen == block {
		padLen = 0
	}
	pad := make([]byte, 1+padLen+lenField)
	pad[0] = 0x80
	binary.BigEndian.PutUint64(pad[len(pad)-8:], uint64(len(data))*8)
	d.Write(pad)
	st, err := d.(encoding.BinaryMarshaler).MarshalBinary()
	if err != nil || len(st) < 4+stateLen {
		panic("sandbox: SHA-2 state layout changed")
	}
	return st[4 : 4+stateLen]
}

// hash(id, message, outputLength) is hasher.finalize(message) of a fresh hasher.
func (c *cryptoNative) hash(call goja.FunctionCall) goja.Value {
	id := int(call.Argument(0).ToInteger())
	h := newHash(id, sha3Bits(call.Argument(2)))
	if h == nil {
		return goja.Null()
	}
	data, ok := c.message(call.Argument(1))
	if !ok {
		return goja.Null()
	}
	d := h()
	d.Write(data)
	sum := d.Sum(nil)
	w, sig := digestWords(id, h, data, sum)
	return c.wordArray(w, sig)
}

// hmac(id, message, key) is CryptoJS.HmacXXX(message, key).
func (c *cryptoNative) hmac(call goja.FunctionCall) goja.Value {
	id := int(call.Argument(0).ToInteger())
	h := newHash(id, 512)
	if h == nil {
		return goja.Null()
	}
	data, ok := c.message(call.Argument(1))
	if !ok {
		return goja.Null()
	}
	key, ok := c.key(call.Argument(2))
	if !ok {
		return goja.Null()
	}
	if id == hSHA224 || id == hSHA384 {
		// The outer hash's words past sigBytes are visible: compute HMAC by hand on top
		// of the digest so the outer state can be read.
		bs := h().BlockSize()
		if len(key) > bs {
			d := h()
			d.Write(key)
			key = d.Sum(nil)
		}
		ipad, opad := make([]byte, bs), make([]byte, bs)
		copy(ipad, key)
		copy(opad, key)
		for i := range ipad {
			ipad[i] ^= 0x36
			opad[i] ^= 0x5c
		}
		in := h()
		in.Write(ipad)
		in.Write(data)
		outer := append(opad, in.Sum(nil)...)
		d := h()
		d.Write(outer)
		w, sig := digestWords(id, h, outer, d.Sum(nil))
		return c.wordArray(w, sig)
	}
	m := hmac.New(h, key)
	m.Write(data)
	sum := m.Sum(nil)
	return c.wordArray(wordsOf(sum, (len(sum)+3)/4), len(sum))
}

// maxNativeIterations bounds the KDF iterations done natively: Go code cannot be
// interrupted by the script timeout, so a larger count (seconds of work) runs in crypto-js,
// where the timeout can stop it.
const maxNativeIterations = 1 << 22

// kdfParams reads keySize (words) and iterations; both must be positive integers.
func kdfParams(ks, it goja.Value) (keySize, iterations int, ok bool) {
	k, okK := ks.Export().(int64)
	n, okN := it.Export().(int64)
	if !okK || !okN || k < 1 || k > 1<<16 || n < 1 || n > maxNativeIterations {
		return 0, 0, false
	}
	return int(k), int(n), true
}

// pbkdf2(id, password, salt, keySize, iterations) is PBKDF2.compute: the words of every
// derived block, sigBytes keySize·4.
func (c *cryptoNative) pbkdf2(call goja.FunctionCall) goja.Value {
	h := newHash(int(call.Argument(0).ToInteger()), 512)
	keySize, iter, ok := kdfParams(call.Argument(3), call.Argument(4))
	if h == nil || !ok {
		return goja.Null()
	}
	pw, ok := c.key(call.Argument(1))
	if !ok {
		return goja.Null()
	}
	salt, ok := c.message(call.Argument(2))
	if !ok {
		return goja.Null()
	}
	hLen := h().Size()
	// crypto-js appends whole blocks (whole words of each) until it has keySize words.
	wordsPerBlock := (hLen + 3) / 4
	blocks := (keySize + wordsPerBlock - 1) / wordsPerBlock
	dk := pbkdf2.Key(pw, salt, iter, blocks*hLen, h)
	return c.wordArray(blockWords(dk, hLen, blocks), keySize*4)
}

// blockWords packs n derived blocks of hLen bytes, each padded to whole words.
func blockWords(dk []byte, hLen, n int) []uint32 {
	per := (hLen + 3) / 4
	out := make([]uint32, 0, n*per)
	for i := range n {
		out = append(out, wordsOf(dk[i*hLen:(i+1)*hLen], per)...)
	}
	return out
}

// evpkdf(id, password, salt, keySize, iterations) is EvpKDF.compute (OpenSSL's
// EVP_BytesToKey); salt may be undefined.
func (c *cryptoNative) evpkdf(call goja.FunctionCall) goja.Value {
	h := newHash(int(call.Argument(0).ToInteger()), 512)
	keySize, iter, ok := kdfParams(call.Argument(3), call.Argument(4))
	if h == nil || !ok {
		return goja.Null()
	}
	pw, ok := c.message(call.Argument(1))
	if !ok {
		return goja.Null()
	}
	var salt []byte
	if s := call.Argument(2); !goja.IsUndefined(s) && !goja.IsNull(s) {
		if salt, ok = c.message(s); !ok {
			return goja.Null()
		}
	}
	d := h()
	hLen := d.Size()
	per := (hLen + 3) / 4
	var out []uint32
	var block []byte
	for len(out) < keySize {
		d.Reset()
		d.Write(block)
		d.Write(pw)
		d.Write(salt)
		block = d.Sum(nil)
		for i := 1; i < iter; i++ {
			d.Reset()
			d.Write(block)
			block = d.Sum(nil)
		}
		out = append(out, wordsOf(block, per)...)
	}
	return c.wordArray(out, keySize*4)
}

// --- block ciphers ---

// cipher(encrypt, cipherId, modeId, padId, data, key, iv) is what a crypto-js encryptor
// or decryptor's finalize(data) returns.
func (c *cryptoNative) cipher(call goja.FunctionCall) goja.Value {
	encrypt := call.Argument(0).ToBoolean()
	alg, mode, pad := int(call.Argument(1).ToInteger()), int(call.Argument(2).ToInteger()), int(call.Argument(3).ToInteger())
	if mode < mCBC || mode > mCFB || pad < pPkcs7 || pad > pZeroPadding {
		return goja.Null()
	}
	var data []byte
	var ok bool
	if encrypt {
		data, ok = c.message(call.Argument(4))
	} else {
		w, sig, _, good := c.words(call.Argument(4))
		data, ok = nil, good && clean(w, sig)
		if ok {
			data = bytesOf(w, sig)
		}
	}
	if !ok {
		return goja.Null()
	}
	block, ok := c.blockCipher(alg, call.Argument(5))
	if !ok {
		return goja.Null()
	}
	bs := block.BlockSize()
	var iv []byte
	if mode != mECB {
		var short bool
		if iv, short, ok = c.iv(call.Argument(6), bs); !ok || (short && mode == mCTR) {
			// crypto-js's counter over a short IV starts its last word at NaN: let it.
			return goja.Null()
		}
	}
	stream := mode == mCTR || mode == mOFB || mode == mCFB
	if encrypt {
		switch pad {
		case pPkcs7:
			n := bs - len(data)%bs
			for range n {
				data = append(data, byte(n))
			}
		case pZeroPadding:
			if r := len(data) % bs; r != 0 {
				data = append(data, make([]byte, bs-r)...)
			}
		}
	}
	sig := len(data)
	if sig%bs != 0 && !stream {
		return goja.Null() // crypto-js would encrypt a partial block with whatever follows it
	}
	nBlocks := (sig + bs - 1) / bs
	buf := make([]byte, nBlocks*bs)
	copy(buf, data)
	if !runMode(block, mode, encrypt, iv, buf) {
		return goja.Null()
	}
	w := wordsOf(buf, len(buf)/4)
	if !encrypt {
		switch pad {
		case pPkcs7:
			if sig > 0 {
				sig -= int(w[(sig-1)>>2] & 0xff)
			}
		case pZeroPadding:
			i := sig - 1
			for i >= 0 && byte(w[i>>2]>>(24-8*(i%4))) == 0 {
				i--
			}
			if i < 0 {
				return goja.Null() // crypto-js loops for ever here; let it
			}
			sig = i + 1
		}
	}
	return c.wordArray(w, sig)
}

// blockCipher builds the Go cipher from a crypto-js key WordArray the way crypto-js reads
// it: AES the first sigBytes (16, 24 or 32), DES words 0–1 and TripleDES words 0–5 whatever
// sigBytes says (missing words are 0).
func (c *cryptoNative) blockCipher(alg int, kv goja.Value) (cipher.Block, bool) {
	w, sig, _, ok := c.words(kv)
	if !ok {
		return nil, false
	}
	var b cipher.Block
	var err error
	switch alg {
	case cAES:
		if sig != 16 && sig != 24 && sig != 32 {
			return nil, false
		}
		b, err = aes.NewCipher(bytesOf(w, sig))
	case cDES:
		b, err = des.NewCipher(bytesOf(padWords(w, 2), 8))
	case cTripleDES:
		b, err = des.NewTripleDESCipher(bytesOf(padWords(w, 6), 24))
	default:
		return nil, false
	}
	return b, err == nil
}

// padWords returns the first n words of w, zero-filled.
func padWords(w []uint32, n int) []uint32 {
	out := make([]uint32, n)
	copy(out, w)
	return out
}

// iv reads the first blockSize bytes of an IV's words (crypto-js reads iv.words, ignoring
// sigBytes; missing words are 0).
// short reports an IV with fewer words than a block.
func (c *cryptoNative) iv(v goja.Value, bs int) (iv []byte, short, ok bool) {
	if goja.IsUndefined(v) || goja.IsNull(v) {
		return nil, false, false
	}
	o, isObj := v.(*goja.Object)
	if !isObj {
		return nil, false, false
	}
	wv, isArr := o.Get("words").(*goja.Object)
	if !isArr || wv.ClassName() != "Array" {
		return nil, false, false
	}
	n, isInt := wv.Get("length").Export().(int64)
	if !isInt {
		return nil, false, false
	}
	w := make([]uint32, bs/4)
	for i := range w {
		x := wv.Get(strconv.Itoa(i))
		if x == nil {
			continue
		}
		v, good := toInt32(x.Export())
		if !good {
			return nil, false, false
		}
		w[i] = uint32(v)
	}
	return bytesOf(w, bs), n < int64(len(w)), true
}

// runMode applies the mode in place to whole blocks.
func runMode(b cipher.Block, mode int, encrypt bool, iv, buf []byte) bool {
	bs := b.BlockSize()
	switch mode {
	case mECB:
		for i := 0; i < len(buf); i += bs {
			if encrypt {
				b.Encrypt(buf[i:i+bs], buf[i:i+bs])
			} else {
				b.Decrypt(buf[i:i+bs], buf[i:i+bs])
			}
		}
	case mCBC:
		if len(buf) == 0 {
			return true
		}
		if encrypt {
			cipher.NewCBCEncrypter(b, iv).CryptBlocks(buf, buf)
		} else {
			cipher.NewCBCDecrypter(b, iv).CryptBlocks(buf, buf)
		}
	case mCTR:
		// crypto-js increments only the last 32-bit word of the counter, wrapping.
		ctr := append([]byte(nil), iv...)
		ks := make([]byte, bs)
		for i := 0; i < len(buf); i += bs {
			b.Encrypt(ks, ctr)
			for j := range bs {
				buf[i+j] ^= ks[j]
			}
			last := binary.BigEndian.Uint32(ctr[bs-4:])
			binary.BigEndian.PutUint32(ctr[bs-4:], last+1)
		}
	case mOFB:
		cipher.NewOFB(b, iv).XORKeyStream(buf, buf) //nolint:staticcheck // crypto-js mode
	case mCFB:
		if encrypt {
			cipher.NewCFBEncrypter(b, iv).XORKeyStream(buf, buf) //nolint:staticcheck // crypto-js mode
		} else {
			cipher.NewCFBDecrypter(b, iv).XORKeyStream(buf, buf) //nolint:staticcheck // crypto-js mode
		}
	default:
		return false
	}
	return true
}

// --- encoders ---

// encBytes reads a WordArray for an encoder's stringify: bytes past the last word read
// as 0 (as in crypto-js), a non-integer sigBytes falls back.
func (c *cryptoNative) encBytes(v goja.Value) ([]byte, bool) {
	w, sig, _, ok := c.words(v)
	if !ok {
		return nil, false
	}
	return bytesOf(w, sig), true
}

func (c *cryptoNative) hexStringify(call goja.FunctionCall) goja.Value {
	b, ok := c.encBytes(call.Argument(0))
	if !ok {
		return goja.Null()
	}
	return c.vm.ToValue(hex.EncodeToString(b))
}

func (c *cryptoNative) hexParse(call goja.FunctionCall) goja.Value {
	s, isStr := call.Argument(0).(goja.String)
	if !isStr {
		return goja.Null()
	}
	b, err := hex.DecodeString(s.String())
	if err != nil {
		return goja.Null() // odd length or a non-hex digit: crypto-js's parseInt quirks
	}
	return c.bytesWordArray(b)
}

func (c *cryptoNative) b64Stringify(call goja.FunctionCall) goja.Value {
	b, ok := c.encBytes(call.Argument(0))
	if !ok {
		return goja.Null()
	}
	return c.vm.ToValue(base64.StdEncoding.EncodeToString(b))
}

// b64Parse is Base64.parse: everything from the first '=' is ignored, a lone last
// character and the trailing bits are dropped.
func (c *cryptoNative) b64Parse(call goja.FunctionCall) goja.Value {
	s, isStr := call.Argument(0).(goja.String)
	if !isStr {
		return goja.Null()
	}
	str := s.String()
	if i := strings.IndexByte(str, '='); i >= 0 {
		str = str[:i]
	}
	for i := 0; i < len(str); i++ {
		if !isBase64Char(str[i]) {
			return goja.Null()
		}
	}
	if len(str)%4 == 1 {
		str = str[:len(str)-1]
	}
	b, err := base64.RawStdEncoding.DecodeString(str)
	if err != nil {
		return goja.Null()
	}
	return c.bytesWordArray(b)
}

func isBase64Char(ch byte) bool {
	return ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '+' || ch == '/'
}

func (c *cryptoNative) latin1Stringify(call goja.FunctionCall) goja.Value {
	b, ok := c.encBytes(call.Argument(0))
	if !ok {
		return goja.Null()
	}
	u := make([]uint16, len(b))
	for i, x := range b {
		u[i] = uint16(x)
	}
	return goja.StringFromUTF16(u)
}

func (c *cryptoNative) latin1Parse(call goja.FunctionCall) goja.Value {
	s, isStr := call.Argument(0).(goja.String)
	if !isStr {
		return goja.Null()
	}
	b := make([]byte, s.Length())
	for i := range b {
		b[i] = byte(s.CharAt(i))
	}
	return c.bytesWordArray(b)
}

// utf8Stringify is Utf8.stringify; invalid UTF-8 falls back to crypto-js, which throws
// "Malformed UTF-8 data".
func (c *cryptoNative) utf8Stringify(call goja.FunctionCall) goja.Value {
	b, ok := c.encBytes(call.Argument(0))
	if !ok || !utf8.Valid(b) {
		return goja.Null()
	}
	if isASCII(b) {
		return c.vm.ToValue(string(b))
	}
	return goja.StringFromUTF16(utf16.Encode([]rune(string(b))))
}

func isASCII(b []byte) bool {
	for _, x := range b {
		if x >= 0x80 {
			return false
		}
	}
	return true
}

func (c *cryptoNative) utf8Parse(call goja.FunctionCall) goja.Value {
	s, isStr := call.Argument(0).(goja.String)
	if !isStr {
		return goja.Null()
	}
	b, ok := utf8Of(s)
	if !ok {
		return goja.Null()
	}
	return c.bytesWordArray(b)
}
