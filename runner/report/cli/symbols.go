package cli

// symbols are the glyphs of the layout; asciiSymbols replace them with --disable-unicode
// (Newman's plain-text set).
type symbols struct {
	top, middle, bottom    string // console box
	dot, folder, root, sub string
	ok, star, up, down     string
	scriptErr              string // after the failure number of a script error
	table                  tableChars
}

// tableChars draw the summary table.
type tableChars struct {
	horizontal, vertical               string
	topLeft, topMid, topRight          string
	leftMid, midMid, rightMid, spanMid string
	bottomLeft, bottomRight            string
}

var unicodeSymbols = symbols{
	top: "┌", middle: "│", bottom: "└",
	dot: ".", folder: "❏", root: "→", sub: "↳",
	ok: "✓", star: "★", up: "↑", down: "↓",
	scriptErr: "⠄",
	table: tableChars{
		horizontal: "─", vertical: "│",
		topLeft: "┌", topMid: "┬", topRight: "┐",
		leftMid: "├", midMid: "┼", rightMid: "┤", spanMid: "┴",
		bottomLeft: "└", bottomRight: "┘",
	},
}

var asciiSymbols = symbols{
	top: "-", middle: "|", bottom: "-",
	dot: ".", folder: "Folder", root: "Root", sub: "Sub-folder",
	ok: "Pass", star: "*", up: "^", down: "v",
	scriptErr: ".",
	table: tableChars{
		horizontal: "-", vertical: "|",
		topLeft: "-", topMid: "-", topRight: "-",
		leftMid: "-", midMid: "+", rightMid: "-", spanMid: "-",
		bottomLeft: "-", bottomRight: "-",
	},
}
