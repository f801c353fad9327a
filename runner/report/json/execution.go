package json

import (
	stdjson "encoding/json"
	"strings"

	"github.com/pmrun/pmrun/runner/event"
)

// executionJSON is one entry of run.executions.
type executionJSON struct {
	Cursor           cursorJSON         `json:"cursor"`
	Item             stdjson.RawMessage `json:"item,omitempty"`
	Request          *requestJSON       `json:"request,omitempty"`
	Response         *responseJSON      `json:"response,omitempty"`
	ID               string             `json:"id,omitempty"`
	PrerequestScript []scriptErrorJSON  `json:"prerequestScript,omitempty"`
	TestScript       []scriptErrorJSON  `json:"testScript,omitempty"`
	Assertions       []assertionJSON    `json:"assertions,omitempty"`
	RequestError     *errorJSON         `json:"requestError,omitempty"`
}

type scriptErrorJSON struct {
	Error *errorJSON `json:"error"`
}

type assertionJSON struct {
	Assertion string     `json:"assertion"`
	Skipped   bool       `json:"skipped"`
	Error     *errorJSON `json:"error,omitempty"`
}

func (d *doc) execution(x *event.Execution) (*executionJSON, error) {
	item, err := itemJSON(x.Item)
	if err != nil {
		return nil, err
	}
	out := &executionJSON{
		Cursor:  cursorOf(x.Cursor),
		Item:    item,
		Request: requestOf(x.Request, d.opts.RedactURL),
		// A body the summary kept despite omitted bodies is a failure's evidence.
		Response: responseOf(x.Response, !d.opts.OmitResponseBodies ||
			(d.opts.KeepHeldBodies && x.Response != nil && x.Response.Body != nil), d.opts.RedactBody),
		PrerequestScript: scriptErrorsOf(x.PrerequestScriptErrors),
		TestScript:       scriptErrorsOf(x.TestScriptErrors),
		RequestError:     requestErrorOf(x.RequestError),
	}
	if x.Item != nil {
		out.ID = x.Item.ID
	}
	for _, a := range x.Assertions {
		out.Assertions = append(out.Assertions,
			assertionJSON{Assertion: a.Name, Skipped: a.Skipped, Error: errorOf(a.Err, true)})
	}
	return out, nil
}

func scriptErrorsOf(errs []*event.Error) []scriptErrorJSON {
	var out []scriptErrorJSON
	for _, e := range errs {
		out = append(out, scriptErrorJSON{Error: errorOf(e, false)})
	}
	return out
}

// failureJSON is one entry of run.failures.
type failureJSON struct {
	Error  *errorJSON         `json:"error"`
	At     string             `json:"at"`
	Source stdjson.RawMessage `json:"source,omitempty"`
	Parent *parentJSON        `json:"parent,omitempty"`
	Cursor cursorJSON         `json:"cursor"`
}

func failureOf(f event.Failure) (*failureJSON, error) {
	if f.Resolved != nil { // a request failure: Newman names the resolved item, without a parent
		f.Source, f.Parent = f.Resolved, nil
	}
	src, err := itemJSON(f.Source)
	if err != nil {
		return nil, err
	}
	out := &failureJSON{
		Error:  errorOf(f.Err, strings.HasPrefix(f.At, "assertion")),
		At:     f.At,
		Source: src,
		Cursor: cursorOf(f.Cursor),
	}
	if f.Parent != nil {
		out.Parent = &parentJSON{ID: f.Parent.ID, Name: f.Parent.Name}
	}
	return out, nil
}
