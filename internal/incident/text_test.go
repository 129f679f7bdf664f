package incident

import (
	"strings"
	"testing"
	"time"
)

var org = OrgInfo{Name: "Regiobibliotheek Lek & IJssel", Address: "Markt 1, Nieuwegein", HasDPO: true,
	DPO: Contact{Name: "A. de Vries", JobTitle: "FG", Email: "fg@example.nl", Phone: "030 123 45 67"}}

func ransomware() Incident {
	inc := valid()
	inc.Title = "Ransomware op de ledenadministratie"
	inc.Description = "Een aanvaller versleutelde de ledenadministratie."
	inc.Properties = []Property{Availability, Confidentiality}
	inc.Natures = []Nature{Deleting, Copying}
	inc.DataTypes = []DataType{NameAddress, SpecialData}
	inc.SpecialCategories = []Special{Health}
	inc.People = Range{1200, 1500}
	inc.Records = Range{2000, 2400}
	inc.SubjectGroups = []string{"leden"}
	inc.Consequences = []Consequence{Fraud, Stigmatisation}
	inc.Measures = []Measure{
		{Kind: Immediate, Description: "Server van het netwerk gehaald", DoneAt: tp(ams(2026, time.June, 8, 11, 0))},
		{Kind: Structural, Description: "Offline back-ups"},
	}
	inc.AdviceToSubjects = "Wees alert op phishing."
	inc.Protection = PartProtected
	inc.ProtectionHow = "back-ups versleuteld met AES-256"
	inc.International = Unknown
	inc.Reporter = Contact{Name: "B. Jansen", JobTitle: "Manager bedrijfsvoering", Email: "b@example.nl", Phone: "030 765 43 21"}
	inc.LateReason = ""
	return inc
}

func mustContain(t *testing.T, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			t.Errorf("text lacks %q:\n%s", p, text)
		}
	}
}

// AP form sections 0-9 in order, with the art. 33(3) content: nature,
// categories and numbers of people and records, contact point, likely
// consequences, measures; and the reporter's name, job title and phone.
func TestAuthorityNotificationText(t *testing.T) {
	inc := ransomware()
	nl := AuthorityNotificationText(inc, org, "nl", Notice{Kind: NoticeNew})
	last := -1
	for n := 0; n <= 9; n++ {
		i := strings.Index(nl, "\n"+string(rune('0'+n))+". ")
		if n == 0 {
			i = strings.Index(nl, "0. ")
		}
		if i <= last {
			t.Fatalf("section %d missing or out of order:\n%s", n, nl)
		}
		last = i
	}
	mustContain(t, nl,
		"B. Jansen", "Manager bedrijfsvoering", "030 765 43 21", // reporter
		"A. de Vries", "fg@example.nl", // 33(3)(b)
		"Ransomware op de ledenadministratie", "verwijderen of vernietigen (beschikbaarheid)", // (a) nature
		"gezondheid", "minimaal 1200, maximaal 1500", "minimaal 2000, maximaal 2400", "leden", // (a) categories, numbers
		"blootstelling aan (identiteits)fraude",              // (c)
		"Server van het netwerk gehaald", "Offline back-ups", // (d)
		"08-06-2026 14:00", // aware, Amsterdam time
		"AES-256", "2026-007",
	)
	en := AuthorityNotificationText(inc, org, "en", Notice{Kind: NoticeNew})
	mustContain(t, en, "Nature of the breach", "deleting or destroying (availability)", "at least 1200, at most 1500")

	inc.LateReason = "Forensisch onderzoek"
	mustContain(t, AuthorityNotificationText(inc, org, "nl", Notice{Kind: NoticeNew}), "Forensisch onderzoek")
}

