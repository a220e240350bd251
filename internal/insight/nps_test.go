package insight

import "testing"

func TestNetPromoter(t *testing.T) {
	tests := []struct {
		name   string
		counts NPSCounts
		want   NPS
	}{
		{"nobody answered", NPSCounts{}, NPS{}},
		{"a negative count is absent", NPSCounts{10: 5, 0: -1}, NPS{}},
		{"all promoters", NPSCounts{9: 2, 10: 3}, NPS{Answered: 5, Promoters: 5, Score: 100, PromoterShare: 100, OK: true}},
		{"all detractors", NPSCounts{0: 1, 6: 4}, NPS{Answered: 5, Detractors: 5, Score: -100, DetractorShare: 100, OK: true}},
		{"all passives", NPSCounts{7: 3, 8: 3}, NPS{Answered: 6, Passives: 6, Score: 0, PassiveShare: 100, OK: true}},
		{"6 is a detractor, 7 a passive, 9 a promoter", NPSCounts{6: 1, 7: 1, 8: 1, 9: 1},
			NPS{Answered: 4, Promoters: 1, Passives: 2, Detractors: 1, Score: 0, PromoterShare: 25, PassiveShare: 50, DetractorShare: 25, OK: true}},
		// 5 promoters, 3 passives, 2 detractors of 10: 50 - 20.
		{"the textbook case", NPSCounts{10: 3, 9: 2, 8: 2, 7: 1, 5: 1, 2: 1},
			NPS{Answered: 10, Promoters: 5, Passives: 3, Detractors: 2, Score: 30, PromoterShare: 50, PassiveShare: 30, DetractorShare: 20, OK: true}},
		// 1 promoter of 8 is 12.5: half away from zero, 13; its mirror -13.
		{"a half rounds up", NPSCounts{9: 1, 8: 7},
			NPS{Answered: 8, Promoters: 1, Passives: 7, Score: 13, PromoterShare: 13, PassiveShare: 87, OK: true}},
		{"a negative half rounds down", NPSCounts{3: 1, 8: 7},
			NPS{Answered: 8, Passives: 7, Detractors: 1, Score: -13, PassiveShare: 87, DetractorShare: 13, OK: true}},
		// Thirds: 33.3 each; the split still sums to 100, the score is 0.
		{"the split sums to 100", NPSCounts{10: 1, 7: 1, 0: 1},
			NPS{Answered: 3, Promoters: 1, Passives: 1, Detractors: 1, Score: 0, PromoterShare: 34, PassiveShare: 33, DetractorShare: 33, OK: true}},
		// 2 promoters, 1 detractor of 7: 28.57 - 14.29 = 14.29, so 14;
		// the shares 29 and 14 differ by 15: the score is the number of record.
		{"the score comes from the counts, not the rounded shares", NPSCounts{9: 2, 8: 4, 1: 1},
			NPS{Answered: 7, Promoters: 2, Passives: 4, Detractors: 1, Score: 14, PromoterShare: 29, PassiveShare: 57, DetractorShare: 14, OK: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := NetPromoter(tc.counts)
			if got != tc.want {
				t.Errorf("NetPromoter(%v)\n got %+v\nwant %+v", tc.counts, got, tc.want)
			}
			if got.OK && got.PromoterShare+got.PassiveShare+got.DetractorShare != 100 {
				t.Errorf("the split sums to %d", got.PromoterShare+got.PassiveShare+got.DetractorShare)
			}
		})
	}
}
