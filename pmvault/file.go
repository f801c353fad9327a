package pmvault

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/gofrs/flock"
)

// Vault is an opened vault file: its secrets and settings in memory, plus the path and key
// that Save writes back with. A Vault is not safe for concurrent use; a Session is.
type Vault struct {
	path string
	key  Key
	doc  *document
	// rename is os.Rename; tests replace it to simulate a crash before the rename.
	rename func(oldpath, newpath string) error
}

// Open reads and decrypts the vault file at path. A missing file is a *NotExistError, a
// key that does not fit a *WrongKeyError, a damaged or truncated file a *CorruptError and
// a newer format a *VersionError. Open never writes.
func Open(path string, key Key) (*Vault, error) {
	if !key.Valid() {
		return nil, errors.New("opening vault: no key")
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &NotExistError{Path: path}
	}
	if err != nil {
		return nil, fmt.Errorf("reading vault file: %w", err)
	}
	plain, err := decrypt(path, data, key)
	if err != nil {
		return nil, err
	}
	doc, err := decodeDocument(path, plain)
	var verr *VersionError
	if errors.As(err, &verr) {
		return nil, verr
	}
	if err != nil {
		return nil, &CorruptError{Path: path, Err: err}
	}
	return &Vault{path: path, key: key, doc: doc, rename: os.Rename}, nil
}

func decrypt(path string, data []byte, key Key) ([]byte, error) {
	r, err := age.Decrypt(bytes.NewReader(data), key.identity)
	var nomatch *age.NoIdentityMatchError
	switch {
	case errors.As(err, &nomatch):
		if damaged := headerDamage(data, key); damaged != nil {
			return nil, &CorruptError{Path: path, Err: damaged}
		}
		return nil, &WrongKeyError{Path: path, Detail: keyMismatchDetail(nomatch, key)}
	case err != nil:
		return nil, &CorruptError{Path: path, Err: ageErr(err)}
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		return nil, &CorruptError{Path: path, Err: ageErr(err)}
	}
	return plain, nil
}

// keyIDType is the type of the extra header stanza pmrun writes into vaults encrypted to an
// age identity: its two arguments are both the key's ID (see keyID). age ignores stanzas it
// does not know, so the file stays a plain age file. When the identity does not open the
// file, the stanza tells a wrong key (another ID in both places) from a damaged header (this
// key's ID, or two IDs that differ). Passphrase vaults cannot carry it (age's scrypt stanza
// must be alone, and a passphrase hash would help guessing): for them, and for vaults written
// before the stanza existed, a damaged header still reads as a wrong passphrase or key.
const keyIDType = "pmrun-key"

// keyID names an identity by its public key (public information): the first 12 bytes of its
// SHA-256, base64.
func keyID(r age.Recipient) string {
	x, ok := r.(*age.X25519Recipient)
	if !ok {
		return ""
	}
	sum := sha256.Sum256([]byte(x.String()))
	return base64.RawStdEncoding.EncodeToString(sum[:12])
}

// keyIDRecipient adds the keyIDType stanza to the header.
type keyIDRecipient struct{ id string }

// Wrap implements age.Recipient; the stanza holds no key material.
func (k keyIDRecipient) Wrap([]byte) ([]*age.Stanza, error) {
	return []*age.Stanza{{Type: keyIDType, Args: []string{k.id, k.id}}}, nil
}

// headerDamage explains why the header of data is damaged although key is right, or returns
// nil when it cannot tell (then the key is taken to be wrong). It reads the keyIDType stanza.
func headerDamage(data []byte, key Key) error {
	want := keyID(key.recipient)
	if want == "" {
		return nil
	}
	end := bytes.Index(data, []byte("\n---"))
	if end < 0 {
		return nil
	}
	for _, line := range strings.Split(string(data[:end]), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 || fields[0] != "->" || fields[1] != keyIDType {
			continue
		}
		switch {
		case len(fields) != 4 || fields[2] != fields[3]:
			return errors.New("the header is damaged (its key ID is garbled)")
		case fields[2] == want:
			return errors.New("the header is damaged: the file was written for this key, but the key's stanza no longer decrypts")
		}
		return nil // another key's file
	}
	return nil
}

// keyMismatchDetail says when the key is of the other kind than the one the file uses.
func keyMismatchDetail(e *age.NoIdentityMatchError, key Key) string {
	scrypt := slices.Contains(e.StanzaTypes, "scrypt")
	switch {
	case scrypt && !key.passphrase:
		return "the vault is protected by a passphrase, not an age identity"
	case !scrypt && key.passphrase:
		return "the vault is encrypted to an age identity (AGE-SECRET-KEY-1…), not a passphrase"
	case scrypt:
		// A passphrase vault cannot tell a damaged header from a wrong passphrase.
		return "incorrect passphrase (or the file's header is damaged)"
	}
	return "the age identity does not match"
}

// ageErr makes age's parse errors read as file damage without exposing internals.
func ageErr(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return errors.New("file ends too early")
	}
	return err
}

