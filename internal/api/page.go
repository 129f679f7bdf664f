package api

import (
	"net/http"
	"net/url"
	"strconv"

	"privacyregister/internal/apperr"
	"privacyregister/internal/store"
)

// Every list of the API comes in pages, so no request reads or sends a
// whole register: without limit a page holds DefaultLimit rows, and a limit
// above MaxLimit is refused (422, field "limit") rather than quietly cut,
// so a client never mistakes a short page for the end of the list.
//
// Most lists are paged by key (a cursor): they are in the order of their id
// (the audit trail, screenings, reviews and audits newest first) and the
// next page is asked for with after=<id of the page's last row>. The
// register and the breach register keep their own sort orders and filters
// and are paged by offset. Either way, when another page follows, the
// answer carries its address in a Link header (RFC 8288, rel="next") and,
// where the answer is an object, in its "next" field; the last page has
// neither.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// Paging says how a list route is paged, for its parameters and the
// OpenAPI document.
type Paging int

const (
	NotPaged    Paging = iota
	PagedByKey         // limit, after
	PagedByOffs        // limit, offset
)

// readLimit reads the limit parameter: DefaultLimit when absent, an error
// naming the field when it is not a whole number from 1 to MaxLimit.
func readLimit(q url.Values) (int, error) {
	v := q.Get("limit")
	if v == "" {
		return DefaultLimit, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > MaxLimit {
		return 0, apperr.Invalidf("limit", "Give a whole number from %d to %d.", 1, MaxLimit)
	}
	return n, nil
}

// readPage reads limit and after of a list paged by key.
func readPage(r *http.Request) (store.Page, error) {
	q := r.URL.Query()
	n, err := readLimit(q)
	if err != nil {
		return store.Page{}, err
	}
	p := store.Page{Limit: n}
	if v := q.Get("after"); v != "" {
		if p.After, err = strconv.ParseInt(v, 10, 64); err != nil || p.After < 1 {
			return store.Page{}, apperr.Invalidf("after", "Give the id of the last row of the previous page (a whole number of 1 or more).")
		}
	}
	return p, nil
}

// readOffsetPage reads limit and offset of a list paged by offset.
func readOffsetPage(r *http.Request) (limit, offset int, err error) {
	q := r.URL.Query()
	if limit, err = readLimit(q); err != nil {
		return 0, 0, err
	}
	if v := q.Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return 0, 0, apperr.Invalidf("offset", "Give a whole number of 0 or more.")
		}
	}
	return limit, offset, nil
}

// page cuts a list read with p to the page and, when another page
// follows, links it: after= the key of the page's last row.
func page[T any](w http.ResponseWriter, r *http.Request, p store.Page, list []T, key func(*T) int64) []T {
	list, more := store.Trim(p, list)
	if more {
		linkNext(w, r, "after", strconv.FormatInt(key(&list[len(list)-1]), 10))
	}
	return list
}

// pageList is page for a store call's (list, error).
func pageList[T any](w http.ResponseWriter, r *http.Request, p store.Page, key func(*T) int64) func([]T, error) (any, error) {
	return func(list []T, err error) (any, error) {
		if err != nil {
			return nil, err
		}
		return page(w, r, p, list, key), nil
	}
}

// offsetNext links the next page of a list paged by offset when rows
// remain after this one, and returns its address ("" on the last page).
func offsetNext(w http.ResponseWriter, r *http.Request, limit, offset, n, total int) string {
	if n == 0 || offset+n >= total {
		return ""
	}
	return linkNext(w, r, "offset", strconv.Itoa(offset+n), "limit", strconv.Itoa(limit))
}

// linkNext sets the Link header to the request's own address with the
// given parameters replaced, and returns that address. The address is
// relative (path and query), so it holds behind any proxy.
func linkNext(w http.ResponseWriter, r *http.Request, kv ...string) string {
	q := r.URL.Query()
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
	next := u.String()
	w.Header().Set("Link", "<"+next+`>; rel="next"`)
	return next
}
