package results

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/survey"
)

// Counting a closed snapshot's answers. Every result table and the
// suppression counts are sums over the snapshot's submitted answers by
// team, segment value and question, so Materialise reads the answers once
// (answersSQL, streamed) and counts them here into all of them at once:
// reading, joining and grouping the 3.4 million answer rows of a
// 100,000-person snapshot once per table in SQL was most of
// materialising it. The submitted responses are read first
// (responsesSQL): each answer is joined to its respondent's team and
// segments here, which costs less than sending them with every answer.
//
// What each table counts, over the snapshot's answers whose response is
// submitted (the SQL this replaced is kept as a test oracle in
// materialise_legacy_internal_test.go):
//
//   - result_ratings: the answers with a rating, by rating 0 to 5.
//   - result_items: the answers with neither a rating nor a text, by item:
//     how many, and the sum of their numbers.
//   - result_options: the answers with an item to the choiceKinds
//     questions, by item, and the respondents with any such answer, as
//     choice "".
//   - result_numbers: the answers with a number to number questions, by
//     number.
//   - result_pairs: across the organisation, each answer rating 1 to 5
//     against each rating 1 to 5 its respondent gave an overall
//     satisfaction question other than the answer's.
//   - the suppression counts (decide): the respondents, by atom; and by
//     atom and question, the respondents with an answer to the question
//     that has no text and is not "not applicable" (a rating of 0).
//
// A direct table's rows are per group: a team's whole group (segment "")
// and each value of each of Segments in it, so each answer counts in
// 1+len(Segments) groups.

// choiceKinds are the kinds counted per choice into result_options.
var choiceKinds = []survey.Kind{survey.KindSingle, survey.KindMulti, survey.KindFrequency}

// directGroup is a direct group: a team's whole group (set 0) or the people
// with one value of Segments[set-1] in it.
type directGroup struct {
	team  int64
	set   int32
	value int32 // the value's index in tally.values[set-1]
}

// ratingCell counts one group's ratings of one question: n by rating;
// rows counts every answer with a rating, so that one outside 0..5 makes
// a row of zeros as the SQL's GROUP BY did.
type ratingCell struct {
	n    [6]int32
	rows int32
}

// sum adds floats with Neumaier's compensation, as SQLite's sum() does:
// the result hardly depends on the order of the terms. (PostgreSQL's
// SUM(float8) adds in the order rows come; the two agree exactly whenever
// the sums are exact, as for whole numbers and halves.)
type sum struct{ s, c float64 }

func (x *sum) add(v float64) {
	t := x.s + v
	if math.Abs(x.s) >= math.Abs(v) {
		x.c += (x.s - t) + v
	} else {
		x.c += (v - t) + x.s
	}
	x.s = t
}

func (x sum) value() float64 { return x.s + x.c }

// itemSlot is one item of one question, with its counts by group as
// result_items counts them (answers, total; nil when no answer counted)
// and as result_options does (chosen; nil unless a choice). Items are a
// question's options, categories or drivers, so there are few.
type itemSlot struct {
	question int32
	item     string
	answers  []int32
	total    []sum
	chosen   []int32
}

// numberKey names one distinct number of one question: the number's bits,
// with 0 and -0 one number as SQL's equality has them.
type numberKey struct {
	question int32
	bits     uint64
}

// numberCell names a distinct number's count in one group. Numbers are
// counted sparsely: a question may have as many distinct numbers as
// respondents.
type numberCell struct{ slot, group int32 }

// numberSlot is one distinct number of a number question.
type numberSlot struct {
	question int32
	number   float64 // as first read
}

// bitset marks responses by index.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

// set marks i and reports whether it was unmarked.
func (b bitset) set(i int32) bool {
	w, m := i/64, uint64(1)<<(uint(i)%64)
	if b[w]&m != 0 {
		return false
	}
	b[w] |= m
	return true
}

// idIndex maps IDs to indexes: through a slice when the IDs are dense, as
// a snapshot's responses' and questions' are, else a map.
type idIndex struct {
	base  int64
	dense []int32 // dense[id-base], -1 for none
	other map[int64]int32
}

