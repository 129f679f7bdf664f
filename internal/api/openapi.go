package api

import (
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"time"
)

// openAPI serves an OpenAPI 3.1 document built from the route table, with
// schemas derived from the Go types by their json tags, so the document
// cannot drift from the code.
func (a *API) openAPI(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, a.OpenAPIDoc())
}

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

// OpenAPIDoc returns the document as a value.
func (a *API) OpenAPIDoc() map[string]any {
	schemas := map[string]any{}
	paths := map[string]map[string]any{}
	for _, rt := range a.routes {
		op := map[string]any{
			"summary":  rt.Summary,
			"tags":     []string{rt.Tag},
			"security": []map[string][]string{{"bearer": {}}},
		}
		var params []map[string]any
		for _, m := range pathParam.FindAllStringSubmatch(rt.Path, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]string{"type": "string"}})
		}
		for _, q := range rt.Query {
			params = append(params, map[string]any{"name": q, "in": "query", "schema": map[string]string{"type": "string"}})
		}
		params = append(params, pagingParams(rt.Paging)...)
		if params != nil {
			op["parameters"] = params
		}
		if rt.Request != nil {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(rt.Request), schemas)}}}
		}
		responses := map[string]any{
			"401": map[string]any{"description": "no or invalid token", "content": errContent},
			"403": map[string]any{"description": "role does not allow this", "content": errContent},
		}
		okCode := "200"
		if rt.Method == "POST" {
			okCode = "201"
		}
		if rt.Response != nil {
			ok := map[string]any{"description": "OK", "content": map[string]any{"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(rt.Response), schemas)}}}
			if rt.Paging != NotPaged {
				ok["description"] = "a page of the list"
				ok["headers"] = map[string]any{"Link": map[string]any{
					"description": `<address of the next page>; rel="next" (RFC 8288), absent on the last page`,
					"schema":      map[string]string{"type": "string"},
				}}
			}
			responses[okCode] = ok
		} else {
			responses["204"] = map[string]any{"description": "done"}
		}
		if strings.Contains(rt.Path, "{") {
			responses["404"] = map[string]any{"description": "not found (or another organisation's)", "content": errContent}
		}
		if rt.Request != nil || rt.Paging != NotPaged {
			responses["422"] = map[string]any{"description": "invalid input; the error names the field", "content": errContent}
		}
		op["responses"] = responses
		if paths[rt.Path] == nil {
			paths[rt.Path] = map[string]any{}
		}
		paths[rt.Path][strings.ToLower(rt.Method)] = op
	}
	schemas["Error"] = schemaOf(reflect.TypeOf(ErrorBody{}), schemas)
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "privacyregister API", "version": "1",
			"description": fmt.Sprintf("Lists come in pages of %d rows by default and at most %d; a larger limit is refused (422, field limit). "+
				"When another page follows, the answer has a Link header <...>; rel=\"next\" (and a next field where the answer is an object); follow it until it is absent.", DefaultLimit, MaxLimit)},
		"paths": paths,
		"components": map[string]any{
			"schemas":         schemas,
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer", "description": "personal API token (pr_...)"}},
		},
	}
}

// pagingParams are the query parameters of a paged list (see page.go).
func pagingParams(p Paging) []map[string]any {
	if p == NotPaged {
		return nil
	}
	out := []map[string]any{{"name": "limit", "in": "query",
		"description": fmt.Sprintf("rows per page: default %d, at most %d (a larger limit is refused with 422 naming the field)", DefaultLimit, MaxLimit),
		"schema":      map[string]any{"type": "integer", "minimum": 1, "maximum": MaxLimit, "default": DefaultLimit}}}
	if p == PagedByKey {
		return append(out, map[string]any{"name": "after", "in": "query",
			"description": "cursor: the key (id; seq for an audit trail) of the previous page's last row, as in the Link header's next address; absent for the first page",
			"schema":      map[string]any{"type": "integer", "minimum": 1}})
	}
	return append(out, map[string]any{"name": "offset", "in": "query",
		"description": "rows to skip, as in the next address (the answer's next field and Link header)",
		"schema":      map[string]any{"type": "integer", "minimum": 0, "default": 0}})
}

var errContent = map[string]any{"application/json": map[string]any{"schema": map[string]string{"$ref": "#/components/schemas/Error"}}}

var timeType = reflect.TypeOf(time.Time{})

// schemaOf returns a JSON Schema for t; named structs go to components.
func schemaOf(t reflect.Type, schemas map[string]any) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType {
		return map[string]any{"type": "string", "format": "date-time"}
	}
	switch t.Kind() {
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem(), schemas)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem(), schemas)}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Struct:
		name := t.Name()
		if name != "" {
			if _, seen := schemas[name]; seen {
				return map[string]any{"$ref": "#/components/schemas/" + name}
			}
			schemas[name] = map[string]any{} // placeholder against recursion
		}
		props := map[string]any{}
		addFields(t, props, schemas)
		s := map[string]any{"type": "object", "properties": props}
		if name == "" {
			return s
		}
		schemas[name] = s
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

func addFields(t reflect.Type, props map[string]any, schemas map[string]any) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name := strings.Split(tag, ",")[0]
		if f.Anonymous && name == "" {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				addFields(ft, props, schemas)
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		props[name] = schemaOf(f.Type, schemas)
	}
}
