package results

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
)

// scaleCounts is an organisation shaped like the scale benchmarks' (see
// scale_bench_test.go), without a database: a root, groups of leaf teams,
// about 85% of the people answering, and rating questions a few find not
// applicable. groups and leaves size it.
func scaleCounts(seed uint64, groups, leaves, people, questions int) ([]directory.Team, map[int64]map[atomKey]int) {
	r := rand.New(rand.NewPCG(seed, 7))
	teams := []directory.Team{{ID: 1, Path: "Org"}}
	root := int64(1)
	var leafIDs []int64
	for g := range groups {
		gid := int64(len(teams) + 1)
		gpath := fmt.Sprintf("Org/G%02d", g)
		teams = append(teams, directory.Team{ID: gid, ParentID: &root, Path: gpath})
		for l := range leaves {
			id := int64(len(teams) + 1)
			parent := gid
			teams = append(teams, directory.Team{ID: id, ParentID: &parent, Path: fmt.Sprintf("%s/T%03d", gpath, l)})
			leafIDs = append(leafIDs, id)
		}
	}
	roles := []string{"backend", "frontend", "mobile", "sre", "data", "qa", "manager"}
	arrangements := []string{directory.Remote, directory.Remote, directory.Hybrid, directory.Hybrid, directory.Hybrid, directory.Office}
	tenure := []string{directory.TenureUnder6Months, directory.Tenure6To12Months, directory.Tenure1To2Years,
		directory.Tenure2To5Years, directory.Tenure2To5Years, directory.TenureOver5Years, directory.TenureOver5Years,
		directory.TenureOver5Years, directory.TenureOver5Years, directory.TenureOver5Years}
	counts := map[int64]map[atomKey]int{}
	for q := range questions + 1 {
		counts[int64(q)] = map[atomKey]int{}
	}
	add := func(team int64) {
		if r.IntN(100) >= 85 {
			return // did not answer
		}
		a := atomKey{team, roles[r.IntN(len(roles))], arrangements[r.IntN(len(arrangements))], tenure[r.IntN(len(tenure))]}
		counts[0][a]++
		for q := 1; q <= questions; q++ {
			if r.IntN(100) >= 3 { // 3% not applicable
				counts[int64(q)][a]++
			}
		}
	}
	for i, id := range leafIDs {
		if i%100 == 37 || i%100 == 73 {
			for range 3 + i%2 {
				add(id)
			}
		}
	}
	for range people {
		// Skewed team sizes, as the seed's power law.
		x := r.Float64()
		add(leafIDs[int(float64(len(leafIDs))*x*x)])
	}
	return teams, counts
}

// BenchmarkDecideCells times the suppression decisions alone on an
// organisation of the scale benchmarks' shape, without a database.
func BenchmarkDecideCells(b *testing.B) {
	k, _ := insight.NewThreshold(5)
	teams, counts := scaleCounts(1, 50, 10, 100_000, 30)
	c := tallyOf(counts)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		decideCells(k, teams, c)
	}
}

// TestDecideCellsAsBefore compares the decisions with the code they
// replaced (cells_legacy_internal_test.go), row for row, on 300 random
// organisations and on small ones of the scale benchmark's shape.
func TestDecideCellsAsBefore(t *testing.T) {
	k, _ := insight.NewThreshold(5)
	check := func(name string, teams []directory.Team, counts map[int64]map[atomKey]int) {
		t.Helper()
		got, want := decideCells(k, teams, tallyOf(counts)), legacyDecideCells(k, teams, counts)
		if !slices.Equal(got, want) {
			t.Fatalf("%s: %d rows, want %d; first difference at %d", name, len(got), len(want), firstDiff(got, want))
		}
	}
	// The comparison is one goroutine's arithmetic: under the race
	// detector (make test) a fifth of it keeps the package's run short;
	// `go test` without -race checks it all.
	orgs, scales := uint64(300), uint64(3)
	if raceDetector {
		orgs, scales = 60, 1
	}
	for seed := range orgs {
		o := newRandomOrg(seed)
		check(fmt.Sprintf("random seed %d", seed), o.teams, o.counts())
	}
	for seed := range scales {
		teams, counts := scaleCounts(seed, 2+int(seed), 4, 200+400*int(seed), 3)
		check(fmt.Sprintf("scale seed %d", seed), teams, counts)
		t.Logf("scale seed %d: %d teams, %d atoms", seed, len(teams), len(counts[0]))
	}
}

func firstDiff(a, b []CellRow) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
