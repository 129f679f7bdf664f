package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"privacyregister/internal/org"
)

// isoRoute is a request made by a member of organisation A with
// organisation B's short name and ids. {org} becomes a short name; {NAME}
// becomes the id fixture NAME of B.
type isoRoute struct {
	Method string
	Path   string
	Form   url.Values // for POST
	Body   string     // JSON body for API calls (/api/v1/, with A's token)
	// BodyRef marks a route whose foreign id sits in the body (such as an
	// activity_id): it answers 422 with the message an unknown id gets.
	BodyRef bool
}

// isoFixture creates data in organisation B and returns its ids by name.
type isoFixture func(a *testApp, b *org.Organisation, bUser int64) map[string]int64

// isolationFixtures are B's data, each area's beside its tests.
var isolationFixtures = []isoFixture{
	func(a *testApp, b *org.Organisation, bUser int64) map[string]int64 {
		tok, _ := a.st.Tokens(t0(), b.ID, bUser)
		return map[string]int64{"user": bUser, "token": tok[0].ID}
	},
	auditIsoFixture, agreementIsoFixture, bijsluiterIsoFixture, dpiaIsoFixture, holidayIsoFixture,
	incidentIsoFixture, registerIsoFixture, requestIsoFixture, statementIsoFixture, taskIsoFixture, mailIsoFixture, webhookIsoFixture,
	remoteLinkIsoFixture,
}

