package runner

import (
	"github.com/pmrun/pmrun/runner/internal/cookiejar"
	"github.com/pmrun/pmrun/sandbox"
)

// CookieJar is the run's cookie store: net/http's jar, pm.cookies.jar() of scripts, and
// the --cookie-jar / --export-cookie-jar files (package runner/internal/cookiejar).
type CookieJar = cookiejar.Jar

var _ sandbox.CookieJar = (*CookieJar)(nil)

// NewCookieJar returns an empty jar.
func NewCookieJar() *CookieJar { return cookiejar.New() }

// ParseCookieJar reads a --cookie-jar file (tough-cookie JSON, as Newman's
// --export-cookie-jar writes). name is the file path, used in errors. Expired cookies
// are dropped.
func ParseCookieJar(data []byte, name string) (*CookieJar, error) {
	return cookiejar.Parse(data, name)
}
