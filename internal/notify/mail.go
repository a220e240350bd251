// Package notify sends messages: mail through SMTP and Slack messages
// through the Slack Web API. It knows nothing of surveys; callers render.
package notify

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/wneessen/go-mail"
)

// ErrNotConfigured: the channel has no settings, so nothing can be sent.
var ErrNotConfigured = errors.New("notify: channel not configured")

// Mail is one message to one address, with a plain text and an HTML body.
type Mail struct {
	To      string
	Subject string
	Text    string
	HTML    string
}

// Mailer sends mail through an SMTP server.
type Mailer struct {
	from string
	opts []mail.Option
	host string
}

// NewMailer parses an SMTP URL: smtp://[user:pass@]host[:port] uses
// STARTTLS when the server offers it (add ?starttls=required to insist),
// smtps:// connects with TLS. An empty URL gives a mailer that refuses to
// send with ErrNotConfigured.
func NewMailer(smtpURL, from string) (*Mailer, error) {
	if smtpURL == "" {
		return &Mailer{}, nil
	}
	u, err := url.Parse(smtpURL)
	if err != nil || u.Hostname() == "" {
		return nil, fmt.Errorf("DEVPULSE_SMTP_URL: not a URL like smtp://user:pass@host:587")
	}
	if from == "" {
		return nil, fmt.Errorf("DEVPULSE_MAIL_FROM: set the sender address (for example devpulse@example.com)")
	}
	m := &Mailer{from: from, host: u.Hostname()}
	switch u.Scheme {
	case "smtp":
		policy := mail.TLSOpportunistic
		if u.Query().Get("starttls") == "required" {
			policy = mail.TLSMandatory
		}
		m.opts = append(m.opts, mail.WithTLSPolicy(policy), mail.WithPort(port(u, 587)))
	case "smtps":
		m.opts = append(m.opts, mail.WithSSL(), mail.WithPort(port(u, 465)))
	default:
		return nil, fmt.Errorf("DEVPULSE_SMTP_URL: scheme must be smtp or smtps, not %q", u.Scheme)
	}
	if u.User != nil {
		pass, _ := u.User.Password()
		m.opts = append(m.opts, mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(u.User.Username()), mail.WithPassword(pass))
	}
	return m, nil
}

func port(u *url.URL, def int) int {
	if p, err := strconv.Atoi(u.Port()); err == nil {
		return p
	}
	return def
}

// Configured reports whether mail can be sent.
func (m *Mailer) Configured() bool { return m != nil && m.host != "" }

// Send delivers one message.
func (m *Mailer) Send(ctx context.Context, msg Mail) error {
	if !m.Configured() {
		return ErrNotConfigured
	}
	em := mail.NewMsg()
	if err := em.From(m.from); err != nil {
		return fmt.Errorf("notify: from: %w", err)
	}
	if err := em.To(msg.To); err != nil {
		return fmt.Errorf("notify: recipient address: %w", err)
	}
	em.Subject(msg.Subject)
	em.SetBodyString(mail.TypeTextPlain, msg.Text)
	if msg.HTML != "" {
		em.AddAlternativeString(mail.TypeTextHTML, msg.HTML)
	}
	client, err := mail.NewClient(m.host, m.opts...)
	if err != nil {
		return fmt.Errorf("notify: smtp client: %w", err)
	}
	if err := client.DialAndSendWithContext(ctx, em); err != nil {
		return fmt.Errorf("notify: send mail: %w", err)
	}
	return nil
}
