package web

import (
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/pulse"
)

// pulseParts are the stores behind events and pulse surveys, built once
// in app.New.
type pulseParts struct {
	events *events.Store
	svc    *pulse.Service
}

// initPulse takes the event store and the pulse service from the
// services.
func (s *Server) initPulse() {
	s.pulse.svc = s.deps.Services.Pulse
	s.pulse.events = s.deps.Services.Events
}
