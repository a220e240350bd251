package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
)

// pageLoad is what the browser's own timing says of one page view.
type pageLoad struct {
	Load      float64 `json:"load"`      // ms from navigation start to the load event
	Drawn     float64 `json:"drawn"`     // ms from navigation start to the last chart drawn
	Transfer  float64 `json:"transfer"`  // bytes fetched over the network (0 for cached files)
	Decoded   float64 `json:"decoded"`   // bytes of every resource, cached or not, uncompressed
	Resources float64 `json:"resources"` // requests the page made
}

// measureLoad reads the navigation and resource timing of the current page
// once its charts are drawn.
const measureLoad = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const res = performance.getEntriesByType('resource');
  const drawn = performance.getEntriesByName('chart-drawn').map(m => m.startTime);
  let transfer = nav.transferSize, decoded = nav.decodedBodySize;
  for (const r of res) { transfer += r.transferSize; decoded += r.decodedBodySize; }
  return {load: nav.loadEventEnd, drawn: drawn.length ? Math.max(...drawn) : nav.loadEventEnd,
    transfer, decoded, resources: res.length};
})()`

// BenchmarkTeamPageLoad loads the demo's largest team dashboard in
// Chromium with a warm cache (one untimed visit first) and reports what
// the browser measured: time to the load event and to the charts drawn,
// and bytes fetched. The benchmark's own ns/op includes the DevTools
// round trips and is not the figure to read.
func BenchmarkTeamPageLoad(b *testing.B) {
	db, base := startDemo(b)
	br := demoAdmin(b, base)
	url := fmt.Sprintf("%s/teams/%d", base, largestTeam(b, db))
	visit := func() pageLoad {
		var l pageLoad
		br.Run(
			chromedp.Navigate(url),
			chromedp.WaitVisible(`[data-testid="driver-table"]`),
			chromedp.Poll(`document.readyState === 'complete' && !document.querySelector('.chart:not(.is-drawn)')`, nil),
			chromedp.Evaluate(measureLoad, &l),
		)
		return l
	}
	visit()
	var sum pageLoad
	b.ResetTimer()
	for range b.N {
		l := visit()
		sum.Load += l.Load
		sum.Drawn += l.Drawn
		sum.Transfer += l.Transfer
		sum.Decoded += l.Decoded
		sum.Resources += l.Resources
	}
	n := float64(b.N)
	b.ReportMetric(sum.Load/n, "load-ms")
	b.ReportMetric(sum.Drawn/n, "drawn-ms")
	b.ReportMetric(sum.Transfer/n/1024, "fetched-KiB")
	b.ReportMetric(sum.Decoded/n/1024, "decoded-KiB")
	b.ReportMetric(sum.Resources/n, "requests")
}

// largestTeam is the demo team with the most active members.
func largestTeam(tb testing.TB, db *gorm.DB) int64 {
	tb.Helper()
	var id int64
	err := db.Model(&directory.Person{}).Select("team_id").Where("active AND team_id IS NOT NULL").
		Group("team_id").Order("COUNT(*) DESC, team_id").Limit(1).Scan(&id).Error
	if err != nil || id == 0 {
		tb.Fatalf("largest team: %d, %v", id, err)
	}
	return id
}
