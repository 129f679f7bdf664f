package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"privacyregister/internal/country"
	"privacyregister/internal/i18n"
	"privacyregister/internal/org"
)

//go:embed templates templates/_*.html static
var assets embed.FS

// Amsterdam is where times are shown; they are stored in UTC.
var Amsterdam = mustLoc("Europe/Amsterdam")

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// pages are the page templates, each parsed on its first use: parsing all
// fifty-odd at start made every start of serve wait 30 to 50 ms before it
// answered. TestEveryPageParses parses them all, so a broken one still
// fails the tests.
type pages struct {
	byName map[string]*page
}

type page struct {
	files []string // the layout and partials, then the page itself
	once  sync.Once
	t     *template.Template
	err   error
}

// get returns the page template called name, parsing it the first time.
func (p *pages) get(name string) (*template.Template, error) {
	pg, ok := p.byName[name]
	if !ok {
		return nil, fmt.Errorf("unknown template %q", name)
	}
	pg.once.Do(func() {
		pg.t, pg.err = template.New("layout.html").Funcs(funcs).ParseFS(assets, pg.files...)
		if pg.err != nil {
			pg.err = fmt.Errorf("template %s: %w", pg.files[len(pg.files)-1], pg.err)
		}
	})
	return pg.t, pg.err
}

var funcs = template.FuncMap{
	// countryIn names a country (a code, or *string) in the page's
	// language: {{countryIn $.Lang .Country}}; an unknown one as given.
	"countryIn": func(lang string, code any) string {
		var c string
		switch v := code.(type) {
		case string:
			c = v
		case *string:
			if v != nil {
				c = *v
			}
		}
		if k, ok := country.Lookup(c); ok {
			return k.Name(lang)
		}
		return c
	},
	// standing classifies a transfer's country (a code, or *string) with
	// the one classification of the country package.
	"standing": func(code any) country.Standing {
		switch v := code.(type) {
		case string:
			return country.StandingOf(v)
		case *string:
			if v != nil {
				return country.StandingOf(*v)
			}
		case country.Standing:
			return v
		}
		return country.Standing{}
	},
	// countriesAsOf is the date of the country list in use, as dd-mm-yyyy.
	"countriesAsOf": func() string {
		t, err := time.Parse(time.DateOnly, country.AsOf())
		if err != nil {
			return country.AsOf()
		}
		return t.Format("02-01-2006")
	},
	"datetime": func(t any) string {
		switch v := t.(type) {
		case time.Time:
			if v.IsZero() {
				return ""
			}
			return v.In(Amsterdam).Format("02-01-2006 15:04")
		case *time.Time:
			if v == nil || v.IsZero() {
				return ""
			}
			return v.In(Amsterdam).Format("02-01-2006 15:04")
		}
		return ""
	},
	"date": func(t any) string {
		switch v := t.(type) {
		case time.Time:
			if v.IsZero() {
				return ""
			}
			return v.In(Amsterdam).Format("02-01-2006")
		case *time.Time:
			if v == nil || v.IsZero() {
				return ""
			}
			return v.In(Amsterdam).Format("02-01-2006")
		}
		return ""
	},
	"join":      strings.Join,
	"fieldErr":  fieldErrOf,
	"fieldAria": fieldAria,
	"typed":     typedValue,
	"typedFor":  typedFor,
	"eq2":       func(a, b any) bool { return fmt.Sprint(a) == fmt.Sprint(b) },
}

// loadPages lists the page templates, each to be parsed with layout.html;
// partials (_*.html) are shared by all pages.
func loadPages() (*pages, error) {
	p := &pages{byName: map[string]*page{}}
	files, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	var shared []string
	var pageFiles []string
	for _, f := range files {
		base := path.Base(f)
		switch {
		case base == "layout.html" || strings.HasPrefix(base, "_"):
			shared = append(shared, f)
		default:
			pageFiles = append(pageFiles, f)
		}
	}
	for _, f := range pageFiles {
		p.byName[strings.TrimSuffix(path.Base(f), ".html")] = &page{files: append(append([]string{}, shared...), f)}
	}
	return p, nil
}

