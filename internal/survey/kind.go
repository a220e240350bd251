package survey

import (
	"net/url"
	"slices"

	"github.com/devpulse/devpulse/internal/input"
)

// Kind is a question kind. Each kind's behaviour in every layer (its
// definition check, the builder's settings, the respondent's input, how an
// answer is parsed, stored, exported and shown in results) is reached
// through its Behaviour, registered once in registered below. Code outside
// the kind's own file asks the Behaviour rather than switching on the kind.
type Kind string

// Question kinds. Each has a file of its own, kind_<name>.go.
const (
	// KindRating is the 5-point agreement scale plus "not applicable";
	// tied to a driver it is a driver rating.
	KindRating     Kind = "rating"
	KindPriority   Kind = "priority"
	KindAllocation Kind = "allocation"
	KindFrequency  Kind = "frequency"
	KindNumber     Kind = "number"
	KindText       Kind = "text"
	KindSingle     Kind = "single_choice"
	KindMulti      Kind = "multi_choice"
	// KindNPS is the net promoter question: a 0-10 scale of how likely
	// someone is to recommend something to a friend.
	KindNPS Kind = "nps"
)

// registered lists every kind's behaviour, in the order the builder offers
// them. Adding a kind is its file and one line here.
var registered = []Behaviour{
	ratingKind{},
	priorityKind{},
	allocationKind{},
	frequencyKind{},
	numberKind{},
	textKind{},
	choiceKind{multiple: false},
	choiceKind{multiple: true},
	npsKind{},
}

// Behaviour is everything one kind does. The compiler makes every kind
// implement every method; kinds_test.go checks each says something.
type Behaviour interface {
	// Kind is the kind this behaviour belongs to.
	Kind() Kind
	// Label is the builder's name of the kind.
	Label() string
	// Settings lists the builder's settings the kind uses besides prompt,
	// help, required and roles; SettingNone when it uses none.
	Settings() []Setting
	// Check checks the kind's part of a question's definition (its
	// settings). Keys are the builder's field names.
	Check(q Question) Problems
	// Detail sums up a question's settings in the builder's outline.
	// ratedDrivers counts the drivers the snapshot rates.
	Detail(q Question, ratedDrivers int) string
	// Input says what a respondent answers with; drivers are the options
	// of a priority question.
	Input(q Question, drivers []Option) Input
	// Fields lists the form fields an answer is sent in.
	Fields(q Question) []string
	// Parse reads an answer from form values and checks it. drivers are
	// the snapshot's rated driver keys. It returns a message for the
	// person when the answer is not acceptable; an empty answer is
	// acceptable (required is checked at submission).
	Parse(q Question, form url.Values, drivers []string) (Answer, string)
	// Values turns an answer back into the form values that show it.
	Values(q Question, a Answer) url.Values
	// Items turns an answer into stored items, one row each.
	Items(q Question, a Answer) []Item
	// Load adds one stored item to the answer being rebuilt.
	Load(a *Answer, it Item)
	// Columns lays out the kind's columns in the response export.
	Columns(q Question) []Column
	// Results says where the kind's answers reach the results.
	Results() Results
}

// Setting is one group of the builder's question settings.
type Setting string

// Settings of the question form, each a fieldset of its own.
const (
	// SettingNone: the kind has nothing to set besides the prompt.
	SettingNone       Setting = "none"
	SettingDriver     Setting = "driver"
	SettingChoices    Setting = "choices"
	SettingCategories Setting = "categories"
	SettingRange      Setting = "range"
	SettingMaxLength  Setting = "max_length"
)

// Widget is the form input a kind is answered with. Templates draw each
// widget once; a kind chooses one.
type Widget string

// Widgets of the survey form.
const (
	// WidgetScale: one radio per step of a scale, side by side.
	WidgetScale Widget = "scale"
	// WidgetChoices: a list of radios or checkboxes.
	WidgetChoices    Widget = "choices"
	WidgetAllocation Widget = "allocation"
	WidgetNumber     Widget = "number"
	WidgetText       Widget = "text"
)

// Widgets lists every widget.
var Widgets = []Widget{WidgetScale, WidgetChoices, WidgetAllocation, WidgetNumber, WidgetText}

// Option is one choice of a radio or checkbox group.
type Option struct {
	Value string
	Label string
}

// Input describes a question's answer input, for templates to draw.
type Input struct {
	Widget Widget
	// Options of a scale or a list of choices.
	Options []Option
	// NotApplicable adds a separate "not applicable" step to a scale.
	NotApplicable bool
	// Low and High name the ends of a numbered scale.
	Low, High string
	// Multiple: checkboxes rather than radios.
	Multiple bool
	// MaxPicks limits how many checkboxes may be ticked; 0 is no limit.
	MaxPicks int
	// Categories of an allocation.
	Categories []string
	// Min, Max and Unit of a number; nil when unbounded.
	Min, Max *float64
	Unit     string
	// MaxLength of a free text answer.
	MaxLength int
}

