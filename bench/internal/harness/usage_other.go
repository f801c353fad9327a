//go:build !unix

package harness

import "os"

// usageOf reads the CPU times of a finished process; peak RSS is not available here.
func usageOf(ps *os.ProcessState) (user, sys, maxRSSKiB int64) {
	return ps.UserTime().Nanoseconds(), ps.SystemTime().Nanoseconds(), 0
}

// closeOnExec is a no-op where descriptors are not inherited by default.
func closeOnExec(*os.File) {}
