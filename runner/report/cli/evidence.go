package cli

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
)

// FailureDetails says how much evidence the summary shows for each failed item
// (--reporter-cli-failure-details).
type FailureDetails string

const (
	// DetailsSummary (the default) shows the request line, the response status line and
	// headers, the first 2 KB of the body (JSON pretty-printed) and each failed assertion's
	// expected and actual values.
	DetailsSummary FailureDetails = "summary"
	// DetailsFull adds the request's headers and body and shows the whole response body.
	DetailsFull FailureDetails = "full"
	// DetailsNone prints Newman's failure table only.
	DetailsNone FailureDetails = "none"
)

// ParseFailureDetails checks a --reporter-cli-failure-details value.
func ParseFailureDetails(s string) (FailureDetails, bool) {
	switch d := FailureDetails(s); d {
	case DetailsSummary, DetailsFull, DetailsNone:
		return d, true
	}
	return "", false
}

// evidenceClip is how much of a response body the failure details show by default.
const evidenceClip = 2048

// fullClip bounds the body shown with DetailsFull, so one huge response cannot flood a log.
const fullClip = 1 << 20

// evidence is what a failed item execution sent and received, kept (clipped) until the
// summary prints it.
type evidence struct {
	ref       string
	item      *collections.Item
	cursor    event.Cursor
	request   string   // "GET https://..."
	reqLines  []string // request headers and body (DetailsFull)
	status    string   // "HTTP/1.1 200 OK · 34ms · 1.2kB", or the request error
	headers   []string
	body      []string
	bodyNote  string // the cut said in words
	noRequest bool
}

// track remembers the item's own request until the item ends, and marks failed executions.
func (r *Reporter) track(ev event.Event) {
	if r.details() == DetailsNone {
		return
	}
	switch e := ev.(type) {
	case *event.Request:
		if !e.FromScript {
			r.pending[e.Cursor.Ref] = e
		}
	case *event.Assertion:
		if e.Err != nil && !e.Skipped {
			r.failedRefs[e.Cursor.Ref] = true
		}
	case *event.Script:
		if e.Err != nil {
			r.failedRefs[e.Cursor.Ref] = true
		}
	case *event.Item:
		ref := e.Cursor.Ref
		req := r.pending[ref]
		delete(r.pending, ref)
		if r.failedRefs[ref] || (req != nil && req.Err != nil) {
			delete(r.failedRefs, ref)
			r.evidence = append(r.evidence, r.collect(e, req))
		}
	}
}

func (r *Reporter) details() FailureDetails {
	if r.opts.FailureDetails == "" {
		return DetailsSummary
	}
	return r.opts.FailureDetails
}

// collect clips what the summary shows of one failed execution.
func (r *Reporter) collect(it *event.Item, e *event.Request) *evidence {
	ev := &evidence{ref: it.Cursor.Ref, item: it.Item, cursor: it.Cursor}
	if e == nil || e.Request == nil {
		ev.noRequest = true
		return ev
	}
	ev.request = e.Request.Method + " " + e.Request.URL
	full := r.details() == DetailsFull
	if full {
		for _, h := range e.Request.Headers {
			if !h.Disabled {
				ev.reqLines = append(ev.reqLines, h.Key+": "+h.Value)
			}
		}
		if len(e.Request.Body) > 0 {
			lines, note := prettyBody(r.redact(e.Request.Body), "", fullClip)
			ev.reqLines = append(ev.reqLines, "")
			ev.reqLines = append(ev.reqLines, lines...)
			if note != "" {
				ev.reqLines = append(ev.reqLines, note)
			}
		}
	}
	if e.Err != nil || e.Response == nil {
		msg := "no response"
		if e.Err != nil {
			msg = "no response: " + e.Err.Message
		}
		ev.status = msg
		return ev
	}
	res := e.Response
	proto := res.Proto
	if proto == "" {
		proto = "HTTP/1.1"
	}
	ev.status = proto + " " + strconv.Itoa(res.Code) + " " + res.Status + " · " +
		prettyDuration(res.ResponseTime) + " · " + fileSize(int64(len(res.Body)))
	contentType := ""
	for _, h := range res.Headers {
		ev.headers = append(ev.headers, h.Key+": "+h.Value)
		if strings.EqualFold(h.Key, "Content-Type") {
			contentType = h.Value
		}
	}
	limit := evidenceClip
	if full {
		limit = fullClip
	}
	ev.body, ev.bodyNote = prettyBody(r.redact(res.Body), contentType, limit)
	return ev
}

