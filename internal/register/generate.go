package register

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Vocabulary of the synthetic registers: what libraries, schools and
// companies actually process, so demo and benchmark data look real.
var (
	genDepartments = []struct{ domain, name string }{
		{"Intern", "HR"}, {"Intern", "Financiën"}, {"Intern", "ICT"}, {"Intern", "Facilitair"},
		{"Extern", "Publieksservice"}, {"Extern", "Programma"}, {"Extern", "Marketing"},
		{"Extern", "Leerlingadministratie"}, {"Extern", "Zorg en begeleiding"}, {"Extern", "Verkoop"},
	}
	genActivities = []string{
		"Werving en selectie", "Personeelsdossier", "Salarisadministratie", "Verzuimregistratie",
		"Ledenadministratie", "Uitleenregistratie", "Nieuwsbrief", "Cameratoezicht", "Toegangsregistratie",
		"Leerlingvolgsysteem", "Cijferregistratie", "Debiteurenbeheer", "Klantenservice", "Webwinkel",
		"Evenementenregistratie", "Vrijwilligersbeheer", "Klachtenafhandeling", "Bezoekersregistratie",
	}
	genPurposes = []Purpose{
		{"Uitvoering van de arbeidsovereenkomst", "b", ""}, {"Wettelijke bewaarplicht", "c", ""},
		{"Verstrekken van de dienst aan leden", "b", ""}, {"Versturen van nieuwsbrieven", "a", ""},
		{"Beveiliging van gebouw en bezoekers", "f", ""}, {"Onderwijs geven en begeleiden", "e", ""},
		{"Re-integratie en verzuimbegeleiding", "c", "b"},
	}
	genSubjects = []string{"medewerkers", "sollicitanten", "leden", "bezoekers", "leerlingen", "ouders", "klanten", "vrijwilligers"}
	genData     = []DataCategory{
		{"NAW-gegevens", KindOrdinary, Retention{2, Years, "einde lidmaatschap", ""}},
		{"E-mailadres", KindOrdinary, Retention{2, Years, "afmelding", ""}},
		{"BSN", KindBSN, Retention{7, Years, "einde dienstverband", ""}},
		{"Bankrekeningnummer", KindFinancial, Retention{7, Years, "", ""}},
		{"Gezondheidsgegevens", KindSpecial, Retention{2, Years, "einde verzuim", ""}},
		{"Camerabeelden", KindOrdinary, Retention{4, Weeks, "opname", ""}},
		{"Inloggegevens", KindCredentials, Retention{0, "", "", "zolang het account bestaat"}},
		{"Cijfers en toetsresultaten", KindOrdinary, Retention{2, Years, "uitschrijving", ""}},
	}
	genProcessors = []string{"BiSC", "ProBiblio", "AFAS Software", "Microsoft", "Google", "Laposta", "Mailchimp", "Topicus", "ParnasSys", "Exact", "Nedap", "Visma"}
	genSystems    = []string{"AFAS", "BicatWISE", "Microsoft 365", "Google Workspace", "Exact Online", "Magister", "Somtoday", "HelloDialog", "Nedap Ons"}
	genStatuses   = []AgreementStatus{AgreementSigned, AgreementSigned, AgreementDraftSent, AgreementNegotiating, AgreementNone}
	genTransfers  = []Transfer{{"US", "adequate", "DPF-gecertificeerd"}, {"GB", "adequate", ""}, {"IN", "third", "SCC's 2021 module 2"}}
	genOwners     = []string{"HR-manager", "Hoofd Publieksservice", "Controller", "ICT-coördinator", "Directeur", "Teamleider"}
)

// Generate returns n synthetic, valid activities, the same for the same
// seed: benchmark input and `demo --scale N`.
func Generate(n int, seed int64) []Activity {
	r := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	pick := func(k int) int { return r.IntN(k) }
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]Activity, n)
	for i := range out {
		d := genDepartments[pick(len(genDepartments))]
		a := Activity{
			Code:       fmt.Sprintf("%d.%d", i/100+1, i%100+1),
			Name:       fmt.Sprintf("%s %d", genActivities[pick(len(genActivities))], i+1),
			Department: d.name, Domain: d.domain, Owner: genOwners[pick(len(genOwners))],
			Status:      []Status{StatusConcept, StatusEstablished, StatusEstablished, StatusInReview}[pick(4)],
			Description: "Gegenereerde verwerking voor demonstratie en metingen.",
			Retention:   Retention{Amount: 1 + pick(7), Unit: Years, StartEvent: "einde relatie"},
			InEU:        AnswerYes, OptInMail: AnswerNA, DPIANeeded: DPIANo,
			CleanupMoment: "jaarlijks januari-februari",
		}
		a.Purposes = []Purpose{genPurposes[pick(len(genPurposes))]}
		a.SubjectCategories = []string{genSubjects[pick(len(genSubjects))], genSubjects[pick(len(genSubjects))]}
		for range 1 + pick(3) {
			a.DataCategories = append(a.DataCategories, genData[pick(len(genData))])
		}
		if a.HasKind(KindSpecial) || a.HasKind(KindCriminal) {
			a.Purposes[0].SpecialException = "b"
			a.DPIANeeded = DPIAToAssess
		}
		a.Systems = []string{genSystems[pick(len(genSystems))]}
		if pick(4) > 0 {
			a.Processors = []ProcessorRef{{Name: genProcessors[pick(len(genProcessors))], AgreementStatus: genStatuses[pick(len(genStatuses))]}}
		}
		if pick(10) == 0 {
			a.Transfers = []Transfer{genTransfers[pick(len(genTransfers))]}
			if a.Transfers[0].Safeguard == "" && a.Transfers[0].Country != "GB" {
				a.Transfers[0].Safeguard = "SCC's"
			}
		}
		a.MeasureIDs = []int64{int64(1 + pick(5)), int64(6 + pick(5))}
		done := pick(2) == 0
		a.RiskAnalysisDone = &done
		last := base.AddDate(0, 0, pick(365))
		next := NextReview(last, DefaultReviewMonths)
		a.LastReviewedAt, a.NextReviewAt, a.LastReviewedBy = &last, &next, "FG"
		out[i] = a
	}
	return out
}

// GenerateMeasures returns the ten catalogue measures Generate links to.
func GenerateMeasures() []Measure {
	names := []struct {
		name string
		kind MeasureKind
	}{
		{"Versleuteling van laptops", Technical}, {"Tweefactorauthenticatie", Technical},
		{"Dagelijkse back-up", Technical}, {"Logging van toegang", Technical}, {"Versleutelde verbindingen (TLS)", Technical},
		{"Autorisatiebeleid", Organisational}, {"Geheimhoudingsverklaring", Organisational},
		{"Bewustwordingstraining", Organisational}, {"Clean desk", Organisational}, {"Datalekprocedure", Organisational},
	}
	out := make([]Measure, len(names))
	for i, n := range names {
		out[i] = Measure{ID: int64(i + 1), Name: n.name, Kind: n.kind}
	}
	return out
}
