//go:build linux

package main

import (
	"errors"
	"os"
	"syscall"
)

// exitWithParent asks the kernel to send SIGTERM when the process that
// spawned the engine dies, so a crashed server leaves no engine behind.
func exitWithParent() error {
	const prSetPdeathsig = 1
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetPdeathsig, uintptr(syscall.SIGTERM), 0); errno != 0 {
		return errno
	}
	if os.Getppid() == 1 {
		return errors.New("--exit-with-parent: the parent process is already gone")
	}
	return nil
}
