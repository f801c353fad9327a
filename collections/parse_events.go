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
