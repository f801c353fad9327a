// Package pmvaulttest holds test doubles for pmvault: a fake Provider standing in for
// 1Password, usable by the tests of any package that takes a pmvault.Session. It is for
// tests only and imports nothing but pmvault and the standard library.
package pmvaulttest
