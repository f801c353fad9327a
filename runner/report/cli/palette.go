package cli

import "github.com/fatih/color"

// palette holds the reporter's colours, each switched on or off for this reporter alone.
type palette struct {
	gray, grayUnderline, green, red, redBold, redUnderline *color.Color
	cyan, yellow, blue, white                              *color.Color
	on                                                     bool
}

// paint is c.Sprint(s), without formatting work when colours are off.
func (p palette) paint(c *color.Color, s string) string {
	if !p.on {
		return s
	}
	return c.Sprint(s)
}

func newPalette(on bool) palette {
	mk := func(attrs ...color.Attribute) *color.Color {
		c := color.New(attrs...)
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return c
	}
	return palette{
		gray:          mk(color.FgHiBlack),
		grayUnderline: mk(color.FgHiBlack, color.Underline),
		green:         mk(color.FgGreen),
		red:           mk(color.FgRed),
		redBold:       mk(color.FgRed, color.Bold),
		redUnderline:  mk(color.FgRed, color.Underline),
		cyan:          mk(color.FgCyan),
		yellow:        mk(color.FgYellow),
		blue:          mk(color.FgBlue),
		white:         mk(color.FgWhite),
		on:            on,
	}
}

// level is the colour of a console level (Newman's theme).
func (p palette) level(l string) *color.Color {
	switch l {
	case "info":
		return p.cyan
	case "warn":
		return p.yellow
	case "debug":
		return p.blue
	case "error":
		return p.red
	}
	return p.gray
}
