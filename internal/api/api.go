// Package api is the JSON API under /api/v1/, authenticated by personal API
// tokens (Authorization: Bearer pr_...). Every route names the permission
// it needs and is listed in the OpenAPI document built from the same table.
package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/auth"
	"privacyregister/internal/i18n"
	"privacyregister/internal/mail"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/subscription"
)

// API serves /api/v1/.
type API struct {
	Store *store.Store
	Log   *slog.Logger
	// Mail sends the mail a change queued (a new incident's notice to the
	// privacy officers) right after its commit, with links to BaseURL; when
	// nil, the job loop sends it.
	Mail    mail.Sender
	BaseURL string
	mux     *http.ServeMux
	routes  []Route

	// Subscriptions follows profiles served by other installations.
	Subscriptions *subscription.Client
}

// Ctx is who calls: the token's user, organisation and role, and the
// language of the messages in the answer.
type Ctx struct {
	User *auth.User
	Org  *org.Organisation
	Role org.Role
	Lang string
}

// T fills in a message in the caller's language.
func (c *Ctx) T(msg string, args ...any) string { return i18n.T(c.Lang, msg, args...) }

// requestLang is the language of an answer: the one Accept-Language asks
// for, else the user's own (as the web shows a signed-in user), else the
// default (u is nil before the token is known).
func requestLang(r *http.Request, u *auth.User) string {
	if l := i18n.Accepted(r.Header.Get("Accept-Language")); l != "" {
		return l
	}
	if u == nil {
		return i18n.Languages[0]
	}
	return i18n.Supported(u.Lang)
}

// fieldText is one error of a list in lang: "field: message".
func fieldText(e *apperr.Error, lang string) string {
	msg := i18n.T(lang, e.Msg, e.Args...)
	if e.Field != "" {
		return e.Field + ": " + msg
	}
	return msg
}

// Route is one endpoint, for the mux and for the OpenAPI document.
type Route struct {
	Method, Path string // Path as in the mux, e.g. /api/v1/users/{id}
	Perm         org.Permission
	OrPerm       *org.Permission // a second permission that also lets the caller in
	Summary      string
	Tag          string
	Request      any // example of the request body type, or nil
	Response     any // example of the response type, or nil
	Query        []string
	Paging       Paging // how a list is paged (parameters limit and after or offset)
	handle       func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error)
}

// New builds the API. Its route table is the list of areas below, here and
// nowhere else; each area's function registers its routes (method, path,
// permission, OpenAPI metadata) beside their handlers, and Routes lists
// them all.
func New(st *store.Store, log *slog.Logger) *API {
	a := &API{Store: st, Log: log, mux: http.NewServeMux(), Subscriptions: subscription.New(st, false)}
	a.mux.HandleFunc("GET /api/v1/openapi.json", a.openAPI)
	a.foundationRoutes()
	agreementAuditRoutes(a)
	agreementRoutes(a)
	agreementMoreRoutes(a)
	a.dpiaRoutes()
	a.govRequestRoutes()
	a.holidayRoutes()
	a.incidentRoutes()
	a.registerRoutes()
	a.requestRoutes()
	a.taskRoutes()
	networkRoutes(a)
	profileLinkRoutes(a)
	a.mux.HandleFunc("/api/v1/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, apperr.NotFoundf("no such endpoint"), requestLang(r, nil))
	})
	return a
}

func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.mux.ServeHTTP(w, r) }

// Routes returns every route (for the OpenAPI document and tests).
func (a *API) Routes() []Route { return a.routes }

