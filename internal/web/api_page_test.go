package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"privacyregister/internal/api"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

var linkNext = regexp.MustCompile(`^<([^>]+)>; rel="next"$`)

// followPages GETs path and every next page its Link header names, and
// returns the pages' bodies. Each page must hold at most limit rows (n
// tells how many a body holds, and its next field when it is an object)
// and the link must agree with that field.
func followPages(t *testing.T, c *client, tok, path string, limit int, n func(body string) (rows int, next *string)) []string {
	t.Helper()
	var bodies []string
	for path != "" {
		if len(bodies) > 50 {
			t.Fatal("more than 50 pages: the next link goes round")
		}
		res := c.api("GET", path, tok, "")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, res.StatusCode, res.Body)
		}
		rows, bodyNext := n(res.Body)
		if rows > limit {
			t.Fatalf("GET %s: %d rows, more than the page of %d", path, rows, limit)
		}
		path = ""
		if l := res.Header.Get("Link"); l != "" {
			m := linkNext.FindStringSubmatch(l)
			if m == nil {
				t.Fatalf("GET %s: Link header %q", path, l)
			}
			path = m[1]
			if rows != limit {
				t.Errorf("a page of %d rows, not the full %d, links a next page", rows, limit)
			}
		}
		if bodyNext != nil && *bodyNext != path {
			t.Errorf("next field %q, Link header %q", *bodyNext, path)
		}
		bodies = append(bodies, res.Body)
	}
	return bodies
}

