package eventtest

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/pmrun/pmrun/collections"
	"github.com/pmrun/pmrun/runner/event"
)

// T0 is when every synthetic run starts.
var T0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// Builder records a run's events in the order the runner emits them. Each event is one
// millisecond after the previous one. Methods that take a func emit the opening event, call
// it, then emit the closing event.
type Builder struct {
	Events []event.Event
	now    time.Time
	cur    event.Cursor
	item   *collections.Item
	listen string
	index  int
	refs   int
}

// New starts a run of coll with the given iteration count and items per iteration.
func New(coll *collections.Collection, iterations, length int) *Builder {
	b := &Builder{now: T0, cur: event.Cursor{Iterations: iterations, Length: length}}
	b.emit(&event.Start{Header: b.header(), Collection: coll,
		Environment: &collections.VariableScope{ID: "env-1", Name: "env",
			Values: []collections.Variable{{Key: "baseUrl", Value: "http://127.0.0.1:1"}}},
		Globals: &collections.VariableScope{}})
	return b
}

func (b *Builder) header() event.Header {
	h := event.Header{Cursor: b.cur, Time: b.now}
	b.now = b.now.Add(time.Millisecond)
	return h
}

func (b *Builder) emit(ev event.Event) { b.Events = append(b.Events, ev) }

// Iteration emits BeforeIteration, fn's events, Iteration.
func (b *Builder) Iteration(i int, fn func()) {
	b.cur.Iteration, b.cur.Position = i, 0
	b.emit(&event.BeforeIteration{Header: b.header()})
	fn()
	b.emit(&event.Iteration{Header: b.header()})
}

// Item emits BeforeItem, fn's events, Item for the item at position pos.
func (b *Builder) Item(pos int, it *collections.Item, fn func()) {
	b.refs++
	b.cur.Position, b.cur.Ref, b.cur.ItemID = pos, "ref-"+strconv.Itoa(b.refs), it.ID
	b.cur.ItemPath = path(it)
	b.item = it
	b.emit(&event.BeforeItem{Header: b.header(), Item: it})
	fn()
	b.emit(&event.Item{Header: b.header(), Item: it})
}

// Prerequest emits BeforePrerequest, fn's events, Prerequest.
func (b *Builder) Prerequest(fn func()) {
	b.emit(&event.BeforePrerequest{Header: b.header(), Item: b.item})
	fn()
	b.emit(&event.Prerequest{Header: b.header(), Item: b.item})
}

// Test emits BeforeTest, fn's events, Test.
func (b *Builder) Test(fn func()) {
	b.emit(&event.BeforeTest{Header: b.header(), Item: b.item})
	fn()
	b.emit(&event.Test{Header: b.header(), Item: b.item})
}

// Script emits BeforeScript, fn's events (assertions, console), Script with err.
func (b *Builder) Script(listen string, fn func(), err *event.Error) {
	b.ScriptSource(listen, "", fn, err)
}

// ScriptSource is Script for a script with the given source text.
func (b *Builder) ScriptSource(listen, source string, fn func(), err *event.Error) {
	b.listen, b.index = listen, 0
	b.emit(&event.BeforeScript{Header: b.header(), Item: b.item, Listen: listen,
		Script: collections.Script{Source: source}})
	if fn != nil {
		fn()
	}
	b.emit(&event.Script{Header: b.header(), Item: b.item, Listen: listen, Err: err})
}

// Pass emits a passing assertion.
func (b *Builder) Pass(name string) { b.assertion(name, false, nil) }

// Skip emits a skipped assertion.
func (b *Builder) Skip(name string) { b.assertion(name, true, nil) }

// Fail emits a failed assertion with an AssertionError carrying msg.
func (b *Builder) Fail(name, msg string) {
	b.assertion(name, false, &event.Error{Name: "AssertionError", Message: msg, Test: name,
		Index: b.index, Stack: "AssertionError: " + msg + "\n   at Object.eval sandbox-script.js:1:1)"})
}

