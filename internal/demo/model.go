package demo

import (
	"math"
	"time"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/survey"
)

// model says how likely a person is to rate a driver favorably in a
// quarter: the driver's base, the team's own level, the person's mood,
// segment effects and the stories.
type model struct {
	drivers []string
	// team[t][d] shifts driver d for team t (teamSpecs order).
	team [][]float64
}

// Quarter indexes: 0..4 are the closed quarters, oldest first; 5 is open.
const (
	latestClosed = 4
	openQuarter  = 5
)

// improvementBy is how far an improving team has moved its driver by
// quarter: nothing for three quarters, then a little, then a lot.
var improvementBy = []float64{0, 0, 0, 0.08, 0.36, 0.40}

func newModel(g *gen, drivers []survey.Driver) *model {
	m := &model{}
	for _, d := range drivers {
		m.drivers = append(m.drivers, d.Key)
	}
	for _, s := range teamSpecs {
		row := make([]float64, len(m.drivers))
		for j, key := range m.drivers {
			row[j] = g.norm(0, 0.07)
			for _, imp := range Improvements {
				if imp.Team == s.path && imp.Driver == key {
					row[j] = 0.28 - base(key) // they start from a low point
				}
			}
		}
		m.team = append(m.team, row)
	}
	return m
}

func base(key string) float64 {
	if p, ok := baseFavorable[key]; ok {
		return p
	}
	return 0.5
}

// favorable is the chance that p rates driver j favorably in quarter qi,
// answering on day on.
func (m *model) favorable(p member, j, qi int, on time.Time) float64 {
	key := m.drivers[j]
	f := base(key) + p.mood + 0.01*float64(qi)
	if p.team >= 0 {
		f += m.team[p.team][j]
		for _, imp := range Improvements {
			if imp.Team == teamSpecs[p.team].path && imp.Driver == key {
				f += improvementBy[qi]
			}
		}
	}
	switch key {
	case Decline:
		switch qi {
		case latestClosed:
			f -= 0.20
		case openQuarter:
			f -= 0.06
		}
	case "ai_assistants":
		f += 0.04 * float64(qi)
	case "documentation", "cross_team":
		f += map[string]float64{directory.Remote: -0.10, directory.Hybrid: -0.02, directory.Office: 0.08}[p.WorkArrangement]
	}
	if directory.TenureBand(p.StartDate, on) == directory.TenureUnder6Months {
		switch key {
		case "onboarding":
			f -= 0.12
		case "documentation":
			f -= 0.05
		}
	}
	return math.Min(0.96, math.Max(0.04, f))
}

// notApplicable is the chance that p's role does not touch driver j.
func (m *model) notApplicable(p member, j int) float64 {
	return 0.01 + notApplicableByRole[p.JobRole][m.drivers[j]]
}