// Item is one stored answer item: a rating, a pick, an allocation
// category with its percentage, a number or a text.
type Item struct {
	Item   string
	Rating *int
	Number *float64
	Text   *string
}

// Column is one column of the response export: Suffix names it after the
// question's (empty for the only column), Cell writes it from the
// question's stored items. Text marks cells that hold what people typed
// or chose, which the export neutralises for spreadsheets.
type Column struct {
	Suffix string
	Text   bool
	Cell   func(items []Item) string
}

// Results says where a kind's answers reach results.
type Results string

// Where answers show once a snapshot closes.
const (
	// ResultsScore: favorable score per driver and overall satisfaction,
	// on team and org dashboards.
	ResultsScore Results = "favorable score per driver, on the dashboards"
	// ResultsPriorityShare: share of respondents picking each driver.
	ResultsPriorityShare Results = "priority share per driver, on the dashboards"
	// ResultsShares: share of respondents per step, on the org page.
	ResultsShares Results = "share of respondents per step, on the org page"
	// ResultsAllocation: average share of time per category, on the org page.
	ResultsAllocation Results = "average share per category, on the org page"
	// ResultsTotals: sum and count per group; the hours an AI assistant
	// saves become engineers of capacity on the org page.
	ResultsTotals Results = "sum and count per group, on the org page"
	// ResultsComments: comments, on the team dashboard.
	ResultsComments Results = "comments, on the team dashboard"
	// ResultsCounts: counted per choice and exported; no dashboard panel.
	ResultsCounts Results = "counts per choice, in the exports"
	// ResultsNetPromoter: net promoter score with its split, on the team
	// dashboard and the org page.
	ResultsNetPromoter Results = "net promoter score, on the dashboards"
)

// AllResults lists every place results can show answers.
var AllResults = []Results{ResultsScore, ResultsPriorityShare, ResultsShares, ResultsAllocation,
	ResultsTotals, ResultsComments, ResultsCounts, ResultsNetPromoter}

// AllSettings lists every builder setting.
var AllSettings = []Setting{SettingNone, SettingDriver, SettingChoices, SettingCategories, SettingRange, SettingMaxLength}

// Kinds lists every registered kind's behaviour, in the builder's order.
func Kinds() []Behaviour { return slices.Clone(registered) }

// byKind indexes registered: every answer stored or read asks it.
var byKind = func() map[Kind]Behaviour {
	out := make(map[Kind]Behaviour, len(registered))
	for _, b := range registered {
		out[b.Kind()] = b
	}
	return out
}()

// Lookup returns a kind's behaviour; ok is false for an unknown kind.
func Lookup(k Kind) (Behaviour, bool) {
	b, ok := byKind[k]
	return b, ok
}

// Behaviour returns the kind's behaviour; an unknown kind behaves as one
// that accepts no settings and no answers, and fails Validate.
func (k Kind) Behaviour() Behaviour {
	if b, ok := Lookup(k); ok {
		return b
	}
	return unknownKind{kind: k}
}

// Label returns the builder's label of a kind.
func (k Kind) Label() string { return k.Behaviour().Label() }

// KindsUsing lists the kinds that use a builder setting.
func KindsUsing(s Setting) []Kind {
	var out []Kind
	for _, b := range registered {
		if slices.Contains(b.Settings(), s) {
			out = append(out, b.Kind())
		}
	}
	return out
}

// Uses reports whether q's kind uses a builder setting.
func (q Question) Uses(s Setting) bool { return slices.Contains(q.Kind.Behaviour().Settings(), s) }

// unknownKind stands for a kind nobody registered, such as a bad form value.
type unknownKind struct{ kind Kind }

func (u unknownKind) Kind() Kind        { return u.kind }
func (u unknownKind) Label() string     { return string(u.kind) }
func (unknownKind) Settings() []Setting { return nil }
func (unknownKind) Check(Question) Problems {
	return Problems{"kind": input.M("admin.invalid.kind")}
}
func (unknownKind) Detail(Question, int) string                           { return "" }
func (unknownKind) Input(Question, []Option) Input                        { return Input{} }
func (unknownKind) Fields(Question) []string                              { return nil }
func (unknownKind) Parse(Question, url.Values, []string) (Answer, string) { return Answer{}, "" }
func (unknownKind) Values(Question, Answer) url.Values                    { return nil }
func (unknownKind) Items(Question, Answer) []Item                         { return nil }
func (unknownKind) Load(*Answer, Item)                                    {}
func (unknownKind) Columns(Question) []Column                             { return nil }
func (unknownKind) Results() Results                                      { return "" }
