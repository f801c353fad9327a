package collections

import "strings"

type csvCell struct {
	text   string
	quoted bool
}

// csvError is a malformed CSV record.
type csvError struct {
	line int
	msg  string
}

type csvRecord struct {
	line  int // 1-based line where the record starts
	cells []csvCell
}

// blank reports whether the record came from an entirely blank line: a single unquoted,
// empty cell. A line holding just "" is not blank; it is a record with one empty value.
func (r csvRecord) blank() bool {
	return len(r.cells) == 1 && !r.cells[0].quoted && r.cells[0].text == ""
}

// readCSV splits comma-separated text into records. Quoted cells may contain commas,
// newlines and doubled quotes; spaces around cells are trimmed; a quote inside an unquoted
// cell is kept literally. A blank line is a record of one empty cell (csv-parse without
// skip_empty_lines); the line end closing the text makes no record.
func readCSV(data []byte) ([]csvRecord, *csvError) {
	s := string(data)
	var records []csvRecord
	line := 1
	for len(s) > 0 {
		rec, rest, lines, err := readRecord(s, line)
		if err != nil {
			return nil, err
		}
		records = append(records, rec)
		s, line = rest, line+lines
	}
	return records, nil
}

// readRecord reads one record from s; it returns the rest of the input and the number of
// lines consumed.
func readRecord(s string, line int) (csvRecord, string, int, *csvError) {
	rec := csvRecord{line: line}
	lines := 0
	for {
		cell, rest, nl, err := readCell(s, line+lines)
		if err != nil {
			return rec, "", 0, err
		}
		lines += nl
		rec.cells = append(rec.cells, cell)
		switch {
		case rest == "":
			return rec, "", lines + 1, nil
		case rest[0] == ',':
			s = rest[1:]
		case strings.HasPrefix(rest, "\r\n"):
			return rec, rest[2:], lines + 1, nil
		default: // '\n' or '\r'
			return rec, rest[1:], lines + 1, nil
		}
	}
}

// readCell reads one cell up to (not including) the next separator or line end.
func readCell(s string, line int) (csvCell, string, int, *csvError) {
	trimmed := strings.TrimLeft(s, " \t")
	if !strings.HasPrefix(trimmed, `"`) {
		end := strings.IndexAny(s, ",\r\n")
		if end < 0 {
			end = len(s)
		}
		return csvCell{text: strings.TrimSpace(s[:end])}, s[end:], 0, nil
	}
	var b strings.Builder
	lines := 0
	i := 1
	for {
		if i >= len(trimmed) {
			return csvCell{}, "", 0, &csvError{line: line, msg: "quoted cell is not closed"}
		}
		c := trimmed[i]
		switch {
		case c == '"' && i+1 < len(trimmed) && trimmed[i+1] == '"':
			b.WriteByte('"')
			i += 2
			continue
		case c == '"':
			rest := strings.TrimLeft(trimmed[i+1:], " \t")
			if rest != "" && rest[0] != ',' && rest[0] != '\n' && rest[0] != '\r' {
				// relaxed: text after the closing quote is kept as part of the cell
				end := strings.IndexAny(rest, ",\r\n")
				if end < 0 {
					end = len(rest)
				}
				b.WriteString(`"` + rest[:end])
				return csvCell{text: b.String(), quoted: true}, rest[end:], lines, nil
			}
			return csvCell{text: b.String(), quoted: true}, rest, lines, nil
		case c == '\n':
			lines++
		}
		b.WriteByte(c)
		i++
	}
}
