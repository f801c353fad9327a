package sandbox

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bojanz/currency"
	"github.com/dop251/goja"
	"golang.org/x/text/collate"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// goja has no Intl. This file gives scripts Intl.NumberFormat, Intl.Collator and
// Intl.PluralRules (and, through them, Number/BigInt toLocaleString and
// String.prototype.localeCompare) from CLDR data in Go libraries, not from tables of our
// own: number symbols, grouping and currency patterns from github.com/bojanz/currency
// (CLDR 49; x/text's number data is CLDR 32, older than Node 20's, e.g. it groups French
// digits with U+00A0 where Node uses U+202F), the percent pattern from x/text/number,
// collation and plural rules from x/text. corejs/intl.js holds the JavaScript classes.
var progIntl = &coreProgram{file: "corejs/intl.js", params: "native"}

// intlState caches what the Intl constructors resolved, by locale and options.
type intlState struct {
	numbers   map[string]*numberFormat
	collators map[string]*collate.Collator
}

func installIntl(rt *jsRuntime, hostZone string) error {
	vm := rt.vm
	st := &intlState{numbers: map[string]*numberFormat{}, collators: map[string]*collate.Collator{}}
	native := vm.NewObject()
	_ = native.Set("canonicalLocale", func(c goja.FunctionCall) goja.Value {
		tag, err := language.Parse(c.Argument(0).String())
		if err != nil || c.Argument(0).String() == "" {
			throw(vm, "RangeError", "Incorrect locale information provided")
		}
		return vm.ToValue(tag.String())
	})
	_ = native.Set("numberParts", func(c goja.FunctionCall) goja.Value {
		nf := st.number(c.Argument(0).String(), c.Argument(1).ToObject(vm))
		return partsArray(vm, nf.parts(c.Argument(2)))
	})
	_ = native.Set("compare", func(c goja.FunctionCall) goja.Value {
		col := st.collator(c.Argument(0).String(), c.Argument(1).ToObject(vm))
		return vm.ToValue(col.CompareString(c.Argument(2).String(), c.Argument(3).String()))
	})
	_ = native.Set("plural", func(c goja.FunctionCall) goja.Value {
		tag := language.Make(c.Argument(0).String())
		rules := plural.Cardinal
		if c.Argument(1).String() == "ordinal" {
			rules = plural.Ordinal
		}
		return vm.ToValue(pluralForm(rules, tag, c.Argument(2).String()))
	})
	_ = native.Set("currencyDigits", func(c goja.FunctionCall) goja.Value {
		d, ok := currency.GetDigits(strings.ToUpper(c.Argument(0).String()))
		if !ok {
			return vm.ToValue(2)
		}
		return vm.ToValue(int(d))
	})
	_ = native.Set("hostTimeZone", func(goja.FunctionCall) goja.Value {
		if name, ok := canonicalTimeZone(hostZone); ok && hostZone != "" {
			return vm.ToValue(name)
		}
		return vm.ToValue(hostTimeZone())
	})
	_ = native.Set("timeZone", func(c goja.FunctionCall) goja.Value {
		name, ok := canonicalTimeZone(c.Argument(0).String())
		if !ok {
			throw(vm, "RangeError", "Invalid time zone specified: "+c.Argument(0).String())
		}
		return vm.ToValue(name)
	})
	_ = native.Set("preferredHour", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(string(preferredHour(c.Argument(0).String())))
	})
	dateFormatter := func(v goja.Value) *dateFormatter {
		var o dateOptions
		if err := json.Unmarshal([]byte(v.String()), &o); err != nil {
			throw(vm, "Error", "Intl.DateTimeFormat: "+err.Error())
		}
		f, err := newDateFormatter(o)
		if err != nil {
			throw(vm, "RangeError", "Intl.DateTimeFormat: "+err.Error())
		}
		return f
	}
	_ = native.Set("datePattern", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(dateFormatter(c.Argument(0)).pattern)
	})
	_ = native.Set("dateParts", func(c goja.FunctionCall) goja.Value {
		f := dateFormatter(c.Argument(0))
		return partsArray(vm, f.parts(c.Argument(1).ToFloat()))
	})
	_, err := progIntl.call(vm, native)
	return err
}

