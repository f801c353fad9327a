package collections

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// parseEvents reads an event list (or, as some exports have it, one event object); a
// script's exec may be a string or an array of lines (joined with "\n"), and the script itself
// may be given as a string or array.
func parseEvents(raw json.RawMessage) ([]Event, error) {
	raw = bytes.TrimSpace(raw)
	if isJSONNull(raw) {
		return nil, nil
	}
	if raw[0] == '{' {
		raw = append(append([]byte{'['}, raw...), ']')
	}
	var list []struct {
		ID       string          `json:"id"`
		Listen   string          `json:"listen"`
		Disabled bool            `json:"disabled"`
		Script   json.RawMessage `json:"script"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("event: %w", err)
	}
	events := make([]Event, 0, len(list))
	for _, e := range list {
		s, err := parseScript(e.Script)
		if err != nil {
			return nil, fmt.Errorf("%s event: %w", e.Listen, err)
		}
		events = append(events, Event{ID: e.ID, Listen: e.Listen, Disabled: e.Disabled,
			NoScript: isJSONNull(bytes.TrimSpace(e.Script)), Script: s})
	}
	return events, nil
}

func parseScript(raw json.RawMessage) (Script, error) {
	raw = bytes.TrimSpace(raw)
	if isJSONNull(raw) {
		return Script{}, nil
	}
	if raw[0] != '{' {
		src, err := execSource(raw)
		return Script{Type: "text/javascript", Source: src}, err
	}
	var in struct {
		ID   string          `json:"id"`
		Type string          `json:"type"`
		Exec json.RawMessage `json:"exec"`
		Name string          `json:"name"`
	}
	if err := json.Unmarshal(raw, &in); err != nil {
		return Script{}, err
	}
	src, err := execSource(in.Exec)
	return Script{ID: in.ID, Type: in.Type, Source: src, Name: in.Name}, err
}

func execSource(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if isJSONNull(raw) {
		return "", nil
	}
	if raw[0] == '"' {
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	}
	var lines []string
	if err := json.Unmarshal(raw, &lines); err != nil {
		return "", fmt.Errorf("script exec: %w", err)
	}
	return strings.Join(lines, "\n"), nil
}

// eventKeys and scriptKeys are the members parseEvents and parseScript read.
var (
	eventKeys  = []string{"id", "listen", "disabled", "script"}
	scriptKeys = []string{"id", "type", "exec", "name"}
)

// parseValidEvents is parseEvents for valid JSON: the common shapes are read in one pass
// over sub-slices (jsonscan.go), anything else by parseEvents, with the same result.
func parseValidEvents(raw json.RawMessage) ([]Event, error) {
	if events, ok := splitEvents(bytes.TrimSpace(raw)); ok {
		return events, nil
	}
	return parseEvents(raw)
}

// splitEvents reads an event list (or one event object); ok is false when encoding/json
// must: a member in another letter case or repeated, a value of an unexpected type.
func splitEvents(raw []byte) (events []Event, ok bool) {
	if len(raw) == 0 || isNullLiteral(raw) {
		return nil, true
	}
	read := func(v []byte) bool {
		e, ok := splitEvent(v)
		events = append(events, e)
		return ok
	}
	if raw[0] == '{' {
		ok = read(raw)
	} else {
		events = []Event{}
		ok = eachElement(raw, read)
	}
	return events, ok
}

func splitEvent(raw []byte) (e Event, ok bool) {
	if isNullLiteral(raw) {
		return Event{NoScript: true}, true
	}
	var seen fieldSet
	script := []byte(nil)
	ok = eachMember(raw, func(k, v []byte) bool {
		switch string(k) {
		case "id":
			return seen.add(0) && optionalString(v, &e.ID)
		case "listen":
			return seen.add(1) && optionalString(v, &e.Listen)
		case "disabled":
			switch string(v) {
			case "true":
				e.Disabled = true
			case "false", "null":
			default:
				return false
			}
			return seen.add(2)
		case "script":
			script = v
			return seen.add(3)
		default:
			return !foldsToAny(k, eventKeys)
		}
	})
	if !ok {
		return e, false
	}
	e.NoScript = len(script) == 0 || isNullLiteral(script)
	if e.NoScript {
		return e, true
	}
	e.Script, ok = splitScript(script)
	return e, ok
}

func splitScript(raw []byte) (s Script, ok bool) {
	if raw[0] != '{' {
		s.Type = "text/javascript"
		s.Source, ok = splitExec(raw)
		return s, ok
	}
	var seen fieldSet
	ok = eachMember(raw, func(k, v []byte) bool {
		switch string(k) {
		case "id":
			return seen.add(0) && optionalString(v, &s.ID)
		case "type":
			return seen.add(1) && optionalString(v, &s.Type)
		case "name":
			return seen.add(2) && optionalString(v, &s.Name)
		case "exec":
			var src bool
			s.Source, src = splitExec(v)
			return seen.add(3) && src
		default:
			return !foldsToAny(k, scriptKeys)
		}
	})
	return s, ok
}

// splitExec reads a script's exec: a string, an array of lines (null lines are empty) or
// null. An array with a line that needs unescaping is decoded by one json.Unmarshal.
func splitExec(raw []byte) (string, bool) {
	if isNullLiteral(raw) {
		return "", true
	}
	if raw[0] == '"' {
		return decodeJSONString(raw)
	}
	var lines []string
	plain := eachElement(raw, func(v []byte) bool {
		if isNullLiteral(v) {
			lines = append(lines, "")
			return true
		}
		line, ok := plainJSONString(v)
		lines = append(lines, line)
		return ok
	})
	if !plain {
		lines = nil
		if json.Unmarshal(raw, &lines) != nil {
			return "", false
		}
	}
	return strings.Join(lines, "\n"), true
}

// optionalString stores a JSON string value in dst; null leaves dst as it is, as
// encoding/json does. ok is false for any other value.
func optionalString(v []byte, dst *string) bool {
	if isNullLiteral(v) {
		return true
	}
	s, ok := decodeJSONString(v)
	if ok {
		*dst = s
	}
	return ok
}
