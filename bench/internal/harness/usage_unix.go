//go:build unix

package harness

import (
	"os"
	"runtime"
	"syscall"
)

// usageOf reads the CPU times and peak RSS (KiB) of a finished process.
func usageOf(ps *os.ProcessState) (user, sys, maxRSSKiB int64) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return 0, 0, 0
	}
	rss := int64(ru.Maxrss)
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		rss /= 1024 // bytes there, KiB on Linux and the BSDs
	}
	return ps.UserTime().Nanoseconds(), ps.SystemTime().Nanoseconds(), rss
}

// closeOnExec keeps f from leaking into processes started after this call.
func closeOnExec(f *os.File) { syscall.CloseOnExec(int(f.Fd())) }