// TestAPIListsArePaged: a list without limit answers the first 100 rows
// and a link to the next page; following the links gives every row exactly
// once; a limit over 1,000 is refused naming the field. (Before, the lists
// answered every row at once: 21 MB for 10,000 activities.)
func TestAPIListsArePaged(t *testing.T) {
	a := newTestApp(t)
	o := a.org("paged")
	u := a.user(o, "fg@paged.example", org.PrivacyOfficer)
	tok := a.token(o, u)
	ctx := context.Background()
	const n = 250
	if err := a.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.FillRegister(ctx, o.ID, nil, register.Generate(n, 7)); err != nil {
			return err
		}
		for i := range n {
			if err := tx.CreateMeasure(ctx, o.ID, &register.Measure{Name: fmt.Sprintf("Maatregel %03d", i), Kind: register.Technical}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	c := a.client()

	t.Run("activities by offset", func(t *testing.T) {
		seen := map[int64]int{}
		pages := followPages(t, c, tok, "/api/v1/activities?sort=name", api.DefaultLimit, func(body string) (int, *string) {
			var l struct {
				Total      int
				Activities []struct{ ID int64 }
				Next       string
			}
			if err := json.Unmarshal([]byte(body), &l); err != nil {
				t.Fatal(err)
			}
			if l.Total != n {
				t.Errorf("total %d, want %d", l.Total, n)
			}
			for _, x := range l.Activities {
				seen[x.ID]++
			}
			return len(l.Activities), &l.Next
		})
		checkOnce(t, seen, n, pages, 3)
	})
	t.Run("measures by key", func(t *testing.T) {
		seen := map[int64]int{}
		pages := followPages(t, c, tok, "/api/v1/measures", api.DefaultLimit, func(body string) (int, *string) {
			var l []struct{ ID int64 }
			if err := json.Unmarshal([]byte(body), &l); err != nil {
				t.Fatal(err)
			}
			for _, x := range l {
				seen[x.ID]++
			}
			return len(l), nil
		})
		checkOnce(t, seen, n, pages, 3)
	})
	t.Run("measures with a limit of 1000", func(t *testing.T) {
		res := c.api("GET", "/api/v1/measures?limit=1000", tok, "")
		var l []struct{ ID int64 }
		if err := json.Unmarshal([]byte(res.Body), &l); err != nil || len(l) != n || res.Header.Get("Link") != "" {
			t.Fatalf("limit=1000: %d rows, Link %q, %v", len(l), res.Header.Get("Link"), err)
		}
	})
	t.Run("history newest first by key", func(t *testing.T) {
		acts, _, err := a.st.Activities(ctx, o.ID, store.ActivityFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		id := acts[0].ID
		for range 4 {
			if err := a.st.InTx(ctx, func(tx *store.Tx) error { _, err := tx.MarkReviewed(ctx, o.ID, id, "fg"); return err }); err != nil {
				t.Fatal(err)
			}
		}
		var seqs []int64
		followPages(t, c, tok, fmt.Sprintf("/api/v1/activities/%d/history?limit=2", id), 2, func(body string) (int, *string) {
			var l []struct{ Seq int64 }
			if err := json.Unmarshal([]byte(body), &l); err != nil {
				t.Fatal(err)
			}
			for _, e := range l {
				seqs = append(seqs, e.Seq)
			}
			return len(l), nil
		})
		if len(seqs) != 5 {
			t.Fatalf("history %v, want 5 entries (created, 4 reviews)", seqs)
		}
		for i := 1; i < len(seqs); i++ {
			if seqs[i] >= seqs[i-1] {
				t.Fatalf("history %v is not newest first", seqs)
			}
		}
	})
	for _, path := range []string{"/api/v1/activities", "/api/v1/measures", "/api/v1/incidents", "/api/v1/requests"} {
		for _, q := range []string{"limit=5000", "limit=0", "limit=x"} {
			res := c.api("GET", path+"?"+q, tok, "")
			var e api.ErrorBody
			_ = json.Unmarshal([]byte(res.Body), &e)
			if res.StatusCode != http.StatusUnprocessableEntity || e.Error.Field != "limit" || !strings.Contains(res.Body, "1000") {
				t.Errorf("GET %s?%s: %d %s, want 422 naming limit and its maximum", path, q, res.StatusCode, res.Body)
			}
		}
	}
	res := c.api("GET", "/api/v1/measures?after=abc", tok, "")
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `"field": "after"`) {
		t.Errorf("after=abc: %d %s", res.StatusCode, res.Body)
	}
}

func checkOnce(t *testing.T, seen map[int64]int, n int, pages []string, wantPages int) {
	t.Helper()
	if len(pages) != wantPages {
		t.Errorf("%d pages, want %d", len(pages), wantPages)
	}
	if len(seen) != n {
		t.Errorf("%d distinct rows over the pages, want %d", len(seen), n)
	}
	for id, k := range seen {
		if k != 1 {
			t.Errorf("row %d on %d pages", id, k)
		}
	}
}

// TestAPIEveryListIsPaged: every GET route answering a list (an array, or
// an object holding one) is paged and says so in the OpenAPI document,
// except those bounded by their nature.
func TestAPIEveryListIsPaged(t *testing.T) {
	bounded := map[string]bool{
		"/api/v1/holidays":                     true, // the days of one year
		"/api/v1/incidents/deadlines":          true, // the next 14 days, at most 1,000
		"/api/v1/agreements/{id}/warnings":     true, // computed from one agreement's terms
		"/api/v1/incidents/{id}/notifications": true, // of one case: a first one and its few follow-ups
		"/api/v1/incidents/{id}/controllers":   true, // of one case, entered by hand
	}
	a := api.New(nil, slog.Default())
	doc := a.OpenAPIDoc()
	paths := doc["paths"].(map[string]map[string]any)
	for _, rt := range a.Routes() {
		if rt.Method != "GET" || rt.Response == nil || bounded[rt.Path] {
			continue
		}
		if !holdsList(reflect.TypeOf(rt.Response)) {
			continue
		}
		if rt.Paging == api.NotPaged {
			t.Errorf("GET %s answers a list but is not paged", rt.Path)
			continue
		}
		op := paths[rt.Path]["get"].(map[string]any)
		b, _ := json.Marshal(op)
		if !strings.Contains(string(b), `"name":"limit"`) || !strings.Contains(string(b), `"maximum":1000`) || !strings.Contains(string(b), `"Link"`) {
			t.Errorf("OpenAPI of GET %s does not document limit, its maximum and the Link header: %s", rt.Path, b)
		}
	}
}

// holdsList: an array, or an object named for the list it holds
// (ActivityList, IncidentList, AuditList).
func holdsList(t reflect.Type) bool {
	return t.Kind() == reflect.Slice || t.Kind() == reflect.Struct && strings.HasSuffix(t.Name(), "List")
}