// isoRequests are the requests a route of the tables needs instead of its
// pattern: a form, a body, a query, a fixture for a parameter not named
// after one. A route no request here reaches is requested as its pattern
// reads, each {NAME} filled with B's fixture NAME and an {id} with the
// fixture of its collection (isoCollections); a route that cannot be
// filled so fails the test.
var isoRequests = []isoRoute{
	{Method: "POST", Path: "/o/{org}/settings", Form: url.Values{"name": {"Hijacked"}, "short": {"bbb"}}},
	{Method: "POST", Path: "/o/{org}/users", Form: url.Values{"email": {"x@example.org"}, "role": {"lezer"}}},
	{Method: "POST", Path: "/o/{org}/users/{user}/role", Form: url.Values{"role": {"lezer"}}},
	{Method: "POST", Path: "/o/{org}/tokens", Form: url.Values{"name": {"x"}}},
	{Method: "POST", Path: "/o/{org}/tokens/{token}/revoke"},
	// agreement audits.
	{Method: "POST", Path: "/o/{org}/agreements/{audit_agreement}/audits", Form: url.Values{"held_on": {"2025-01-10"}, "kind": {"on_site"}}},
	{Method: "POST", Path: "/o/{org}/agreements/{audit_agreement}/audits/{audit}/close"},
	{Method: "POST", Path: "/o/{org}/agreements/{audit_agreement}/audits/{audit}/delete"},
	{Method: "GET", Path: "/api/v1/agreements/{audit_agreement}/audits"},
	{Method: "POST", Path: "/api/v1/agreements/{audit_agreement}/audits", Body: `{"held_on":"2025-01-10T00:00:00Z","kind":"on_site"}`},
	{Method: "DELETE", Path: "/api/v1/agreements/{audit_agreement}/audits/{audit}"},
	// agreement.
	{Method: "POST", Path: "/o/{org}/agreements/new", Form: url.Values{"title": {"x"}}},
	{Method: "POST", Path: "/o/{org}/agreements/{agreement}/edit", Form: url.Values{"title": {"Hijacked"}}},
	{Method: "POST", Path: "/o/{org}/agreements/{agreement}/activities", Form: url.Values{"activity_id": {"1"}}},
	{Method: "POST", Path: "/o/{org}/agreements/{agreement}/activities/1/unlink"},
	{Method: "POST", Path: "/o/{org}/agreements/{agreement}/notices", Form: url.Values{"subprocessor": {"x"}, "notice_date": {"2026-01-01"}}},
	{Method: "POST", Path: "/o/{org}/agreements/{agreement}/notices/{notice}/decide", Form: url.Values{"decision": {"object"}}},
	{Method: "POST", Path: "/o/{org}/agreements/{agreement}/reviews", Form: url.Values{"conclusion": {"ok"}}},
	{Method: "GET", Path: "/o/{org}/agreements/compare?a={agreement}&b={agreement}"},
	{Method: "POST", Path: "/o/{org}/agreements/reviews", Form: url.Values{"review_month": {"3"}}},
	{Method: "POST", Path: "/o/{org}/parties/new", Form: url.Values{"name": {"x"}}},
	{Method: "POST", Path: "/o/{org}/parties/{party}/edit", Form: url.Values{"name": {"Hijacked"}}},
	// The API with A's token and B's ids.
	{Method: "PUT", Path: "/api/v1/agreements/{agreement}", Body: `{"title":"Hijacked"}`},
	{Method: "PUT", Path: "/api/v1/parties/{party}", Body: `{"name":"Hijacked"}`},
	{Method: "POST", Path: "/api/v1/agreements/{agreement}/activities", Body: `{"activity_id":1}`},
	{Method: "POST", Path: "/api/v1/agreements/{agreement}/notices", Body: `{"subprocessor":"x","notice_date":"2026-01-01T00:00:00Z"}`},
	{Method: "POST", Path: "/api/v1/agreements/{agreement}/notices/{notice}/decision", Body: `{"decision":"object"}`},
	{Method: "POST", Path: "/api/v1/agreements/{agreement}/reviews", Body: `{"conclusion":"ok"}`},
	{Method: "GET", Path: "/api/v1/agreements/compare?a={agreement}&b={agreement}"},
	// annual.
	{Method: "GET", Path: "/o/{org}/annual-report"},
	{Method: "GET", Path: "/o/{org}/annual-report?year=2026"},
	{Method: "GET", Path: "/o/{org}/annual-report/2026.pdf"},
	{Method: "GET", Path: "/o/{org}/annual-report/2026.docx"},
	{Method: "GET", Path: "/o/{org}/annual-report/2026.odt"},
	// bijsluiter.
	{Method: "GET", Path: "/o/{org}/bijsluiter/{agreement}"},
	{Method: "GET", Path: "/o/{org}/bijsluiter/{agreement}/text"},
	// The shared "agreement" fixture is not a processor agreement, so it
	// would be refused for that alone; B's product must be refused too.
	{Method: "GET", Path: "/o/{org}/bijsluiter/{bs_product}"},
	{Method: "GET", Path: "/o/{org}/bijsluiter/{bs_product}/text"},
	// privacy statement.
	{Method: "GET", Path: "/p/{org}/privacy"}, // B took its statement offline
	{Method: "POST", Path: "/o/{org}/statement", Form: url.Values{"contact": {"hijacked"}}},
	{Method: "POST", Path: "/o/{org}/statement/check", Form: url.Values{"accept": {"dpo"}, "reason_dpo": {"x"}}},
	// dpia.
	{Method: "POST", Path: "/o/{org}/screenings/{activity}", Form: url.Values{"ap": {"9"}}},
	{Method: "POST", Path: "/o/{org}/dpias", Form: url.Values{"title": {"x"}}},
	{Method: "POST", Path: "/o/{org}/dpias/{dpia}", Form: url.Values{"title": {"x"}}},
	{Method: "POST", Path: "/o/{org}/dpias/{dpia}/risks", Form: url.Values{"description": {"x"}, "likelihood": {"1"}, "impact": {"1"}}},
	{Method: "POST", Path: "/o/{org}/dpias/{dpia}/measures", Form: url.Values{"risk": {"0"}, "description": {"x"}}},
	{Method: "POST", Path: "/o/{org}/dpias/{dpia}/measures/state", Form: url.Values{"risk": {"0"}, "measure": {"0"}, "state": {"implemented"}}},
	{Method: "PUT", Path: "/api/v1/dpias/{dpia}", Body: `{"title":"x"}`},
	// holidays.
	{Method: "POST", Path: "/o/{org}/holidays", Form: url.Values{"day": {"2027-06-08"}, "title": {"x"}}},
	{Method: "POST", Path: "/o/{org}/holidays/{decreeday}/delete"},
	// incident.
	{Method: "POST", Path: "/o/{org}/incidents", Form: url.Values{"title": {"x"}, "discovered_at": {"2026-01-01T10:00"}}},
	{Method: "GET", Path: "/o/{org}/incidents/export/csv"},
	{Method: "POST", Path: "/o/{org}/incidents/intake", Form: url.Values{"label": {"x"}}},
	{Method: "POST", Path: "/o/{org}/incidents/intake/{intakelink}/revoke"},
	{Method: "POST", Path: "/o/{org}/incidents/{incident}", Form: url.Values{"title": {"hijacked"}, "discovered_at": {"2026-01-01T10:00"}}},
	{Method: "POST", Path: "/o/{org}/incidents/{incident}/phase", Form: url.Values{"phase": {"repair"}, "state": {"done"}}},
	{Method: "POST", Path: "/o/{org}/incidents/{incident}/measures", Form: url.Values{"kind": {"immediate"}, "description": {"x"}}},
	{Method: "POST", Path: "/o/{org}/incidents/{incident}/note", Form: url.Values{"note": {"x"}}},
	{Method: "POST", Path: "/o/{org}/incidents/{incident}/assign", Form: url.Values{"assignee": {""}}},
	{Method: "POST", Path: "/o/{org}/incidents/{incident}/decide", Form: url.Values{"action": {"confirm"}, "personal_data": {"on"}}},
	{Method: "POST", Path: "/o/{org}/incidents/{incident}/notify", Form: url.Values{"kind": {"new"}, "sent_at": {"2026-01-01T10:00"}}},
	{Method: "GET", Path: "/o/{org}/incidents/{incident}/notify/{incidentnote}/file"},
	{Method: "GET", Path: "/o/{org}/incidents/{incident}/notify/{incidentnote}/text"},
	{Method: "POST", Path: "/o/{org}/incidents/{incident}/subjects", Form: url.Values{"subjects_informed": {"no"}}},
	{Method: "POST", Path: "/o/{org}/incidents/{incident}/controllers", Form: url.Values{"controller_name": {"x"}}},
	{Method: "POST", Path: "/o/{org}/incidents/{incident}/controllers/{incidentctl}/notified"},
	{Method: "GET", Path: "/o/{org}/incidents/{incident}/text/authority"},
	{Method: "POST", Path: "/o/{org}/incidents/{incident}/reopen", Form: url.Values{"reason": {"x"}}},
	{Method: "POST", Path: "/o/{org}/incidents/{incident}/delete", Form: url.Values{"confirm": {"2026-001"}}},
	{Method: "PUT", Path: "/api/v1/incidents/{incident}", Body: `{"title":"hijacked","discovered_at":"2026-01-01T10:00:00Z"}`},
	{Method: "PUT", Path: "/api/v1/incidents/{incident}/phases/repair", Body: `{"state":"done"}`},
	{Method: "POST", Path: "/api/v1/incidents/{incident}/assessment", Body: `{"personal_data":true}`},
	{Method: "PUT", Path: "/api/v1/incidents/{incident}/decision", Body: `{"assessment":{"personal_data":true}}`},
	{Method: "POST", Path: "/api/v1/incidents/{incident}/notifications", Body: `{"kind":"supplement","sent_at":"2026-01-01T10:00:00Z"}`},
	{Method: "GET", Path: "/api/v1/incidents/{incident}/notifications/{incidentnote}"},
	{Method: "GET", Path: "/api/v1/incidents/{incident}/texts/authority"},
	{Method: "POST", Path: "/api/v1/incidents/{incident}/measures", Body: `{"kind":"immediate","description":"x"}`},
	{Method: "PUT", Path: "/api/v1/incidents/{incident}/subjects", Body: `{"subjects_informed":"no"}`},
	{Method: "POST", Path: "/api/v1/incidents/{incident}/controllers", Body: `{"name":"x"}`},
	{Method: "POST", Path: "/api/v1/incidents/{incident}/controllers/{incidentctl}/notified", Body: `{}`},
	{Method: "POST", Path: "/api/v1/incidents/{incident}/reopen", Body: `{"reason":"x"}`},
	// register.
	{Method: "GET", Path: "/o/{org}/register"},
	{Method: "GET", Path: "/o/{org}/register?q=geheim&department=HR"},
	{Method: "GET", Path: "/o/{org}/register/export?format=xlsx"},
	{Method: "GET", Path: "/o/{org}/register/export?format=json"},
	{Method: "POST", Path: "/o/{org}/register", Form: url.Values{"name": {"Ingebracht"}}},
	{Method: "POST", Path: "/o/{org}/register/settings", Form: url.Values{"review_months": {"12"}}},
	{Method: "POST", Path: "/o/{org}/register/{activity}", Form: url.Values{"name": {"Gekaapt"}}},
	{Method: "POST", Path: "/o/{org}/register/import/{activity}/preview"},
	{Method: "POST", Path: "/o/{org}/register/import/{activity}/mapping"},
	{Method: "POST", Path: "/o/{org}/register/import/{activity}/apply"},
	{Method: "POST", Path: "/o/{org}/measures", Form: url.Values{"name": {"x"}}},
	{Method: "POST", Path: "/o/{org}/measures/{measure}", Form: url.Values{"name": {"Gekaapt"}}},
	{Method: "POST", Path: "/o/{org}/processor-register", Form: url.Values{"controller_name": {"x"}}},
	{Method: "GET", Path: "/o/{org}/processor-register/{precord}"},
	{Method: "POST", Path: "/o/{org}/processor-register/{precord}", Form: url.Values{"controller_name": {"Gekaapt"}}},
	{Method: "POST", Path: "/o/{org}/processor-register/{precord}/delete"},
	// The API: A's token with B's ids.
	{Method: "PUT", Path: "/api/v1/activities/{activity}", Body: `{"name":"Gekaapt"}`},
	// request public.
	{Method: "GET", Path: "/p/{org}/request"},  // B's statement is offline
	{Method: "POST", Path: "/p/{org}/request"}, // so B's form does not exist
	// requests.
	{Method: "POST", Path: "/o/{org}/requests", Form: url.Values{"rights": {"access"}, "received_at": {"2026-01-05"}, "name": {"x"}}},
	{Method: "POST", Path: "/o/{org}/requests/{request}/extend", Form: url.Values{"at": {"2026-01-06"}, "reason": {"x"}}},
	{Method: "POST", Path: "/o/{org}/requests/{request}/steps", Form: url.Values{"kind": {"note"}, "at": {"2026-01-06"}, "text": {"x"}}},
	{Method: "POST", Path: "/o/{org}/requests/{request}/identity", Form: url.Values{"method": {"id_shown"}, "by": {"x"}}},
	{Method: "POST", Path: "/o/{org}/requests/{request}/reply", Form: url.Values{"at": {"2026-01-06"}, "text": {"x"}}},
	{Method: "POST", Path: "/o/{org}/requests/{request}/refuse", Form: url.Values{"at": {"2026-01-06"}, "ground": {"excessive"}, "explanation": {"x"}}},
	{Method: "POST", Path: "/o/{org}/requests/{request}/state", Form: url.Values{"state": {"closed"}}},
	{Method: "POST", Path: "/api/v1/requests/{request}/extend", Body: `{"at":"2026-01-06T10:00:00Z","reason":"x"}`},
	{Method: "POST", Path: "/api/v1/requests/{request}/steps", Body: `{"kind":"note","at":"2026-01-06T10:00:00Z","text":"x"}`},
	{Method: "POST", Path: "/api/v1/requests/{request}/reply", Body: `{"at":"2026-01-06T10:00:00Z","text":"x"}`},
	{Method: "POST", Path: "/api/v1/requests/{request}/refuse", Body: `{"ground":"excessive","explanation":"x","at":"2026-01-06T10:00:00Z"}`},
	{Method: "POST", Path: "/api/v1/requests/{request}/state", Body: `{"state":"closed"}`},
	// tasks.
	{Method: "POST", Path: "/o/{org}/tasks", Form: url.Values{"kind": {"other"}, "title": {"x"}, "every_months": {"12"}, "start_month": {"1"}, "window_months": {"1"}}},
	{Method: "POST", Path: "/o/{org}/tasks/{task}", Form: url.Values{"kind": {"other"}, "title": {"x"}, "every_months": {"12"}, "start_month": {"1"}, "window_months": {"1"}}},
	{Method: "POST", Path: "/o/{org}/tasks/{task}/done", Form: url.Values{"note": {"x"}}},
	{Method: "PUT", Path: "/api/v1/tasks/{task}", Body: `{"title":"x"}`},
	{Method: "POST", Path: "/api/v1/tasks/{task}/done", Body: `{"note":"x"}`},
	{Method: "POST", Path: "/api/v1/tasks", BodyRef: true,
		Body: `{"kind":"retention_cleanup","title":"x","every_months":12,"start_month":1,"window_months":2,"activity_id":{task_activity}}`},
	{Method: "POST", Path: "/api/v1/tasks", BodyRef: true,
		Body: `{"kind":"other","title":"x","every_months":12,"start_month":1,"window_months":2,"owner_id":{task_owner}}`},
	// Bodies naming an id of B, on routes that create in A.
	{Method: "POST", Path: "/api/v1/screenings", BodyRef: true, Body: `{"activity_id":{activity},"answers":{}}`},
	{Method: "POST", Path: "/api/v1/dpias", BodyRef: true, Body: `{"title":"x","activity_id":{activity}}`},
	{Method: "POST", Path: "/api/v1/agreements", BodyRef: true, Body: `{"title":"x","party_id":{party}}`},
	{Method: "POST", Path: "/api/v1/incidents", BodyRef: true, Body: `{"title":"x","discovered_at":"2026-01-01T10:00:00Z","activity_ids":[{activity}]}`},
	{Method: "POST", Path: "/api/v1/requests", BodyRef: true,
		Body: `{"rights":["access"],"received_at":"2026-01-05T00:00:00Z","requester":{"name":"x"},"activity_ids":[{activity}]}`},
}

