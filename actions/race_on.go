//go:build race

package actions

// raceEnabled: the race detector maps terabytes of shadow memory, so a worker's address space cannot be
// capped under it.
const raceEnabled = true
