package insight

import "math"

// HoursPerEngineer is the working week that turns hours saved per week
// into full-time engineers of capacity.
const HoursPerEngineer = 40

// Capacity is the time an AI assistant saves, as people reported it,
// turned into engineers of capacity.
type Capacity struct {
	// Hours is the sum of the hours saved per week that people reported;
	// Answered is how many answered the question, Invited how many were
	// invited to the snapshot (or the group's part of it).
	Hours    float64
	Answered int
	Invited  int
	// Engineers = Hours / 40: the full-time engineers the respondents'
	// savings add up to. Raw, for exports and further arithmetic.
	Engineers float64
	// Extrapolated = (Hours / Answered) × Invited / 40: the same average
	// saving over everyone invited. Raw.
	Extrapolated float64
	// EngineersShown and ExtrapolatedShown are the same values rounded
	// half up to one decimal, for display.
	EngineersShown    float64
	ExtrapolatedShown float64
	// OK is false when nobody answered: there is no saving to report, not
	// a saving of 0.
	OK bool
}

// AITimeSaved converts the reported hours saved per week into engineers of
// capacity, as reported and extrapolated to the invited population.
// Invited is expected to be at least answered.
func AITimeSaved(hours float64, answered, invited int) Capacity {
	c := Capacity{Hours: hours, Answered: answered, Invited: invited}
	if answered <= 0 || invited < 0 {
		return c
	}
	c.OK = true
	c.Engineers = hours / HoursPerEngineer
	c.Extrapolated = hours / float64(answered) * float64(invited) / HoursPerEngineer
	// In tenths: hours/4 is exact in binary, and (hours × invited) /
	// (4 × answered) is one correctly rounded division, so a value exactly
	// halfway between two tenths stays exactly halfway and rounds up.
	c.EngineersShown = roundHalfUp(hours/4) / 10
	c.ExtrapolatedShown = roundHalfUp(hours*float64(invited)/(4*float64(answered))) / 10
	return c
}

// roundHalfUp rounds to the nearest whole number, halves up (towards +∞).
// x − floor(x) is exact, unlike floor(x + 0.5).
func roundHalfUp(x float64) float64 {
	r := math.Floor(x)
	if x-r >= 0.5 {
		r++
	}
	return r
}
