package harness

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the measured command die with its launcher, so stopping the driver
// (which kills the launcher) leaves nothing behind.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
