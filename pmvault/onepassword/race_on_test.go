//go:build race

package onepassword

// raceSlowdown stretches the real-SDK test's deadline: under -race, compiling the SDK's WASM
// core takes about two minutes on 2 busy cores instead of about four seconds.
const raceSlowdown = 3
