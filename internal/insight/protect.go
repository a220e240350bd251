package insight

import (
	"math/rand/v2"
)

// Cell is one group that some screen, export or message may show numbers
// for: a team with its sub-teams, a team's direct members, the
// organisation, or any of them narrowed to one segment value. It is given
// as the atoms it is made of; an atom is a set of respondents that no
// cell tells apart (the people of one team with one role, arrangement and
// tenure band, say).
type Cell struct {
	Atoms []int
}

// Protect decides which cells may show numbers, all of them together.
//
// weights[a] is what atom a holds: respondents when deciding a group's
// scores and comments, answers when deciding one question's numbers.
// Cells come in order of preference: when showing two cells together
// would let someone work out a small group, the later one is hidden. A
// cell is shown only when it holds at least k, and the shown cells as a
// whole are such that no linear combination of them (sums and
// differences of their counts, distributions or comment lists) isolates
// a set of atoms holding 1 to k-1: only sets holding 0 or at least k can
// be worked out.
//
// How: cells are added one at a time, in order. The sets that the shown
// cells determine are exactly those whose indicator lies in the span of
// the shown cells' indicators, that is, those orthogonal to the span's
// null space. Protect keeps a basis of that null space, atom by atom
// (arithmetic modulo a prime), and after each addition looks for a union
// of at most four small atoms, holding fewer than k, whose coordinates in
// it sum to zero: it hashes two random projections of every small atom and
// pair of small atoms and matches each against the others' negations.
// A cell whose addition makes such a set is not shown. Unions of more
// than four atoms are looked for only when k is above 5 and are bounded
// by the same four: keep k at 5 or below for an exhaustive check, as
// every default does. The independent verifier in package results' tests
// checks the outcome with exact rational arithmetic.
func (t Threshold) Protect(weights []int, cells []Cell) []bool {
	k := t.K()
	// Atoms holding nothing carry no numbers: leave them out, or a set
	// could hide among them.
	index := make([]int, len(weights))
	var held []int
	for a, w := range weights {
		index[a] = -1
		if w > 0 {
			index[a] = len(held)
			held = append(held, w)
		}
	}
	p := newProtector(held, k)
	shown := make([]bool, len(cells))
	var order []int
	rows := make([][]int, len(cells))
	for i, c := range cells {
		w := 0
		for _, a := range c.Atoms {
			if index[a] >= 0 {
				w += weights[a]
				rows[i] = append(rows[i], index[a])
			}
		}
		if w >= k {
			order = append(order, i)
		}
	}
	// Most cells conflict with none: try them many at a time, and one by
	// one only where a batch would show a small set. The outcome is the
	// same as adding them one by one in order.
	place := func(batch []int) {
		if p.addAll(rows, batch) {
			for _, i := range batch {
				shown[i] = true
			}
			return
		}
		for _, i := range batch {
			shown[i] = p.tryAdd(rows[i])
		}
	}
	if p.addAll(rows, order) {
		for _, i := range order {
			shown[i] = true
		}
		return shown
	}
	for len(order) > 0 {
		n := min(16, len(order))
		place(order[:n])
		order = order[n:]
	}
	return shown
}

// modulus is the prime 2^31-1: products of two residues fit in 64 bits.
const modulus = 1<<31 - 1

func mulmod(a, b uint64) uint64 { return a * b % modulus }

func addmod(a, b uint64) uint64 { return (a + b) % modulus }

func submod(a, b uint64) uint64 { return (a + modulus - b) % modulus }

// invmod is a^(p-2) mod p.
func invmod(a uint64) uint64 {
	r, e := uint64(1), uint64(modulus-2)
	for e > 0 {
		if e&1 == 1 {
			r = mulmod(r, a)
		}
		a = mulmod(a, a)
		e >>= 1
	}
	return r
}

// protector holds the null space of the shown cells: sig[a][j] is atom a's
// coordinate in the j-th basis vector.
type protector struct {
	k       int
	weights []int
	sig     [][]uint64
	d       int // the null space's dimension
	small   []int
	z       [2][]uint64 // random projections, one value per basis vector
}

func newProtector(weights []int, k int) *protector {
	n := len(weights)
	p := &protector{k: k, weights: weights, sig: make([][]uint64, n), d: n}
	for a := range n {
		p.sig[a] = make([]uint64, n)
		p.sig[a][a] = 1
		if weights[a] > 0 && weights[a] < k {
			p.small = append(p.small, a)
		}
	}
	// A fixed seed: the same input always gives the same decisions.
	r := rand.New(rand.NewPCG(0x5eed, uint64(n)))
	for i := range p.z {
		p.z[i] = make([]uint64, n)
		for j := range p.z[i] {
			p.z[i][j] = 1 + r.Uint64N(modulus-1)
		}
	}
	return p
}

// addAll adds every cell of batch when together they keep every small set
// hidden, and reports whether it did; otherwise it adds none. It undoes
// its additions one by one rather than copying the basis beforehand: most
// batches are kept, and a copy of the basis is the size of the exact
// check's square.
func (p *protector) addAll(rows [][]int, batch []int) bool {
	undo := make([]undoAdd, 0, len(batch))
	for _, i := range batch {
		if u := p.add(rows[i]); u.j0 >= 0 {
			undo = append(undo, u)
		}
	}
	if !p.leaks() {
		return true
	}
	for i := len(undo) - 1; i >= 0; i-- {
		p.undo(undo[i])
	}
	return false
}

