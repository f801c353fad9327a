// Package junit writes a run Summary as Newman's JUnit XML report (newman run -r junit): one
// <testsuite> per item (named by its folder path), one <testcase> per assertion name, the
// failures of each assertion in a <failure> element and the item's request and script errors
// in <system-err>, so CI systems that read Newman's JUnit files show pmrun runs the same way.
//
// One deliberate difference: Newman forgets an assertion's earlier failures when a later
// iteration passes it; here a testcase keeps every failure it had.
//
// This package imports runner/event, collections and the standard library only; it must not
// import runner, sandbox, pmvault or another reporter.
package junit
