package httpclient

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// errInsecureFileRead is Newman's message for a body file outside the working directory
// when insecure file reads are off (--no-insecure-file-read).
const errInsecureFileRead = "PPERM: insecure file access outside working directory"

// resolveFile returns the absolute path of a body file: relative paths are taken from
// the working directory. With NoInsecureFileRead a path outside it is refused.
func (c *Client) resolveFile(src string) (string, error) {
	wd := c.opts.WorkingDir
	if abs, err := filepath.Abs(wd); err == nil {
		wd = abs
	}
	p := src
	if !filepath.IsAbs(p) {
		p = filepath.Join(wd, p)
	}
	p = filepath.Clean(p)
	if c.opts.NoInsecureFileRead && !pathInside(p, wd) {
		return p, newRequestError("PPERM", errInsecureFileRead, nil)
	}
	return p, nil
}

// pathInside reports whether p is dir or below it (both absolute and clean).
func pathInside(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// readFile reads a body file. The error is a *RequestError with Node's code and text
// ("ENOENT: no such file or directory, open '/abs/path'").
func (c *Client) readFile(src string) ([]byte, error) {
	p, err := c.resolveFile(src)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(p)
	if err == nil {
		return data, nil
	}
	return nil, fileError(err, p)
}

// fileLoadError is postman-runtime's text for a body file it could not open: the path as
// written, then "no such file", "is not a file" or "read permission denied"; other errors
// (an insecure read refused) keep their own text.
func fileLoadError(src string, err error) string {
	var re *RequestError
	if errors.As(err, &re) {
		switch re.Code() {
		case "ENOENT", "ENOTDIR":
			return `"` + src + `", no such file`
		case "EISDIR":
			return `"` + src + `", is not a file`
		case "EACCES":
			return `"` + src + `", read permission denied`
		}
	}
	return err.Error()
}

// fileError converts an os error to Node's form, e.g. "EACCES: permission denied, open
// '<path>'" with code EACCES.
func fileError(err error, path string) *RequestError {
	known := []struct {
		errno     syscall.Errno
		code, msg string
		op        string
	}{
		{syscall.ENOENT, "ENOENT", "no such file or directory", "open"},
		{syscall.EACCES, "EACCES", "permission denied", "open"},
		{syscall.EISDIR, "EISDIR", "illegal operation on a directory", "read"},
		{syscall.ENOTDIR, "ENOTDIR", "not a directory", "open"},
	}
	for _, k := range known {
		if !errors.Is(err, k.errno) {
			continue
		}
		msg := k.code + ": " + k.msg + ", " + k.op
		if k.op == "open" {
			msg += " '" + path + "'"
		}
		return newRequestError(k.code, msg, err)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return newRequestError("ENOENT", "ENOENT: no such file or directory, open '"+path+"'", err)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return newRequestError("", pe.Err.Error()+", open '"+path+"'", err)
	}
	return newRequestError("", err.Error(), err)
}
