package org

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/results"
)

// LegendItem is one colour of the heatmap's legend: the cell class it
// explains and what that colour means.
type LegendItem struct{ Class, Label string }

// legend explains the heatmap's colours in the view's mode, ending with
// the marks for a missing number and a hidden group.
func (v View) legend(ctx context.Context) []LegendItem {
	classes := []string{"heat heat-5", "heat heat-4", "heat heat-3", "heat heat-2", "heat heat-1", "heat heat-none"}
	mode := v.Mode
	switch v.Mode {
	case "delta":
		classes = []string{"heat heat-5", "heat heat-3", "heat heat-1", "heat heat-none"}
	case "benchmark":
	default:
		mode = "score"
	}
	out := make([]LegendItem, len(classes))
	for i, c := range classes {
		out[i] = LegendItem{c, i18n.T(ctx, fmt.Sprintf("org.legend.%s.%d", mode, i), "K", v.Org.K)}
	}
	return append(out, LegendItem{"heat heat-hidden", i18n.T(ctx, "org.legend.hidden", "K", v.Org.K)})
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
func (v View) keyDrivers(ctx context.Context) []KeyDriverView {
	var out []KeyDriverView
	for _, k := range v.Org.KeyDrivers {
		if k.N < 4 || math.Abs(k.R) < MinKeyDriverR {
			continue
		}
		low, high := insight.FisherInterval(k.R, k.N)
		if low <= 0 && high >= 0 {
			continue
		}
		out = append(out, KeyDriverView{KeyDriver: k, Low: low, High: high, Sentence: keyDriverSentence(i18n.From(ctx), k)})
	}
	return out
}

// keyDriverSentence words a key driver in l's language.
func keyDriverSentence(l *i18n.Localizer, k results.KeyDriver) string {
	id := "org.key.more"
	if k.R < 0 {
		id = "org.key.less"
	}
	return l.T(id, "Driver", k.Name, "Strength", l.T("org.strength."+strings.ReplaceAll(insight.Strength(k.R), " ", "_")),
		"R", fixed(l, k.R, 2), "Score", k.Score.Percent())
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
