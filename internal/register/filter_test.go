package register

import (
	"net/url"
	"reflect"
	"testing"
)

// TestFilterFromQuery reads every parameter the register page and the API
// take, and checks that each of FilterParams changes the filter (so the
// list the API documents and what is read cannot drift apart).
func TestFilterFromQuery(t *testing.T) {
	q := url.Values{"q": {" nieuwsbrief "}, "department": {"HR"}, "basis": {"c"}, "special": {"yes"}, "eea": {"no"},
		"dpia": {"to_assess"}, "agreement": {"signed"}, "status": {"all"}, "overdue": {"1"}, "missing": {"purpose"}, "sort": {"-name"}}
	want := Filter{Query: "nieuwsbrief", Department: "HR", LawfulBasis: "c", Special: "yes", OutsideEEA: "no",
		DPIA: DPIAToAssess, AgreementStatus: AgreementSigned, IncludeRetired: true, ReviewOverdue: true, Missing: GapPurpose, Sort: "-name"}
	if got := FilterFromQuery(q); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if got := FilterFromQuery(url.Values{"status": {"retired"}}); got.Status != "retired" || got.IncludeRetired {
		t.Errorf("status=retired: %+v", got)
	}
	for _, p := range FilterParams {
		v := q.Get(p)
		if p == "status" {
			v = "active"
		}
		if reflect.DeepEqual(FilterFromQuery(url.Values{p: {v}}), Filter{}) {
			t.Errorf("parameter %q is not read", p)
		}
	}
}
