package web

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/input"
	"github.com/devpulse/devpulse/static"
)

// maxFormFields bounds the fields of one form; the largest legitimate one
// (a whole survey sent at once) has a few hundred.
const maxFormFields = 2000

// maxFormMemory is how much of a multipart form is kept in memory; file
// parts beyond it go to temporary files.
const maxFormMemory = 4 << 20

// Refusals of the input check, written for the person who sent the form.
var (
	errNotForm = echo.NewHTTPError(http.StatusUnsupportedMediaType,
		"Send this form as application/x-www-form-urlencoded or multipart/form-data, as a browser does.")
	errTooManyFields = echo.NewHTTPError(http.StatusRequestEntityTooLarge,
		"This form has too many fields, so nothing was saved. Reload the page and send it again; a form from devpulse has far fewer.")
	errFormUnreadable = echo.NewHTTPError(http.StatusBadRequest,
		"This form could not be read, so nothing was saved. Reload the page and send it again.")
	errCSRFInQuery = echo.NewHTTPError(http.StatusForbidden,
		"The form token must travel in the form, never in the address. Go back, reload the page and try again.")
	errBadText = echo.NewHTTPError(http.StatusBadRequest,
		"A field contains a NUL character or bytes that are not valid UTF-8 text, so nothing was saved. Remove those characters and try again.")
)

// checkInput refuses, before anything reads or stores it, input devpulse
// cannot take: a browser POST that is not a form, a form token in the
// address, a form with too many fields, and text that is not valid UTF-8
// or holds a NUL (PostgreSQL cannot store either). Survey answers are
// checked per question instead, so the other answers of the page are kept
// and the message shows next to the field. The JSON and CSV API, the
// signed webhooks and the widget check their own bodies (a signature is
// over the raw body, which parsing here would consume).
func (s *Server) checkInput(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if strings.HasPrefix(r.URL.Path, "/api/") || strings.HasPrefix(r.URL.Path, static.Prefix) || isInfraPath(r.URL.Path) ||
			verifiedByHandler(r.URL.Path) {
			return next(c)
		}
		if !cleanValues(r.URL.Query()) {
			return errBadText
		}
		if r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions {
			return next(c)
		}
		if r.URL.Query().Has("_csrf") {
			return errCSRFInQuery
		}
		mt, _, _ := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType))
		switch mt {
		case echo.MIMEApplicationForm, echo.MIMEMultipartForm:
		default:
			if r.ContentLength != 0 {
				return errNotForm
			}
			return next(c)
		}
		if err := parseForm(r, mt); err != nil {
			return err
		}
		n := 0
		for _, vs := range r.PostForm {
			n += len(vs)
		}
		if r.MultipartForm != nil {
			for _, fs := range r.MultipartForm.File {
				n += len(fs)
			}
		}
		if n > maxFormFields {
			return errTooManyFields
		}
		if !isAnswerPath(r.URL.Path) && !cleanValues(r.PostForm) {
			return errBadText
		}
		return next(c)
	}
}

// parseForm reads the body once, so the CSRF check and the handler find
// the fields parsed, and turns Go's parse errors into clear refusals.
func parseForm(r *http.Request, mt string) error {
	var err error
	if mt == echo.MIMEMultipartForm {
		err = r.ParseMultipartForm(maxFormMemory)
	} else {
		err = r.ParseForm()
	}
	var maxBytes *http.MaxBytesError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &maxBytes):
		return echo.ErrStatusRequestEntityTooLarge
	case strings.Contains(err.Error(), "exceeded limit") || strings.Contains(err.Error(), "too large"):
		// net/url refuses more than 10,000 fields, mime/multipart more
		// than 1,000 parts: both mean too many fields.
		return errTooManyFields
	}
	return errFormUnreadable
}

// isAnswerPath: the survey forms, whose answers the survey parser checks.
func isAnswerPath(p string) bool {
	return strings.HasPrefix(p, "/s/") || strings.HasPrefix(p, "/surveys/")
}

// cleanValues reports whether every key and value is text devpulse can store.
func cleanValues(vs url.Values) bool {
	for k, list := range vs {
		if !input.Clean(k) {
			return false
		}
		for _, v := range list {
			if !input.Clean(v) {
				return false
			}
		}
	}
	return true
}
