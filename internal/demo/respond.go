package demo

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
)

// form is a snapshot's questions by what they ask.
type form struct {
	ratings  []survey.Question // driver ratings, in model.drivers order
	overall  survey.Question
	priority survey.Question
	alloc    survey.Question
	freq     survey.Question
	hours    survey.Question
	comments survey.Question
	extras   []survey.Question // see extras.go; none in older snapshots
}

func formOf(o survey.Outline, m *model) (form, error) {
	var f form
	byKey, byPrompt := map[string]survey.Question{}, map[string]survey.Question{}
	for _, q := range o.Questions {
		byKey[q.Key], byPrompt[q.Prompt] = q, q
	}
	for _, key := range m.drivers {
		q, ok := byKey[key]
		if !ok {
			return f, fmt.Errorf("demo: snapshot %d does not rate %s", o.Snapshot.ID, key)
		}
		f.ratings = append(f.ratings, q)
	}
	for _, q := range extraQuestions() {
		if found, ok := byPrompt[q.Prompt]; ok {
			f.extras = append(f.extras, found)
		}
	}
	for key, q := range map[string]*survey.Question{
		survey.KeyOverall: &f.overall, survey.KeyPriorities: &f.priority, survey.KeyAllocation: &f.alloc,
		survey.KeyAIFrequency: &f.freq, survey.KeyAIHoursSaved: &f.hours, survey.KeyComments: &f.comments,
	} {
		found, ok := byKey[key]
		if !ok {
			return f, fmt.Errorf("demo: snapshot %d has no %s question", o.Snapshot.ID, key)
		}
		*q = found
	}
	return f, nil
}

// builder holds what writing the snapshots' responses needs.
type builder struct {
	tx  *gorm.DB
	g   *gen
	m   *model
	o   org
	now time.Time
	res *Result
}

// respond invites the audience of the snapshot of quarter qi (everyone who
// had started by its open day) and writes their responses and answers.
func (b *builder) respond(ctx context.Context, qi int, q quarter, snapID int64) error {
	tx, g, m, o, now := b.tx, b.g, b.m, b.o, b.now
	outline, err := survey.NewStore(tx, nil).Outline(ctx, snapID)
	if err != nil {
		return err
	}
	f, err := formOf(outline, m)
	if err != nil {
		return err
	}
	opensDay := day(q.opens)
	days := 14 // closed snapshots ran two weeks
	if q.open {
		days = int(day(now).Sub(opensDay).Hours()/24) + 1
	}
	var invs []responses.Invitation
	var rs []responses.Response
	var rows [][]responses.AnswerRow  // by response
	said := map[int]map[string]bool{} // comments written, by team
	for _, p := range o.members {
		if p.StartDate.After(opensDay) {
			continue
		}
		sent := q.opens
		inv := responses.Invitation{SnapshotID: snapID, PersonID: p.ID, TeamID: p.TeamID, Channel: "email", CreatedAt: q.opens, SentAt: &sent}
		// The admin leaves the open survey unanswered, for the visitor to try.
		tryMe := q.open && p.Email == AdminEmail
		inv.Submitted = !tryMe && g.chance(q.participation+p.engagement)
		draft := !inv.Submitted && !tryMe && g.chance(q.draftsOfOthers)
		if !inv.Submitted && !q.open {
			last := q.closes.AddDate(0, 0, -1)
			inv.RemindersSent, inv.LastRemindedAt = 2, &last
		}
		invs = append(invs, inv)
		if !inv.Submitted && !draft {
			continue
		}
		on := opensDay.AddDate(0, 0, int(float64(days)*g.float()*g.float()))
		r := responses.Response{SnapshotID: snapID, InvitationID: int64(len(invs) - 1), UpdatedOn: on}
		var answers []responses.AnswerRow
		if inv.Submitted {
			r.Submitted, r.SubmittedOn = true, &on
			r.TeamID, r.JobRole, r.WorkArrangement = p.TeamID, p.JobRole, p.WorkArrangement
			r.TenureBand, r.Level, r.Location = directory.TenureBand(p.StartDate, on), p.Level, p.Location
			if said[p.team] == nil {
				said[p.team] = map[string]bool{}
			}
			answers, r.ContactOK = answerAll(g, m, f, p, qi, on, said[p.team])
			answers = append(answers, answerExtras(f, p, qi)...)
		} else {
			answers = answerSome(g, m, f, p, qi, on)
		}
		rs = append(rs, r)
		rows = append(rows, answers)
	}
	return write(tx, invs, rs, rows, b.res)
}

// write inserts the invitations, then the responses (whose InvitationID
// holds an index into invs until then), then the answers.
func write(tx *gorm.DB, invs []responses.Invitation, rs []responses.Response, rows [][]responses.AnswerRow, res *Result) error {
	if err := tx.CreateInBatches(&invs, 500).Error; err != nil {
		return fmt.Errorf("demo: invitations: %w", err)
	}
	for i := range rs {
		rs[i].InvitationID = invs[rs[i].InvitationID].ID
	}
	if len(rs) > 0 {
		if err := tx.CreateInBatches(&rs, 500).Error; err != nil {
			return fmt.Errorf("demo: responses: %w", err)
		}
	}
	var all []responses.AnswerRow
	for i, r := range rs {
		for _, a := range rows[i] {
			a.ResponseID, a.SnapshotID = r.ID, r.SnapshotID
			all = append(all, a)
		}
		if r.Submitted {
			res.Submitted++
		}
	}
	if len(all) > 0 {
		if err := tx.CreateInBatches(&all, 1000).Error; err != nil {
			return fmt.Errorf("demo: answers: %w", err)
		}
	}
	res.Invitations += len(invs)
	res.Responses += len(rs)
	res.Answers += len(all)
	return nil
}
