package org

import (
	"fmt"
	"math"

	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/results"
)

// LegendItem is one colour of the heatmap's legend: the cell class it
// explains and what that colour means.
type LegendItem struct{ Class, Label string }

// legend explains the heatmap's colours in the view's mode, ending with
// the marks for a missing number and a hidden group.
func (v View) legend() []LegendItem {
	var out []LegendItem
	switch v.Mode {
	case "delta":
		out = []LegendItem{
			{"heat heat-5", "significant rise"},
			{"heat heat-3", "change within chance"},
			{"heat heat-1", "significant fall"},
			{"heat heat-none", "– no comparison"},
		}
	case "benchmark":
		out = []LegendItem{
			{"heat heat-5", "above p90"},
			{"heat heat-4", "p75–p90"},
			{"heat heat-3", "p50–p75"},
			{"heat heat-2", "p25–p50"},
			{"heat heat-1", "below p25"},
			{"heat heat-none", "– no score or benchmark"},
		}
	default:
		out = []LegendItem{
			{"heat heat-5", "85% and over"},
			{"heat heat-4", "70–84%"},
			{"heat heat-3", "55–69%"},
			{"heat heat-2", "40–54%"},
			{"heat heat-1", "under 40%"},
			{"heat heat-none", fmt.Sprintf("– fewer than %d answered the question", v.Org.K)},
		}
	}
	return append(out, LegendItem{"heat heat-hidden", fmt.Sprintf("hidden: under %d responses, or to protect a smaller group", v.Org.K)})
}

// MinKeyDriverR is the weakest correlation named as a key driver. Below it,
// or when the 95% interval of r includes zero, a driver's ratings do not
// move with overall satisfaction clearly enough to single it out, and the
// page says nothing stands out instead of listing noise.
const MinKeyDriverR = 0.2

// KeyDriverView is a key driver with its interval and a plain sentence.
type KeyDriverView struct {
	results.KeyDriver
	Low, High float64
	Sentence  string
}

// keyDrivers keeps the correlations that clear MinKeyDriverR with a 95%
// interval (Fisher's z, standard error 1/sqrt(n-3)) that excludes zero.
func (v View) keyDrivers() []KeyDriverView {
	var out []KeyDriverView
	for _, k := range v.Org.KeyDrivers {
		if k.N < 4 || math.Abs(k.R) < MinKeyDriverR {
			continue
		}
		low, high := insight.FisherInterval(k.R, k.N)
		if low <= 0 && high >= 0 {
			continue
		}
		out = append(out, KeyDriverView{KeyDriver: k, Low: low, High: high, Sentence: keyDriverSentence(k)})
	}
	return out
}

func keyDriverSentence(k results.KeyDriver) string {
	more := "more"
	if k.R < 0 {
		more = "less"
	}
	return fmt.Sprintf("People who rate %s higher tend to be %s satisfied overall (a %s link, r = %s). It scores %s favorable.",
		k.Name, more, insight.Strength(k.R), corr(k.R), k.Score.Percent())
}

// Tone is whether a finding is good news ("up"), bad news ("down") or
// neither (""): present mode colours it green or red and marks it ▲ or ▼,
// so colour is never alone.
func (v View) Tone(f readout.Finding) string {
	switch f.Key {
	case "improvements", "recognition":
		if f.Big != "" {
			return "up"
		}
	case "declines":
		if f.Big != "" {
			return "down"
		}
	case "overall":
		if o := v.Org.Overall; o != nil && o.Delta.OK && o.Delta.Significant && o.Delta.Points != 0 {
			return map[bool]string{true: "up", false: "down"}[o.Delta.Points > 0]
		}
	}
	return ""
}

func toneMark(tone string) string {
	switch tone {
	case "up":
		return "▲ "
	case "down":
		return "▼ "
	}
	return ""
}
