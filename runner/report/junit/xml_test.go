package junit

import "testing"

func TestClassName(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"Accounts / Create account": "AccountsCreateAccount",
		"getHTTPResponse code":      "GetHttpResponseCode",
		"item2go":                   "Item2Go",
		"Über cool":                 "BerCool",
		"snake_case name":           "SnakeCaseName",
		"":                          "",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			if got := className(in); got != want {
				t.Errorf("className(%q) = %q, want %q", in, got, want)
			}
		})
	}
}
