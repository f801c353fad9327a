// Package cli is pmrun's command line: the cobra commands (run, demo, vault), their flags,
// the wiring of the runner, reporters and vault, and the mapping of errors to exit codes.
//
// It is the only package that touches the process: arguments, standard streams, environment
// variables, signals and exit codes all come in through Env. It is also the only place that
// chooses concrete implementations (which reporters, which vault providers).
package cli