// undoAdd is what add changed: the basis vector it dropped (-1 when
// none), the factors it used, the dropped vector's old values and its
// projections.
type undoAdd struct {
	j0       int
	f, saved []uint64
	zs       [2]uint64
}

// add adds a cell without looking for small sets, and returns what undo
// needs to take it back.
func (p *protector) add(atoms []int) undoAdd {
	c := make([]uint64, p.d)
	for _, a := range atoms {
		for j, v := range p.sig[a][:p.d] {
			if v != 0 {
				c[j] = addmod(c[j], v)
			}
		}
	}
	j0 := -1
	for j, v := range c {
		if v != 0 {
			j0 = j
			break
		}
	}
	if j0 < 0 {
		return undoAdd{j0: -1} // already a combination of shown cells: nothing new is shown
	}
	// The null space shrinks to the vectors orthogonal to the cell: for
	// every basis vector j, subtract (c_j / c_j0) times vector j0, then
	// drop vector j0 by moving the last one into its place.
	inv := invmod(c[j0])
	f := make([]uint64, p.d)
	for j := range p.d {
		f[j] = mulmod(c[j], inv)
	}
	saved := make([]uint64, len(p.sig))
	last := p.d - 1
	for a, s := range p.sig {
		x := s[j0]
		saved[a] = x
		if x != 0 {
			for j := range p.d {
				if f[j] != 0 {
					s[j] = submod(s[j], mulmod(f[j], x))
				}
			}
		}
		s[j0], s[last] = s[last], 0
	}
	zs := [2]uint64{p.z[0][j0], p.z[1][j0]}
	p.z[0][j0], p.z[1][j0] = p.z[0][last], p.z[1][last]
	p.d--
	return undoAdd{j0: j0, f: f, saved: saved, zs: zs}
}

// tryAdd adds a cell to the shown ones when that keeps every small set
// hidden, and reports whether it did.
func (p *protector) tryAdd(atoms []int) bool {
	u := p.add(atoms)
	if u.j0 < 0 || !p.leaks() {
		return true
	}
	p.undo(u)
	return false
}

// undo takes back the last add that dropped a vector: it moves vector j0
// back and adds its multiples again.
func (p *protector) undo(u undoAdd) {
	j0, f, saved, zs := u.j0, u.f, u.saved, u.zs
	last := p.d
	p.d++
	p.z[0][last], p.z[1][last] = p.z[0][j0], p.z[1][j0]
	p.z[0][j0], p.z[1][j0] = zs[0], zs[1]
	for a, s := range p.sig {
		s[last] = s[j0]
		x := saved[a]
		if x != 0 {
			for j := range p.d {
				if j != j0 && f[j] != 0 {
					s[j] = addmod(s[j], mulmod(f[j], x))
				}
			}
		}
		s[j0] = x
	}
}

// sub is a union of one or two small atoms (b is -1 for one), with the
// key of its projections' sum.
type sub struct {
	key    uint64
	a, b   int32
	weight int32
}

// leaks reports whether some union of at most four small atoms holding 1
// to k-1 is orthogonal to the null space, that is, can be worked out.
func (p *protector) leaks() bool {
	hs := make([][2]uint64, len(p.small))
	for i, a := range p.small {
		var h [2]uint64
		for j, v := range p.sig[a][:p.d] {
			if v != 0 {
				h[0] = (h[0] + v*p.z[0][j]) % modulus
				h[1] = (h[1] + v*p.z[1][j]) % modulus
			}
		}
		if h == [2]uint64{} {
			return true // one small atom on its own
		}
		hs[i] = h
	}
	key := func(h0, h1 uint64) uint64 { return h0<<31 | h1 }
	// Every single and pair holding less than k, sorted by the key of
	// its projections' sum.
	subs := make([]sub, 0, len(p.small)*4)
	for i, a := range p.small {
		wa := p.weights[a]
		subs = append(subs, sub{key(hs[i][0], hs[i][1]), int32(a), -1, int32(wa)})
		for j := i + 1; j < len(p.small); j++ {
			b := p.small[j]
			if w := wa + p.weights[b]; w < p.k {
				h0, h1 := addmod(hs[i][0], hs[j][0]), addmod(hs[i][1], hs[j][1])
				if h0 == 0 && h1 == 0 {
					return true // a pair
				}
				subs = append(subs, sub{key(h0, h1), int32(a), int32(b), int32(w)})
			}
		}
	}
	// A table of the subs by key: open addressing, chained within a key.
	size := 1
	for size < 2*len(subs) {
		size <<= 1
	}
	slot := make([]int32, size) // index+1 of the first sub of a key, 0 if empty
	next := make([]int32, len(subs))
	find := func(k uint64) int {
		i := int(k*0x9E3779B97F4A7C15>>32) & (size - 1)
		for slot[i] != 0 && subs[slot[i]-1].key != k {
			i = (i + 1) & (size - 1)
		}
		return i
	}
	for n := range subs {
		i := find(subs[n].key)
		next[n] = slot[i] - 1
		slot[i] = int32(n + 1)
	}
	for _, s := range subs {
		h0, h1 := s.key>>31, s.key&(1<<31-1)
		for o := slot[find(key(submod(0, h0), submod(0, h1)))] - 1; o >= 0; o = next[o] {
			if int(s.weight+subs[o].weight) < p.k && disjoint(s, subs[o]) {
				return true
			}
		}
	}
	return false
}

func disjoint(s, o sub) bool {
	return s.a != o.a && s.a != o.b && (s.b < 0 || (s.b != o.a && s.b != o.b))
}