// numberFormat is one resolved Intl.NumberFormat.
type numberFormat struct {
	tag              language.Tag
	style            string // decimal, percent, currency
	currency         string
	display          string // symbol, narrowSymbol, code, name
	minInt           int
	minFrac, maxFrac int
	minSig, maxSig   int // 0 when fraction digits rule
	grouping         bool
	decimal, group   string // the locale's symbols
	f                *currency.Formatter
	pctPrefix        string // the percent pattern around the number, from x/text
	pctSuffix        string
}

func (st *intlState) number(locale string, o *goja.Object) *numberFormat {
	key := locale + "\x00" + jsonKey(o)
	if nf, ok := st.numbers[key]; ok {
		return nf
	}
	nf := &numberFormat{
		tag:      language.Make(locale),
		style:    o.Get("style").String(),
		currency: strings.ToUpper(optString(o, "currency")),
		display:  optString(o, "currencyDisplay"),
		minInt:   int(o.Get("minimumIntegerDigits").ToInteger()),
		minFrac:  int(o.Get("minimumFractionDigits").ToInteger()),
		maxFrac:  int(o.Get("maximumFractionDigits").ToInteger()),
		grouping: o.Get("useGrouping").ToBoolean(),
	}
	if v := o.Get("maximumSignificantDigits"); v != nil && !goja.IsUndefined(v) {
		nf.maxSig = int(v.ToInteger())
		nf.minSig = int(o.Get("minimumSignificantDigits").ToInteger())
	}
	f := currency.NewFormatter(currency.NewLocale(locale))
	f.NoGrouping = !nf.grouping
	f.MinDigits, f.MaxDigits = uint8(min(nf.minFrac, 20)), uint8(min(nf.maxFrac, 20))
	switch {
	case nf.style != "currency":
		f.CurrencyDisplay = currency.DisplayNone
	case nf.display == "code" || nf.display == "name":
		f.CurrencyDisplay = currency.DisplayCode
	}
	nf.f = f
	nf.decimal, nf.group = separators(f.Locale())
	if nf.style == "percent" {
		p := message.NewPrinter(nf.tag).Sprint(number.Percent(0))
		nf.pctPrefix, nf.pctSuffix, _ = strings.Cut(p, "0")
	}
	st.numbers[key] = nf
	return nf
}

func optString(o *goja.Object, name string) string {
	v := o.Get(name)
	if v == nil || goja.IsUndefined(v) {
		return ""
	}
	return v.String()
}

// jsonKey is a cache key for a plain options object.
func jsonKey(o *goja.Object) string {
	b, err := o.MarshalJSON()
	if err != nil {
		return o.String()
	}
	return string(b)
}

type numberPart struct{ typ, value string }

// partsArray is formatToParts' answer: [{type, value}, …].
func partsArray(vm *goja.Runtime, parts []numberPart) goja.Value {
	out := make([]any, len(parts))
	for i, p := range parts {
		o := vm.NewObject()
		_ = o.Set("type", p.typ)
		_ = o.Set("value", p.value)
		out[i] = o
	}
	return vm.NewArray(out...)
}

// parts formats v as formatToParts does.
func (nf *numberFormat) parts(v goja.Value) []numberPart {
	var x float64
	var digits string // the number as a plain decimal string
	if bi, ok := v.Export().(interface{ String() string }); ok && v.ExportType() != nil && v.ExportType().String() == "*big.Int" {
		digits = bi.String()
		x, _ = strconv.ParseFloat(digits, 64)
	} else {
		x = v.ToFloat()
	}
	switch {
	case math.IsNaN(x):
		return nf.wrap([]numberPart{{"nan", "NaN"}}, false)
	case math.IsInf(x, 0):
		return nf.wrap([]numberPart{{"infinity", "∞"}}, x < 0)
	}
	if nf.style == "percent" {
		x *= 100
	}
	if digits == "" || nf.style == "percent" {
		digits = nf.decimalString(x)
	}
	code := nf.currency
	if code == "" {
		code = "USD"
	}
	digits = roundDecimal(digits, nf.minFrac, nf.maxFrac)
	amount, err := currency.NewAmount(digits, code)
	if err != nil {
		return []numberPart{{"literal", digits}}
	}
	// The string already has the digits to show; the formatter must not round it again
	// (its decimal context has 16 digits of precision).
	f := *nf.f
	_, frac, _ := strings.Cut(digits, ".")
	f.MinDigits, f.MaxDigits = uint8(len(frac)), uint8(len(frac))
	text := f.Format(amount)
	ps := nf.splitNumber(text, code)
	if strings.HasPrefix(digits, "-") && amount.IsZero() && (len(ps) == 0 || ps[0].typ != "minusSign") {
		ps = append([]numberPart{{"minusSign", "-"}}, ps...) // -0: the decimal library drops the sign
	}
	if nf.minInt > 1 {
		ps = padInteger(ps, nf.minInt)
	}
	if nf.style == "percent" {
		neg := len(ps) > 0 && ps[0].typ == "minusSign"
		if neg {
			ps = ps[1:]
		}
		return nf.wrapPercent(ps, neg)
	}
	return ps
}

