package web

import (
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/notify"
	"github.com/devpulse/devpulse/internal/pulse"
)

// pulseParts are the stores behind events and pulse surveys.
type pulseParts struct {
	events *events.Store
	svc    *pulse.Service
}

// initPulse builds the event store and the pulse service, and has every
// new event decided inside the transaction that stores it.
func (s *Server) initPulse() {
	s.pulse.svc = NewPulse(s.deps)
	s.pulse.events = events.NewStore(s.deps.DB)
	s.pulse.events.OnStored(s.pulse.svc.Decide)
}

// NewPulse builds the pulse service from the server's dependencies (the
// job runner in cmd/devpulse uses it too).
func NewPulse(d Deps) *pulse.Service {
	mailer, err := notify.NewMailer(d.Config.SMTPURL, d.Config.MailFrom)
	if err != nil {
		mailer = &notify.Mailer{} // Config.Validate has checked the settings
	}
	st := pulse.Settings{Mailer: mailer, Slack: notify.NewSlack(d.Config.SlackToken, d.Config.SlackAPIURL),
		BaseURL: d.Config.BaseURL, Budget: d.Config.Budget()}
	if d.Jobs != nil {
		st.Queue = d.Jobs
	}
	return pulse.New(d.DB, st)
}
