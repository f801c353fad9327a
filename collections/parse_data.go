package collections

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
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

// parseCSV reads CSV close to how Newman configures csv-parse (columns from the first
// record, escape '"', trim, relax, relax_column_count, BOM stripped): cells are trimmed, a
// quote inside an unquoted cell is literal, and unquoted cells that look like numbers become
// float64 (so "007" is 7; Newman's csvAutoParse also reads "0x10" as 0, pmrun keeps it a
// string); quoted cells stay strings. pmrun differs from Newman 6.2.2 in three places
// (checked against it): a record with a different number of cells than the header is an
// error naming its line (Newman keeps it: missing columns absent, extra cells dropped); a
// blank line is skipped (Newman makes it a row whose first column is ""); text after a
// closing quote stays in the cell ("ab"cd is ab"cd; Newman fails on it).
func parseCSV(data []byte, name string) ([]DataRow, error) {
	records, err := readCSV(data)
	if err != nil {
		return nil, &InputError{Kind: dataKind, File: name, Line: err.line, Msg: err.msg}
	}
	if len(records) == 0 {
		return nil, nil
	}
	header := records[0]
	rows := make([]DataRow, 0, len(records)-1)
	for n, rec := range records[1:] {
		if len(rec.cells) != len(header.cells) {
			return nil, &InputError{Kind: dataKind, File: name, Line: rec.line,
				Msg: fmt.Sprintf("data row %d has %d cells but the header has %d", n+1, len(rec.cells), len(header.cells))}
		}
		row := make(DataRow, len(rec.cells))
		for i, c := range rec.cells {
			row[i] = Variable{Key: header.cells[i].text, Value: csvValue(c)}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// csvValue casts an unquoted numeric cell to a number.
func csvValue(c csvCell) any {
	if c.quoted || !looksNumeric(c.text) {
		return c.text
	}
	f, err := strconv.ParseFloat(c.text, 64)
	if err != nil {
		return c.text
	}
	return f
}

// looksNumeric accepts [+-]digits[.digits][e[+-]digits] (and ".5", "5.").
func looksNumeric(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i, digits = i+1, digits+1
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i, digits = i+1, digits+1
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i, exp = i+1, exp+1
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}
