package insight

import "strconv"

// String writes a score as every page, message and summary shows it: its
// value, or an en dash when there is none.
func (s Score) String() string {
	if !s.OK {
		return "–"
	}
	return strconv.Itoa(s.Value)
}

// Percent writes a score as a percentage: "44%", or an en dash.
func (s Score) Percent() string {
	if !s.OK {
		return "–"
	}
	return strconv.Itoa(s.Value) + "%"
}

// Signed writes a change in points with its sign, the minus a real minus
// sign: "+4", "−4", "0".
func Signed(n int) string {
	switch {
	case n > 0:
		return "+" + strconv.Itoa(n)
	case n < 0:
		return "−" + strconv.Itoa(-n)
	}
	return "0"
}
