package web

import (
	"net/http"
	"strconv"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/store"
)

// The customer's side of a profile served by another installation (issue
// 16): subscribe by URL, check now, trust a changed key. Each answers
// with the suppliers page and a flash; what went wrong with the
// processor's server is the link's problem, shown there.

func init() {
	// Added here rather than in render.go's table so this feature stays in
	// its own files.
	flashes["profile-subscribed"] = "The agreement now follows the processor's profile. Compare the key's fingerprint with the one the processor shows you."
	flashes["profile-checked"] = "The profile has been checked."
	flashes["profile-check-problem"] = "The profile could not be checked; the problem is shown with the link."
	flashes["profile-blocked"] = "The profile changed its signing key or did not verify: nothing was applied until you decide."
	flashes["profile-trusted"] = "The new key is trusted and the profile applied."
}

func (s *Server) supplierSubscribe(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	agreementID, err := strconv.ParseInt(strings.TrimSpace(r.PostFormValue("agreement_id")), 10, 64)
	if err != nil || agreementID <= 0 {
		return apperr.Invalidf("agreement_id", "Choose the agreement that is to follow the profile.")
	}
	if _, err := s.Subscriptions.Subscribe(r.Context(), c.Org.ID, agreementID, r.PostFormValue("url")); err != nil {
		return err
	}
	redirectFlash(w, r, suppliersURL(c), "profile-subscribed")
	return nil
}

func (s *Server) supplierCheck(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	id, err := pathID(r, "link")
	if err != nil {
		return err
	}
	l, err := s.Subscriptions.Check(r.Context(), c.Org.ID, id)
	if err != nil {
		return err
	}
	flash := "profile-checked"
	switch {
	case l.Status == store.LinkBlocked:
		flash = "profile-blocked"
	case l.Problem != "":
		flash = "profile-check-problem"
	}
	redirectFlash(w, r, suppliersURL(c), flash)
	return nil
}

func (s *Server) supplierTrust(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	id, err := pathID(r, "link")
	if err != nil {
		return err
	}
	if err := s.Subscriptions.TrustHeld(r.Context(), c.Org.ID, id); err != nil {
		return err
	}
	redirectFlash(w, r, suppliersURL(c), "profile-trusted")
	return nil
}
