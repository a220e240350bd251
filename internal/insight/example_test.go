package insight_test

import (
	"fmt"

	"github.com/devpulse/devpulse/internal/insight"
)

func ExampleDistribution() {
	// Rows of "SELECT rating, COUNT(*) ... GROUP BY rating"; 0 is "not
	// applicable".
	var d insight.Distribution
	for _, row := range [][2]int{{0, 3}, {1, 1}, {2, 2}, {3, 2}, {4, 2}, {5, 1}} {
		if err := d.Add(row[0], row[1]); err != nil {
			panic(err)
		}
	}
	mean, _ := d.Mean()
	bars, _ := d.Bars()
	fmt.Println("score:", d.Score().Value, "of", d.Answered(), "answers")
	fmt.Printf("mean: %.2f\n", mean)
	fmt.Println("bars:", bars)

	var none insight.Distribution
	_ = none.Add(0, 6)
	fmt.Println("all not applicable has a score:", none.Score().OK)
	// Output:
	// score: 38 of 8 answers
	// mean: 3.00
	// bars: [13 25 25 25 12]
	// all not applicable has a score: false
}

func ExampleCompare() {
	now := insight.Distribution{Counts: [6]int{5, 10, 20, 9, 10, 1}} // 11 of 50 favorable
	prev := insight.Distribution{Counts: [6]int{0, 20, 20, 6, 3, 1}} // 4 of 50
	d := insight.Compare(now, prev)
	fmt.Printf("%+d points, z = %.2f, significant: %v, noise band: %d\n", d.Points, d.Z, d.Significant, d.Noise)
	// Output: +14 points, z = 1.96, significant: true, noise band: 14
}

func ExampleThreshold_SuppressSegments() {
	// A team of 12: 9 remote, 3 in the office. Office is too small, and
	// remote would give office away as 12 − 9.
	suppressed, err := insight.Threshold{}.SuppressSegments(12, map[string]int{"remote": 9, "office": 3})
	if err != nil {
		panic(err)
	}
	fmt.Println("office:", suppressed["office"], "remote:", suppressed["remote"])
	// Output: office: true remote: true
}

func ExampleThreshold_Protect() {
	// Platform holds Build (3 people: atom 0), Runtime (10: atom 1) and
	// Data (12: atom 2). The cells, most wanted first: Platform, Data,
	// Runtime, Build. Runtime would give Build away as Platform less Data
	// less Runtime, so it is hidden too; Build is too small.
	weights := []int{3, 10, 12}
	cells := []insight.Cell{{Atoms: []int{0, 1, 2}}, {Atoms: []int{2}}, {Atoms: []int{1}}, {Atoms: []int{0}}}
	fmt.Println(insight.Threshold{}.Protect(weights, cells))
	// Output: [true true false false]
}

func ExampleTeamPercentiles() {
	// One favorable score per shown team on a driver: the internal benchmark.
	teams := []int{48, 71, 55, 62, 80, 66, 59, 74}
	p25, p50, p75, p90, ok := insight.TeamPercentiles(teams)
	fmt.Println(p25, p50, p75, p90, ok)
	org := insight.Percentiles{P25: p25, P50: p50, P75: p75, P90: p90}
	for _, score := range []int{50, 62, 79, 80} {
		fmt.Println(score, insight.Position(score, org))
	}
	// Output:
	// 55 62 71 80 true
	// 50 below p25
	// 62 p50–p75
	// 79 p75–p90
	// 80 above p90
}
