package survey

import (
	"fmt"
	"net/url"
)

// priorityKind picks up to MaxPriorityPicks of the drivers the snapshot
// rates, by driver key.
type priorityKind struct{}

func (priorityKind) Kind() Kind                 { return KindPriority }
func (priorityKind) Label() string              { return "Priority pick (up to 3 drivers)" }
func (priorityKind) Settings() []Setting        { return []Setting{SettingNone} }
func (priorityKind) Check(Question) Problems    { return nil }
func (priorityKind) Fields(q Question) []string { return []string{FieldName(q)} }
func (priorityKind) Results() Results           { return ResultsPriorityShare }
func (priorityKind) Load(a *Answer, it Item)    { a.Choices = append(a.Choices, it.Item) }
func (priorityKind) Columns(Question) []Column  { return []Column{pickColumn()} }
func (priorityKind) Items(_ Question, a Answer) []Item {
	return pickItems(a)
}

func (priorityKind) Detail(_ Question, ratedDrivers int) string {
	return fmt.Sprintf("Pick up to %d of the %d rated drivers", MaxPriorityPicks, ratedDrivers)
}

func (priorityKind) Input(_ Question, drivers []Option) Input {
	return Input{Widget: WidgetChoices, Options: drivers, Multiple: true, MaxPicks: MaxPriorityPicks}
}

func (priorityKind) Parse(q Question, form url.Values, drivers []string) (Answer, string) {
	return parsePicks(form[FieldName(q)], drivers, MaxPriorityPicks)
}

func (priorityKind) Values(q Question, a Answer) url.Values { return pickValues(q, a) }
