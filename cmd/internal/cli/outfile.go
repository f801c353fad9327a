package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// writeOutput writes a report or export file. A regular file or a new path is written
// atomically: to a temp file beside it, then renamed into place, so a reader never sees half a
// report. Anything else is written in place: a symlink is followed (the link stays, its target
// gets the content), and a device or FIFO (/dev/null, /dev/stdout, a named pipe) is opened and
// written, never replaced by a regular file. Parent directories of a new path are created.
func writeOutput(env *Env, path string, data []byte) error {
	return writeOutputFunc(env, path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeOutputFunc is writeOutput for content produced by write, which streams into the file
// (through a buffer) instead of being held in memory first.
func writeOutputFunc(env *Env, path string, write func(io.Writer) error) error {
	if !filepath.IsAbs(path) && env.Dir != "" {
		path = filepath.Join(env.Dir, path)
	}
	target, direct, err := outputTarget(path)
	if err != nil {
		return fmt.Errorf("cannot write %q: %w", path, err)
	}
	if direct {
		return writeInPlace(path, target, write)
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return fmt.Errorf("cannot create the directory for %q: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*")
	if err != nil {
		return fmt.Errorf("cannot write %q: %w", path, err)
	}
	// discard drops the temp file after a failure. It is best effort: the write error is the
	// one to report, and a leftover is a hidden file beside the report, not the report itself.
	discard := func() { _ = os.Remove(tmp.Name()) }
	if err := writeBuffered(tmp, write); err != nil {
		_ = tmp.Close() // the write already failed; its error is the one that matters
		discard()
		return fmt.Errorf("cannot write %q: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		discard()
		return fmt.Errorf("cannot write %q: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		discard()
		return fmt.Errorf("cannot write %q: %w", path, err)
	}
	return nil
}

// outputTarget resolves path: the file to write (a symlink's final target) and whether to
// write it in place (it exists and is not a regular file: a device, a FIFO, a socket…).
// A dangling symlink is written in place too: opening it creates its target.
func outputTarget(path string) (target string, direct bool, err error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return path, false, nil
	case err != nil:
		return "", false, err
	}
	target = path
	if fi.Mode()&fs.ModeSymlink != 0 {
		resolved, err := filepath.EvalSymlinks(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, true, nil
		}
		if err != nil {
			return "", false, err
		}
		target = resolved
		if fi, err = os.Stat(resolved); err != nil {
			return "", false, err
		}
	}
	switch {
	case fi.IsDir():
		return "", false, errors.New("is a directory")
	case fi.Mode().IsRegular():
		return target, false, nil
	}
	return target, true, nil
}

// writeInPlace opens path (following links) and writes to it: for devices, FIFOs and dangling
// links, where a rename would replace the thing the user named.
func writeInPlace(path, target string, write func(io.Writer) error) error {
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("cannot write %q: %w", path, err)
	}
	if err := writeBuffered(f, write); err != nil {
		_ = f.Close() // the write error is the one to report
		return fmt.Errorf("cannot write %q: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot write %q: %w", path, err)
	}
	return nil
}

func writeBuffered(f *os.File, write func(io.Writer) error) error {
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return err
	}
	return bw.Flush()
}
