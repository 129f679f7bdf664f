package contract_test

import (
	"bytes"
	"strings"
	"testing"

	"privacyregister/internal/contract"
	"privacyregister/internal/testutil"
)

func TestWriteReport(t *testing.T) {
	a := contract.Analyse(testutil.Seed(t, "002"))
	var nl, en bytes.Buffer
	if err := contract.WriteReport(&nl, a, "nl"); err != nil {
		t.Fatal(err)
	}
	if err := contract.WriteReport(&en, a, "en"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Verwerker:", "ICTeam Zuid B.V.", "EUR 5.000", "Controlelijst artikel 28 lid 3 AVG", "eenzijdig wijzigen", "13.5", "(2.2)"} {
		if !strings.Contains(nl.String(), want) {
			t.Errorf("Dutch report lacks %q:\n%s", want, nl.String())
		}
	}
	for _, want := range []string{"Processor:", "The processor may change the agreement on its own. (13.5)", "[x] (h) information and audits"} {
		if !strings.Contains(en.String(), want) {
			t.Errorf("English report lacks %q:\n%s", want, en.String())
		}
	}
}
