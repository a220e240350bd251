package metrics

import (
	"context"
	"math"
	"slices"
)

// DORA's four keys, as devpulse measures them.
const (
	KeyDeployFrequency = "deployment_frequency"
	KeyLeadTime        = "lead_time"
	KeyChangeFailure   = "change_failure_rate"
	KeyTimeToRestore   = "time_to_restore"
)

// DORA performance bands.
const (
	Elite  = "elite"
	High   = "high"
	Medium = "medium"
	Low    = "low"
)

// DORAWindow is how many weeks each side of a DORA trend covers.
const DORAWindow = 13

// doraNames are the stored figures the four keys read.
var doraNames = []string{DeployFrequency, PRCommitLeadTime, PRLeadTime, ChangeFailureRate, TimeToRestore}

// Key is one of DORA's keys for one team: its value over the last
// DORAWindow weeks, its band, and the same over the window before.
type Key struct {
	OK       bool
	Value    float64
	Band     string
	Previous float64
	// PreviousOK: the window before had data too; Better says whether the
	// key moved in its good direction since.
	PreviousOK, Better bool
}

// TeamDORA is one team's four keys.
type TeamDORA struct {
	TeamID   int64
	TeamPath string
	Keys     map[string]Key
}

// DORAReport is every team's four keys over the weeks ending LastWeek.
type DORAReport struct {
	FirstWeek, LastWeek string
	Teams               []TeamDORA
}

// DORA reads the four keys of every team with any of them, over the
// DORAWindow weeks up to the latest week any team has a figure for, with
// the window before as its trend.
func (s *Store) DORA(ctx context.Context) (DORAReport, error) {
	var last string
	if err := s.db.WithContext(ctx).Model(&Value{}).Select("COALESCE(MAX(iso_week), '')").Where("name IN ?", doraNames).Scan(&last).Error; err != nil || last == "" {
		return DORAReport{}, wrap(err, "dora: latest week")
	}
	first, err := AddWeeks(last, 1-2*DORAWindow)
	if err != nil {
		return DORAReport{}, err
	}
	split, _ := AddWeeks(last, -DORAWindow)
	var rows []struct {
		TeamID  int64
		Path    string
		Name    string
		ISOWeek string `gorm:"column:iso_week"`
		Value   float64
	}
	err = s.db.WithContext(ctx).Table("team_metrics m").Select("m.team_id, t.path, m.name, m.iso_week, m.value").
		Joins("JOIN teams t ON t.id = m.team_id").Where("m.name IN ? AND m.iso_week BETWEEN ? AND ?", doraNames, first, last).
		Order("t.path, m.iso_week").Scan(&rows).Error
	if err != nil {
		return DORAReport{}, wrap(err, "dora: figures")
	}
	report := DORAReport{FirstWeek: first, LastWeek: last}
	windows := map[int64]*[2]doraWindow{}
	for _, r := range rows { // in week order per team: the first row is its first week
		if windows[r.TeamID] == nil {
			windows[r.TeamID] = &[2]doraWindow{{weeks: weeksFrom(first, split, r.ISOWeek)}, {weeks: DORAWindow}}
			report.Teams = append(report.Teams, TeamDORA{TeamID: r.TeamID, TeamPath: r.Path})
		}
		side := 1
		if r.ISOWeek <= split {
			side = 0
		}
		windows[r.TeamID][side].add(r.Name, r.ISOWeek, r.Value)
	}
	for i, t := range report.Teams {
		report.Teams[i].Keys = keysOf(windows[t.TeamID])
	}
	return report, nil
}

// doraWindow gathers one team's figures of one window.
type doraWindow struct {
	// weeks is how many of the window's weeks the team has figures for
	// (from its first week on): weeks without a deployment count as none.
	weeks                 int
	deploys, rates        map[string]float64 // by week
	lead, commit, restore []float64
}

func (w *doraWindow) add(name, week string, v float64) {
	if w.deploys == nil {
		w.deploys, w.rates = map[string]float64{}, map[string]float64{}
	}
	switch name {
	case DeployFrequency:
		w.deploys[week] = v
	case ChangeFailureRate:
		w.rates[week] = v
	case PRLeadTime:
		w.lead = append(w.lead, v)
	case PRCommitLeadTime:
		w.commit = append(w.commit, v)
	case TimeToRestore:
		w.restore = append(w.restore, v)
	}
}

// values are the window's four keys: deployments per week (weeks without
// a deployment count as none), the median weekly lead time in hours
// (first commit to merge where tools send it, else PR opened to merged),
// the share of deployments that failed, and the median weekly time to
// restore in hours.
func (w *doraWindow) values() map[string]float64 {
	out := map[string]float64{}
	if len(w.deploys) > 0 {
		total, failed := 0.0, 0.0
		for week, n := range w.deploys {
			total += n
			failed += n * w.rates[week]
		}
		out[KeyDeployFrequency] = total / float64(max(w.weeks, 1))
		if total > 0 {
			out[KeyChangeFailure] = failed / total
		}
	}
	if len(w.commit) > 0 {
		out[KeyLeadTime] = Median(w.commit)
	} else if len(w.lead) > 0 {
		out[KeyLeadTime] = Median(w.lead)
	}
	if len(w.restore) > 0 {
		out[KeyTimeToRestore] = Median(w.restore)
	}
	return out
}

// keysOf turns a team's two windows into its keys with their trend.
func keysOf(ws *[2]doraWindow) map[string]Key {
	prev, now := ws[0].values(), ws[1].values()
	out := map[string]Key{}
	for key, v := range now {
		k := Key{OK: true, Value: v, Band: Band(key, v)}
		if p, ok := prev[key]; ok {
			k.Previous, k.PreviousOK = p, true
			if key == KeyDeployFrequency {
				k.Better = v > p
			} else {
				k.Better = v < p
			}
		}
		out[key] = k
	}
	return out
}

// Band places a key's value in DORA's performance bands, as the 2021
// Accelerate State of DevOps report drew them (docs/metrics.md says how
// its words map to weekly numbers): deployments per week, lead time and
// time to restore in hours, change failure rate as a share.
func Band(key string, v float64) string {
	type limit struct {
		band string
		upTo float64
	}
	var limits []limit
	switch key {
	case KeyDeployFrequency: // higher is better: the lower bound of each band
		for _, l := range []limit{{Elite, 7}, {High, 12.0 / 52}, {Medium, 2.0 / 52}} {
			if v >= l.upTo {
				return l.band
			}
		}
		return Low
	case KeyLeadTime:
		limits = []limit{{Elite, 1}, {High, 24 * 7}, {Medium, 24 * 182}}
	case KeyTimeToRestore:
		limits = []limit{{Elite, 1}, {High, 24}, {Medium, 24 * 7}}
	case KeyChangeFailure:
		limits = []limit{{Elite, 0.15}, {High, 0.30}, {Medium, 0.30}}
	}
	i := slices.IndexFunc(limits, func(l limit) bool { return v < l.upTo || (key == KeyChangeFailure && v <= l.upTo) })
	if i < 0 || math.IsNaN(v) {
		return Low
	}
	return limits[i].band
}

// weeksFrom counts the weeks from max(first, since) to last.
func weeksFrom(first, last, since string) int {
	ws, err := Weeks(max(first, since), last)
	if err != nil {
		return 0
	}
	return len(ws)
}