// isoParam is a parameter left unfilled.
var isoParam = regexp.MustCompile(`\{[a-z_$]+\}`)

// isoCollections name the fixture an {id} takes, by the collection before
// it.
var isoCollections = map[string]string{
	"users": "user", "agreements": "agreement", "parties": "party", "attachments": "attachment", "dpias": "dpia",
	"decree-days": "decreeday", "incidents": "incident", "activities": "activity", "requests": "request", "tasks": "task",
	"mail": "mail", "profile-links": "link",
}

// outsideOrg are the web routes without an {org}, which hold no
// organisation's data in their address: each is listed with why, so a new
// one is a decision, not an accident.
var outsideOrg = map[string]string{
	"GET /static/":                  "embedded files",
	"GET /favicon.ico":              "the embedded favicon",
	"GET /healthz":                  "database reachable or not",
	"GET /readyz":                   "ready for traffic or not",
	"GET /metrics":                  "404, or counts behind the operator's bearer token",
	"GET /ical/{token}":             "the user's own feed, by its secret",
	"GET /p/{short}/processor.json": "a processor's signed profile, public by design (issue 16)",
	"GET /{$}":                      "redirect to the user's own organisation",
	"GET /login":                    "sign-in",
	"POST /login":                   "sign-in",
	"GET /login/2fa":                "sign-in",
	"POST /login/2fa":               "sign-in",
	"POST /logout":                  "sign-out",
	"GET /login/sso":                "sign-in: organisations with SSO for an e-mail domain",
	"POST /lang":                    "language cookie",
	"GET /invite/{token}":           "an invitation, by its secret",
	"POST /invite/{token}/accept":   "an invitation, by its secret",
	"POST /invite/{token}/register": "an invitation, by its secret",
	"GET /intake/{token}":           "an intake link, by its secret",
	"POST /intake/{token}":          "an intake link, by its secret",
	"GET /account":                  "the user's own account",
	"POST /account":                 "the user's own account",
	"GET /account/password":         "the user's own account",
	"POST /account/password":        "the user's own account",
	"POST /account/sessions/end":    "the user's own account",
	"GET /account/2fa":              "the user's own account",
	"POST /account/2fa/enable":      "the user's own account",
	"POST /account/2fa/disable":     "the user's own account",
	"GET /calendar/feed":            "the user's own feed",
	"POST /calendar/feed":           "the user's own feed",
	"POST /calendar/feed/revoke":    "the user's own feed",
	"/api/v1/":                      "the API, walked through its own table",
}

