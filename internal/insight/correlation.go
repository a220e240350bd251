package insight

import "math"

// Correlation is Pearson's r between two 1..5 ratings given by the same
// respondents, from their joint counts: joint[x-1][y-1] counts the people
// who answered x to the first and y to the second ("not applicable" left
// out). Key-driver analysis uses it to say how strongly a driver moves
// with overall satisfaction. ok is false with fewer than 3 pairs or when
// either rating does not vary (r is undefined).
func Correlation(joint [5][5]int) (r float64, n int, ok bool) {
	var sx, sy, sxx, syy, sxy float64
	for i := range joint {
		for j, c := range joint[i] {
			if c <= 0 {
				continue
			}
			x, y, w := float64(i+1), float64(j+1), float64(c)
			n += c
			sx += w * x
			sy += w * y
			sxx += w * x * x
			syy += w * y * y
			sxy += w * x * y
		}
	}
	if n < 3 {
		return 0, n, false
	}
	fn := float64(n)
	cov := sxy - sx*sy/fn
	vx, vy := sxx-sx*sx/fn, syy-sy*sy/fn
	if vx <= 0 || vy <= 0 {
		return 0, n, false
	}
	return cov / math.Sqrt(vx*vy), n, true
}
