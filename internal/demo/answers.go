package demo

import (
	"math"
	"time"

	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
)

// answerAll answers every question of a submitted response, and says
// whether the person agreed to be contacted about their comment. said
// holds the comments the person's team has written in this snapshot.
func answerAll(g *gen, m *model, f form, p member, qi int, on time.Time, said map[string]bool) ([]responses.AnswerRow, bool) {
	ratings := make([]int, len(f.ratings))
	rows := make([]responses.AnswerRow, 0, len(f.ratings)+14)
	sum := 0.0
	for j, q := range f.ratings {
		fav := m.favorable(p, j, qi, on)
		sum += fav
		if g.chance(m.notApplicable(p, j)) {
			ratings[j] = survey.NotApplicable
		} else {
			ratings[j] = g.rating(fav)
		}
		rows = append(rows, rating(q, ratings[j]))
	}
	rows = append(rows, rating(f.overall, g.rating(sum/float64(len(f.ratings))+0.06)))
	for _, key := range priorities(g, m, ratings) {
		rows = append(rows, responses.AnswerRow{QuestionID: f.priority.ID, Item: key})
	}
	for i, pct := range allocation(g, p.JobRole, qi) {
		rows = append(rows, number(f.alloc, f.alloc.Config.Categories[i], pct))
	}
	freq := aiFrequency(g, p, qi)
	rows = append(rows, responses.AnswerRow{QuestionID: f.freq.ID, Item: survey.Frequencies[freq]})
	if g.chance(0.9) { // hours saved is optional
		rows = append(rows, number(f.hours, "", hoursSaved(g, freq, qi)))
	}
	if !g.chance(0.24) {
		return rows, false
	}
	text := comment(g, m, p, ratings, qi, said)
	contact := g.chance(0.3)
	if text == "" {
		return rows, false
	}
	said[text] = true
	rows = append(rows, responses.AnswerRow{QuestionID: f.comments.ID, Text: &text})
	return rows, contact
}

// answerSome is a draft: the first few ratings, answered before the
// person left.
func answerSome(g *gen, m *model, f form, p member, qi int, on time.Time) []responses.AnswerRow {
	n := 1 + g.intn(len(f.ratings))
	var rows []responses.AnswerRow
	for j, q := range f.ratings[:n] {
		rows = append(rows, rating(q, g.rating(m.favorable(p, j, qi, on))))
	}
	return rows
}

func rating(q survey.Question, r int) responses.AnswerRow {
	return responses.AnswerRow{QuestionID: q.ID, Rating: &r}
}

func number(q survey.Question, item string, n float64) responses.AnswerRow {
	return responses.AnswerRow{QuestionID: q.ID, Item: item, Number: &n}
}

// pickWeight makes low ratings likely priorities.
var pickWeight = map[int]float64{1: 10, 2: 7, 3: 3, 4: 1, 5: 0.3}

// priorities picks up to three drivers, mostly ones the person rated low.
func priorities(g *gen, m *model, ratings []int) []string {
	n := 3
	switch u := g.float(); {
	case u < 0.07:
		n = 1
	case u < 0.2:
		n = 2
	}
	weights := make([]float64, len(ratings))
	for j, r := range ratings {
		weights[j] = pickWeight[r] // not applicable weighs nothing
	}
	var out []string
	for len(out) < n {
		total := 0.0
		for _, w := range weights {
			total += w
		}
		if total == 0 {
			break
		}
		x := g.float() * total
		for j, w := range weights {
			if x < w || j == len(weights)-1 && w > 0 {
				out = append(out, m.drivers[j])
				weights[j] = 0
				break
			}
			x -= w
		}
	}
	return out
}

// allocation draws a week's split for a role in steps of 5 that adds up
// to exactly 100. The quarter of the CI decline has more toil.
func allocation(g *gen, role string, qi int) []float64 {
	typical, ok := allocationByRole[role]
	if !ok {
		typical = allocationByRole[""]
	}
	raw := make([]float64, len(typical))
	total := 0.0
	for i, t := range typical {
		raw[i] = math.Max(0, t*(1+g.norm(0, 0.3)))
		if i == 3 && qi == latestClosed {
			raw[i] *= 1.25
		}
		total += raw[i]
	}
	out := make([]float64, len(raw))
	sum := 0.0
	for i, r := range raw {
		out[i] = 5 * math.Round(r/total*20)
		sum += out[i]
	}
	for sum != 100 {
		largest := 0
		for i := range out {
			if out[i] > out[largest] {
				largest = i
			}
		}
		step := 5.0
		if sum > 100 {
			step = -5
		}
		out[largest] += step
		sum += step
	}
	return out
}

// aiFrequency is an index into survey.Frequencies: use grows each quarter.
func aiFrequency(g *gen, p member, qi int) int {
	x := p.aiAffinity + 0.25*float64(qi) - 0.6 + g.norm(0, 0.4)
	for i, limit := range []float64{-1.3, -0.8, -0.35, 0.25, 0.9} {
		if x < limit {
			return i
		}
	}
	return len(survey.Frequencies) - 1
}

// hoursSaved per week, to the half hour: more for frequent users, and
// more each quarter.
func hoursSaved(g *gen, freq, qi int) float64 {
	if freq == 0 {
		return 0
	}
	typical := []float64{0, 0.5, 1, 1.5, 2.5, 3.5}[freq] + 0.15*float64(qi)
	h := typical * math.Exp(g.norm(0, 0.45))
	return math.Min(40, math.Round(h*2)/2)
}

// comment writes a comment: usually about the driver the person rated
// lowest; from content people sometimes a word of praise. A team's list
// reads as written by different people, so nothing in said is written
// again: when a theme's comments are all said, the next unsaid generic
// one of the same tone, or none. The fallback draws nothing, so the rest
// of the demo stays as it was.
func comment(g *gen, m *model, p member, ratings []int, qi int, said map[string]bool) string {
	lowest, best := -1, 6
	for j, r := range ratings {
		if r > 0 && (r < best || r == best && g.chance(0.5)) {
			lowest, best = j, r
		}
	}
	if p.team >= 0 && qi >= latestClosed-1 {
		for _, imp := range Improvements {
			for j, key := range m.drivers {
				if imp.Team == teamSpecs[p.team].path && imp.Driver == key && insight.IsFavorable(ratings[j]) && g.chance(0.6) {
					if c := commentsByDriver[key].positive; len(c) > 0 {
						return g.unsaid(c, said, genericPositive)
					}
				}
			}
		}
	}
	if insight.IsFavorable(best) || lowest < 0 {
		return g.unsaid(genericPositive, said, nil)
	}
	if c := commentsByDriver[m.drivers[lowest]].negative; len(c) > 0 && g.chance(0.8) {
		return g.unsaid(c, said, genericNegative)
	}
	return g.unsaid(genericNegative, said, nil)
}
