package web

import (
	"errors"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/apperr"
)

func postForm(v url.Values) *form {
	r := httptest.NewRequest("POST", "/", strings.NewReader(v.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return newForm(r)
}

func fieldsOf(err error) map[string]bool {
	out := map[string]bool{}
	var l apperr.List
	if errors.As(err, &l) {
		for _, e := range l {
			out[e.Field] = true
		}
	}
	return out
}

// TestFormCheckboxes: one rule for every checkbox. Before, the agreement
// form took any value as ticked and the incident forms only on/yes/true,
// while the request page compared with "on": a refusal posted with
// partial=1 was recorded as a full refusal.
func TestFormCheckboxes(t *testing.T) {
	f := postForm(url.Values{"a": {"on"}, "b": {"1"}, "c": {"yes"}, "d": {"true"}, "e": {"false"}, "g": {"0"}, "h": {"off"}, "i": {""}})
	for name, want := range map[string]bool{"a": true, "b": true, "c": true, "d": true, "e": false, "g": false, "h": false, "i": false, "absent": false} {
		if got := f.check(name); got != want {
			t.Errorf("check(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestFormErrorsNameTheField: every value that cannot be read is reported,
// each naming its field, all at once.
func TestFormErrorsNameTheField(t *testing.T) {
	now := time.Date(2026, 12, 2, 9, 30, 0, 0, time.UTC)
	f := postForm(url.Values{"n": {"twaalf"}, "d": {"31-02-2026"}, "w": {"gisteren"}, "ids": {"4", "x"}, "amount": {"veel"}, "ok": {"7"}})
	if f.num("n") != 0 || f.date("d") != nil || f.when("w") != nil || len(f.ids("ids")) != 1 || f.optFloat("amount") != nil || f.num("ok") != 7 {
		t.Error("bad values read as something")
	}
	if !f.day("at", false, now).IsZero() {
		t.Error("an empty optional day is not the zero time")
	}
	f.day("received_at", true, now)
	got := fieldsOf(f.err())
	for _, name := range []string{"n", "d", "w", "ids", "amount", "received_at"} {
		if !got[name] {
			t.Errorf("no error naming %q: %v", name, f.err())
		}
	}
	if got["ok"] || got["at"] {
		t.Errorf("errors on good fields: %v", f.err())
	}
}

// TestFormDay: a date input's value today means now (a step recorded this
// morning does not precede a request received at 9:00); another day means
// noon in Amsterdam; dd-mm-yyyy is read as well.
func TestFormDay(t *testing.T) {
	now := time.Date(2026, 12, 2, 9, 30, 0, 0, time.UTC)
	f := postForm(url.Values{"today": {"2026-12-02"}, "other": {"2026-11-30"}, "nl": {"30-11-2026"}})
	if got := f.day("today", true, now); !got.Equal(now) {
		t.Errorf("today: %v", got)
	}
	noon := time.Date(2026, 11, 30, 12, 0, 0, 0, Amsterdam)
	if got := f.day("other", true, now); !got.Equal(noon) {
		t.Errorf("other day: %v, want %v", got, noon)
	}
	if got := f.day("nl", true, now); !got.Equal(noon) {
		t.Errorf("dd-mm-yyyy: %v, want %v", got, noon)
	}
	if err := f.err(); err != nil {
		t.Error(err)
	}
}
