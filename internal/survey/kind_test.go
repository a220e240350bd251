package survey_test

import (
	"net/url"
	"reflect"
	"slices"
	"testing"

	"github.com/devpulse/devpulse/internal/survey"
)

// kindSamples holds, per kind, a question and a form that answers it.
// Every registered kind must have one: a kind added without one fails
// TestEveryKindHasEveryBehaviour until its behaviour is exercised here.
var kindSamples = map[survey.Kind]kindSample{
	survey.KindRating:     {form: url.Values{"q7": {"4"}}},
	survey.KindPriority:   {form: url.Values{"q7": {"ci", "docs"}}},
	survey.KindAllocation: {config: survey.Config{Categories: []string{"Features", "Bugs"}}, form: url.Values{"q7-0": {"60"}, "q7-1": {"40"}}},
	survey.KindFrequency:  {form: url.Values{"q7": {"3"}}},
	survey.KindNumber:     {config: survey.Config{Min: ptr(0.0), Max: ptr(40.0), Unit: "hours"}, form: url.Values{"q7": {"2.5"}}},
	survey.KindText:       {config: survey.Config{MaxLength: 200}, form: url.Values{"q7": {"CI is slow on Mondays."}}},
	survey.KindSingle:     {config: survey.Config{Choices: []string{"Home", "Office"}}, form: url.Values{"q7": {"Office"}}},
	survey.KindMulti:      {config: survey.Config{Choices: []string{"Vim", "VS Code", "Emacs"}}, form: url.Values{"q7": {"Vim", "Emacs"}}},
	survey.KindNPS:        {form: url.Values{"q7": {"9"}}},
}

// kindSample is a question's config and a form that answers it.
type kindSample struct {
	config survey.Config
	form   url.Values
}

func ptr[T any](v T) *T { return &v }

// TestEveryKindHasEveryBehaviour walks every registered kind through each
// layer: the builder (label, settings, definition check), the form (input,
// fields, parsing, showing an answer again), storage (items and back),
// the export (columns) and results (where answers show). The compiler
// makes each kind implement every method; this test makes each mean
// something.
func TestEveryKindHasEveryBehaviour(t *testing.T) {
	labels := map[string]survey.Kind{}
	seen := map[survey.Kind]bool{}
	if len(survey.Kinds()) != len(kindSamples) {
		t.Errorf("%d kinds registered, %d sampled here", len(survey.Kinds()), len(kindSamples))
	}
	for _, b := range survey.Kinds() {
		kind := b.Kind()
		if kind == "" || seen[kind] {
			t.Errorf("kind %q is empty or registered twice", kind)
		}
		seen[kind] = true
		t.Run(string(kind), func(t *testing.T) {
			sample, ok := kindSamples[kind]
			if !ok {
				t.Fatalf("kind %q has no sample in kindSamples: add a question and a form that answers it", kind)
			}
			if got, ok := survey.Lookup(kind); !ok || got.Kind() != kind {
				t.Fatalf("Lookup(%q) = %v, %v", kind, got, ok)
			}
			q := checkKindBuilder(t, b, sample, labels)
			a := checkKindForm(t, b, q, sample)
			items := checkKindStorage(t, b, q, a)
			checkKindExport(t, b, q, items)
			// Results.
			if !slices.Contains(survey.AllResults, b.Results()) {
				t.Errorf("results %q is not a place results show", b.Results())
			}
		})
	}
}

// checkKindBuilder checks the label (unique among labels), the settings and
// the definition check, and returns the sample question.
func checkKindBuilder(t *testing.T, b survey.Behaviour, sample kindSample, labels map[string]survey.Kind) survey.Question {
	t.Helper()
	kind := b.Kind()
	if b.Label() == "" || labels[b.Label()] != "" {
		t.Errorf("label %q is empty or shared with %q", b.Label(), labels[b.Label()])
	}
	labels[b.Label()] = kind
	if len(b.Settings()) == 0 {
		t.Error("no settings: return SettingNone when the kind has none")
	}
	for _, s := range b.Settings() {
		if !slices.Contains(survey.AllSettings, s) {
			t.Errorf("unknown setting %q", s)
		}
	}
	q := survey.Question{ID: 7, Kind: kind, Prompt: "A question?", Config: sample.config}
	if errs := q.Validate(); len(errs) > 0 {
		t.Errorf("the sample question is refused: %v", errs)
	}
	if kind != survey.KindNPS && len(sample.config.Choices)+len(sample.config.Categories) > 0 {
		bad := q
		bad.Config = survey.Config{}
		if len(b.Check(bad)) == 0 {
			t.Error("a question without its choices or categories passes the definition check")
		}
	}
	return q
}

