package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// analyse --json adds the comparison with the model agreements as the extra
// field "models"; the readable report lists the deviations. The text gives
// 96 hours without "without undue delay": weaker than SCC 2021/915 clause
// 9.2(a).
func TestAnalyseModels(t *testing.T) {
	c := &cli{t: t}
	txt := filepath.Join(t.TempDir(), "dpa.txt")
	os.WriteFile(txt, []byte("Data Processing Agreement\n\n2. Breaches\n2.1 The Processor shall notify the Customer of a Personal Data Breach within 96 hours.\n"), 0o600)
	code, out, errs := c.run("", "analyse", "--json", txt)
	if code != 0 {
		t.Fatalf("analyse --json: %d %s", code, errs)
	}
	var an struct {
		BreachNotification struct{ Hours *int } `json:"breach_notification"`
		Models             []struct {
			Model string
			Items []struct{ Item, Status string }
		}
	}
	if err := json.Unmarshal([]byte(out), &an); err != nil {
		t.Fatal(err)
	}
	if an.BreachNotification.Hours == nil || *an.BreachNotification.Hours != 96 || len(an.Models) != 2 {
		t.Fatalf("analysis: %s", out)
	}
	status := ""
	for _, it := range an.Models[0].Items {
		if it.Item == "breach" {
			status = it.Status
		}
	}
	if an.Models[0].Model != "scc-2021-915" || status != "weaker" {
		t.Errorf("scc breach: model %s status %q", an.Models[0].Model, status)
	}
	code, out, _ = c.run("", "analyse", "--lang", "nl", txt)
	if code != 0 || !strings.Contains(out, "[zwakker] De verwerker meldt een datalek zonder onredelijke vertraging") || !strings.Contains(out, "SCC 2021/915 clausule 9.2(a)") {
		t.Errorf("report lacks the model deviation:\n%s", out)
	}
}