// redact masks secrets in a body with Options.Redact.
func (r *Reporter) redact(b []byte) []byte {
	if r.opts.Redact == nil || len(b) == 0 {
		return b
	}
	return []byte(r.opts.Redact(string(b)))
}

// prettyBody is a body as lines: JSON indented, cut to limit bytes with the cut said in
// words; binary bodies are summarised.
func prettyBody(body []byte, contentType string, limit int) ([]string, string) {
	if len(body) == 0 {
		return nil, ""
	}
	shown := body
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[' || strings.Contains(contentType, "json")) &&
		len(body) <= 8<<20 {
		var b bytes.Buffer
		if json.Indent(&b, trimmed, "", "  ") == nil {
			shown = b.Bytes()
		}
	}
	total := len(shown)
	if len(shown) > limit {
		shown = shown[:limit]
		for i := 1; i < utf8.UTFMax && !utf8.Valid(shown); i++ {
			shown = shown[:len(shown)-1]
		}
	}
	if !utf8.Valid(shown) || bytes.IndexByte(shown, 0) >= 0 {
		return []string{"(binary body, " + fileSize(int64(len(body))) + ")"}, ""
	}
	lines := strings.Split(strings.TrimRight(string(shown), "\r\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, "\r")
	}
	note := ""
	if len(shown) < total {
		note = "(body cut: showing the first " + fileSize(int64(len(shown))) + " of " + fileSize(int64(total)) + ")"
	}
	return lines, note
}

// failureDetails renders the evidence of each failed execution, with its failures.
func (r *Reporter) failureDetails(fs []event.Failure) string {
	if r.details() == DetailsNone || len(r.evidence) == 0 {
		return ""
	}
	num := map[string][]int{}
	for i, f := range fs {
		num[f.Cursor.Ref] = append(num[f.Cursor.Ref], i)
	}
	digits := len(strconv.Itoa(len(fs)))
	var b strings.Builder
	b.WriteString("\n" + r.pal.redUnderline.Sprint("failure details") + "\n")
	const ind = "    "
	for _, ev := range r.evidence {
		title := event.ItemFullName(ev.item)
		if ev.cursor.Iterations > 1 {
			title += r.pal.gray.Sprint("  (iteration " + strconv.Itoa(ev.cursor.Iteration+1) + ")")
		}
		b.WriteString("\n" + r.pal.redBold.Sprint(title) + "\n")
		if ev.noRequest {
			b.WriteString(ind + r.pal.gray.Sprint("(no request was sent)") + "\n")
		} else {
			b.WriteString(ind + r.sym.up + " " + ev.request + "\n")
			for _, l := range ev.reqLines {
				b.WriteString(ind + "  " + r.pal.gray.Sprint(l) + "\n")
			}
			b.WriteString(ind + r.sym.down + " " + ev.status + "\n")
			for _, h := range ev.headers {
				b.WriteString(ind + "  " + r.pal.gray.Sprint(h) + "\n")
			}
			if len(ev.body) > 0 {
				b.WriteString("\n")
				for _, l := range ev.body {
					b.WriteString(ind + "  " + r.pal.gray.Sprint(l) + "\n")
				}
			}
			if ev.bodyNote != "" {
				b.WriteString(ind + "  " + r.pal.yellow.Sprint(ev.bodyNote) + "\n")
			}
		}
		for _, i := range num[ev.ref] {
			f := fs[i]
			label := f.Err.Test
			if label == "" {
				label = f.Err.Name + " at " + f.At
			}
			b.WriteString("\n" + ind + padLeft(strconv.Itoa(i+1), digits, "0") + ". " + label + "\n")
			for _, l := range strings.Split(f.Err.Message, "\n") {
				b.WriteString(ind + "    " + r.pal.gray.Sprint(l) + "\n")
			}
			if f.Err.Expected != "" || f.Err.Actual != "" {
				b.WriteString(ind + "    expected: " + r.pal.green.Sprint(f.Err.Expected) + "\n")
				b.WriteString(ind + "    actual:   " + r.pal.red.Sprint(f.Err.Actual) + "\n")
			}
		}
	}
	return b.String()
}
