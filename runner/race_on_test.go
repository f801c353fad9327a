//go:build race

package runner_test

// raceSlowdown stretches the safety-net timeouts of tests that run scripts: under -race,
// goja runs several times slower, and more so with the package's parallel tests on 2 cores.
const raceSlowdown = 10
