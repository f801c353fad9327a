//go:build onepassword

package onepassword

import (
	"context"
	"os"
	"testing"
	"time"
)

// TestRealReference resolves a real reference with a real service account:
//
//	OP_SERVICE_ACCOUNT_TOKEN=ops_… PMRUN_TEST_OP_REF=op://vault/item/field \
//	  go test -tags onepassword -run TestRealReference ./pmvault/onepassword
func TestRealReference(t *testing.T) {
	t.Parallel()
	token, ref := os.Getenv("OP_SERVICE_ACCOUNT_TOKEN"), os.Getenv("PMRUN_TEST_OP_REF")
	if token == "" || ref == "" {
		t.Fatal("set OP_SERVICE_ACCOUNT_TOKEN and PMRUN_TEST_OP_REF to run the 1Password integration test")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p := New(Options{Token: token, IntegrationVersion: "integration-test"})
	vals, errs := p.ResolveAll(ctx, []string{ref, ref})
	if err := errs[ref]; err != nil {
		t.Fatalf("resolving %s: %v", ref, err)
	}
	if vals[ref] == "" {
		t.Fatalf("resolving %s gave an empty value", ref)
	}
	t.Logf("resolved %s (%d bytes)", ref, len(vals[ref]))
}
