package web

import (
	"net/http"

	"privacyregister/internal/org"
)

// Access says who may open a route.
type Access string

const (
	Open     Access = "open"      // served as is: files, the API and SCIM (their own tokens), the calendar feed (its secret in the path)
	Public   Access = "public"    // anyone; the page checks what it needs (an invitation, a published statement)
	SignedIn Access = "signed-in" // a signed-in user who owes no password change
	Pending  Access = "pending"   // a signed-in user, also while a password change or second factor is owed
	Member   Access = "member"    // a member of {org} whose role has one of Perms
)

// RouteInfo is a route as the table lists it: what the tenant-isolation
// test walks.
type RouteInfo struct {
	Method  string // "" for every method
	Pattern string
	Access  Access
	Perms   []org.Permission // for Member: any one of these lets the member in
}

type route struct {
	RouteInfo
	h   handlerFunc  // served behind the Access check
	raw http.Handler // for Open
}

func open(method, pattern string, h http.Handler) route {
	return route{RouteInfo: RouteInfo{Method: method, Pattern: pattern, Access: Open}, raw: h}
}

func public(method, pattern string, h handlerFunc) route {
	return route{RouteInfo: RouteInfo{Method: method, Pattern: pattern, Access: Public}, h: h}
}

func signedIn(method, pattern string, h handlerFunc) route {
	return route{RouteInfo: RouteInfo{Method: method, Pattern: pattern, Access: SignedIn}, h: h}
}

func pending(method, pattern string, h handlerFunc) route {
	return route{RouteInfo: RouteInfo{Method: method, Pattern: pattern, Access: Pending}, h: h}
}

func member(method, pattern string, perm org.Permission, h handlerFunc) route {
	return route{RouteInfo: RouteInfo{Method: method, Pattern: pattern, Access: Member, Perms: []org.Permission{perm}}, h: h}
}

func memberAny(method, pattern string, perms []org.Permission, h handlerFunc) route {
	return route{RouteInfo: RouteInfo{Method: method, Pattern: pattern, Access: Member, Perms: perms}, h: h}
}

