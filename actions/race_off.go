//go:build !race

package actions

const raceEnabled = false