// Handle registers a route. h returns the value to send as JSON (status 200,
// or 201 when wrapped in Created), or an error.
func (a *API) Handle(rt Route, h func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error)) {
	rt.handle = h
	a.routes = append(a.routes, rt)
	a.mux.HandleFunc(rt.Method+" "+rt.Path, func(w http.ResponseWriter, r *http.Request) {
		c, err := a.authenticate(r)
		if err != nil {
			writeError(w, err, requestLang(r, nil))
			return
		}
		if !c.Role.Can(rt.Perm) && (rt.OrPerm == nil || !c.Role.Can(*rt.OrPerm)) {
			writeError(w, apperr.New(apperr.Forbidden, "your role does not allow this"), c.Lang)
			return
		}
		r = r.WithContext(audit.WithActor(r.Context(), audit.Actor{UserID: c.User.ID, Name: c.User.Email + " (API)"}))
		v, err := h(w, r, c)
		if err != nil {
			if apperr.HTTPStatus(err) == http.StatusInternalServerError {
				a.Log.ErrorContext(r.Context(), "api request failed", "path", r.URL.Path, "err", err)
			}
			writeError(w, err, c.Lang)
			return
		}
		if _, ok := v.(Raw); ok {
			return
		}
		if v == nil {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		code := http.StatusOK
		if cr, ok := v.(Created); ok {
			code, v = http.StatusCreated, cr.V
		}
		writeJSON(w, code, v)
	})
}

// Created marks a response to a POST that made something.
type Created struct{ V any }

// Raw marks a handler that wrote its own response (files).
type Raw struct{}

func (a *API) authenticate(r *http.Request) (*Ctx, error) {
	h := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || token == "" {
		return nil, apperr.New(apperr.Unauthorized, "send an API token as: Authorization: Bearer TOKEN")
	}
	ta, err := a.Store.AuthenticateToken(r.Context(), strings.TrimSpace(token))
	if err != nil {
		return nil, err
	}
	o, err := a.Store.Org(r.Context(), ta.OrgID)
	if err != nil {
		return nil, err
	}
	return &Ctx{User: ta.User, Org: o, Role: ta.Role, Lang: requestLang(r, ta.User)}, nil
}

// ErrorBody is the JSON of every error.
type ErrorBody struct {
	Error struct {
		Code    string   `json:"code"`
		Message string   `json:"message"`
		Field   string   `json:"field,omitempty"`
		Details []string `json:"details,omitempty"`
	} `json:"error"`
}

// writeError answers err with its message filled in, in lang.
func writeError(w http.ResponseWriter, err error, lang string) {
	code := apperr.HTTPStatus(err)
	var body ErrorBody
	body.Error.Code = string(apperr.CodeOf(err))
	var list apperr.List
	var e *apperr.Error
	switch {
	case errors.As(err, &list):
		body.Error.Code = string(apperr.Invalid)
		body.Error.Message = "the input has errors"
		for _, le := range list {
			body.Error.Details = append(body.Error.Details, fieldText(le, lang))
		}
		if len(list) > 0 {
			body.Error.Field = list[0].Field
		}
	case errors.As(err, &e):
		body.Error.Message, body.Error.Field = i18n.T(lang, e.Msg, e.Args...), e.Field
	case code == http.StatusRequestEntityTooLarge:
		body.Error.Code, body.Error.Message = string(apperr.TooLarge), "request body too large"
	default:
		body.Error.Code, body.Error.Message = "internal", "internal error; it was logged"
	}
	writeJSON(w, code, body)
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// Decode reads a JSON body strictly: unknown fields and trailing data are
// errors naming what is wrong.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			return err
		case errors.As(err, &se):
			return apperr.Invalidf("body", "malformed JSON at byte %d", se.Offset)
		case errors.As(err, &te):
			return apperr.Invalidf(te.Field, "must be of type %s", te.Type.String())
		case errors.Is(err, io.EOF):
			return apperr.Invalidf("body", "is empty; send a JSON object")
		case errors.Is(err, io.ErrUnexpectedEOF):
			return apperr.Invalidf("body", "malformed JSON: it ends too early")
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			return apperr.Invalidf(strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), "is not a known field")
		default:
			return apperr.Invalidf("body", "could not be read: %s", err.Error())
		}
	}
	if dec.More() {
		return apperr.Invalidf("body", "has data after the JSON object")
	}
	return nil
}

// DecodeReplacement reads the body of a PUT into v, strictly as Decode,
// except that the fields the resource's GET answers (the type of got) and
// v does not take are read-only and ignored: what GET returns, PUT
// accepts back (issue 12: PUT /agreements/{id} refused the warnings GET
// gave it). A field neither knows is still an error.
func DecodeReplacement(r *http.Request, v, got any) error {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) == nil {
		takes := jsonFields(reflect.TypeOf(v))
		changed := false
		for name := range jsonFields(reflect.TypeOf(got)) {
			if _, ok := fields[name]; ok && !takes[name] {
				delete(fields, name)
				changed = true
			}
		}
		if changed {
			if body, err = json.Marshal(fields); err != nil {
				return err
			}
		}
	}
	r2 := *r
	r2.Body = io.NopCloser(bytes.NewReader(body))
	return Decode(&r2, v)
}

// jsonFields are the names of the JSON fields of struct type t, with those
// of its embedded structs.
func jsonFields(t reflect.Type) map[string]bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	out := map[string]bool{}
	if t.Kind() != reflect.Struct {
		return out
	}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-" || !f.IsExported() && !f.Anonymous:
		case f.Anonymous && name == "":
			for n := range jsonFields(f.Type) {
				out[n] = true
			}
		case name == "":
			out[f.Name] = true
		default:
			out[name] = true
		}
	}
	return out
}

// PathID reads a numeric path parameter; anything else is not found.
func PathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.NotFoundf("not found")
	}
	return id, nil
}
