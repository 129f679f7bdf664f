package contract_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"privacyregister/internal/contract"
	"slices"
	"strings"
	"testing"
)

// TestSyntheticAgreements runs the hand-written agreements in
// testdata/agreements. Each NAME.txt has NAME.json with labels in the
// flattened names of seeds/expected.json (only the fields given are
// checked), plus:
//   - subprocessors_countries: the country codes of the named sub-processors
//   - flags_include / flags_exclude: flags that must / must not be raised
func TestSyntheticAgreements(t *testing.T) {
	files, err := filepath.Glob("testdata/agreements/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 12 {
		t.Fatalf("only %d synthetic agreements", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".json")
			if err != nil {
				t.Fatal(err)
			}
			checkLabelsJSON(t, string(text), contract.Analyse(string(text)), raw)
		})
	}
}

// checkLabelsJSON checks the labels in raw (flattened names, only the
// fields given) against a, plus the extra keys subprocessors_countries,
// flags_include, flags_exclude and a partial art28 map.
func checkLabelsJSON(t *testing.T, text string, a *contract.Analysis, raw []byte) {
	t.Helper()
	var labels map[string]json.RawMessage
	if err := json.Unmarshal(raw, &labels); err != nil {
		t.Fatal(err)
	}
	checkEvidence(t, text, a)
	special := map[string]json.RawMessage{}
	for _, k := range []string{"subprocessors_countries", "flags_include", "flags_exclude", "art28"} {
		if v, ok := labels[k]; ok {
			special[k] = v
			delete(labels, k)
		}
	}
	compareLabels(t, a, labels)
	if v, ok := special["art28"]; ok {
		var want map[string]bool
		if err := json.Unmarshal(v, &want); err != nil {
			t.Fatal(err)
		}
		for l, p := range want {
			if a.Art28[l].Present != p {
				t.Errorf("art28.%s = %v, want %v (evidence %+v)", l, a.Art28[l].Present, p, a.Art28[l].Evidence)
			}
		}
	}
	if v, ok := special["subprocessors_countries"]; ok {
		var want []string
		json.Unmarshal(v, &want)
		var got []string
		for _, n := range a.Subprocessors.Named {
			c := ""
			if n.Country != nil {
				c = *n.Country
			}
			got = append(got, c)
		}
		if !slices.Equal(got, want) {
			t.Errorf("countries = %v, want %v", got, want)
		}
	}
	var inc, exc []string
	json.Unmarshal(special["flags_include"], &inc)
	json.Unmarshal(special["flags_exclude"], &exc)
	for _, f := range inc {
		if !slices.Contains(a.Flags, f) {
			t.Errorf("flag %s missing; flags %v", f, a.Flags)
		}
	}
	for _, f := range exc {
		if slices.Contains(a.Flags, f) {
			t.Errorf("flag %s raised; flags %v", f, a.Flags)
		}
	}
}