func newIDIndex(ids []int64) idIndex {
	x := idIndex{other: map[int64]int32{}}
	if len(ids) == 0 {
		return x
	}
	lo, hi := slices.Min(ids), slices.Max(ids)
	if hi-lo >= int64(4*len(ids)+64) {
		for i, id := range ids {
			x.other[id] = int32(i)
		}
		return x
	}
	x.base, x.dense = lo, make([]int32, hi-lo+1)
	for i := range x.dense {
		x.dense[i] = -1
	}
	for i, id := range ids {
		x.dense[id-lo] = int32(i)
	}
	return x
}

func (x *idIndex) get(id int64) (int32, bool) {
	if d := id - x.base; d >= 0 && d < int64(len(x.dense)) {
		if i := x.dense[d]; i >= 0 {
			return i, true
		}
	}
	i, ok := x.other[id]
	return i, ok
}

// tally is one snapshot's answers counted: what the result tables and the
// suppression decisions are made of.
type tally struct {
	snapshotID int64

	// Questions by index: the snapshot's, then any other an answer
	// names (only if the data was written by something else).
	qids     []int64
	kinds    []survey.Kind
	isChoice []bool
	qIndex   idIndex
	overall  []int32 // the snapshot's overall satisfaction questions

	// Segment values by set-1 and index.
	values     [][]string
	valueIndex []map[string]int32

	groups  []directGroup
	groupOf map[directGroup]int32

	atoms  []atomKey
	atomOf map[[4]int64]int32
	people []int // respondents by atom

	// Responses by index: the atom of each and its 1+len(Segments)
	// groups (from resp*sets).
	sets       int
	respAtom   []int32
	respGroups []int32
	respIndex  idIndex

	// The counts, by question index (nil for a question nothing was
	// counted for) and then by group, or by atom.
	ratings      [][]ratingCell
	slots        []itemSlot
	slotOf       []map[string]int32
	optionsAny   [][]int32 // respondents with any choice
	optionSeen   []bitset
	numbers      []numberSlot
	numberOf     map[numberKey]int32
	numberN      map[numberCell]int32
	answered     [][]int32 // by atom
	answeredSeen []bitset

	// Pairs: each response's rating 1..5 of each question (0 for none;
	// a second answer of the same question goes to pairExtra), and its
	// answers of each rating to each overall question.
	pairRating [][]uint8
	pairExtra  []pairAnswer
	overallN   []int32 // [(resp*len(overall)+j)*5 + rating-1]

	// Answers to questions not read yet, counted once they are.
	pending []pendingAnswer
}

type pairAnswer struct {
	resp, question int32
	rating         uint8
}

type pendingAnswer struct {
	resp int32
	a    answer
}

// countAnswers reads and counts a snapshot's answers: through pg, the
// transaction's PostgreSQL connection, when there is one, else through tx.
func countAnswers(ctx context.Context, tx *gorm.DB, pg pgRaw, snapshotID int64) (*tally, error) {
	t := &tally{snapshotID: snapshotID, groupOf: map[directGroup]int32{}, atomOf: map[[4]int64]int32{},
		numberOf: map[numberKey]int32{}, numberN: map[numberCell]int32{}, sets: 1 + len(Segments)}
	for range Segments {
		t.values = append(t.values, nil)
		t.valueIndex = append(t.valueIndex, map[string]int32{})
	}
	if err := t.readQuestions(ctx, tx, "snapshot_id = ?", snapshotID); err != nil {
		return nil, err
	}
	t.qIndex = newIDIndex(t.qids)
	if err := t.readResponses(ctx, tx); err != nil {
		return nil, err
	}
	if len(t.overall) > 0 {
		t.overallN = make([]int32, len(t.respAtom)*len(t.overall)*5)
	}
	stream := sqlAnswers(tx)
	if pg != nil {
		stream = pg.answers
	}
	if err := stream(ctx, snapshotID, t.add); err != nil {
		return nil, fmt.Errorf("results: answers: %w", err)
	}
	if err := t.countPending(ctx, tx); err != nil {
		return nil, err
	}
	return t, nil
}

