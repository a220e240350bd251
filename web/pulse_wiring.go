package web

import (
	"github.com/devpulse/devpulse/internal/events"
)

// pulseParts are the stores behind events and pulse surveys.
type pulseParts struct {
	events *events.Store
}

// initPulse builds the event and pulse stores.
func (s *Server) initPulse() {
	s.pulse.events = events.NewStore(s.deps.DB)
}