// bMarkers are texts of B's data that no answer to A may contain.
var bMarkers = []string{"secret-person@b.example", "Organisatie org-b"}

// TestTenantIsolation signs in as a member of A with every permission A
// can give (beheerder and privacy officer) and walks the route tables of
// the web and the API (isoPlan), requesting each route with B's short
// name and ids: each must answer 404 (or 403), never B's data, and B must
// be unchanged afterwards. API routes given no id of B act on A's own
// data: they must show nothing of B either.
func TestTenantIsolation(t *testing.T) {
	app := newTestApp(t)
	a, b := app.org("org-a"), app.org("org-b")
	adminA := app.user(a, "admin@a.example", org.Admin)
	poA := app.user(a, "po@a.example", org.PrivacyOfficer)
	bUser := app.user(b, "secret-person@b.example", org.Admin)
	app.token(b, bUser)
	ids := map[string]int64{}
	for _, f := range isolationFixtures {
		for k, v := range f(app, b, bUser.ID) {
			ids[k] = v
		}
	}
	trailBefore, _ := app.st.AuditLog(t0(), b.ID, storeFilter())

	clients := map[string]*client{"beheerder": app.signIn(adminA.Email), "privacyofficer": app.signIn(poA.Email)}
	tokens := map[string]string{"beheerder": app.token(a, adminA), "privacyofficer": app.token(a, poA)}
	for _, rq := range isoPlan(t, app) {
		path, inPath := fillIso(rq.Path, b.Short, ids)
		body, inBody := fillIso(rq.Body, b.Short, ids)
		if isoParam.MatchString(path) || isoParam.MatchString(body) {
			t.Errorf("%s %s: no fixture of B for %s; add one, or a request to isoRequests", rq.Method, rq.Path, isoParam.FindString(path+body))
			continue
		}
		// B's short name or one of B's ids went in: A must be refused.
		foreign := strings.Contains(rq.Path, "{org}") || inPath || inBody
		for role, c := range clients {
			var res response
			switch {
			case strings.HasPrefix(path, "/api/"):
				res = c.api(rq.Method, path, tokens[role], body)
			case rq.Method == "GET":
				res = c.get(path)
			default:
				res = c.postForm(path, rq.Form)
			}
			refused := res.StatusCode == http.StatusNotFound || res.StatusCode == http.StatusForbidden ||
				(rq.BodyRef && res.StatusCode == http.StatusUnprocessableEntity)
			switch {
			case foreign && !refused:
				t.Errorf("%s %s as A's %s: status %d, want 404 or 403", rq.Method, path, role, res.StatusCode)
			case res.StatusCode >= 500:
				t.Errorf("%s %s as A's %s: status %d", rq.Method, path, role, res.StatusCode)
			}
			for _, m := range bMarkers {
				if strings.Contains(res.Body, m) {
					t.Errorf("%s %s as A's %s: response shows B's data (%q)", rq.Method, path, role, m)
				}
			}
		}
	}
	trailAfter, _ := app.st.AuditLog(t0(), b.ID, storeFilter())
	if len(trailAfter) != len(trailBefore) {
		t.Errorf("B's audit trail grew from %d to %d rows: something of B was changed", len(trailBefore), len(trailAfter))
	}
}