// addQuestion adds a question to the tally, with nothing counted yet.
func (t *tally) addQuestion(id int64, kind survey.Kind, overall bool) {
	if overall {
		t.overall = append(t.overall, int32(len(t.qids)))
	}
	t.qids = append(t.qids, id)
	t.kinds = append(t.kinds, kind)
	t.isChoice = append(t.isChoice, slices.Contains(choiceKinds, kind))
	t.ratings = append(t.ratings, nil)
	t.slotOf = append(t.slotOf, nil)
	t.optionsAny = append(t.optionsAny, nil)
	t.optionSeen = append(t.optionSeen, nil)
	t.answered = append(t.answered, nil)
	t.answeredSeen = append(t.answeredSeen, nil)
	t.pairRating = append(t.pairRating, nil)
}

// group returns a direct group's index, adding it when new.
func (t *tally) group(k directGroup) int32 {
	g, ok := t.groupOf[k]
	if !ok {
		g = int32(len(t.groups))
		t.groupOf[k] = g
		t.groups = append(t.groups, k)
	}
	return g
}

// add counts one answer of the snapshot.
func (t *tally) add(a *answer) {
	r, ok := t.respIndex.get(a.response)
	if !ok {
		return // not submitted
	}
	q, ok := t.qIndex.get(a.question)
	if !ok {
		p := pendingAnswer{resp: r, a: *a}
		p.a.item = slices.Clone(a.item)
		t.pending = append(t.pending, p)
		return
	}
	t.count(r, q, a)
}