// TestNotificationKinds: after the first notification (M2026-000123) the
// AP text is a follow-up to it, not a "new notification" (what it said
// after a follow-up was recorded); each follow-up kind of the AP's form has
// its own line. A case decided on a breach of confidentiality, with no
// more detail, says so under the kind of breach instead of "not yet known".
func TestNotificationKinds(t *testing.T) {
	inc := ransomware()
	inc.NotifiedAuthorityAt, inc.AuthorityReference = nil, ""
	if n := inc.NextNotice(); n.Kind != NoticeNew {
		t.Fatalf("before notifying: %+v", n)
	}
	inc.NotifiedAuthorityAt = tp(ams(2026, time.June, 9, 10, 0))
	inc.AuthorityReference = "M2026-000123"
	n := inc.NextNotice()
	if n.Kind != NoticeSupplement || n.Of != "M2026-000123" {
		t.Fatalf("after notifying: %+v", n)
	}
	mustContain(t, AuthorityNotificationText(inc, org, "nl", n), "Soort melding: vervolgmelding op melding M2026-000123: aanvulling")
	mustContain(t, AuthorityNotificationText(inc, org, "nl", Notice{Kind: NoticeAmend, Of: n.Of}), "vervolgmelding op melding M2026-000123: wijziging")
	mustContain(t, AuthorityNotificationText(inc, org, "nl", Notice{Kind: NoticeWithdraw, Of: n.Of}), "intrekking van melding M2026-000123")
	if strings.Contains(AuthorityNotificationText(inc, org, "nl", n), "nieuwe melding") {
		t.Error("a follow-up says it is a new notification")
	}

	inc.Natures = nil
	inc.Properties = []Property{Confidentiality}
	text := AuthorityNotificationText(inc, org, "nl", n)
	if i := strings.Index(text, "Aard van de inbreuk: "); i < 0 || !strings.HasPrefix(text[i+len("Aard van de inbreuk: "):], "vertrouwelijkheid") {
		t.Errorf("kind of breach with confidentiality known:\n%s", text)
	}
}

// Art. 34(2): plain language; nature, DPO contact, consequences, measures.
func TestSubjectLetter(t *testing.T) {
	l := SubjectLetter(ransomware(), org, "nl")
	mustContain(t, l,
		"Een aanvaller versleutelde de ledenadministratie.", // nature
		"functionaris gegevensbescherming", "fg@example.nl", // DPO
		"blootstelling aan (identiteits)fraude", // consequences
		"Server van het netwerk gehaald",        // measures
		"Wees alert op phishing.", org.Name,
	)
	if strings.Contains(l, "art.") || strings.Contains(l, "33(") {
		t.Errorf("a letter to the public should not cite articles:\n%s", l)
	}
}

// Art. 33(3) items in the order of seed 001 Bijlage B1.
func TestControllerNotice(t *testing.T) {
	inc := ransomware()
	inc.Role = Processor
	n := ControllerNotice(inc, org, "nl")
	mustContain(t, n, "B. Jansen", "fg@example.nl", "minimaal 1200, maximaal 1500", "leden",
		"verwijderen of vernietigen (beschikbaarheid)", "naam-, adres- en woonplaatsgegevens",
		"blootstelling aan (identiteits)fraude", "Offline back-ups", "AES-256", "Nog niet bekend")
}

func TestSummarise(t *testing.T) {
	a, b, c := ransomware(), valid(), valid()
	a.Outcome = NotifyAuthorityAndSubjects
	a.SubjectsInformed = InformedYes
	b.Outcome = NotifyAuthority
	aware := *b.AwareAt
	b.NotifiedAuthorityAt = tp(aware.Add(80 * time.Hour)) // late
	c.Outcome, c.NotifiedAuthorityAt = SecurityIncident, nil
	old := valid()
	old.DiscoveredAt = ams(2025, time.December, 31, 23, 30) // 2025 in Amsterdam
	o := Summarise([]Incident{a, b, c, old}, 2026)
	if o.Incidents != 3 || o.Breaches != 2 || o.NotifiedAP != 2 || o.NotifiedLate != 1 || o.InformedSubject != 1 {
		t.Fatalf("overview %+v", o)
	}
	if o.AverageHoursToAP != 50 { // (20 + 80) / 2
		t.Fatalf("average %v, want 50", o.AverageHoursToAP)
	}
	if o.ByProperty[Confidentiality] != 3 || o.ByProperty[Availability] != 1 || o.ByNature[Deleting] != 1 || o.ByOutcome[SecurityIncident] != 1 {
		t.Fatalf("counts %+v", o)
	}
}
