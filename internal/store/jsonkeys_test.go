package store

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"privacyregister/internal/dpia"
	"privacyregister/internal/incident"
)

// TestStoredKeysMatchTags: rows written before the domain types had JSON
// tags carry the Go field names; snakeKeys must map every one of them to
// its tag, or the field would read back empty.
func TestStoredKeysMatchTags(t *testing.T) {
	for _, v := range []any{incident.Incident{}, incident.Contact{}, incident.Range{}, incident.Measure{},
		incident.Assessment{}, incident.Decision{}, dpia.Answers{}} {
		rt := reflect.TypeOf(v)
		for i := range rt.NumField() {
			f := rt.Field(i)
			tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if tag == "" {
				t.Errorf("%s.%s has no json tag", rt.Name(), f.Name)
			} else if got := snakeName(f.Name); got != tag {
				t.Errorf("%s.%s: old key maps to %q, the tag is %q", rt.Name(), f.Name, got, tag)
			}
		}
	}
}

func TestSnakeKeysReadsOldRows(t *testing.T) {
	old := `{"ID":0,"Title":"Laptop","ActivityIDs":[3],"Reporter":{"JobTitle":"docent"},"Phases":{"discover":"done"},"Measures":[{"Kind":"immediate","DoneAt":null}],"People":{"Min":1,"Max":9}}`
	var i incident.Incident
	if err := json.Unmarshal(snakeKeys([]byte(old)), &i); err != nil {
		t.Fatal(err)
	}
	if i.Title != "Laptop" || len(i.ActivityIDs) != 1 || i.Reporter.JobTitle != "docent" || i.PhaseOf(incident.Discover) != incident.Done ||
		len(i.Measures) != 1 || i.Measures[0].Kind != incident.Immediate || i.People.Max != 9 {
		t.Errorf("old row read as %+v", i)
	}
	var a dpia.Answers
	if err := json.Unmarshal(snakeKeys([]byte(`{"Art35":["a"],"APList":[3],"Criteria":[1]}`)), &a); err != nil || len(a.APList) != 1 || len(a.Art35) != 1 {
		t.Errorf("old screening answers: %+v %v", a, err)
	}
}

func TestSnakeKeysLeavesNewRowsAlone(t *testing.T) {
	for _, doc := range []string{`{"title":"Laptop Kwijt","reporter":{"name":"Jan"}}`, `{"note":"He said \"Stop\": no"}`, `["A","B"]`} {
		if legacyKey.MatchString(doc) {
			t.Errorf("%s taken for an old row", doc)
		}
	}
	if !legacyKey.MatchString(`{"title":"x","ActivityIDs":[1]}`) || !legacyKey.MatchString(`{"ID":1}`) {
		t.Errorf("old keys not found")
	}
}
