//go:build !race

package results

// raceDetector: this test binary runs without the race detector.
const raceDetector = false