// routeTable is every route of the web application with who may open it.
// A route is added here and nowhere else; the tenant-isolation test walks
// this table and fails on a route it has no case for.
func (s *Server) routeTable() []route {
	view, edit, settings := org.ViewAdministration, org.EditAdministration, org.ManageSettings
	// The breach register is open to readers and reporters alike; the
	// handler narrows what each sees.
	incidents := []org.Permission{org.ViewAdministration, org.ReportIncident}
	rs := []route{
		open("GET", "/static/", http.StripPrefix("/static/", staticHandler())),
		// Browsers and feed readers ask for /favicon.ico whatever the page links.
		open("GET", "/favicon.ico", http.HandlerFunc(favicon)),
		open("GET", "/healthz", http.HandlerFunc(s.healthz)),
		open("GET", "/readyz", http.HandlerFunc(s.readyz)),
		open("GET", "/metrics", s.metricsRoute()),
		open("GET", "/ical/{token}", http.HandlerFunc(s.icalFeed)),

		signedIn("GET", "/{$}", s.home),
		public("GET", "/login", s.loginPage),
		public("POST", "/login", s.login),
		public("GET", "/login/2fa", s.secondFactorPage),
		public("POST", "/login/2fa", s.secondFactor),
		public("POST", "/logout", s.logout),
		public("GET", "/login/sso", s.ssoFind),
		public("POST", "/lang", s.setLang),
		public("GET", "/invite/{token}", s.invitePage),
		signedIn("POST", "/invite/{token}/accept", s.acceptInvite),
		public("POST", "/invite/{token}/register", s.registerByInvite),
		public("GET", "/intake/{token}", s.intakePage),
		public("POST", "/intake/{token}", s.intakeSubmit),
		public("GET", "/p/{org}/privacy", s.statementPublic),
		public("GET", "/p/{org}/request", s.publicRequestPage),
		public("POST", "/p/{org}/request", s.publicRequestSubmit),
		open("GET", "/p/{short}/processor.json", http.HandlerFunc(s.processorProfile)),

		signedIn("GET", "/account", s.accountPage),
		signedIn("POST", "/account", s.saveAccount),
		pending("GET", "/account/password", s.passwordPage),
		pending("POST", "/account/password", s.changePassword),
		signedIn("POST", "/account/sessions/end", s.endOtherSessions),
		signedIn("GET", "/account/2fa", s.twoFactorPage),
		signedIn("POST", "/account/2fa/enable", s.enableTwoFactor),
		signedIn("POST", "/account/2fa/disable", s.disableTwoFactor),
		signedIn("GET", "/calendar/feed", s.calendarFeedPage),
		signedIn("POST", "/calendar/feed", s.calendarFeedCreate),
		signedIn("POST", "/calendar/feed/revoke", s.calendarFeedRevoke),

		// The organisation.
		member("GET", "/o/{org}/{$}", org.ReportIncident, s.dashboard),
		member("GET", "/o/{org}/settings", settings, s.settingsPage),
		member("POST", "/o/{org}/settings", settings, s.saveSettings),
		member("GET", "/o/{org}/users", org.ManageUsers, s.usersPage),
		member("POST", "/o/{org}/users", org.ManageUsers, s.addUser),
		member("POST", "/o/{org}/users/{id}/role", org.ManageUsers, s.setRole),
		member("POST", "/o/{org}/users/{id}/remove", org.ManageUsers, s.removeUser),
		member("GET", "/o/{org}/mail", settings, s.outboxPage),
		member("POST", "/o/{org}/mail/{id}/retry", settings, s.outboxRetry),
		// The supplier network: the processor's profile, the customer's links.
		member("GET", "/o/{org}/profile", view, s.profilePage),
		member("POST", "/o/{org}/profile", edit, s.profilePublish),
		member("GET", "/o/{org}/suppliers", view, s.suppliersPage),
		member("POST", "/o/{org}/suppliers/link", edit, s.supplierLinkCreate),
		member("POST", "/o/{org}/suppliers/{link}/unlink", edit, s.supplierUnlink),
		// Government data requests (seed 001 art. 9): the processor's record,
		// its per-customer overview, and the controller's view.
		member("GET", "/o/{org}/govrequests", view, s.govRequestList),
		member("GET", "/o/{org}/govrequests/new", edit, s.govRequestNew),
		member("POST", "/o/{org}/govrequests", edit, s.govRequestCreate),
		member("GET", "/o/{org}/govrequests/customers", view, s.govRequestCustomers),
		member("GET", "/o/{org}/govrequests/about-us", view, s.govRequestsAboutUs),
		member("GET", "/o/{org}/govrequests/{govrequest}", view, s.govRequestPage),
		member("POST", "/o/{org}/govrequests/{govrequest}", edit, s.govRequestSave),
		member("GET", "/o/{org}/settings/webhooks", settings, s.webhooksPage),
		member("POST", "/o/{org}/settings/webhooks", settings, s.webhookCreate),
		member("GET", "/o/{org}/settings/webhooks/{webhook}", settings, s.webhookPage),
		member("POST", "/o/{org}/settings/webhooks/{webhook}", settings, s.webhookSave),
		member("POST", "/o/{org}/settings/webhooks/{webhook}/enabled", settings, s.webhookEnable),
		member("POST", "/o/{org}/settings/webhooks/{webhook}/test", settings, s.webhookTest),
		member("POST", "/o/{org}/settings/webhooks/{webhook}/delete", settings, s.webhookDelete),
		member("GET", "/o/{org}/sso", org.ManageUsers, s.ssoPage),
		member("POST", "/o/{org}/sso", org.ManageUsers, s.ssoSave),
		member("POST", "/o/{org}/sso/delete", org.ManageUsers, s.ssoDelete),
		// Single sign-on itself: before anyone is signed in; 404 for an
		// organisation without a provider.
		public("GET", "/o/{org}/sso/login", s.ssoLogin),
		public("GET", "/o/{org}/sso/callback", s.ssoCallback),
		member("GET", "/o/{org}/audit", org.ViewAudit, s.auditPage),
		member("GET", "/o/{org}/audit/export", org.ViewAudit, s.auditExport),
		member("GET", "/o/{org}/scim", org.ManageUsers, s.scimPage),
		member("POST", "/o/{org}/scim/tokens", org.ManageUsers, s.scimTokenCreate),
		member("POST", "/o/{org}/scim/tokens/{id}/revoke", org.ManageUsers, s.scimTokenRevoke),
		member("GET", "/o/{org}/tokens", org.ReportIncident, s.tokensPage),
		member("POST", "/o/{org}/tokens", org.ReportIncident, s.createToken),
		member("POST", "/o/{org}/tokens/{id}/revoke", org.ReportIncident, s.revokeToken),
		member("GET", "/o/{org}/holidays", view, s.holidayPage),
		member("POST", "/o/{org}/holidays", settings, s.decreeDayAdd),
		member("POST", "/o/{org}/holidays/{day}/delete", settings, s.decreeDayDelete),

		// The register of processing activities (art. 30).
		member("GET", "/o/{org}/register", view, s.registerList),
		member("GET", "/o/{org}/register/export", view, s.registerExport),
		member("GET", "/o/{org}/register/new", edit, s.registerNew),
		member("POST", "/o/{org}/register", edit, s.registerCreate),
		member("POST", "/o/{org}/register/settings", edit, s.registerSaveSettings),
		member("GET", "/o/{org}/register/{activity}", view, s.registerView),
		member("GET", "/o/{org}/register/{activity}/edit", edit, s.registerEdit),
		member("POST", "/o/{org}/register/{activity}", edit, s.registerUpdate),
		member("POST", "/o/{org}/register/{activity}/copy", edit, s.registerCopy),
		member("POST", "/o/{org}/register/{activity}/retire", edit, s.registerRetire),
		member("POST", "/o/{org}/register/{activity}/review", edit, s.registerReview),
		member("GET", "/o/{org}/register/import", edit, s.registerImportPage),
		member("POST", "/o/{org}/register/import", edit, s.registerImportUpload),
		member("POST", "/o/{org}/register/import/{upload}/preview", edit, s.registerImportPreview),
		member("POST", "/o/{org}/register/import/{upload}/mapping", edit, s.registerImportMapping),
		member("POST", "/o/{org}/register/import/{upload}/apply", edit, s.registerImportApply),
		member("GET", "/o/{org}/measures", view, s.measuresPage),
		member("POST", "/o/{org}/measures", edit, s.measureCreate),
		member("POST", "/o/{org}/measures/{measure}", edit, s.measureUpdate),
		member("POST", "/o/{org}/measures/{measure}/delete", edit, s.measureDelete),
		member("GET", "/o/{org}/processor-register", view, s.processorRegister),
		member("POST", "/o/{org}/processor-register", edit, s.processorRecordCreate),
		member("GET", "/o/{org}/processor-register/{record}", edit, s.processorRecordEdit),
		member("POST", "/o/{org}/processor-register/{record}", edit, s.processorRecordUpdate),
		member("POST", "/o/{org}/processor-register/{record}/delete", edit, s.processorRecordDelete),

		// Agreements and parties.
		member("GET", "/o/{org}/agreements", view, s.agreementList),
		member("GET", "/o/{org}/agreements/new", edit, s.agreementNew),
		member("POST", "/o/{org}/agreements/new", edit, s.agreementCreate),
		member("GET", "/o/{org}/agreements/{agreement}", view, s.agreementDetail),
		member("GET", "/o/{org}/agreements/{agreement}/edit", edit, s.agreementEdit),
		member("POST", "/o/{org}/agreements/{agreement}/edit", edit, s.agreementSave),
		member("POST", "/o/{org}/agreements/{agreement}/delete", edit, s.agreementDelete),
		member("POST", "/o/{org}/agreements/{agreement}/files", edit, s.agreementUpload),
		member("POST", "/o/{org}/agreements/{agreement}/files/{attachment}/delete", edit, s.agreementFileDelete),
		member("GET", "/o/{org}/attachments/{attachment}", view, s.attachmentDownload),
		member("POST", "/o/{org}/agreements/{agreement}/activities", edit, s.agreementLink),
		member("POST", "/o/{org}/agreements/{agreement}/activities/{activity}/unlink", edit, s.agreementUnlink),
		member("POST", "/o/{org}/agreements/{agreement}/notices", edit, s.agreementNotice),
		member("POST", "/o/{org}/agreements/{agreement}/notices/{notice}/decide", edit, s.agreementDecide),
		member("POST", "/o/{org}/suppliers/subscribe", edit, s.supplierSubscribe),
		member("POST", "/o/{org}/suppliers/{link}/check", edit, s.supplierCheck),
		member("POST", "/o/{org}/suppliers/{link}/trust", edit, s.supplierTrust),
		member("POST", "/o/{org}/agreements/{agreement}/reviews", edit, s.agreementReview),
		member("POST", "/o/{org}/agreements/{agreement}/audits", edit, s.agreementAuditAdd),
		member("POST", "/o/{org}/agreements/{agreement}/audits/{audit}/close", edit, s.agreementAuditClose),
		member("POST", "/o/{org}/agreements/{agreement}/audits/{audit}/delete", edit, s.agreementAuditDelete),
		member("GET", "/o/{org}/agreements/compare", view, s.agreementCompare),
		member("GET", "/o/{org}/agreements/processor", view, s.agreementProcessorView),
		member("GET", "/o/{org}/agreements/reviews", view, s.agreementReviewOverview),
		member("POST", "/o/{org}/agreements/reviews", edit, s.agreementReviewMonth),
		member("GET", "/o/{org}/agreements/analyse", edit, s.analysePage),
		member("POST", "/o/{org}/agreements/analyse", edit, s.analyseUpload),
		member("GET", "/o/{org}/parties", view, s.partyList),
		member("GET", "/o/{org}/parties/new", edit, s.partyNew),
		member("POST", "/o/{org}/parties/new", edit, s.partyCreate),
		member("GET", "/o/{org}/parties/{party}", view, s.partyDetail),
		member("GET", "/o/{org}/parties/{party}/edit", edit, s.partyEdit),
		member("POST", "/o/{org}/parties/{party}/edit", edit, s.partySave),
		member("POST", "/o/{org}/parties/{party}/delete", edit, s.partyDelete),
		member("GET", "/o/{org}/bijsluiter", view, s.bijsluiterList),
		member("GET", "/o/{org}/bijsluiter/{agreement}", view, s.bijsluiterPage),
		member("GET", "/o/{org}/bijsluiter/{agreement}/text", view, s.bijsluiterText),

		// Incidents and breaches.
		memberAny("GET", "/o/{org}/incidents", incidents, s.incidentList),
		member("GET", "/o/{org}/incidents/new", org.ReportIncident, s.incidentNewPage),
		member("POST", "/o/{org}/incidents", org.ReportIncident, s.incidentCreate),
		member("GET", "/o/{org}/incidents/overview", view, s.incidentOverview),
		member("GET", "/o/{org}/incidents/export/{format}", view, s.incidentExport),
		member("GET", "/o/{org}/incidents/intake", edit, s.intakeLinksPage),
		member("POST", "/o/{org}/incidents/intake", edit, s.intakeLinkCreate),
		member("POST", "/o/{org}/incidents/intake/{link}/revoke", edit, s.intakeLinkRevoke),
		memberAny("GET", "/o/{org}/incidents/{incident}", incidents, s.incidentPage),
		memberAny("POST", "/o/{org}/incidents/{incident}", incidents, s.incidentSave),
		memberAny("POST", "/o/{org}/incidents/{incident}/phase", incidents, s.incidentPhase),
		memberAny("POST", "/o/{org}/incidents/{incident}/measures", incidents, s.incidentMeasure),
		memberAny("POST", "/o/{org}/incidents/{incident}/note", incidents, s.incidentNote),
		member("POST", "/o/{org}/incidents/{incident}/assign", edit, s.incidentAssign),
		member("POST", "/o/{org}/incidents/{incident}/decide", edit, s.incidentDecide),
		member("POST", "/o/{org}/incidents/{incident}/notify", edit, s.incidentNotifyAP),
		member("GET", "/o/{org}/incidents/{incident}/notify/{n}/file", view, s.incidentNotificationFile),
		member("GET", "/o/{org}/incidents/{incident}/notify/{n}/text", view, s.incidentNotificationText),
		member("POST", "/o/{org}/incidents/{incident}/subjects", edit, s.incidentSubjects),
		member("POST", "/o/{org}/incidents/{incident}/controllers", edit, s.incidentAddController),
		member("POST", "/o/{org}/incidents/{incident}/controllers/{ctl}/notified", edit, s.incidentControllerNotified),
		member("POST", "/o/{org}/incidents/{incident}/controllers/notify", edit, s.incidentNotifyControllers),
		member("GET", "/o/{org}/incidents/{incident}/text/{kind}", view, s.incidentText),
		member("POST", "/o/{org}/incidents/{incident}/close", edit, s.incidentClose),
		member("POST", "/o/{org}/incidents/{incident}/reopen", edit, s.incidentReopen),
		member("POST", "/o/{org}/incidents/{incident}/delete", settings, s.incidentDelete),

		// Requests of data subjects.
		member("GET", "/o/{org}/requests", view, s.requestList),
		member("GET", "/o/{org}/requests/new", edit, s.requestNew),
		member("POST", "/o/{org}/requests", edit, s.requestCreate),
		member("GET", "/o/{org}/requests/{request}", view, s.requestDetail),
		member("POST", "/o/{org}/requests/{request}/extend", edit, s.requestExtend),
		member("POST", "/o/{org}/requests/{request}/steps", edit, s.requestStep),
		member("POST", "/o/{org}/requests/{request}/identity", edit, s.requestIdentity),
		member("POST", "/o/{org}/requests/{request}/reply", edit, s.requestReply),
		member("POST", "/o/{org}/requests/{request}/refuse", edit, s.requestRefuse),
		member("POST", "/o/{org}/requests/{request}/state", edit, s.requestState),

		// DPIAs and screenings.
		member("GET", "/o/{org}/dpias", view, s.dpiaList),
		member("GET", "/o/{org}/screenings/{activity}", view, s.screenPage),
		member("POST", "/o/{org}/screenings/{activity}", edit, s.screenSave),
		member("GET", "/o/{org}/dpias/new", edit, s.dpiaNew),
		member("POST", "/o/{org}/dpias", edit, s.dpiaCreate),
		member("GET", "/o/{org}/dpias/{dpia}", view, s.dpiaDetail),
		member("POST", "/o/{org}/dpias/{dpia}", edit, s.dpiaSave),
		member("POST", "/o/{org}/dpias/{dpia}/risks", edit, s.dpiaAddRisk),
		member("POST", "/o/{org}/dpias/{dpia}/measures", edit, s.dpiaAddMeasure),
		member("POST", "/o/{org}/dpias/{dpia}/measures/state", edit, s.dpiaMeasureState),
		member("GET", "/o/{org}/dpias/{dpia}/pdf", view, s.dpiaPDF),
		member("GET", "/o/{org}/dpias/{dpia}/docx", view, s.dpiaDOCX),
		member("GET", "/o/{org}/dpias/{dpia}/odt", view, s.dpiaDOCX),

		// Calendar, tasks, privacy statement, annual report.
		member("GET", "/o/{org}/calendar", view, s.calendarPage),
		member("GET", "/o/{org}/tasks", view, s.taskList),
		member("GET", "/o/{org}/tasks/new", edit, s.taskNew),
		member("POST", "/o/{org}/tasks", edit, s.taskCreate),
		member("GET", "/o/{org}/tasks/{task}", view, s.taskDetail),
		member("GET", "/o/{org}/tasks/{task}/edit", edit, s.taskEdit),
		member("POST", "/o/{org}/tasks/{task}", edit, s.taskSave),
		member("POST", "/o/{org}/tasks/{task}/delete", edit, s.taskDelete),
		member("POST", "/o/{org}/tasks/{task}/done", edit, s.taskDone),
		member("GET", "/o/{org}/statement", view, s.statementPage),
		member("POST", "/o/{org}/statement", edit, s.statementSave),
		member("GET", "/o/{org}/statement/check", view, s.statementCheck),
		member("POST", "/o/{org}/statement/check", edit, s.statementAccept),
		member("GET", "/o/{org}/statement/preview", view, s.statementPreview),
		member("GET", "/o/{org}/statement/download", view, s.statementDownload),
		member("POST", "/o/{org}/statement/publish", edit, s.statementPublish),
		member("POST", "/o/{org}/statement/withdraw", edit, s.statementWithdraw),
		member("GET", "/o/{org}/statement/versions", view, s.statementVersions),
		member("GET", "/o/{org}/statement/versions/{version}", view, s.statementVersionPage),
		member("GET", "/o/{org}/annual-report", view, s.annualPage),
		// A wildcard must be a whole segment, so "2026.pdf" is one value
		// split by the handler.
		member("GET", "/o/{org}/annual-report/{file}", view, s.annualDownload),
	}
	if s.API != nil {
		rs = append(rs, open("", "/api/v1/", s.API))
	}
	// Provisioning: the organisation's bearer token decides the tenant
	// (internal/scim); no session, no {org} in the address.
	rs = append(rs, open("", "/scim/v2/", s.SCIM))
	return rs
}

// routes registers the route table on the mux.
func (s *Server) routes() {
	for _, rt := range s.routeTable() {
		p := rt.Pattern
		if rt.Method != "" {
			p = rt.Method + " " + p
		}
		s.mux.Handle(p, s.guard(rt))
	}
}

// guard puts a route's handler behind its access check.
func (s *Server) guard(rt route) http.Handler {
	switch rt.Access {
	case Open:
		return rt.raw
	case Public:
		return s.public(rt.h)
	case SignedIn:
		return s.signedIn(rt.h, false)
	case Pending:
		return s.signedIn(rt.h, true)
	case Member:
		return s.inOrgAny(rt.Perms, rt.h)
	}
	panic("web: route " + rt.Pattern + " has no access check")
}

// Routes lists every route of the table, in its order.
func (s *Server) Routes() []RouteInfo {
	rs := s.routeTable()
	out := make([]RouteInfo, len(rs))
	for i, rt := range rs {
		out[i] = rt.RouteInfo
	}
	return out
}

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
	short, err := s.Store.HomeOrg(r.Context(), c.User.ID)
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/o/"+short+"/", http.StatusSeeOther)
	return nil
}
