// Package scim is the SCIM 2.0 service provider (RFC 7643, RFC 7644) under
// /scim/v2/, through which an organisation's identity provider (Microsoft
// Entra ID, Okta) creates, updates, deactivates and removes its members.
// A bearer token per organisation (store.SCIMToken) decides the tenant:
// nothing of another organisation is reachable with it.
//
// Users are the organisation's members; Groups are its roles, one fixed
// group per role (id and displayName the role's name), so putting a person
// in the provider's group "privacyofficer" gives them that role.
//
// Handlers are written over the store rather than with a SCIM server
// framework: the store owns the rules (tenancy, audit, the last beheerder,
// ending access on deactivation) and a framework's resource model would
// sit between them and the wire. Filters and PATCH paths are parsed with
// github.com/scim2/filter-parser.
package scim

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/i18n"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// Schema URNs.
const (
	UserSchema   = "urn:ietf:params:scim:schemas:core:2.0:User"
	GroupSchema  = "urn:ietf:params:scim:schemas:core:2.0:Group"
	ListSchema   = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
	PatchSchema  = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
	ErrorSchema  = "urn:ietf:params:scim:api:messages:2.0:Error"
	contentType  = "application/scim+json"
	prefix       = "/scim/v2/"
	maxResults   = 200
	defaultCount = 100
)

// DefaultRole is the role of a member the provider creates, and of one it
// takes out of a role group: the role that sees least (it can report an
// incident and follow its own reports).
const DefaultRole = org.Employee

// Server serves /scim/v2/.
type Server struct {
	Store   *store.Store
	Log     *slog.Logger
	BaseURL string // public address, for meta.location; empty gives paths
}

// New returns the SCIM service provider.
func New(st *store.Store, log *slog.Logger, baseURL string) *Server {
	return &Server{Store: st, Log: log, BaseURL: strings.TrimSuffix(baseURL, "/")}
}

// request is one authenticated call: the organisation of the token.
type request struct {
	w     http.ResponseWriter
	r     *http.Request
	orgID int64
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="scim"`)
		writeError(w, http.StatusUnauthorized, "", "a bearer token is required")
		return
	}
	orgID, err := s.Store.AuthenticateSCIMToken(r.Context(), strings.TrimSpace(tok))
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="scim", error="invalid_token"`)
		writeError(w, http.StatusUnauthorized, "", "invalid or revoked SCIM token")
		return
	}
	r = r.WithContext(audit.WithActor(r.Context(), audit.Actor{Name: "SCIM"}))
	q := &request{w: w, r: r, orgID: orgID}
	// Without a configured public address, locations are made from the
	// address the client used, so they are absolute as RFC 7643 asks.
	rs := s
	if s.BaseURL == "" {
		c := *s
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		c.BaseURL = scheme + "://" + r.Host
		rs = &c
	}
	if err := rs.route(q); err != nil {
		s.fail(w, r, err)
	}
}

// route dispatches on the resource type, case-insensitively (clients
// differ in how they spell /Users and /ServiceProviderConfig).
func (s *Server) route(q *request) error {
	rest, _ := strings.CutPrefix(q.r.URL.Path, prefix)
	parts := strings.Split(strings.Trim(rest, "/"), "/")
	id := ""
	if len(parts) == 2 {
		id = parts[1]
	} else if len(parts) > 2 {
		return notFound("no such endpoint")
	}
	m := q.r.Method
	switch strings.ToLower(parts[0]) {
	case "users":
		switch {
		case id == "" && m == "GET":
			return s.listUsers(q)
		case id == "" && m == "POST":
			return s.createUser(q)
		case id != "" && m == "GET":
			return s.getUser(q, id)
		case id != "" && m == "PUT":
			return s.replaceUser(q, id)
		case id != "" && m == "PATCH":
			return s.patchUser(q, id)
		case id != "" && m == "DELETE":
			return s.deleteUser(q, id)
		}
	case "groups":
		switch {
		case id == "" && m == "GET":
			return s.listGroups(q)
		case id == "" && m == "POST":
			return s.createGroup(q)
		case id != "" && m == "GET":
			return s.getGroup(q, id)
		case id != "" && m == "PUT":
			return s.replaceGroup(q, id)
		case id != "" && m == "PATCH":
			return s.patchGroup(q, id)
		case id != "" && m == "DELETE":
			return s.deleteGroup(q, id)
		}
	case "serviceproviderconfig":
		if m == "GET" && id == "" {
			return s.write(q, http.StatusOK, serviceProviderConfig(s.location("ServiceProviderConfig", "")))
		}
	case "resourcetypes":
		if m == "GET" {
			return s.resourceTypes(q, id)
		}
	case "schemas":
		if m == "GET" {
			return s.schemas(q, id)
		}
	default:
		return notFound("no such endpoint")
	}
	return &Error{Status: http.StatusMethodNotAllowed, Detail: "method not allowed here"}
}

