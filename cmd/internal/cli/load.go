package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pmrun/pmrun/collections"
)

// maxInputSize bounds collection, environment and data files (and downloads).
const maxInputSize = 256 << 20

// readInput reads a file path (relative to env.Dir) or an http(s) URL. Errors name the
// input and have exit code 3.
func readInput(ctx context.Context, env *Env, what, src string) ([]byte, error) {
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		return download(ctx, what, src)
	}
	path := src
	if !filepath.IsAbs(path) && env.Dir != "" {
		path = filepath.Join(env.Dir, path)
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &inputError{fmt.Errorf("%s file %q not found", what, src)}
		}
		return nil, &inputError{fmt.Errorf("cannot read %s file %q: %w", what, src, errors.Unwrap(err))}
	}
	defer func() { _ = f.Close() }() // read-only: closing cannot lose data
	st, err := f.Stat()
	if err == nil && st.IsDir() {
		return nil, &inputError{fmt.Errorf("%s %q is a directory, not a file", what, src)}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxInputSize+1))
	if err != nil {
		return nil, &inputError{fmt.Errorf("cannot read %s file %q: %w", what, src, err)}
	}
	if len(data) > maxInputSize {
		return nil, &inputError{fmt.Errorf("%s file %q is larger than %d MiB", what, src, maxInputSize>>20)}
	}
	return data, nil
}

func download(ctx context.Context, what, url string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, &inputError{fmt.Errorf("invalid %s URL %q: %w", what, url, err)}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, &inputError{fmt.Errorf("cannot download %s from %q: %w", what, url, err)}
	}
	defer func() { _ = resp.Body.Close() }() // only read from: closing cannot spoil what was read
	if resp.StatusCode != http.StatusOK {
		return nil, &inputError{fmt.Errorf("cannot download %s from %q: %s", what, url, resp.Status)}
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxInputSize))
	if err != nil {
		return nil, &inputError{fmt.Errorf("cannot download %s from %q: %w", what, url, err)}
	}
	return data, nil
}

func loadCollection(ctx context.Context, env *Env, src string) (*collections.Collection, error) {
	data, err := readInput(ctx, env, "collection", src)
	if err != nil {
		return nil, err
	}
	c, err := collections.ParseCollection(data, src)
	if err != nil {
		return nil, &inputError{err}
	}
	return c, nil
}

func loadScope(ctx context.Context, env *Env, what, src string) (*collections.VariableScope, error) {
	if src == "" {
		return nil, nil
	}
	data, err := readInput(ctx, env, what, src)
	if err != nil {
		return nil, err
	}
	s, err := collections.ParseVariableFile(data, src)
	if err != nil {
		return nil, &inputError{err}
	}
	return s, nil
}

func loadData(ctx context.Context, env *Env, src string) ([]collections.DataRow, error) {
	if src == "" {
		return nil, nil
	}
	data, err := readInput(ctx, env, "iteration data", src)
	if err != nil {
		return nil, err
	}
	rows, err := collections.ParseData(data, src)
	if err != nil {
		return nil, &inputError{err}
	}
	return rows, nil
}
