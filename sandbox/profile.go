package sandbox

import (
	"io"

	"github.com/dop251/goja"
)

// StartJSProfile starts sampling the JavaScript call stacks of every script run in this
// process (goja's profiler) and writes them to w, in pprof format, at StopJSProfile: where a
// slow script spends its time by JS function and line. A developer aid (PMRUN_JSPROFILE);
// only one profile can run at a time.
func StartJSProfile(w io.Writer) error { return goja.StartProfile(w) }

// StopJSProfile stops the profile StartJSProfile started and writes it out.
func StopJSProfile() { goja.StopProfile() }
