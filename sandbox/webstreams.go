package sandbox

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	_ "embed" // the streams bundle
	"fmt"
	"io"
	"sync"

	"github.com/dop251/goja"
)

// The WHATWG Streams classes (ReadableStream, WritableStream, TransformStream, their
// readers, writers, controllers and queuing strategies) are web-streams-polyfill's ponyfill,
// bundled by webstreams/build.mjs; a well-kept implementation of a long specification, not
// ours. corejs/webglobals.js defines them as globals that load the bundle on first use, and
// builds TextEncoderStream, TextDecoderStream, CompressionStream and DecompressionStream on
// TransformStream (compression in Go).

//go:embed webstreams/dist/webstreams.js
var webStreamsSource string

var webStreamsProgram struct {
	once sync.Once
	prog *goja.Program
	err  error
}

// loadWebStreams returns the exports of the streams bundle in vm.
func loadWebStreams(vm *goja.Runtime) goja.Value {
	webStreamsProgram.once.Do(func() {
		webStreamsProgram.prog, webStreamsProgram.err = goja.Compile("webstreams.js",
			"(function (module, exports) {"+webStreamsSource+"\n})", true)
	})
	if webStreamsProgram.err != nil {
		panic(vm.NewGoError(fmt.Errorf("sandbox: compile web streams: %w", webStreamsProgram.err)))
	}
	fnv, err := vm.RunProgram(webStreamsProgram.prog)
	if err != nil {
		panic(err)
	}
	fn, _ := goja.AssertFunction(fnv)
	module := vm.NewObject()
	exports := vm.NewObject()
	_ = module.Set("exports", exports)
	if _, err := fn(goja.Undefined(), module, exports); err != nil {
		panic(err)
	}
	return module.Get("exports")
}

// compress and decompress whole buffers in the CompressionStream formats.
func compressBytes(format string, data []byte, decompress bool) ([]byte, error) {
	if decompress {
		var r io.ReadCloser
		var err error
		switch format {
		case "gzip":
			r, err = gzip.NewReader(bytes.NewReader(data))
		case "deflate":
			r, err = zlib.NewReader(bytes.NewReader(data))
		case "deflate-raw":
			r = flate.NewReader(bytes.NewReader(data))
		default:
			return nil, fmt.Errorf("unsupported format %q", format)
		}
		if err != nil {
			return nil, err
		}
		defer func() { _ = r.Close() }()
		return io.ReadAll(io.LimitReader(r, 1<<30))
	}
	var buf bytes.Buffer
	var w io.WriteCloser
	switch format {
	case "gzip":
		w = gzip.NewWriter(&buf)
	case "deflate":
		w = zlib.NewWriter(&buf)
	case "deflate-raw":
		w, _ = flate.NewWriter(&buf, flate.DefaultCompression)
	default:
		return nil, fmt.Errorf("unsupported format %q", format)
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
