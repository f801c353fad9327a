package cli

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
)

// bodyClip is how much of a body --verbose shows (Newman's limit).
const bodyClip = 2048

// beforeRequest prints "  METHOD url " and leaves the line open for the outcome.
func (r *Reporter) beforeRequest(at time.Time, req *event.HTTPRequest) {
	if req == nil {
		return
	}
	line := "  " + r.pal.paint(r.pal.gray, req.Method) + " " + r.pal.paint(r.pal.gray, req.URL) + " "
	if r.opts.ShowTimestamps {
		line = "  " + r.pal.gray.Sprint("["+at.Format("2006-01-02 15:04:05")+"]") + "  " +
			r.pal.gray.Sprint(req.Method) + " " + r.pal.gray.Sprint(req.URL) + " "
	}
	r.write(line)
	r.inRequest = true
}

// request completes the request line: "[200 OK, 1.2kB, 34ms]", or "[errored]" and the error.
func (r *Reporter) request(e *event.Request) {
	if !r.inRequest {
		r.beforeRequest(e.Time, e.Request)
	}
	r.inRequest = false
	if e.Err != nil || e.Response == nil {
		msg := "Internal error! Could not read response data."
		if e.Err != nil {
			msg = e.Err.Message
		}
		r.raw(r.pal.red.Sprint("[errored]") + "\n")
		r.line(r.pal.red.Sprint("     " + msg))
		return
	}
	res := e.Response
	if !r.opts.Verbose {
		r.raw(r.pal.paint(r.pal.gray, "["+strconv.Itoa(res.Code)+" "+res.Status+", "+fileSize(int64(res.Size))+", "+
			prettyDuration(res.ResponseTime)+"]") + "\n")
		return
	}
	r.raw("\n")
	r.verbose(e.Request, res)
}

// verbose prints the one-line exchange summary, then the request and the response, each
// with its headers and (clipped) body.
func (r *Reporter) verbose(req *event.HTTPRequest, res *collections.Response) {
	star := " " + r.pal.gray.Sprint(r.sym.star) + " "
	reqHeaders, reqBody := []collections.Header(nil), []byte(nil)
	method, url := "", ""
	if req != nil {
		reqHeaders, reqBody, method, url = req.Headers, req.Body, req.Method, req.URL
	}
	up, down := r.pal.gray.Sprint(r.sym.up), r.pal.gray.Sprint(r.sym.down)
	r.line("  " + strings.Join([]string{
		strconv.Itoa(res.Code) + " " + res.Status,
		prettyDuration(res.ResponseTime) + " " + r.pal.gray.Sprint("time"),
		fileSize(exchangeSize(reqHeaders, reqBody)) + up + " " + fileSize(int64(res.Size)) + down + " " +
			r.pal.gray.Sprint("size"),
		strconv.Itoa(len(reqHeaders)) + up + " " + strconv.Itoa(len(res.Headers)) + down + " " +
			r.pal.gray.Sprint("headers"),
		strconv.Itoa(len(res.Cookies)) + " " + r.pal.gray.Sprint("cookies"),
	}, star))
	r.block(r.sym.up+" "+method+" "+url+star+fileSize(int64(len(reqBody))), reqHeaders, reqBody)
	r.block(r.sym.down+" "+strconv.Itoa(res.Code)+" "+res.Status+star+fileSize(int64(len(res.Body))),
		res.Headers, res.Body)
	if res.Timings.Total > 0 {
		r.write(timingTable(res.Timings))
	}
}

// timingTable is Newman's --verbose phase table: the phase names over their durations,
// "(cache)" for a phase that did not happen (DNS or handshakes of a reused connection).
func timingTable(t collections.Timings) string {
	type col struct{ name, value string }
	cached := func(d time.Duration) string {
		if d <= 0 {
			return "(cache)"
		}
		return prettyDuration(d)
	}
	cols := []col{{"prepare", prettyDuration(t.Prepare)}, {"wait", prettyDuration(t.Wait)},
		{"dns-lookup", cached(t.DNS)}, {"tcp-handshake", cached(t.TCP)}}
	if t.Secure {
		cols = append(cols, col{"ssl-handshake", cached(t.TLS)})
	}
	cols = append(cols, col{"transfer-start", prettyDuration(t.TransferStart)},
		col{"download", prettyDuration(t.Download)}, col{"process", prettyDuration(t.Process)},
		col{"total", prettyDuration(t.Total)})
	var head, vals strings.Builder
	for _, c := range cols {
		w := max(runeLen(c.name), runeLen(c.value))
		head.WriteString("  " + c.name + strings.Repeat(" ", w-runeLen(c.name)+1))
		vals.WriteString("  " + c.value + strings.Repeat(" ", w-runeLen(c.value)+1))
	}
	return "\n" + head.String() + "\n" + vals.String() + "\n\n"
}

// block prints a boxed header list and body.
func (r *Reporter) block(title string, headers []collections.Header, body []byte) {
	c := r.pal.white
	var b strings.Builder
	b.WriteString(c.Sprint("  "+r.sym.top) + " " + title + "\n")
	bar := c.Sprint("  "+r.sym.middle) + " "
	for _, h := range headers {
		if !h.Disabled {
			b.WriteString(bar + r.pal.gray.Sprint(h.Key+": "+h.Value) + "\n")
		}
	}
	if len(body) > 0 {
		if len(headers) > 0 {
			b.WriteString(strings.TrimRight(bar, " ") + "\n")
		}
		for _, l := range bodyLines(body) {
			b.WriteString(bar + r.pal.gray.Sprint(l) + "\n")
		}
	}
	b.WriteString(c.Sprint("  "+r.sym.bottom) + "\n")
	r.write(b.String())
}

// bodyLines is the body as lines of text, clipped to bodyClip bytes; a body that is not
// UTF-8 text is summarised.
func bodyLines(body []byte) []string {
	shown := body
	if len(shown) > bodyClip {
		shown = shown[:bodyClip]
		for i := 1; i < utf8.UTFMax && !utf8.Valid(shown); i++ {
			shown = shown[:len(shown)-1] // do not cut a character in two
		}
	}
	if !utf8.Valid(shown) || strings.ContainsRune(string(shown), 0) {
		return []string{"(binary, " + fileSize(int64(len(body))) + ")"}
	}
	var lines []string
	for _, l := range strings.Split(string(shown), "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, strings.TrimRight(l, "\r"))
		}
	}
	if len(shown) < len(body) {
		lines = append(lines, "(showing "+fileSize(int64(len(shown)))+"/"+fileSize(int64(len(body)))+")")
	}
	return lines
}

// exchangeSize approximates a request's size: headers ("Key: value\r\n") and body.
func exchangeSize(headers []collections.Header, body []byte) int64 {
	n := int64(len(body))
	for _, h := range headers {
		n += int64(len(h.Key) + len(h.Value) + 4)
	}
	return n
}