// View is what every page template receives.
type View struct {
	*Ctx
	Title  string
	Path   string
	Data   any
	Flash  string
	Errors []template.HTML // the summary of a refused form: "Label: message"
	// FieldErrors are the messages at the fields of a refused form.
	FieldErrors fieldErrs
	// Posted is the refused form as the user typed it.
	Posted    url.Values
	Version   string // the build in the user's language
	Languages []string
}

// L is a shorthand for templates: {{.L "Dashboard"}}.
func (v View) L(msg string, args ...any) string { return i18n.T(v.Lang, msg, args...) }

// render executes a page into a buffer first, so a template error never
// sends half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, c *Ctx, name, title string, data any) {
	t, err := s.pages.get(name)
	if err != nil {
		s.Log.ErrorContext(r.Context(), "template", "name", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	v := View{Ctx: c, Title: title, Path: r.URL.Path, Data: data, Version: s.versionText(c), Languages: i18n.Languages}
	if f, err := r.Cookie("flash"); err == nil {
		v.Flash = i18n.T(c.Lang, flashText(f.Value))
		http.SetCookie(w, &http.Cookie{Name: "flash", Path: "/", MaxAge: -1})
	}
	if m, ok := data.(map[string]any); ok {
		switch errs := m["Errors"].(type) {
		case []string:
			for _, e := range errs {
				v.Errors = append(v.Errors, template.HTML(template.HTMLEscapeString(e)))
			}
		case []template.HTML:
			v.Errors = errs
		}
		v.FieldErrors, _ = m["FieldErrors"].(fieldErrs)
		if v.FieldErrors != nil && r.Method == http.MethodPost {
			v.Posted = r.PostForm
		}
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		s.Log.ErrorContext(r.Context(), "render", "template", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = buf.WriteTo(w)
}

// flashes are the one-line confirmations shown after a redirect. The
// cookie carries a key, never user input.
var flashes = map[string]string{
	"saved":          "Saved.",
	"password":       "Your password has been changed.",
	"2fa-on":         "Two-factor sign-in is on.",
	"2fa-off":        "Two-factor sign-in is off.",
	"user-added":     "The user has been added.",
	"user-removed":   "The user has been removed from this organisation.",
	"role":           "The role has been changed.",
	"token-revoked":  "The token has been revoked.",
	"scim-revoked":   "The provisioning token has been revoked; the identity provider can no longer use it.",
	"signed-out":     "You have signed out.",
	"sessions-ended": "You have been signed out on every other device.",
	"created":        "Created.",
	"deleted":        "Deleted.",
	"imported":       "The import is done.",
	"reviewed":       "Marked as reviewed.",
	"mail-retried":   "The message has been tried again; its state is below.",

	"activity-retired":         "The processing activity has been retired.",
	"activity-copied":          "This is a copy; give it a number and check it.",
	"audit-recorded":           "The audit has been recorded.",
	"task-done":                "Marked as done.",
	"decree-day-added":         "The day has been added.",
	"decree-day-added-moved":   "The day has been added; open requests whose period ended on it are now due on the next working day.",
	"decree-day-deleted":       "The day has been removed.",
	"decree-day-deleted-moved": "The day has been removed; the due dates of open requests have been counted again.",
}

func flashText(key string) string { return flashes[key] }

// redirectFlash redirects after a successful POST with a confirmation.
func redirectFlash(w http.ResponseWriter, r *http.Request, to, flash string) {
	if flash != "" {
		http.SetCookie(w, &http.Cookie{Name: "flash", Value: flash, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: 60})
	}
	http.Redirect(w, r, returnTab(r, to), http.StatusSeeOther)
}

// formError re-renders a form with the errors of err and its status.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, c *Ctx, name, title string, data map[string]any, err error) error {
	if st := status(err); st == http.StatusInternalServerError {
		return err
	} else {
		w.WriteHeader(st)
	}
	putErrors(c, data, name, err)
	s.render(w, r, c, name, title, data)
	return nil
}

func staticHandler() http.Handler {
	sub, _ := fs.Sub(assets, "static")
	fsrv := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}

// favicon answers /favicon.ico with the SVG icon the layout links.
func favicon(w http.ResponseWriter, r *http.Request) {
	b, err := assets.ReadFile("static/favicon.svg")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, _ = w.Write(b)
}

// NavItem is a link in the organisation menu.
type NavItem struct {
	Path   string // below /o/{org}/
	Label  string // message id
	Perm   org.Permission
	OrPerm *org.Permission // a second permission that also shows the item
	Group  string          // message id of the menu group (navGroups); "" falls in the last group
	Acts   string          // org.ActsProcessor or org.ActsController: only for an organisation acting so; "" for all
}

// incidentsOrView: a lezer reads the breach register without reporting.
var incidentsOrView = org.ViewAdministration

// navItems is the organisation menu, in the order of the work: the
// register first. nav.go groups it by Group for the menu.
var navItems = []NavItem{
	{Path: "register", Label: "Register", Perm: org.ViewAdministration, Group: groupRegister},
	{Path: "measures", Label: "Security measures", Perm: org.ViewAdministration, Group: groupRegister},
	{Path: "processor-register", Label: "Processor's register", Perm: org.ViewAdministration, Group: groupRegister},
	{Path: "dpias", Label: "DPIAs", Perm: org.ViewAdministration, Group: groupRegister},
	{Path: "agreements", Label: "Agreements", Perm: org.ViewAdministration, Group: groupProcessors},
	{Path: "parties", Label: "Parties", Perm: org.ViewAdministration, Group: groupProcessors},
	{Path: "bijsluiter", Label: "Privacy bijsluiter", Perm: org.ViewAdministration, Group: groupProcessors},
	{Path: "suppliers", Label: "Supplier profiles", Perm: org.ViewAdministration, Group: groupProcessors},
	{Path: "profile", Label: "Processor profile", Perm: org.ViewAdministration, Group: groupProcessors, Acts: org.ActsProcessor},
	{Path: "govrequests", Label: "Government requests", Perm: org.ViewAdministration, Group: groupProcessors, Acts: org.ActsProcessor},
	{Path: "govrequests/about-us", Label: "Government requests to our processors", Perm: org.ViewAdministration, Group: groupProcessors, Acts: org.ActsController},
	{Path: "incidents", Label: "Incidents", Perm: org.ReportIncident, OrPerm: &incidentsOrView, Group: groupCases},
	{Path: "incidents/intake", Label: "Intake links", Perm: org.EditAdministration, Group: groupCases},
	{Path: "requests", Label: "Requests", Perm: org.ViewAdministration, Group: groupCases},
	{Path: "calendar", Label: "Calendar", Perm: org.ViewAdministration, Group: groupPlanning},
	{Path: "tasks", Label: "Tasks", Perm: org.ViewAdministration, Group: groupPlanning},
	{Path: "statement", Label: "Privacy statement", Perm: org.ViewAdministration, Group: groupDocuments},
	{Path: "annual-report", Label: "Annual report", Perm: org.ViewAdministration, Group: groupDocuments},
	{Path: "settings", Label: "Settings", Perm: org.ManageSettings, Group: groupAdmin},
	{Path: "users", Label: "Users", Perm: org.ManageUsers, Group: groupAdmin},
	{Path: "sso", Label: "Single sign-on", Perm: org.ManageUsers, Group: groupAdmin},
	{Path: "scim", Label: "Provisioning (SCIM)", Perm: org.ManageUsers, Group: groupAdmin},
	{Path: "audit", Label: "Audit trail", Perm: org.ViewAudit, Group: groupAdmin},
	{Path: "mail", Label: "E-mail", Perm: org.ManageSettings, Group: groupAdmin},
	{Path: "holidays", Label: "Holidays and decree days", Perm: org.ViewAdministration, Group: groupAdmin},
	{Path: "tokens", Label: "API tokens", Perm: org.ReportIncident, Group: groupAdmin},
}

// Nav lists the menu items the user's role may open.
func (v View) Nav() []NavItem {
	var out []NavItem
	for _, n := range navItems {
		if n.Acts != "" && (v.Org == nil || !v.Org.ActsAs(n.Acts)) {
			continue
		}
		if v.Can(n.Perm) || (n.OrPerm != nil && v.Can(*n.OrPerm)) {
			out = append(out, n)
		}
	}
	return out
}

func (v View) CanSettings() bool { return v.Ctx != nil && v.Can(org.ManageSettings) }
func (v View) CanUsers() bool    { return v.Ctx != nil && v.Can(org.ManageUsers) }
func (v View) CanAudit() bool    { return v.Ctx != nil && v.Can(org.ViewAudit) }
