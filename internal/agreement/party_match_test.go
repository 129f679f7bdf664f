package agreement

import "testing"

// TestMatchParty: an uploaded agreement naming "NOA BV" belongs to the
// party "NOA B.V." already in the administration (a user saw it offered
// as a new party); another company with a longer name is not it, and two
// parties of one name leave the choice to the user.
func TestMatchParty(t *testing.T) {
	parties := []Party{{ID: 1, Name: "NOA B.V."}, {ID: 2, Name: "Root Cloud BV"}, {ID: 3, Name: "Acme Ltd."}, {ID: 4, Name: "Twee"}, {ID: 5, Name: "TWEE b.v."}}
	for _, c := range []struct {
		names []string
		want  int64
	}{
		{[]string{"NOA BV"}, 1},
		{[]string{"noa b.v"}, 1},
		{[]string{"", "NOA B.V."}, 1},
		{[]string{"Root BV"}, 0},
		{[]string{"ACME Limited"}, 3},
		{[]string{"Twee"}, 0},
		{[]string{"B.V."}, 0},
		{[]string{"Onbekend BV", "Acme Ltd"}, 3},
	} {
		got := MatchParty(parties, c.names...)
		if (got == nil && c.want != 0) || (got != nil && got.ID != c.want) {
			t.Errorf("MatchParty(%q) = %+v, want party %d", c.names, got, c.want)
		}
	}
}
