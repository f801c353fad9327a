package collections

import (
	cryptorand "crypto/rand"
	"encoding/hex"
	"math/rand/v2"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	fake "github.com/brianvoe/gofakeit/v7"
)

// Dynamic returns the value of a dynamic variable such as "$guid" (name includes the "$").
// Every call generates a fresh value, as Postman evaluates them per occurrence. The names
// are those of postman-collection's lib/superstring/dynamic-variables.js; fake data comes
// from gofakeit (see dynamic_fake.go), so values have Postman's formats, not its word lists.
// The values are random unless SeedDynamic fixed the sequence.
func Dynamic(name string) (string, bool) {
	gen, ok := dynamicGenerators[name]
	if !ok {
		return "", false
	}
	return gen(), true
}

// DynamicNames returns the names of all dynamic variables, sorted.
func DynamicNames() []string {
	names := make([]string, 0, len(dynamicGenerators))
	for n := range dynamicGenerators {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// dynamicGenerators maps each dynamic variable to its generator. It is filled once by init
// from the tables in this file and dynamic_fake.go and only read afterwards.
var dynamicGenerators = map[string]func() string{}

func init() {
	for name, gen := range coreDynamics() {
		dynamicGenerators[name] = gen
	}
	for name, gen := range fakeDynamics() {
		dynamicGenerators[name] = gen
	}
}

// coreDynamics are the generators that do not need fake data.
func coreDynamics() map[string]func() string {
	return map[string]func() string{
		"$guid":         dynamicUUID,
		"$randomUUID":   dynamicUUID,
		"$timestamp":    func() string { return strconv.FormatInt(unixSecondsRounded(time.Now()), 10) },
		"$isoTimestamp": func() string { return ISOTime(time.Now()) },
		"$randomInt":    func() string { return strconv.Itoa(dynamicRand.IntN(1001)) },
	}
}

// dynamicRand draws the random dynamic values (with gofakeit's global faker, which
// SeedDynamic seeds alongside). Safe for concurrent use.
var dynamicRand = &lockedRand{r: rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))}

// dynamicSeeded is set by SeedDynamic: $guid and $randomUUID then come from dynamicRand.
var dynamicSeeded atomic.Bool

type lockedRand struct {
	mu sync.Mutex
	r  *rand.Rand
}

func (l *lockedRand) IntN(n int) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.IntN(n)
}

func (l *lockedRand) Int64N(n int64) int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Int64N(n)
}

func (l *lockedRand) fill(b []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range b {
		b[i] = byte(l.r.Uint32())
	}
}

// SeedDynamic makes the random dynamic variables ($randomInt, $randomFirstName, $guid, …)
// a fixed sequence for seed, so that a run can be reproduced (pmrun run --seed). The
// sequence is per process: values are the same only when they are drawn in the same order
// (one worker). $timestamp, $isoTimestamp and the $randomDate… values still follow the
// clock. Call it before a run starts. UUIDs made for other uses (ids, nonces) stay random.
func SeedDynamic(seed uint64) {
	dynamicRand.mu.Lock()
	dynamicRand.r = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	dynamicRand.mu.Unlock()
	fakeSeed := seed ^ 0x5851f42d4c957f2d
	if fakeSeed == 0 { // gofakeit reads 0 as "pick a random seed"
		fakeSeed = 0x5851f42d4c957f2d
	}
	_ = fake.GlobalFaker.Seed(fakeSeed, seed) // the global faker is locked: safe during a run

	dynamicSeeded.Store(true)
}

// dynamicUUID is $guid / $randomUUID: from crypto/rand, or from the seeded sequence.
func dynamicUUID() string {
	if !dynamicSeeded.Load() {
		return NewUUID()
	}
	var b [16]byte
	dynamicRand.fill(b[:])
	return FormatUUID(b)
}

// unixSecondsRounded is Math.round(Date.now() / 1000).
func unixSecondsRounded(t time.Time) int64 {
	ms := t.UnixMilli()
	return (ms + 500) / 1000
}

// ISOTime formats t as JS Date#toISOString: UTC, milliseconds, "Z".
func ISOTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// NewUUID returns a random (version 4) UUID in lower-case canonical form, from crypto/rand.
func NewUUID() string {
	var b [16]byte
	_, _ = crand(b[:])
	return FormatUUID(b)
}

// FormatUUID sets the version 4 and variant bits of b and writes it in lower-case canonical
// form (8-4-4-4-12 hex digits).
func FormatUUID(b [16]byte) string {
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:], b[10:])
	return string(out[:])
}

// crand fills b from crypto/rand (which never fails on supported platforms).
func crand(b []byte) (int, error) { return cryptorand.Read(b) }