// countPending counts the answers to questions of other snapshots, once
// their kinds are read. The application writes none.
func (t *tally) countPending(ctx context.Context, tx *gorm.DB) error {
	if len(t.pending) == 0 {
		return nil
	}
	var ids []int64
	for _, p := range t.pending {
		ids = append(ids, p.a.question)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	known := len(t.qids)
	if err := t.readQuestions(ctx, tx, "id IN ?", ids); err != nil {
		return err
	}
	for i := known; i < len(t.qids); i++ {
		t.qIndex.other[t.qids[i]] = int32(i)
	}
	for _, id := range ids {
		if _, ok := t.qIndex.get(id); !ok {
			// No such question: counted as the SQL did, which joined
			// none where it read the kind.
			t.qIndex.other[id] = int32(len(t.qids))
			t.addQuestion(id, "", false)
		}
	}
	for i := range t.pending {
		p := &t.pending[i]
		q, _ := t.qIndex.get(p.a.question)
		t.count(p.resp, q, &p.a)
	}
	t.pending = nil
	return nil
}

// count counts answer a of response r to question q into every table.
func (t *tally) count(r, q int32, a *answer) {
	groups := t.respGroups[int(r)*t.sets : int(r)*t.sets+t.sets]
	if a.hasRating {
		cells := t.ratings[q]
		if cells == nil {
			cells = make([]ratingCell, len(t.groups))
			t.ratings[q] = cells
		}
		for _, g := range groups {
			c := &cells[g]
			c.rows++
			if a.rating >= 0 && a.rating <= 5 {
				c.n[a.rating]++
			}
		}
		if a.rating >= 1 && a.rating <= 5 && len(t.overall) > 0 {
			t.pair(r, q, uint8(a.rating))
		}
	}
	if !a.text && (!a.hasRating || a.rating > 0) {
		seen := t.answeredSeen[q]
		if seen == nil {
			seen = newBitset(len(t.respAtom))
			t.answeredSeen[q], t.answered[q] = seen, make([]int32, len(t.atoms))
		}
		if seen.set(r) {
			t.answered[q][t.respAtom[r]]++
		}
	}
	items := !a.hasRating && !a.text
	choice := t.isChoice[q] && len(a.item) > 0
	if items || choice {
		s := t.slot(q, a.item)
		if items {
			if s.answers == nil {
				s.answers, s.total = make([]int32, len(t.groups)), make([]sum, len(t.groups))
			}
			for _, g := range groups {
				s.answers[g]++
				if a.hasNumber {
					s.total[g].add(a.number)
				}
			}
		}
		if choice {
			if s.chosen == nil {
				s.chosen = make([]int32, len(t.groups))
			}
			for _, g := range groups {
				s.chosen[g]++
			}
			seen := t.optionSeen[q]
			if seen == nil {
				seen = newBitset(len(t.respAtom))
				t.optionSeen[q], t.optionsAny[q] = seen, make([]int32, len(t.groups))
			}
			if seen.set(r) {
				for _, g := range groups {
					t.optionsAny[q][g]++
				}
			}
		}
	}
	if a.hasNumber && t.kinds[q] == survey.KindNumber {
		key := numberKey{question: q, bits: math.Float64bits(a.number)}
		switch {
		case a.number == 0:
			key.bits = 0
		case math.IsNaN(a.number):
			key.bits = math.Float64bits(math.NaN())
		}
		s, ok := t.numberOf[key]
		if !ok {
			s = int32(len(t.numbers))
			t.numberOf[key] = s
			t.numbers = append(t.numbers, numberSlot{question: q, number: a.number})
		}
		for _, g := range groups {
			t.numberN[numberCell{s, g}]++
		}
	}
}

// slot returns question q's item, adding it when new.
func (t *tally) slot(q int32, item []byte) *itemSlot {
	m := t.slotOf[q]
	if m == nil {
		m = map[string]int32{}
		t.slotOf[q] = m
	}
	i, ok := m[string(item)]
	if !ok {
		i = int32(len(t.slots))
		s := itemSlot{question: q, item: string(item)}
		m[s.item] = i
		t.slots = append(t.slots, s)
	}
	return &t.slots[i]
}

// pair notes response r's rating of question q for result_pairs.
func (t *tally) pair(r, q int32, rating uint8) {
	col := t.pairRating[q]
	if col == nil {
		col = make([]uint8, len(t.respAtom))
		t.pairRating[q] = col
	}
	if col[r] == 0 {
		col[r] = rating
	} else {
		t.pairExtra = append(t.pairExtra, pairAnswer{resp: r, question: q, rating: rating})
	}
	for j, o := range t.overall {
		if o == q {
			t.overallN[(int(r)*len(t.overall)+j)*5+int(rating)-1]++
		}
	}
}

// pairs counts, by question index, rating and overall rating (each 1..5,
// from [0][0]), the pairs of result_pairs.
func (t *tally) pairs() [][5][5]int64 {
	out := make([][5][5]int64, len(t.qids))
	add := func(r, q int32, rating uint8) {
		for j, o := range t.overall {
			if o == q {
				continue
			}
			n := t.overallN[(int(r)*len(t.overall)+j)*5:][:5]
			for k, c := range n {
				out[q][rating-1][k] += int64(c)
			}
		}
	}
	for q, col := range t.pairRating {
		for r, rating := range col {
			if rating != 0 {
				add(int32(r), int32(q), rating)
			}
		}
	}
	for _, e := range t.pairExtra {
		add(e.resp, e.question, e.rating)
	}
	return out
}

// atomTally returns the suppression counts: the atoms in order, with
// their respondents and, by question, those who answered it.
func (t *tally) atomTally() atomTally {
	order := make([]int, len(t.atoms))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int { return compareAtoms(t.atoms[x], t.atoms[y]) })
	out := atomTally{atoms: make([]atomKey, len(order)), people: make([]int, len(order))}
	for i, a := range order {
		out.atoms[i], out.people[i] = t.atoms[a], t.people[a]
	}
	for _, q := range t.byID() {
		n := t.answered[q]
		if n == nil {
			continue
		}
		w := make([]int, len(order))
		for i, a := range order {
			w[i] = int(n[a])
		}
		out.questions = append(out.questions, t.qids[q])
		out.answered = append(out.answered, w)
	}
	return out
}

// byID returns the question indexes in order of ID.
func (t *tally) byID() []int32 {
	out := make([]int32, len(t.qids))
	for i := range out {
		out[i] = int32(i)
	}
	slices.SortFunc(out, func(x, y int32) int { return cmp.Compare(t.qids[x], t.qids[y]) })
	return out
}