// Create makes a new, empty vault at path encrypted to key and writes it at once (creating
// the parent directory with mode 0700). It fails with an *ExistsError if a file is there.
// It holds the vault's lock while it checks and writes, so two Creates cannot both succeed.
func Create(path string, key Key) (*Vault, error) {
	if !key.Valid() {
		return nil, errors.New("creating vault: no key")
	}
	if _, err := os.Lstat(path); err == nil {
		return nil, &ExistsError{Path: path}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("creating vault: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("creating vault directory: %w", err)
	}
	unlock, err := lockVault(path)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if _, err := os.Lstat(path); err == nil {
		return nil, &ExistsError{Path: path}
	}
	v := &Vault{path: path, key: key, doc: &document{Version: FormatVersion}, rename: os.Rename}
	if err := v.write(); err != nil {
		return nil, err
	}
	return v, nil
}

// Update changes the vault file at path under its lock: it takes the lock, reads the file
// as it is now, applies change and writes the result, so that changes made meanwhile by
// another pmrun (a run saving pm.vault.set, another vault command) are kept rather than
// overwritten. Nothing is written if change fails. The Vault passed to change is valid only
// during the call.
func Update(path string, key Key, change func(v *Vault) error) error {
	unlock, err := lockVault(path)
	if err != nil {
		return err
	}
	defer unlock()
	v, err := Open(path, key)
	if err != nil {
		return err
	}
	if err := change(v); err != nil {
		return err
	}
	return v.write()
}

// LockTimeout is how long a writer waits for another process holding the vault's lock
// before giving up with a *LockedError. Writers hold it for one read and one write of the
// file (milliseconds with an age identity, about a second with a passphrase).
const LockTimeout = 30 * time.Second

// lockWait is LockTimeout; tests shorten it.
var lockWait = LockTimeout

// LockPath is the file next to a vault that writers lock (an advisory lock: flock on Unix,
// LockFileEx on Windows) while they read, change and write the vault. It stays in place.
func LockPath(vaultPath string) string { return vaultPath + ".lock" }

// lockVault takes the vault's exclusive lock, waiting up to lockWait, and removes temporary
// files a killed writer left behind: holding the lock, no other writer can be using them.
func lockVault(path string) (unlock func(), err error) {
	fl := flock.New(LockPath(path), flock.SetPermissions(0o600))
	ctx, cancel := context.WithTimeout(context.Background(), lockWait)
	defer cancel()
	ok, err := fl.TryLockContext(ctx, 10*time.Millisecond)
	if !ok {
		_ = fl.Close()
		if err == nil || errors.Is(err, context.DeadlineExceeded) {
			return nil, &LockedError{Path: path, Waited: lockWait}
		}
		return nil, fmt.Errorf("locking vault file %s: %w", path, err)
	}
	removeStaleTemps(path)
	return func() { _ = fl.Close() }, nil
}

// removeStaleTemps deletes the temporary files of this vault (and of pmrun versions that
// named them .vault-<digits>.tmp) left by a writer killed between creating and renaming
// them. The caller holds the vault's lock. Failures are ignored: the files are harmless.
func removeStaleTemps(path string) {
	dir, base := filepath.Split(path)
	ents, err := os.ReadDir(filepath.Clean(dir))
	if err != nil {
		return
	}
	for _, e := range ents {
		if e.Type().IsRegular() && isTempOf(e.Name(), base) {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// isTempOf reports whether name is a temporary file writeAtomic made for the vault named
// base (".vault-<base>-<digits>.tmp"), or one from an older pmrun (".vault-<digits>.tmp").
func isTempOf(name, base string) bool {
	rest, ok := strings.CutSuffix(name, ".tmp")
	if !ok {
		return false
	}
	rest, ok = strings.CutPrefix(rest, ".vault-")
	if !ok {
		return false
	}
	if r, ok := strings.CutPrefix(rest, base+"-"); ok && allDigits(r) {
		return true
	}
	return allDigits(rest)
}

func allDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// Path is the vault file's path.
func (v *Vault) Path() string { return v.path }

// Key is the key the vault was opened with.
func (v *Vault) Key() Key { return v.key }

// Save encrypts the vault and replaces the file atomically: a temporary file in the same
// directory (mode 0600) is written, synced and renamed over the old one, then the directory
// is synced. On any failure the old file is left as it was. Save holds the vault's lock
// while it writes but replaces whatever the file holds with this Vault's contents; to
// change a vault that other processes may be changing too, use Update.
func (v *Vault) Save() error {
	unlock, err := lockVault(v.path)
	if err != nil {
		return err
	}
	defer unlock()
	return v.write()
}

// write is Save without the lock (the caller holds it).
func (v *Vault) write() error {
	v.doc.Version = FormatVersion
	if v.doc.Secrets == nil {
		v.doc.Secrets = []Secret{}
	}
	plain, err := json.Marshal(v.doc)
	if err != nil {
		return fmt.Errorf("encoding vault: %w", err)
	}
	var buf bytes.Buffer
	recipients := []age.Recipient{v.key.recipient}
	if id := keyID(v.key.recipient); id != "" {
		recipients = append(recipients, keyIDRecipient{id})
	}
	w, err := age.Encrypt(&buf, recipients...)
	if err != nil {
		return fmt.Errorf("encrypting vault: %w", err)
	}
	if _, err := w.Write(plain); err != nil {
		return fmt.Errorf("encrypting vault: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("encrypting vault: %w", err)
	}
	return writeAtomic(v.path, buf.Bytes(), v.rename)
}

func writeAtomic(path string, data []byte, rename func(string, string) error) (err error) {
	dir := filepath.Dir(path)
	// The temporary file is left behind only if the writer is killed mid-write; the next
	// writer removes it (removeStaleTemps).
	f, err := os.CreateTemp(dir, ".vault-"+filepath.Base(path)+"-*.tmp")
	if err != nil {
		return fmt.Errorf("writing vault file %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o600); err != nil {
		return fmt.Errorf("writing vault file %s: %w", path, err)
	}
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("writing vault file %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("writing vault file %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing vault file %s: %w", path, err)
	}
	if err = rename(tmp, path); err != nil {
		return fmt.Errorf("writing vault file %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable. Some systems cannot sync a directory; the rename has
// happened either way, so failures are ignored.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
