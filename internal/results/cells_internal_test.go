package results

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/results/leakcheck"
)

// randomOrg is an organisation drawn from a seed: a team tree up to six
// levels deep, teams of 1 to 40 respondents with three segments, and two
// questions some people find not applicable.
type randomOrg struct {
	teams  []directory.Team
	people []randomPerson
}

type randomPerson struct {
	atom     atomKey
	answered [2]bool
}

func newRandomOrg(seed uint64) randomOrg {
	r := rand.New(rand.NewPCG(seed, 99))
	var o randomOrg
	n := 2 + r.IntN(14)
	for i := range n {
		t := directory.Team{ID: int64(i + 1), Path: fmt.Sprintf("T%d", i+1)}
		if i > 0 {
			// A parent among the earlier teams, no deeper than six levels.
			for {
				p := o.teams[r.IntN(i)]
				if p.Depth() < 5 {
					id := p.ID
					t.ParentID, t.Path = &id, p.Path+"/"+t.Path
					break
				}
			}
		}
		o.teams = append(o.teams, t)
	}
	roles := []string{"backend", "frontend", "qa", "sre"}
	arrangements := []string{"remote", "hybrid", "office"}
	pick := func(xs []string) string {
		// Skewed, so that small values are common.
		return xs[min(r.IntN(len(xs)), r.IntN(len(xs)))]
	}
	na := r.Float64() * 0.4
	for _, t := range o.teams {
		size := 1 + r.IntN(40)
		if r.IntN(3) == 0 {
			size = 1 + r.IntN(6) // small teams are common
		}
		for range size {
			p := randomPerson{atom: atomKey{t.ID, pick(roles), pick(arrangements), pick(directory.TenureBands)}}
			p.answered = [2]bool{r.Float64() >= na, r.Float64() >= na/2}
			o.people = append(o.people, p)
		}
	}
	return o
}

func (o randomOrg) counts() map[int64]map[atomKey]int {
	out := map[int64]map[atomKey]int{0: {}, 1: {}, 2: {}}
	for _, p := range o.people {
		out[0][p.atom]++
		for q, ok := range p.answered {
			if ok {
				out[int64(q+1)][p.atom]++
			}
		}
	}
	return out
}

// members lists the people of a decided group.
func (o randomOrg) members(c CellRow) []int64 {
	under := subtrees(o.teams)
	var out []int64
	for i, p := range o.people {
		in := false
		switch {
		case c.TeamID == Org:
			in = true
		case c.Direct || c.TeamID == 0:
			in = p.atom.team == c.TeamID
		default:
			for _, id := range under[c.TeamID] {
				in = in || p.atom.team == id
			}
		}
		if in && (c.Segment == "" || p.atom.value(c.Segment) == c.Value) {
			out = append(out, int64(i))
		}
	}
	return out
}

// TestDecideLeaksNothing has the independent verifier check the decisions
// for 200 random organisations: the groups shown, each question's numbers
// among those who answered it, and the comment lists (shown only on
// unfiltered groups).
func TestDecideLeaksNothing(t *testing.T) {
	k, _ := insight.NewThreshold(5)
	for seed := range uint64(200) {
		o := newRandomOrg(seed)
		rows := decideCells(k, o.teams, tallyOf(o.counts()))
		var shown, comments [][]int64
		var keys []CellRow
		hiddenQ := map[cellKey]map[int64]bool{}
		for _, c := range rows {
			key := cellKey{c.TeamID, c.Direct, c.Segment, c.Value}
			if c.QuestionID != 0 {
				if hiddenQ[key] == nil {
					hiddenQ[key] = map[int64]bool{}
				}
				hiddenQ[key][c.QuestionID] = true
				continue
			}
			if c.Hidden != Shown {
				continue
			}
			set := o.members(c)
			if len(set) < k.K() {
				t.Fatalf("seed %d: %+v shows %d respondents", seed, c, len(set))
			}
			shown, keys = append(shown, set), append(keys, c)
			if c.Segment == "" {
				comments = append(comments, set)
			}
		}
		if leak := leakcheck.Small(k.K(), shown); leak != nil {
			t.Errorf("seed %d: the shown groups isolate %d respondents", seed, len(leak))
		}
		if leak := leakcheck.Classes(k.K(), comments); leak != nil {
			t.Errorf("seed %d: the comment lists isolate %d respondents", seed, len(leak))
		}
		for q := range 2 {
			var sets [][]int64
			for i, c := range keys {
				if hiddenQ[cellKey{c.TeamID, c.Direct, c.Segment, c.Value}][int64(q+1)] {
					continue
				}
				var answered []int64
				for _, id := range shown[i] {
					if o.people[id].answered[q] {
						answered = append(answered, id)
					}
				}
				sets = append(sets, answered)
			}
			if leak := leakcheck.Small(k.K(), sets); leak != nil {
				t.Errorf("seed %d: question %d's numbers isolate %d answers", seed, q+1, len(leak))
			}
		}
	}
}

// tallyOf turns counts by question (0 for respondents) and atom into
// what decideCells takes.
func tallyOf(counts map[int64]map[atomKey]int) atomTally {
	var out atomTally
	for a := range counts[0] {
		out.atoms = append(out.atoms, a)
	}
	slices.SortFunc(out.atoms, compareAtoms)
	for _, a := range out.atoms {
		out.people = append(out.people, counts[0][a])
	}
	for q := range counts {
		if q != 0 {
			out.questions = append(out.questions, q)
		}
	}
	slices.Sort(out.questions)
	for _, q := range out.questions {
		w := make([]int, len(out.atoms))
		for i, a := range out.atoms {
			w[i] = counts[q][a]
		}
		out.answered = append(out.answered, w)
	}
	return out
}