// Error is an answer in SCIM's error schema (RFC 7644 section 3.12).
type Error struct {
	Status   int
	ScimType string // invalidFilter, invalidValue, uniqueness, mutability, invalidPath, noTarget, invalidSyntax
	Detail   string
}

func (e *Error) Error() string { return e.Detail }

func notFound(detail string) *Error { return &Error{Status: http.StatusNotFound, Detail: detail} }

func invalid(scimType, detail string) *Error {
	return &Error{Status: http.StatusBadRequest, ScimType: scimType, Detail: detail}
}

// fail maps an error to its SCIM answer: the store's invalid input is 400
// invalidValue, a conflict 409 uniqueness, and anything unexpected a 500
// whose cause is logged, not sent.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var se *Error
	if errors.As(err, &se) {
		writeError(w, se.Status, se.ScimType, se.Detail)
		return
	}
	var list apperr.List
	if errors.As(err, &list) && len(list) > 0 {
		err = list[0]
	}
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		s.Log.Error("scim", "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "", "internal error")
		return
	}
	detail := i18n.T("en", ae.Msg, ae.Args...)
	if ae.Field != "" {
		detail = ae.Field + ": " + detail
	}
	switch ae.Code {
	case apperr.Invalid:
		writeError(w, http.StatusBadRequest, "invalidValue", detail)
	case apperr.Conflict:
		writeError(w, http.StatusConflict, "uniqueness", detail)
	case apperr.NotFound:
		writeError(w, http.StatusNotFound, "", detail)
	case apperr.TooLarge:
		writeError(w, http.StatusRequestEntityTooLarge, "", detail)
	default:
		status := apperr.HTTPStatus(err)
		if status == http.StatusInternalServerError {
			s.Log.Error("scim", "path", r.URL.Path, "err", err)
			detail = "internal error"
		}
		writeError(w, status, "", detail)
	}
}

func writeError(w http.ResponseWriter, status int, scimType, detail string) {
	body := map[string]any{"schemas": []string{ErrorSchema}, "status": strconv.Itoa(status), "detail": detail}
	if scimType != "" {
		body["scimType"] = scimType
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func (s *Server) write(q *request, status int, v any) error {
	q.w.Header().Set("Content-Type", contentType)
	q.w.WriteHeader(status)
	return json.NewEncoder(q.w).Encode(v)
}

// decode reads a JSON body into v.
func decode(r *http.Request, v any) error {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return &Error{Status: http.StatusRequestEntityTooLarge, Detail: "the request is too large"}
		}
		return invalid("invalidSyntax", "the request body could not be read")
	}
	if err := json.Unmarshal(b, v); err != nil {
		return invalid("invalidSyntax", "the request body is not valid JSON: "+err.Error())
	}
	return nil
}

// location is the address of a resource.
func (s *Server) location(kind, id string) string {
	l := s.BaseURL + prefix + kind
	if id != "" {
		l += "/" + id
	}
	return l
}

// page reads startIndex (1-based) and count.
func page(r *http.Request) (offset, limit int, err error) {
	start, limit := 1, defaultCount
	if v := r.URL.Query().Get("startIndex"); v != "" {
		if start, err = strconv.Atoi(v); err != nil {
			return 0, 0, invalid("invalidValue", "startIndex must be a number")
		}
		start = max(start, 1)
	}
	if v := r.URL.Query().Get("count"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil {
			return 0, 0, invalid("invalidValue", "count must be a number")
		}
		limit = min(max(limit, 0), maxResults)
	}
	return start - 1, limit, nil
}

func listResponse(total, offset int, resources []any) map[string]any {
	if resources == nil {
		resources = []any{}
	}
	return map[string]any{"schemas": []string{ListSchema}, "totalResults": total, "startIndex": offset + 1,
		"itemsPerPage": len(resources), "Resources": resources}
}
