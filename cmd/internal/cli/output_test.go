package cli

import (
	"errors"
	"strings"
	"testing"
)

// failingWriter refuses every write, like a closed pipe.
type failingWriter struct{}

var errClosedPipe = errors.New("closed pipe")

func (failingWriter) Write([]byte) (int, error) { return 0, errClosedPipe }

func TestVaultCommandsReportLostOutput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		setup    func(e *vaultTestEnv)
		stdin    string
		args     []string
		wantCode int
		wantText string
	}{
		{"init shows the key", func(*vaultTestEnv) {}, "", []string{"init"}, ExitVault, "nobody can open it"},
		{"get prints a value", func(e *vaultTestEnv) { e.initVault(); e.mustRun("s3cret-value", "set", "db") }, "", []string{"get", "db"}, ExitFailures, "writing output"},
		{"list prints a table", func(e *vaultTestEnv) { e.initVault(); e.mustRun("s3cret-value", "set", "db") }, "", []string{"list"}, ExitFailures, "writing output"},
		{"list prints no secrets", func(e *vaultTestEnv) { e.initVault() }, "", []string{"list"}, ExitFailures, "writing output"},
		{"set confirms", func(e *vaultTestEnv) { e.initVault() }, "s3cret-value", []string{"set", "db"}, ExitFailures, "writing output"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newVaultTestEnv(t)
			tt.setup(e)
			e.env.Stdout = failingWriter{}
			err := e.run(tt.stdin, tt.args...)
			if err == nil {
				t.Fatal("the command succeeded although its output was lost")
			}
			if code := exitCodeOf(err); code != tt.wantCode {
				t.Errorf("exit code = %d, want %d (err %v)", code, tt.wantCode, err)
			}
			if !errors.Is(err, errClosedPipe) || !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("err = %v, want it to wrap the write error and say %q", err, tt.wantText)
			}
			if strings.Contains(err.Error(), "s3cret-value") {
				t.Errorf("err = %v reveals the secret", err)
			}
		})
	}
}
