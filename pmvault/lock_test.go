package pmvault

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestConcurrentSessionSavesKeepEveryWrite runs several sessions over one vault file, each
// setting its own name, and saves them all at the same moment, many times over: every name
// must be on disk afterwards. Without the lock the last rename wins and names are lost.
func TestConcurrentSessionSavesKeepEveryWrite(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	path := filepath.Join(t.TempDir(), "vault.age")
	v, err := Create(path, key)
	if err != nil {
		t.Fatal(err)
	}
	v.SetScriptAccess(true)
	if err := v.Save(); err != nil {
		t.Fatal(err)
	}
	const rounds, writers = 40, 3
	for round := range rounds {
		sessions := make([]*Session, writers)
		for w := range sessions {
			opened, err := Open(path, key) // each run opens the vault at its start
			if err != nil {
				t.Fatal(err)
			}
			sessions[w] = NewSession(opened, SessionOptions{})
			if err := sessions[w].Set(context.Background(), fmt.Sprintf("r%dw%d", round, w), "value-"+fmt.Sprint(round)); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, writers)
		for w, s := range sessions {
			wg.Go(func() {
				<-start
				errs[w] = s.Save()
			})
		}
		close(start)
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Open(path, key)
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for round := range rounds {
		for w := range writers {
			if _, ok := got.Secret(fmt.Sprintf("r%dw%d", round, w)); !ok {
				missing = append(missing, fmt.Sprintf("r%dw%d", round, w))
			}
		}
	}
	if len(missing) > 0 {
		t.Fatalf("%d of %d writes lost: %v", len(missing), rounds*writers, missing)
	}
}

// TestUpdateConcurrent runs many Updates at once, each adding its own name.
func TestUpdateConcurrent(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	path := newVaultFile(t, key)
	const n = 24
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			errs[i] = Update(path, key, func(v *Vault) error { return v.SetValue(fmt.Sprintf("n%d", i), "v") })
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	v, err := Open(path, key)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(v.Secrets()); got != n+2 {
		t.Fatalf("%d secrets on disk, want %d", got, n+2)
	}
}

// TestUpdateFailureWritesNothing: a change that fails leaves the file as it was.
func TestUpdateFailureWritesNothing(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	path := newVaultFile(t, key)
	before := readFile(t, path)
	err := Update(path, key, func(v *Vault) error {
		_ = v.SetValue("x", "y")
		return errors.New("no")
	})
	if err == nil || err.Error() != "no" {
		t.Fatalf("Update = %v", err)
	}
	if !slices.Equal(before, readFile(t, path)) {
		t.Error("a failed Update changed the file")
	}
}

// TestWriterWaitsForLock: a writer waits while another holds the lock, and gives up with
// a *LockedError after lockWait.
func TestWriterWaitsForLock(t *testing.T) {
	key := newKey(t)
	path := newVaultFile(t, key)
	unlock, err := lockVault(path)
	if err != nil {
		t.Fatal(err)
	}
	old := lockWait
	lockWait = 200 * time.Millisecond
	t.Cleanup(func() { lockWait = old })
	err = Update(path, key, func(v *Vault) error { return v.SetValue("late", "v") })
	var le *LockedError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "locked by another process") {
		t.Fatalf("Update while locked = %v, want *LockedError", err)
	}
	done := make(chan error, 1)
	lockWait = 5 * time.Second
	go func() { done <- Update(path, key, func(v *Vault) error { return v.SetValue("late", "v") }) }()
	select {
	case err := <-done:
		t.Fatalf("Update returned %v while the lock was held", err)
	case <-time.After(100 * time.Millisecond):
	}
	unlock()
	if err := <-done; err != nil {
		t.Fatalf("Update after unlock = %v", err)
	}
}

// TestStaleTempsRemovedOnNextWrite: temporary files of a writer killed before its rename
// are removed by the next write of the same vault; another vault's are left alone.
func TestStaleTempsRemovedOnNextWrite(t *testing.T) {
	t.Parallel()
	key := newKey(t)
	path := newVaultFile(t, key)
	dir := filepath.Dir(path)
	stale := []string{".vault-vault.age-123456.tmp", ".vault-987.tmp"}
	kept := []string{".vault-other.age-555.tmp", "notes.tmp", ".vault-vault.age-x1.tmp"}
	for _, n := range append(slices.Clone(stale), kept...) {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("half a vau"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := Update(path, key, func(v *Vault) error { return v.SetValue("k", "value") }); err != nil {
		t.Fatal(err)
	}
	names := dirEntries(t, dir)
	for _, n := range stale {
		if slices.Contains(names, n) {
			t.Errorf("stale %s still there: %v", n, names)
		}
	}
	for _, n := range kept {
		if !slices.Contains(names, n) {
			t.Errorf("%s was removed: %v", n, names)
		}
	}
}
