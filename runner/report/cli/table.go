package cli

import (
	"math"
	"strings"

	"github.com/fatih/color"
)

// text is a piece of table content and its colour (nil: none). Width counts runes of Plain.
type text struct {
	Plain string
	Color *color.Color
}

func (t text) render() string {
	if t.Color == nil {
		return t.Plain
	}
	return t.Color.Sprint(t.Plain)
}

// statsTable is Newman's summary table: a first column 25 wide, two number columns, then
// rows spanning all three columns (durations, sizes). Like cli-table3, the two number
// columns widen, evenly, until the longest spanning row fits.
type statsTable struct {
	head  [3]text
	rows  [][3]text
	spans []text
}

func (t *statsTable) widths() [3]int {
	w := [3]int{25, 0, 0}
	for _, r := range append([][3]text{t.head}, t.rows...) {
		for i := 1; i < 3; i++ {
			w[i] = max(w[i], runeLen(r[i].Plain)+2)
		}
	}
	for i := len(t.spans) - 1; i >= 0; i-- {
		desired := runeLen(t.spans[i].Plain) + 2
		existing := w[0] + 1 + w[1] + 1 + w[2]
		for col, editable := 1, 2; editable > 0 && desired > existing; col, editable = col+1, editable-1 {
			dif := int(math.Floor(float64(desired-existing)/float64(editable) + 0.5))
			w[col] += dif
			existing += dif
		}
	}
	return w
}

// render draws the table; border is the colour of the box lines (nil: none).
func (t *statsTable) render(ch tableChars, border *color.Color) string {
	w := t.widths()
	full := w[0] + w[1] + w[2] + 2
	paint := func(s string) string {
		if border == nil {
			return s
		}
		return border.Sprint(s)
	}
	line := func(left, mid, right string, spans bool) string {
		if spans {
			return paint(left+strings.Repeat(ch.horizontal, full)+right) + "\n"
		}
		return paint(left+strings.Repeat(ch.horizontal, w[0])+mid+strings.Repeat(ch.horizontal, w[1])+
			mid+strings.Repeat(ch.horizontal, w[2])+right) + "\n"
	}
	row := func(r [3]text) string {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(paint(ch.vertical) + " " + strings.Repeat(" ", max(0, w[i]-2-runeLen(c.Plain))) +
				c.render() + " ")
		}
		return b.String() + paint(ch.vertical) + "\n"
	}
	var b strings.Builder
	b.WriteString(line(ch.topLeft, ch.topMid, ch.topRight, false))
	b.WriteString(row(t.head))
	for _, r := range t.rows {
		b.WriteString(line(ch.leftMid, ch.midMid, ch.rightMid, false))
		b.WriteString(row(r))
	}
	for i, s := range t.spans {
		if i == 0 {
			b.WriteString(line(ch.leftMid, ch.spanMid, ch.rightMid, false))
		} else {
			b.WriteString(line(ch.leftMid, "", ch.rightMid, true))
		}
		b.WriteString(paint(ch.vertical) + " " + s.render() +
			strings.Repeat(" ", max(0, full-2-runeLen(s.Plain))) + " " + paint(ch.vertical) + "\n")
	}
	last := len(t.rows) > 0 && len(t.spans) == 0
	b.WriteString(line(ch.bottomLeft, ch.spanMid, ch.bottomRight, !last))
	return b.String()
}

// cell is a multi-line cell of the borderless failure table.
type cell []text

// plainTable is a borderless table (Newman's failure table): columns as wide as their widest
// line plus one space each side, rows separated by an empty line, the first column
// right-aligned. Trailing spaces are trimmed.
func plainTable(rows [][]cell) string {
	var w []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(w) {
				w = append(w, 0)
			}
			for _, l := range c {
				w[i] = max(w[i], runeLen(l.Plain)+2)
			}
		}
	}
	var b strings.Builder
	for ri, r := range rows {
		if ri > 0 {
			b.WriteString("\n")
		}
		height := 0
		for _, c := range r {
			height = max(height, len(c))
		}
		for li := range height {
			var lb strings.Builder
			for ci, c := range r {
				var l text
				if li < len(c) {
					l = c[li]
				}
				fill := strings.Repeat(" ", max(0, w[ci]-2-runeLen(l.Plain)))
				if ci == 0 {
					lb.WriteString(" " + fill + l.render() + " ")
				} else {
					lb.WriteString(" " + l.render() + fill + " ")
				}
			}
			b.WriteString(strings.TrimRight(lb.String(), " ") + "\n")
		}
	}
	return b.String()
}
