package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/announce"
	"github.com/devpulse/devpulse/internal/i18n"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// listAnnouncements shows what went out when a snapshot's results were
// ready: each send with its status, reason and a retry button.
func (s *Server) listAnnouncements(c echo.Context) error {
	ctx := c.Request().Context()
	snap, err := s.snapshotParam(c)
	if err != nil {
		return err
	}
	rows, err := s.announcer.List(ctx, snap.ID)
	if err != nil {
		return err
	}
	v := adminview.AnnouncementsView{ID: snap.ID, Title: snap.Title, Flash: s.snapshotFlash(c), Rows: rows}
	return s.render(c, http.StatusOK, adminview.AnnouncementsPage(v))
}

// previewAnnouncements renders the three messages as they would be sent.
// Before the snapshot closes it has no numbers, so the latest closed
// snapshot's fill them, and the page says so.
func (s *Server) previewAnnouncements(c echo.Context) error {
	ctx := c.Request().Context()
	snap, err := s.snapshotParam(c)
	if err != nil {
		return err
	}
	p, err := s.announcer.Preview(ctx, snap)
	if err != nil {
		return err
	}
	v := adminview.AnnouncementsPreviewView{ID: snap.ID, Title: snap.Title, Preview: p}
	return s.render(c, http.StatusOK, adminview.AnnouncementsPreviewPage(v))
}

// mailPreviewPolicy lets the email's own inline styles apply (mail clients
// need them) and nothing else: no script, no request anywhere, and a
// sandbox that keeps only the origin (so the frame draws in the page).
const mailPreviewPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox allow-same-origin"

// previewVoiceEmail is the voice-of-the-developer email as HTML, for the
// preview page's frame. The app's policy forbids inline styles, so the
// email gets a document and a policy of its own rather than a srcdoc.
func (s *Server) previewVoiceEmail(c echo.Context) error {
	snap, err := s.snapshotParam(c)
	if err != nil {
		return err
	}
	p, err := s.announcer.Preview(c.Request().Context(), snap)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Security-Policy", mailPreviewPolicy)
	h.Set("X-Frame-Options", "SAMEORIGIN")
	return c.HTML(http.StatusOK, p.Voice.HTML)
}

// retryAnnouncement queues a failed announcement to be sent again.
func (s *Server) retryAnnouncement(c echo.Context) error {
	ctx := c.Request().Context()
	snapID, err := pathID(c, "id")
	if err != nil {
		return err
	}
	id, err := pathID(c, "announcement")
	if err != nil {
		return err
	}
	row, err := s.announcer.Retry(ctx, id)
	if err != nil {
		return err
	}
	if row.SnapshotID != snapID {
		return announce.ErrNotFound
	}
	if err := s.audit.Record(ctx, nil, principal(c).Actor(), "announcement.retry", fmt.Sprintf("announcement %d", id), row.Kind+" "+row.Recipient); err != nil {
		return err
	}
	return s.redirectWith(c, fmt.Sprintf("/admin/snapshots/%d/announcements", snapID), flashOK,
		i18n.T(ctx, "org.announce.retry.queued"))
}
