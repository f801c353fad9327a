package collections

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func row(pairs ...any) DataRow {
	r := DataRow{}
	for i := 0; i < len(pairs); i += 2 {
		r = append(r, Variable{Key: pairs[i].(string), Value: pairs[i+1]})
	}
	return r
}

func TestParseData(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		data []byte
		want []DataRow
	}{
		"json keeps key order": {
			data: []byte(`[{"z": 1, "a": "x", "m": {"n": true}}, {}]`),
			want: []DataRow{row("z", 1.0, "a", "x", "m", map[string]any{"n": true}), row()},
		},
		"json with bom": {
			data: append([]byte{0xEF, 0xBB, 0xBF}, `[{"a": null}]`...),
			want: []DataRow{row("a", nil)},
		},
		"csv numbers and quotes": {
			data: []byte("id,name,code,price,neg,exp,text\n007,ann,\"007\",1.50,-3,1e3,12a\n"),
			want: []DataRow{row("id", 7.0, "name", "ann", "code", "007", "price", 1.5, "neg", -3.0, "exp", 1000.0, "text", "12a")},
		},
		"csv bom trim crlf": {
			data: append([]byte{0xEF, 0xBB, 0xBF}, " a , b \r\n x , \" y \" \r\n\r\n1,2"...),
			// a blank line is a row whose first column is "" (csv-parse keeps empty lines)
			want: []DataRow{row("a", "x", "b", " y "), row("a", ""), row("a", 1.0, "b", 2.0)},
		},
		// Newman 6.2.2 on the same file (conformance case dropin-csv): relax_column_count
		// keeps short rows (only their columns) and drops cells past the header's.
		"csv short and long rows": {
			data: append([]byte{0xEF, 0xBB, 0xBF}, "c1, c2 ,c3\n12,short\nlong,a,b,extra\n"...),
			want: []DataRow{row("c1", 12.0, "c2", "short"), row("c1", "long", "c2", "a", "c3", "b")},
		},
		// csvAutoParse: parseFloat when `v - parseFloat(v) + 1 >= 0` (Newman 6.2.2 measured)
		"csv numbers as newman casts them": {
			data: []byte("a,b,c\n0,007,0x10\n1e3,1e400,-0\n.5,5.,+5\nInfinity,,\"12\"\n"),
			want: []DataRow{row("a", 0.0, "b", 7.0, "c", 0.0), row("a", 1000.0, "b", "1e400", "c", 0.0),
				row("a", 0.5, "b", 5.0, "c", 5.0), row("a", "Infinity", "b", "", "c", "12")},
		},
		"csv quoted comma newline and escaped quote": {
			data: []byte("a,b\n\"1,2\",\"line1\nline2 \"\"q\"\"\"\n"),
			want: []DataRow{row("a", "1,2", "b", "line1\nline2 \"q\"")},
		},
		"csv relaxed quotes": {
			data: []byte("a,b\nsay \"hi\",x\"y\n"),
			want: []DataRow{row("a", `say "hi"`, "b", `x"y`)},
		},
		"csv empty cells": {
			data: []byte("a,b\n,\n"),
			want: []DataRow{row("a", "", "b", "")},
		},
		"csv utf16": {
			data: utf16Bytes("a\n1\n", false),
			want: []DataRow{row("a", 1.0)},
		},
		"csv header only": {data: []byte("a,b\n"), want: []DataRow{}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseData(tc.data, "data")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseData = %#v\nwant %#v", got, tc.want)
			}
		})
	}
	// numbers from CSV substitute as Postman shows them
	rows, _ := ParseData([]byte("n\n007\n"), "d.csv")
	if s := Stringify(rows[0][0].Value); s != "7" {
		t.Errorf("007 stringifies to %q", s)
	}
}

func TestParseDataErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ data, want string }{
		"json syntax":    {"[\n{\"a\": 1,}\n]", `parsing data file "d.json": invalid JSON at line 2, column 9`},
		"json not array": {`{"a": 1}`, "expected a JSON array of objects"},
		"json row":       {`[{"a": 1}, 5]`, "row 2 is not a JSON object"},
		"csv open quote": {"a\n\"x\n", `parsing data file "d.json": line 2: quoted cell is not closed`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseData([]byte(tc.data), "d.json")
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want *InputError containing %q", err, tc.want)
			}
		})
	}
}
