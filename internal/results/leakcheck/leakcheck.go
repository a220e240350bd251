// Package leakcheck is the test side's verifier of the confidentiality
// rule, written apart from the code that decides what to hide: given every
// set of respondents whose numbers are shown, it looks for a set of 1 to
// k-1 respondents that some linear combination of them isolates (sums
// and differences of counts, distributions and comment lists), with exact
// rational arithmetic. Only tests use it.
package leakcheck

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
)

// Small finds a set of 1 to k-1 respondents whose indicator lies in the
// span of the shown sets' indicators, or returns nil. It is exhaustive
// for such sets made of at most four atoms (the classes of respondents no
// shown set tells apart), which covers every set under k = 5.
func Small(k int, shown [][]int64) []int64 {
	atoms, rows := atomize(shown)
	basis := reduce(rows)
	return search(k, atoms, basis)
}

// Classes finds a class of respondents, told apart by membership of the
// shown sets, holding 1 to k-1 people: set operations on lists (comment
// lists, say) isolate any such class.
func Classes(k int, shown [][]int64) []int64 {
	atoms, _ := atomize(shown)
	for _, a := range atoms {
		if len(a) < k {
			return a
		}
	}
	return nil
}

// atomize groups respondents by the shown sets they belong to and writes
// every shown set as a row of atom indices.
func atomize(shown [][]int64) ([][]int64, [][]int) {
	member := map[int64][]int{}
	for i, set := range shown {
		for _, r := range set {
			member[r] = append(member[r], i)
		}
	}
	byKey := map[string]int{}
	var atoms [][]int64
	ids := make([]int64, 0, len(member))
	for r := range member {
		ids = append(ids, r)
	}
	slices.Sort(ids)
	atomOf := map[int64]int{}
	for _, r := range ids {
		key := fmt.Sprint(member[r])
		a, ok := byKey[key]
		if !ok {
			a = len(atoms)
			byKey[key] = a
			atoms = append(atoms, nil)
		}
		atoms[a] = append(atoms[a], r)
		atomOf[r] = a
	}
	rows := make([][]int, len(shown))
	for i, set := range shown {
		seen := map[int]bool{}
		for _, r := range set {
			if a := atomOf[r]; !seen[a] {
				seen[a] = true
				rows[i] = append(rows[i], a)
			}
		}
	}
	return atoms, rows
}

// row is a sparse vector of rationals over atoms.
type row map[int]*big.Rat

// reduce returns the reduced row echelon basis of the rows, keyed by
// pivot atom: every basis row has 1 at its pivot and 0 at every other
// pivot.
func reduce(rows [][]int) map[int]row {
	basis := map[int]row{}
	for _, r := range rows {
		v := row{}
		for _, a := range r {
			v[a] = big.NewRat(1, 1)
		}
		for p, b := range basis {
			if c, ok := v[p]; ok && c.Sign() != 0 {
				axpy(v, new(big.Rat).Neg(c), b)
			}
		}
		pivot := -1
		for a, c := range v {
			if c.Sign() != 0 && (pivot < 0 || a < pivot) {
				pivot = a
			}
		}
		if pivot < 0 {
			continue
		}
		inv := new(big.Rat).Inv(v[pivot])
		for a, c := range v {
			c.Mul(c, inv)
			if c.Sign() == 0 {
				delete(v, a)
			}
		}
		for _, b := range basis {
			if c, ok := b[pivot]; ok && c.Sign() != 0 {
				axpy(b, new(big.Rat).Neg(c), v)
			}
		}
		basis[pivot] = v
	}
	return basis
}

// axpy adds c times x to v, dropping zeros.
func axpy(v row, c *big.Rat, x row) {
	for a, xa := range x {
		t := new(big.Rat).Mul(c, xa)
		if cur, ok := v[a]; ok {
			cur.Add(cur, t)
			if cur.Sign() == 0 {
				delete(v, a)
			}
		} else if t.Sign() != 0 {
			v[a] = t
		}
	}
}

// inSpan reports whether the indicator of a set of atoms is a
// combination of the basis: it must equal the sum of the basis rows at
// its pivots.
func inSpan(set []int, basis map[int]row) bool {
	sum := row{}
	one := big.NewRat(1, 1)
	for _, a := range set {
		if b, ok := basis[a]; ok {
			axpy(sum, one, b)
		}
	}
	want := map[int]bool{}
	for _, a := range set {
		want[a] = true
	}
	for a, c := range sum {
		if !want[a] || c.Cmp(one) != 0 {
			return false
		}
	}
	for a := range want {
		if _, ok := sum[a]; !ok {
			return false
		}
	}
	return true
}

// search matches unions of one or two small atoms whose null-space
// coordinates, projected on random integers, cancel, and confirms each
// match exactly.
func search(k int, atoms [][]int64, basis map[int]row) []int64 {
	r := rand.New(rand.NewPCG(7, 11))
	z := map[int]*big.Rat{}
	for a := range atoms {
		if _, pivot := basis[a]; !pivot {
			z[a] = big.NewRat(int64(1+r.IntN(1_000_000)), 1)
		}
	}
	// The null space has a vector per free atom f: 1 at f, minus the
	// basis rows' entries at f on their pivots. An atom's projection is
	// its coordinates in those vectors times z.
	h := make([]*big.Rat, len(atoms))
	for a := range atoms {
		if zf, free := z[a]; free {
			h[a] = new(big.Rat).Set(zf)
			continue
		}
		s := new(big.Rat)
		for f, c := range basis[a] {
			if zf, free := z[f]; free {
				s.Sub(s, new(big.Rat).Mul(c, zf))
			}
		}
		h[a] = s
	}
	var small []int
	for a, members := range atoms {
		if len(members) < k {
			small = append(small, a)
		}
	}
	type part struct {
		atoms []int
		n     int
		sum   *big.Rat
	}
	var parts []part
	for i, a := range small {
		parts = append(parts, part{[]int{a}, len(atoms[a]), h[a]})
		for _, b := range small[i+1:] {
			if n := len(atoms[a]) + len(atoms[b]); n < k {
				parts = append(parts, part{[]int{a, b}, n, new(big.Rat).Add(h[a], h[b])})
			}
		}
	}
	byNeg := map[string][]part{}
	for _, p := range parts {
		key := new(big.Rat).Neg(p.sum).RatString()
		byNeg[key] = append(byNeg[key], p)
	}
	try := func(set []int) []int64 {
		if !inSpan(set, basis) {
			return nil
		}
		var out []int64
		for _, a := range set {
			out = append(out, atoms[a]...)
		}
		slices.Sort(out)
		return out
	}
	for _, p := range parts {
		if p.sum.Sign() == 0 {
			if found := try(p.atoms); found != nil {
				return found
			}
		}
		for _, o := range byNeg[p.sum.RatString()] {
			if p.n+o.n >= k || overlap(p.atoms, o.atoms) {
				continue
			}
			if found := try(append(slices.Clone(p.atoms), o.atoms...)); found != nil {
				return found
			}
		}
	}
	return nil
}

func overlap(a, b []int) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// Describe names a set of respondents for a failure message.
func Describe(set []int64, name func(int64) string) string {
	var parts []string
	for _, r := range set {
		parts = append(parts, name(r))
	}
	return strings.Join(parts, ", ")
}