// checkKindForm checks the input, the fields and parsing, and returns the
// sample's answer.
func checkKindForm(t *testing.T, b survey.Behaviour, q survey.Question, sample kindSample) survey.Answer {
	t.Helper()
	drivers := []string{"ci", "docs", "deploys"}
	options := []survey.Option{{Value: "ci", Label: "CI"}, {Value: "docs", Label: "Docs"}, {Value: "deploys", Label: "Deploys"}}
	in := b.Input(q, options)
	if !slices.Contains(survey.Widgets, in.Widget) {
		t.Errorf("input widget %q is not one the templates draw", in.Widget)
	}
	if (in.Widget == survey.WidgetScale || in.Widget == survey.WidgetChoices) && len(in.Options) == 0 {
		t.Error("a scale or list of choices without options")
	}
	fields := b.Fields(q)
	if len(fields) == 0 {
		t.Fatal("no form fields")
	}
	for f := range sample.form {
		if !slices.Contains(fields, f) {
			t.Errorf("the sample sends %q, which is not among the fields %v", f, fields)
		}
	}
	if !q.Present(sample.form) || q.Present(url.Values{"other": {"1"}}) {
		t.Error("Present does not follow the fields")
	}
	a, msg := q.ParseAnswer(sample.form, drivers)
	if msg != "" || a.Empty() {
		t.Fatalf("the sample answer parses to %+v, %q", a, msg)
	}
	if empty, msg := q.ParseAnswer(url.Values{}, drivers); !empty.Empty() || msg != "" {
		t.Errorf("no answer parses to %+v, %q", empty, msg)
	}
	again, msg := q.ParseAnswer(b.Values(q, a), drivers)
	if msg != "" || !reflect.DeepEqual(again, a) {
		t.Errorf("shown again and sent back, %+v becomes %+v (%q)", a, again, msg)
	}
	return a
}

// checkKindStorage checks that the answer's items load back into it, and
// returns the items.
func checkKindStorage(t *testing.T, b survey.Behaviour, q survey.Question, a survey.Answer) []survey.Item {
	t.Helper()
	items := b.Items(q, a)
	if len(items) == 0 {
		t.Fatal("an answer stores no items")
	}
	var loaded survey.Answer
	for _, it := range items {
		b.Load(&loaded, it)
	}
	if !reflect.DeepEqual(loaded, a) {
		t.Errorf("stored and loaded, %+v becomes %+v", a, loaded)
	}
	if len(b.Items(q, survey.Answer{})) != 0 {
		t.Error("an empty answer stores items")
	}
	return items
}

func checkKindExport(t *testing.T, b survey.Behaviour, q survey.Question, items []survey.Item) {
	t.Helper()
	cols := b.Columns(q)
	if len(cols) == 0 {
		t.Fatal("no export columns")
	}
	for _, c := range cols {
		if c.Cell == nil || c.Cell(items) == "" {
			t.Errorf("column %q writes nothing for the sample", c.Suffix)
		} else if c.Cell(nil) != "" {
			t.Errorf("column %q writes %q for no answer", c.Suffix, c.Cell(nil))
		}
	}
}

func TestUnknownKind(t *testing.T) {
	q := survey.Question{ID: 7, Kind: "poll", Prompt: "Which?"}
	if _, ok := survey.Lookup(q.Kind); ok {
		t.Fatal("an unregistered kind is found")
	}
	if errs := q.Validate(); errs["kind"].ID == "" {
		t.Errorf("an unknown kind validates: %v", errs)
	}
	if a, _ := q.ParseAnswer(url.Values{"q7": {"x"}}, nil); !a.Empty() {
		t.Errorf("an unknown kind parses %+v", a)
	}
}

func TestNPSAnswers(t *testing.T) {
	q := survey.Question{ID: 7, Kind: survey.KindNPS, Prompt: "How likely are you to recommend working here to a friend?"}
	for _, tc := range []struct {
		raw  string
		want float64
		msg  bool
	}{
		{"0", 0, false}, {"6", 6, false}, {"10", 10, false}, {" 9 ", 9, false},
		{"11", 0, true}, {"-1", 0, true}, {"7.5", 0, true}, {"ten", 0, true},
	} {
		a, msg := q.ParseAnswer(url.Values{"q7": {tc.raw}}, nil)
		if (msg != "") != tc.msg {
			t.Errorf("%q: message %q", tc.raw, msg)
			continue
		}
		if !tc.msg && (a.Number == nil || *a.Number != tc.want) {
			t.Errorf("%q parses to %+v", tc.raw, a)
		}
	}
	a, _ := q.ParseAnswer(url.Values{"q7": {"10"}}, nil)
	items := survey.KindNPS.Behaviour().Items(q, a)
	if len(items) != 1 || items[0].Item != "10" || items[0].Number == nil || *items[0].Number != 10 || items[0].Rating != nil {
		t.Errorf("stored as %+v", items)
	}
	in := survey.KindNPS.Behaviour().Input(q, nil)
	if len(in.Options) != 11 || in.Options[0].Value != "0" || in.Options[10].Value != "10" || in.NotApplicable || in.Low == "" || in.High == "" {
		t.Errorf("input %+v", in)
	}
}

// Of all kinds only a priority pick offers the drivers, so only a page
// with one reads their names.
func TestOffersDrivers(t *testing.T) {
	for kind, sample := range kindSamples {
		q := survey.Question{ID: 7, Kind: kind, Config: sample.config}
		if got := survey.OffersDrivers([]survey.Question{q}); got != (kind == survey.KindPriority) {
			t.Errorf("%s: offers drivers %v", kind, got)
		}
	}
	if survey.OffersDrivers(nil) {
		t.Error("no questions offer drivers")
	}
}
