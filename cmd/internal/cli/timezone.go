package cli

import (
	"os"
	"strings"
)

// hostTimeZone names the process's time zone as Node does: $TZ, else the zoneinfo file
// that /etc/localtime links to ("" when neither says).
func hostTimeZone(env *Env) string {
	if tz := strings.TrimPrefix(env.Getenv("TZ"), ":"); tz != "" {
		return tz
	}
	target, err := os.Readlink("/etc/localtime")
	if err != nil {
		return ""
	}
	if _, name, ok := strings.Cut(target, "zoneinfo/"); ok {
		return name
	}
	return ""
}
