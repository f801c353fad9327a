package runner

import "github.com/pmrun/pmrun/runner/internal/httpclient"

// HTTPOptions configure the HTTP client of a run (Newman's request flags: timeouts, TLS,
// redirects, cookie jar, working directory, response size limit).
type HTTPOptions = httpclient.Options

// DefaultMaxResponseSize is the body limit when HTTPOptions.MaxResponseSize is 0.
const DefaultMaxResponseSize = httpclient.DefaultMaxResponseSize

// FormatSize writes n bytes as the largest whole unit: 256MB, 1GB, 512KB, 100B.
func FormatSize(n int64) string { return httpclient.FormatSize(n) }
