package pmvault

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	// age's default scrypt work factor costs about a second per encryption; the format is
	// the same at 2^10, so tests use that.
	scryptWorkFactor = 10
	os.Exit(m.Run())
}
