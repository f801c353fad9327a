package main

import (
	"io"
	"strings"
	"testing"
)

func TestParseFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args    string
		only    string
		extra   string
		wantErr bool
	}{
		{args: "", only: "empty,plain-1000,scripted-1000,heavy-1000,aes-1000,digest-1000,data-100,cpu-100", extra: "data:--parallel 2, cpu:--parallel 2"},
		{args: "-n 50 -iterations 10", only: "empty,plain-50,scripted-50,heavy-50,aes-50,digest-50,data-10,cpu-10", extra: "data:--parallel 2, cpu:--parallel 2"},
		{args: "-only heavy-9 -extra data:--parallel=4", only: "heavy-9", extra: "data:--parallel=4"},
		{args: "-runs 0", wantErr: true},
		{args: "stray", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			t.Parallel()
			o, err := parseFlags(strings.Fields(tt.args), io.Discard)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("parseFlags(%q) accepted", tt.args)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if o.only != tt.only || o.extra.String() != tt.extra {
				t.Errorf("only %q extra %q; want %q, %q", o.only, o.extra.String(), tt.only, tt.extra)
			}
			if _, err := parseScenarios(o.only); err != nil {
				t.Errorf("default scenarios do not parse: %v", err)
			}
		})
	}
}

func TestParseScenariosRejectsUnknown(t *testing.T) {
	t.Parallel()
	if _, err := parseScenarios("empty,bogus-3"); err == nil {
		t.Error("parseScenarios accepted bogus-3")
	}
}