func (b *Builder) assertion(name string, skipped bool, err *event.Error) {
	b.emit(&event.Assertion{Header: b.header(), Item: b.item, Listen: b.listen, Name: name,
		Index: b.index, Skipped: skipped, Err: err})
	b.index++
}

// Console emits a console line from the current script.
func (b *Builder) Console(level, text string) {
	b.emit(&event.Console{Header: b.header(), Item: b.item, Listen: b.listen, Level: level, Text: text})
}

// Warning emits a runner warning.
func (b *Builder) Warning(text string) {
	b.emit(&event.Warning{Header: b.header(), Item: b.item, Text: text})
}

// Request emits BeforeRequest and Request. resp is nil when err is set.
func (b *Builder) Request(req *event.HTTPRequest, resp *collections.Response, err *event.Error) {
	b.emit(&event.BeforeRequest{Header: b.header(), Item: b.item, Request: req})
	c := b.cur
	c.HTTPReqID = "req-" + c.Ref
	h := b.header()
	h.Cursor = c
	b.emit(&event.Request{Header: h, Item: b.item, Request: req, Response: resp, Err: err})
}

// Done emits BeforeDone and Done.
func (b *Builder) Done(err *event.Error) {
	b.cur.Position, b.cur.Ref, b.cur.ItemID, b.cur.ItemPath = 0, "", "", nil
	b.emit(&event.BeforeDone{Header: b.header()})
	b.emit(&event.Done{Header: b.header(), Err: err})
}

// Replay sends every event to each reporter in turn, stopping at the first error.
func (b *Builder) Replay(reps ...event.Reporter) error {
	for _, ev := range b.Events {
		for _, r := range reps {
			if err := r.Report(context.Background(), ev); err != nil {
				return err
			}
		}
	}
	return nil
}

// Summary replays the events into a new Collector and returns its summary.
func (b *Builder) Summary() *event.Summary {
	c := event.NewCollector()
	_ = b.Replay(c)
	return c.Summary()
}

func path(it *collections.Item) []string {
	var p []string
	for x := it; x != nil; x = x.Parent {
		p = append([]string{x.Name}, p...)
	}
	return p
}

// Collection makes a collection of the given top-level items, with its Raw JSON.
func Collection(name string, items ...*collections.Item) *collections.Collection {
	c := &collections.Collection{Info: collections.Info{ID: "coll-1", Name: name,
		Schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, Items: items}
	raw := map[string]any{"info": c.Info, "item": rawItems(items)}
	c.Raw, _ = json.Marshal(raw)
	return c
}

func rawItems(items []*collections.Item) []json.RawMessage {
	out := make([]json.RawMessage, len(items))
	for i, it := range items {
		out[i] = it.Raw
	}
	return out
}

// Folder makes a folder holding items (and sets their Parent).
func Folder(id, name string, items ...*collections.Item) *collections.Item {
	f := &collections.Item{ID: id, Name: name, IsFolder: true, Items: items}
	for _, it := range items {
		it.Parent = f
	}
	f.Raw, _ = json.Marshal(map[string]any{"id": id, "name": name, "item": rawItems(items)})
	return f
}

// Req makes a request item.
func Req(id, name, method, url string) *collections.Item {
	it := &collections.Item{ID: id, Name: name, Request: &collections.Request{Method: method}}
	it.Raw, _ = json.Marshal(map[string]any{"id": id, "name": name,
		"request": map[string]any{"method": method, "url": url}})
	return it
}

// Get is an HTTPRequest for a GET of url.
func Get(url string) *event.HTTPRequest {
	return &event.HTTPRequest{ID: "r", Method: "GET", URL: url,
		Headers: []collections.Header{{Key: "Accept", Value: "*/*"}}}
}

// OK is a 200 response with body and response time ms.
func OK(body string, ms int) *collections.Response {
	return &collections.Response{ID: "resp", Code: 200, Status: "OK", Proto: "HTTP/1.1",
		Headers: []collections.Header{{Key: "Content-Type", Value: "application/json"}},
		Body:    []byte(body), ResponseTime: time.Duration(ms) * time.Millisecond,
		Size: len(body) + 30}
}
