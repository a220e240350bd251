//go:build race

package results

// raceDetector: this test binary runs under the race detector, which
// slows single-goroutine arithmetic several times and finds nothing in it.
const raceDetector = true
