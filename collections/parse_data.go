package collections

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// DataRow is one row of iteration data, in column order.
type DataRow []Variable

const dataKind = "data file"

// ParseData parses iteration data as Newman does: a JSON array of objects (each row keeps
// its key order), otherwise CSV (see parseCSV). A UTF-8 BOM is ignored and UTF-16 (with BOM)
// decoded. Errors are *InputError naming the file, with the line for JSON syntax errors
// and CSV rows.
func ParseData(data []byte, name string) ([]DataRow, error) {
	data = decodeText(data)
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && (trimmed[0] == '[' || trimmed[0] == '{') {
		return parseJSONData(data, name)
	}
	return parseCSV(data, name)
}

func parseJSONData(data []byte, name string) ([]DataRow, error) {
	var elems []json.RawMessage
	if err := json.Unmarshal(data, &elems); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return nil, &InputError{Kind: dataKind, File: name, Msg: "expected a JSON array of objects"}
		}
		return nil, jsonError(dataKind, name, data, err)
	}
	rows := make([]DataRow, 0, len(elems))
	for i, e := range elems {
		row := DataRow{}
		err := orderedObject(e, func(key string, value json.RawMessage) error {
			var v any
			if err := json.Unmarshal(value, &v); err != nil {
				return err
			}
			row = append(row, Variable{Key: key, Value: v})
			return nil
		})
		if err != nil {
			return nil, &InputError{Kind: dataKind, File: name, Msg: fmt.Sprintf("row %d is not a JSON object", i+1)}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// parseCSV reads CSV as Newman 6.2.2 configures csv-parse (columns, escape '"', trim, relax,
// relax_column_count, bom, and its own cast): the first record names the columns, cells are
// trimmed, quotes are relaxed (a quote inside an unquoted cell is literal), a row with fewer
// cells than the header has only those columns and cells past the header's are dropped, a
// blank line is a row whose first column is "", and unquoted cells are cast as Newman's
// csvAutoParse does (see csvValue); quoted cells stay strings.
func parseCSV(data []byte, name string) ([]DataRow, error) {
	records, err := readCSV(data)
	if err != nil {
		return nil, &InputError{Kind: dataKind, File: name, Line: err.line, Msg: err.msg}
	}
	for len(records) > 0 && records[0].blank() { // the header is the first line with text
		records = records[1:]
	}
	if len(records) == 0 {
		return nil, nil
	}
	header := records[0]
	rows := make([]DataRow, 0, len(records)-1)
	for _, rec := range records[1:] {
		n := min(len(rec.cells), len(header.cells))
		row := make(DataRow, n)
		for i, c := range rec.cells[:n] {
			row[i] = Variable{Key: header.cells[i].text, Value: csvValue(c)}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// csvValue casts a cell as Newman's csvAutoParse: a quoted cell stays a string; an unquoted
// one becomes parseFloat(cell) when `cell - parseFloat(cell) + 1 >= 0` holds in JavaScript
// ("007" is 7, "1e3" 1000, "0x10" 0 since Number reads hex and parseFloat does not), and
// stays a string otherwise ("", "12a", "Infinity", "1e400").
func csvValue(c csvCell) any {
	if c.quoted {
		return c.text
	}
	prefix, ok := jsParseFloat(c.text)
	if !ok {
		return c.text
	}
	whole := jsStringNumber(c.text)
	if math.IsNaN(whole-prefix+1) || whole-prefix+1 < 0 {
		return c.text
	}
	if prefix == 0 {
		return 0.0 // -0 prints as 0, as JSON and Postman show it
	}
	return prefix
}

// jsParseFloat is JavaScript's parseFloat: the longest leading decimal literal (after
// whitespace), "Infinity" included; ok is false where parseFloat gives NaN.
func jsParseFloat(s string) (float64, bool) {
	s = strings.TrimLeft(s, jsSpace)
	sign := ""
	if s != "" && (s[0] == '+' || s[0] == '-') {
		sign, s = s[:1], s[1:]
	}
	if strings.HasPrefix(s, "Infinity") {
		return parseFloatText(sign + "Inf")
	}
	n := decimalPrefix(s)
	if n == 0 {
		return 0, false
	}
	return parseFloatText(sign + s[:n])
}

// jsStringNumber is JavaScript's Number(string): whitespace trimmed, "" is 0, a whole
// decimal literal (or Infinity) with an optional sign, or 0x/0o/0b integers without one;
// NaN for anything else.
func jsStringNumber(s string) float64 {
	s = strings.Trim(s, jsSpace)
	if s == "" {
		return 0
	}
	if len(s) > 2 && s[0] == '0' {
		base := map[byte]int{'x': 16, 'X': 16, 'o': 8, 'O': 8, 'b': 2, 'B': 2}[s[1]]
		if base != 0 {
			var f float64
			for _, c := range s[2:] {
				d := strings.IndexRune("0123456789abcdef", unicode.ToLower(c))
				if d < 0 || d >= base {
					return math.NaN()
				}
				f = f*float64(base) + float64(d)
			}
			return f
		}
	}
	t := s
	if t[0] == '+' || t[0] == '-' {
		t = t[1:]
	}
	text := s
	if t == "Infinity" {
		text = s[:len(s)-len(t)] + "Inf"
	} else if decimalPrefix(t) != len(t) {
		return math.NaN()
	}
	f, ok := parseFloatText(text)
	if !ok {
		return math.NaN()
	}
	return f
}

// jsSpace is the whitespace JavaScript trims from numeric strings (the common part).
const jsSpace = " \t\n\v\f\r\u00a0\ufeff\u2028\u2029"

// decimalPrefix is the length of the longest StrUnsignedDecimalLiteral at the start of s:
// digits [. digits] [e [+-] digits], or . digits ...; 0 when there is none.
func decimalPrefix(s string) int {
	i, digits := 0, 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i, digits = i+1, digits+1
	}
	if i < len(s) && s[i] == '.' {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j, digits = j+1, digits+1
		}
		if digits > 0 {
			i = j
		}
	}
	if digits == 0 {
		return 0
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k > j {
			i = k
		}
	}
	return i
}

// parseFloatText parses a decimal literal; out-of-range values are ±Inf, as in JavaScript.
func parseFloatText(s string) (float64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false
	}
	return f, true
}