// roundDecimal rounds the plain decimal s half away from zero to at most maxFrac fraction
// digits, then drops trailing zeros down to minFrac (and pads up to it).
func roundDecimal(s string, minFrac, maxFrac int) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	if len(frac) > maxFrac {
		up := frac[maxFrac] >= '5'
		digits := []byte(intPart + frac[:maxFrac])
		for i := len(digits) - 1; up && i >= 0; i-- {
			if digits[i] == '9' {
				digits[i] = '0'
				continue
			}
			digits[i]++
			up = false
		}
		if up {
			digits = append([]byte{'1'}, digits...)
		}
		intPart, frac = string(digits[:len(digits)-maxFrac]), string(digits[len(digits)-maxFrac:])
	}
	for len(frac) > minFrac && strings.HasSuffix(frac, "0") {
		frac = frac[:len(frac)-1]
	}
	if len(frac) < minFrac {
		frac += strings.Repeat("0", minFrac-len(frac))
	}
	out := intPart
	if frac != "" {
		out += "." + frac
	}
	if neg { // ICU keeps the sign of a negative number that rounds to zero
		out = "-" + out
	}
	return out
}

// decimalString renders x as a plain decimal, rounded to significant digits when asked.
func (nf *numberFormat) decimalString(x float64) string {
	if nf.maxSig > 0 {
		s := strconv.FormatFloat(x, 'e', nf.maxSig-1, 64)
		x, _ = strconv.ParseFloat(s, 64)
		out := strconv.FormatFloat(x, 'f', -1, 64)
		if nf.minSig > 0 {
			out = padSignificant(out, nf.minSig)
		}
		return out
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// padSignificant appends fraction zeros until s has n significant digits.
func padSignificant(s string, n int) string {
	sig := 0
	started := false
	for _, c := range s {
		if c >= '1' && c <= '9' || started && c == '0' {
			started = true
			sig++
		}
	}
	if sig >= n {
		return s
	}
	if !strings.Contains(s, ".") {
		s += "."
	}
	return s + strings.Repeat("0", n-sig)
}

func (nf *numberFormat) wrap(core []numberPart, neg bool) []numberPart {
	if neg {
		core = append([]numberPart{{"minusSign", "-"}}, core...)
	}
	if nf.style == "percent" {
		return nf.wrapPercent(core, false)
	}
	return core
}

func (nf *numberFormat) wrapPercent(core []numberPart, neg bool) []numberPart {
	var out []numberPart
	if neg {
		out = append(out, numberPart{"minusSign", "-"})
	}
	out = append(out, affixParts(nf.pctPrefix)...)
	out = append(out, core...)
	return append(out, affixParts(nf.pctSuffix)...)
}

func affixParts(s string) []numberPart {
	var out []numberPart
	for _, r := range s {
		if r == '%' {
			out = append(out, numberPart{"percentSign", "%"})
		} else {
			out = append(out, numberPart{"literal", string(r)})
		}
	}
	return mergeLiterals(out)
}

// splitNumber cuts a formatted amount into Intl parts: integer groups, group and decimal
// separators, fraction, minus sign, currency and literals.
func (nf *numberFormat) splitNumber(text, code string) []numberPart {
	sym := ""
	if nf.style == "currency" {
		if nf.f.CurrencyDisplay == currency.DisplayCode {
			sym = code
		} else if s, ok := currency.GetSymbol(code, nf.f.Locale()); ok {
			sym = s
		}
	}
	var out []numberPart
	seenDecimal := false
	for i := 0; i < len(text); {
		if sym != "" && strings.HasPrefix(text[i:], sym) {
			out = append(out, numberPart{"currency", sym})
			i += len(sym)
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsDigit(r):
			j := i
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsDigit(r2) {
					break
				}
				j += n2
			}
			typ := "integer"
			if seenDecimal {
				typ = "fraction"
			}
			out = append(out, numberPart{typ, text[i:j]})
			i = j
			continue
		case r == '-' || r == '\u2212':
			out = append(out, numberPart{"minusSign", string(r)})
		case r == '+':
			out = append(out, numberPart{"plusSign", "+"})
		case string(r) == nf.decimal && !seenDecimal && i > 0 && isDigitBefore(text, i) && i+n < len(text) && isDigitAt(text, i+n):
			out = append(out, numberPart{"decimal", string(r)})
			seenDecimal = true
		case string(r) == nf.group && !seenDecimal && i > 0 && isDigitBefore(text, i) && i+n < len(text) && isDigitAt(text, i+n):
			out = append(out, numberPart{"group", string(r)})
		default:
			out = append(out, numberPart{"literal", string(r)})
		}
		i += n
	}
	return mergeLiterals(out)
}

func isDigitAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsDigit(r)
}

func isDigitBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsDigit(r)
}

// separators finds the locale's decimal and group symbols by formatting 1234.5.
func separators(loc currency.Locale) (decimal, group string) {
	f := currency.NewFormatter(loc)
	f.CurrencyDisplay = currency.DisplayNone
	f.MinDigits, f.MaxDigits = 1, 1
	a, _ := currency.NewAmount("1234.5", "USD")
	text := []rune(f.Format(a))
	var seps []string
	for i := 1; i+1 < len(text); i++ {
		if !unicode.IsDigit(text[i]) && unicode.IsDigit(text[i-1]) && unicode.IsDigit(text[i+1]) {
			seps = append(seps, string(text[i]))
		}
	}
	switch len(seps) {
	case 2:
		return seps[1], seps[0]
	case 1:
		return seps[0], ""
	}
	return ".", ","
}

func mergeLiterals(ps []numberPart) []numberPart {
	var out []numberPart
	for _, p := range ps {
		if p.typ == "literal" && len(out) > 0 && out[len(out)-1].typ == "literal" {
			out[len(out)-1].value += p.value
			continue
		}
		out = append(out, p)
	}
	return out
}

// padInteger prepends zeros to the integer part so it has at least n digits.
func padInteger(ps []numberPart, n int) []numberPart {
	have := 0
	first := -1
	for i, p := range ps {
		if p.typ == "integer" {
			if first < 0 {
				first = i
			}
			have += len(p.value)
		}
	}
	if first >= 0 && have < n {
		ps[first].value = strings.Repeat("0", n-have) + ps[first].value
	}
	return ps
}

func (st *intlState) collator(locale string, o *goja.Object) *collate.Collator {
	key := locale + "\x00" + optString(o, "sensitivity") + optString(o, "numeric") + optString(o, "ignorePunctuation")
	if c, ok := st.collators[key]; ok {
		return c
	}
	var opts []collate.Option
	switch optString(o, "sensitivity") {
	case "base":
		opts = append(opts, collate.IgnoreCase, collate.IgnoreDiacritics)
	case "accent":
		opts = append(opts, collate.IgnoreCase)
	case "case":
		opts = append(opts, collate.IgnoreDiacritics)
	}
	if optString(o, "numeric") == "true" {
		opts = append(opts, collate.Numeric)
	}
	if optString(o, "ignorePunctuation") == "true" {
		opts = append(opts, collate.Loose)
	}
	c := collate.New(language.Make(locale), opts...)
	st.collators[key] = c
	return c
}

// pluralForm returns the CLDR plural category of the decimal string s.
func pluralForm(rules *plural.Rules, tag language.Tag, s string) string {
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	i, _ := strconv.Atoi(intPart)
	if len(intPart) > 9 {
		i = 1000000000 // large numbers: only i mod 10^n matters to CLDR rules, keep it big
	}
	v := len(frac)
	trimmed := strings.TrimRight(frac, "0")
	w := len(trimmed)
	f, _ := strconv.Atoi("0" + frac)
	t, _ := strconv.Atoi("0" + trimmed)
	switch rules.MatchPlural(tag, i, v, w, f, t) {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}
