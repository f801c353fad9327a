package httpclient

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain checks for leaked goroutines (a connection or transport left open).
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
