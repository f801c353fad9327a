package gen

import "testing"

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		want       Scenario
		requests   int
		iterations int
		wantErr    bool
	}{
		{name: "empty", want: Scenario{Name: "empty", Kind: Empty}, requests: 0, iterations: 1},
		{name: "plain-1000", want: Scenario{Name: "plain-1000", Kind: Plain, N: 1000}, requests: 1000, iterations: 1},
		{name: "scripted-3", want: Scenario{Name: "scripted-3", Kind: Scripted, N: 3}, requests: 3, iterations: 1},
		{name: "heavy-7", want: Scenario{Name: "heavy-7", Kind: Heavy, N: 7}, requests: 7, iterations: 1},
		{name: "aes-5", want: Scenario{Name: "aes-5", Kind: AES, N: 5}, requests: 5, iterations: 1},
		{name: "digest-6", want: Scenario{Name: "digest-6", Kind: Digest, N: 6}, requests: 6, iterations: 1},
		{name: "cpu-7", want: Scenario{Name: "cpu-7", Kind: CPU, N: 7}, requests: 7 * CPUItems, iterations: 7},
		{name: "data-100", want: Scenario{Name: "data-100", Kind: Data, N: 100}, requests: 100 * DataItems, iterations: 100},
		{name: "plain", wantErr: true},
		{name: "plain-0", wantErr: true},
		{name: "plain-x", wantErr: true},
		{name: "fancy-10", wantErr: true},
		{name: "empty-3", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Parse(tt.name)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("Parse(%q) = %+v, want an error", tt.name, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.name, err)
			}
			if got != tt.want {
				t.Errorf("Parse(%q) = %+v, want %+v", tt.name, got, tt.want)
			}
			if got.Requests() != tt.requests || got.Iterations() != tt.iterations {
				t.Errorf("%s: Requests, Iterations = %d, %d; want %d, %d",
					tt.name, got.Requests(), got.Iterations(), tt.requests, tt.iterations)
			}
		})
	}
}
