package web

import (
	"errors"
	"net/http"
	"net/url"

	"privacyregister/internal/apperr"
	"privacyregister/internal/logctx"
)

// status maps an error to its HTTP status.
func status(err error) int { return apperr.HTTPStatus(err) }

// messages returns the user-safe, translated messages of err: one per
// field error, or a generic one for internal errors (whose details go to
// the log only).
func messages(c *Ctx, err error) []string {
	var list apperr.List
	if errors.As(err, &list) {
		out := make([]string, len(list))
		for i, e := range list {
			out[i] = translateErr(c, e)
		}
		return out
	}
	var e *apperr.Error
	if errors.As(err, &e) {
		return []string{translateErr(c, e)}
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return []string{c.T("the upload is larger than the limit of %d MB", mbe.Limit>>20)}
	}
	return []string{c.T("something went wrong; the error was logged")}
}

func translateErr(c *Ctx, e *apperr.Error) string {
	msg := c.T(e.Msg, e.Args...)
	// An internal name ("received_at") would only confuse: form pages
	// name their fields by label (putErrors).
	if l := knownFieldLabel(c.Lang, e.Field); l != "" {
		return l + ": " + msg
	}
	return msg
}

// respondError writes the error page, or sends a signed-out user to the
// sign-in page and back.
func (s *Server) respondError(w http.ResponseWriter, r *http.Request, c *Ctx, err error) {
	code := status(err)
	if code == http.StatusUnauthorized && r.Method == http.MethodGet {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	if code == http.StatusInternalServerError {
		s.Log.ErrorContext(r.Context(), "request failed", "path", redactPath(r.URL.Path), "err", err)
	}
	data := map[string]any{"Status": code, "Messages": messages(c, err)}
	if code >= http.StatusInternalServerError {
		// The id finds this request's log lines when the user quotes it.
		data["RequestID"] = logctx.RequestID(r.Context())
	}
	w.WriteHeader(code)
	s.render(w, r, c, "error", "Error", data)
}