// isoPlan walks the route tables: every web route under {org} and every
// API route, with the requests of isoRequests that reach it or else as
// its pattern reads. A request that reaches no such route fails.
func isoPlan(t *testing.T, app *testApp) []isoRoute {
	t.Helper()
	webMux, apiMux := http.NewServeMux(), http.NewServeMux()
	var walk []string // "METHOD pattern", in table order
	for _, rt := range app.web.Routes() {
		key := strings.TrimSpace(rt.Method + " " + rt.Pattern)
		webMux.Handle(key, http.NotFoundHandler())
		if !strings.Contains(rt.Pattern, "{org}") {
			if outsideOrg[key] == "" {
				t.Errorf("web route %s has no {org}: check it in TestTenantIsolation or add it to outsideOrg with the reason", key)
			}
			continue
		}
		walk = append(walk, key)
	}
	for _, rt := range app.api.Routes() {
		key := rt.Method + " " + rt.Path
		apiMux.Handle(key, http.NotFoundHandler())
		walk = append(walk, key)
	}
	reached := map[string][]isoRoute{}
	for _, rq := range isoRequests {
		mux := webMux
		if strings.HasPrefix(rq.Path, "/api/") {
			mux = apiMux
		}
		req, err := http.NewRequest(rq.Method, "http://test"+rq.Path, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, pattern := mux.Handler(req)
		reached[pattern] = append(reached[pattern], rq)
	}
	var plan []isoRoute
	for _, key := range walk {
		rqs := reached[key]
		delete(reached, key)
		if len(rqs) == 0 {
			method, pattern, _ := strings.Cut(key, " ")
			rqs = []isoRoute{{Method: method, Path: isoPath(pattern)}}
		}
		plan = append(plan, rqs...)
	}
	for pattern, rqs := range reached {
		for _, rq := range rqs {
			t.Errorf("isoRequests: %s %s reaches %q, no route the test walks", rq.Method, rq.Path, pattern)
		}
	}
	return plan
}

// isoPath is the path of a route's pattern with an {id} named after the
// fixture of its collection.
func isoPath(pattern string) string {
	segs := strings.Split(strings.TrimSuffix(pattern, "{$}"), "/")
	for i, s := range segs {
		if s == "{id}" && i > 0 && isoCollections[segs[i-1]] != "" {
			segs[i] = "{" + isoCollections[segs[i-1]] + "}"
		}
	}
	return strings.Join(segs, "/")
}

// fillIso puts B's short name for {org} and B's fixture NAME for each
// {NAME}; it reports whether an id of B went in.
func fillIso(s, short string, ids map[string]int64) (string, bool) {
	s = strings.ReplaceAll(s, "{org}", short)
	used := false
	for name, id := range ids {
		if strings.Contains(s, "{"+name+"}") {
			s, used = strings.ReplaceAll(s, "{"+name+"}", strconv.FormatInt(id, 10)), true
		}
	}
	return s, used
}
