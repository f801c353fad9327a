package json

import (
	"bytes"
	"testing"
)

func TestIndentTo(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ src, prefix, want string }{
		"nested": {
			src:  `{"a":[1,2],"b":{"c":"x,y:{[\"]"},"d":[],"e":{},"f":[{"g":-1.5e3}]}`,
			want: "{\n  \"a\": [1,2],\n  \"b\": {\n    \"c\": \"x,y:{[\\\"]\"\n  },\n  \"d\": [],\n  \"e\": {},\n  \"f\": [\n    {\n      \"g\": -1.5e3\n    }\n  ]\n}",
		},
		"prefix":      {src: `{"a":true}`, prefix: "    ", want: "{\n      \"a\": true\n    }"},
		"mixed array": {src: `[1,"2"]`, want: "[\n  1,\n  \"2\"\n]"},
		"scalar":      {src: `null`, want: "null"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			indentTo(&buf, []byte(tc.src), tc.prefix)
			if buf.String() != tc.want {
				t.Errorf("indent(%s) =\n%s\nwant\n%s", tc.src, buf.String(), tc.want)
			}
		})
	}
}
