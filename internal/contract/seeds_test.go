package contract_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"privacyregister/internal/contract"
	"reflect"
	"sort"
	"testing"

	"privacyregister/internal/testutil"
)

// expectedLabels is one entry of seeds/expected.json (flattened field names).
type expectedLabels map[string]json.RawMessage

// flatten turns an analysis into the flattened label names of expected.json.
func flatten(a *contract.Analysis) map[string]any {
	named := []string{}
	for _, n := range a.Subprocessors.Named {
		named = append(named, n.Name)
	}
	art := map[string]any{}
	for _, l := range contract.Art28Letters {
		art[l] = a.Art28[l].Present
	}
	flags := append([]string{}, a.Flags...)
	return map[string]any{
		"language":                        a.Language,
		"law":                             a.Law,
		"processor":                       a.Parties.Processor,
		"controller":                      a.Parties.Controller,
		"breach_hours":                    a.BreachNotification.Hours,
		"breach_without_delay":            a.BreachNotification.WithoutDelay,
		"subprocessor_notification_hours": a.SubprocessorNotificationHours,
		"subprocessor_regime":             a.Subprocessors.Regime,
		"objection_days":                  a.Subprocessors.ObjectionDays,
		"subprocessors_named":             named,
		"data_location":                   a.DataLocation,
		"audit_right":                     a.Audit.Right,
		"audit_frequency_months":          a.Audit.FrequencyMonths,
		"audit_cost":                      a.Audit.Cost,
		"end_of_contract":                 a.EndOfContract,
		"liability_cap_eur":               a.LiabilityCapEUR,
		"penalty_eur":                     a.PenaltyEUR,
		"governing_law":                   a.GoverningLaw,
		"art28":                           art,
		"flags":                           flags,
		"unclear":                         a.Unclear,
	}
}

// normJSON round-trips v through JSON so numbers and nulls compare equal;
// flags compare as sets.
func normJSON(t *testing.T, field string, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if field == "flags" {
		if l, ok := out.([]any); ok {
			sort.Slice(l, func(i, j int) bool { return fmt.Sprint(l[i]) < fmt.Sprint(l[j]) })
		}
	}
	return out
}

// compareLabels checks every label; it reports one subtest per field.
func compareLabels(t *testing.T, a *contract.Analysis, want expectedLabels) {
	got := flatten(a)
	fields := make([]string, 0, len(want))
	for f := range want {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		t.Run(f, func(t *testing.T) {
			g, ok := got[f]
			if !ok {
				t.Fatalf("unknown label %q", f)
			}
			var w any
			if err := json.Unmarshal(want[f], &w); err != nil {
				t.Fatal(err)
			}
			gv, wv := normJSON(t, f, g), normJSON(t, f, w)
			if !reflect.DeepEqual(gv, wv) {
				t.Errorf("%s = %v, want %v", f, js(gv), js(wv))
			}
		})
	}
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestSeeds(t *testing.T) {
	dir := testutil.SeedsDir(t)
	data, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]expectedLabels
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatal(err)
	}
	if len(all) < 4 {
		t.Fatalf("expected.json has %d agreements, want 4", len(all))
	}
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			a := contract.Analyse(string(text))
			checkEvidence(t, string(text), a)
			compareLabels(t, a, all[name])
		})
	}
}

// checkEvidence verifies that every quote sits at its offsets.
func checkEvidence(t *testing.T, text string, a *contract.Analysis) {
	t.Helper()
	runes := []rune(text)
	check := func(where string, evs []contract.Evidence) {
		for _, e := range evs {
			if e.Start < 0 || e.End > len(runes) || e.Start >= e.End {
				t.Errorf("%s: bad offsets %d-%d", where, e.Start, e.End)
				continue
			}
			if got := string(runes[e.Start:e.End]); got != e.Quote {
				t.Errorf("%s: quote %q is not the text at %d-%d (%q)", where, e.Quote, e.Start, e.End, got)
			}
		}
	}
	check("breach", a.BreachNotification.Evidence)
	check("subprocessors", a.Subprocessors.Evidence)
	check("audit", a.Audit.Evidence)
	for l, el := range a.Art28 {
		check("art28."+l, el.Evidence)
	}
	for k, evs := range a.Evidence {
		check(k, evs)
	}
}
