package web

import (
	"net/http"

	"privacyregister/internal/org"
)

// routes lists every route with the permission it needs. Later areas
// (register, agreements, incidents, ...) add theirs in their own
// routes_*.go files through the register functions in areaRoutes.
func (s *Server) routes() {
	m := s.mux
	m.Handle("GET /static/", http.StripPrefix("/static/", staticHandler()))
	m.HandleFunc("GET /healthz", s.healthz)
	if s.API != nil {
		m.Handle("/api/v1/", s.API)
	}

	m.HandleFunc("GET /{$}", s.signedIn(s.home, false))
	m.HandleFunc("GET /login", s.public(s.loginPage))
	m.HandleFunc("POST /login", s.public(s.login))
	m.HandleFunc("GET /login/2fa", s.public(s.secondFactorPage))
	m.HandleFunc("POST /login/2fa", s.public(s.secondFactor))
	m.HandleFunc("POST /logout", s.public(s.logout))
	m.HandleFunc("POST /lang", s.public(s.setLang))
	m.HandleFunc("GET /invite/{token}", s.public(s.invitePage))
	m.HandleFunc("POST /invite/{token}/accept", s.signedIn(s.acceptInvite, false))
	m.HandleFunc("POST /invite/{token}/register", s.public(s.registerByInvite))

	m.HandleFunc("GET /account", s.signedIn(s.accountPage, false))
	m.HandleFunc("POST /account", s.signedIn(s.saveAccount, false))
	m.HandleFunc("GET /account/password", s.signedIn(s.passwordPage, true))
	m.HandleFunc("POST /account/password", s.signedIn(s.changePassword, true))
	m.HandleFunc("POST /account/sessions/end", s.signedIn(s.endOtherSessions, false))
	m.HandleFunc("GET /account/2fa", s.signedIn(s.twoFactorPage, false))
	m.HandleFunc("POST /account/2fa/enable", s.signedIn(s.enableTwoFactor, false))
	m.HandleFunc("POST /account/2fa/disable", s.signedIn(s.disableTwoFactor, false))

	m.HandleFunc("GET /o/{org}/{$}", s.inOrg(org.ReportIncident, s.dashboard))
	m.HandleFunc("GET /o/{org}/settings", s.inOrg(org.ManageSettings, s.settingsPage))
	m.HandleFunc("POST /o/{org}/settings", s.inOrg(org.ManageSettings, s.saveSettings))
	m.HandleFunc("GET /o/{org}/users", s.inOrg(org.ManageUsers, s.usersPage))
	m.HandleFunc("POST /o/{org}/users", s.inOrg(org.ManageUsers, s.addUser))
	m.HandleFunc("POST /o/{org}/users/{id}/role", s.inOrg(org.ManageUsers, s.setRole))
	m.HandleFunc("POST /o/{org}/users/{id}/remove", s.inOrg(org.ManageUsers, s.removeUser))
	m.HandleFunc("GET /o/{org}/audit", s.inOrg(org.ViewAudit, s.auditPage))
	m.HandleFunc("GET /o/{org}/tokens", s.inOrg(org.ReportIncident, s.tokensPage))
	m.HandleFunc("POST /o/{org}/tokens", s.inOrg(org.ReportIncident, s.createToken))
	m.HandleFunc("POST /o/{org}/tokens/{id}/revoke", s.inOrg(org.ReportIncident, s.revokeToken))

	for _, add := range areaRoutes {
		add(s)
	}
}

// areaRoutes are the route sets of later areas, appended in their init
// functions so each area keeps its routes beside its handlers.
var areaRoutes []func(s *Server)

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.Store.Ping(r.Context()); err != nil {
		http.Error(w, "database unreachable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	_, _ = w.Write([]byte("ok\n"))
}

// home sends a user to their first organisation's dashboard.
func (s *Server) home(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if len(c.Memberships) == 0 {
		s.render(w, r, c, "noorg", "privacyregister", nil)
		return nil
	}
	http.Redirect(w, r, "/o/"+c.Memberships[0].OrgShort+"/", http.StatusSeeOther)
	return nil
}
