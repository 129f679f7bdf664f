package main

import (
	"context"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/contract"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// The demo's four processor agreements, written as data from the facts of
// seeds 000 (ProBiblio, Wise), 001 (NOA), 002 (ICTeam) and 004 (Maximedia):
// names, hours, regimes, sub-processors, annex rows. No prose is copied.
func init() { demoFillers = append(demoFillers, demoAgreements) }

func agP[T any](v T) *T { return &v }

func agYMD(y, m, d int) *time.Time {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return &t
}

func all28(clauses map[string]string) map[string]contract.Element {
	out := map[string]contract.Element{}
	for _, l := range contract.Art28Letters {
		el := contract.Element{Present: true}
		if c, ok := clauses[l]; ok {
			el.Evidence = []contract.Evidence{{Clause: agP(c)}}
		}
		out[l] = el
	}
	return out
}

type demoAgreement struct {
	party    agreement.Party
	ag       agreement.Agreement
	linkedTo []string // register activities by name
}

func demoAgreementData() []demoAgreement {
	eea, choice, depends := contract.LocEEAOnly, contract.EndControllerChoice, contract.CostDepends
	return []demoAgreement{
		{
			party: agreement.Party{Name: "ProBiblio", Kind: agreement.KindProcessor, Country: "NL",
				Contacts:       []agreement.Contact{{Role: "account_manager", Name: "Accountmanager Wise"}},
				Certifications: []agreement.Certification{{Name: "ISO 27001 (hosting OCLC | HKA)", Issuer: "OCLC | HKA"}, {Name: "ISO 9001 (Perfect Groep)", Issuer: "Perfect Groep"}}},
			ag: agreement.Agreement{Title: "Verwerkersovereenkomst ProBiblio (Wise)", Type: agreement.TypeDPA, Status: agreement.StatusSigned,
				MainAgreement: "Dienstverleningsovereenkomst Wise",
				Terms: agreement.Terms{Language: "nl", Law: "avg", Parties: contract.Parties{Processor: agP("ProBiblio")},
					BreachNotification: contract.BreachNotification{Hours: agP(72), WithoutDelay: true},
					Subprocessors: agreement.Subprocessors{Regime: contract.RegimeGeneralObjection, Named: []agreement.Subprocessor{
						{Name: "OCLC | HKA", Country: agP("NL"), Service: "hosting, software en beheer"},
						{Name: "Perfect Groep", Country: agP("NL"), Service: "nota's en acceptgiro's"},
						{Name: "Hellodialog", Country: agP("NL"), Service: "nieuwsbrieven"},
						{Name: "CM Hosting", Country: agP("NL"), Service: "sms-berichten"}}},
					DataLocation: eea, Audit: contract.Audit{Right: true, Cost: depends}, EndOfContract: choice,
					BreachRecordRetentionMonths: agP(12), Art28: all28(nil)},
				Annex1: []agreement.AnnexRow{
					{Service: "bicatWise", Description: "bibliotheekautomatiseringssysteem", Nature: "verwerking ledengegevens", DataCategories: []string{"NAW-gegevens", "financiële gegevens", "leenhistorie"}, SubjectCategories: []string{"bibliotheekleden"}, Purposes: []string{"ledenadministratie"}, Countries: []string{"NL"}},
					{Service: "schoolWise / mediatheek Wise", Description: "automatisering schoolbibliotheken", Nature: "verwerking ledengegevens van leerlingen", DataCategories: []string{"NAW-gegevens", "leenhistorie", "contactgegevens voor boetes (VO)"}, SubjectCategories: []string{"basisschoolleerlingen", "VO-leerlingen"}, Purposes: []string{"ledenadministratie"}, Countries: []string{"NL"}},
					{Service: "ticketWise", Nature: "verwerking gegevens van deelnemers", DataCategories: []string{"NAW-gegevens", "e-mailadres", "financiële gegevens"}, SubjectCategories: []string{"deelnemers aan activiteiten"}, Purposes: []string{"kaartverkoop activiteiten"}, Countries: []string{"NL"}},
					{Service: "Marketingnieuwsbrief", Nature: "verwerking nieuwsbriefleden", DataCategories: []string{"naam", "e-mailadres"}, SubjectCategories: []string{"nieuwsbriefleden"}, Purposes: []string{"geïnteresseerden informeren"}, Countries: []string{"NL"}},
					{Service: "Marketingcampagnes", Nature: "verwerking ledengegevens", DataCategories: []string{"naam", "e-mailadres", "leeftijd", "gebruikershistorie"}, SubjectCategories: []string{"bibliotheekleden"}, Purposes: []string{"klantenbinding"}, Countries: []string{"NL"}},
					{Service: "SMS-attendering", Nature: "verwerking ledengegevens", DataCategories: []string{"naam", "telefoonnummer", "pasnummer"}, SubjectCategories: []string{"bibliotheekleden"}, Purposes: []string{"attendering op geleend materiaal"}, Countries: []string{"NL"}},
				},
				SecurityMeasures: "Hosting bij een ISO 27001-gecertificeerde partij; verwerker van nota's ISO 9001-gecertificeerd."},
			linkedTo: []string{"Ledenadministratie", "Transacties uitleningen", "Vrienden-module", "Transacties contributies", "Algemene nieuwsbrief leden", "Educatie-nieuwsbrief 0-6 en 6-12 jr"},
		},
		{
			party: agreement.Party{Name: "NOA BV", Kind: agreement.KindProcessor, Country: "NL",
				Contacts:       []agreement.Contact{{Role: "dpo", Name: "Senior adviseur, functionaris gegevensbescherming"}, {Role: "breach", Name: "Contactpersoon datalekken"}},
				Certifications: []agreement.Certification{{Name: "TPM (Third Party Memorandum)", Issuer: "onafhankelijke auditor"}}},
			ag: agreement.Agreement{Title: "Verwerkersovereenkomst NOA (online psychologische tests)", Type: agreement.TypeDPA, Status: agreement.StatusSigned,
				Terms: agreement.Terms{Language: "nl", Law: "avg", Parties: contract.Parties{Processor: agP("NOA BV")},
					BreachNotification: contract.BreachNotification{Hours: agP(48), WithoutDelay: true}, SubprocessorNotificationHours: agP(24),
					Subprocessors: agreement.Subprocessors{Regime: contract.RegimeSpecific, Named: []agreement.Subprocessor{
						{Name: "Flores BV", Location: agP("Amsterdam"), Country: agP("NL"), Service: "ontwikkeling en beheer online platform"},
						{Name: "Netpack", Location: agP("Rijswijk"), Country: agP("NL"), Service: "systeembeheer en beveiliging cloud"},
						{Name: "Microsoft Azure", Country: agP("IE"), Service: "clouddiensten"},
						{Name: "XX.xxx", Location: agP("Breda"), Country: agP("NL"), Service: "sms met verificatiecode", Data: "naam, zakelijk e-mailadres, telefoonnummer"},
						{Name: "Rapidmail", Location: agP("Freiburg"), Country: agP("DE"), Service: "verzending e-mail"},
						{Name: "Proctorexam", Location: agP("EU"), Service: "online toezicht", Data: "NAW, e-mail, video- en schermopnames"}}},
					DataLocation: contract.LocEEAOrAdequate, Audit: contract.Audit{Right: true, FrequencyMonths: agP(36), Cost: depends},
					EndOfContract: choice, PenaltyEUR: agP(25000.0), GoverningLaw: agP("NL"), Art28: all28(nil)},
				Annex1: []agreement.AnnexRow{
					{Service: "NOA Online", Nature: "afname en rapportage van psychologische tests", DataCategories: []string{"identificatiegegevens (normaal)", "testresultaten (hoog)"}, SubjectCategories: []string{"kandidaten"}, Purposes: []string{"testafname"}, Countries: []string{"NL"}, Retention: "2 jaar"},
					{Service: "Beheer NOA Online", Nature: "tweestapsverificatie van gebruikers", DataCategories: []string{"naam", "e-mailadres", "telefoonnummer"}, SubjectCategories: []string{"gebruikers (managers en medewerkers)"}, Purposes: []string{"beveiliging"}, Countries: []string{"NL"}, Retention: "tot de toegang wordt ontzegd"},
				},
				StaffGroups: []agreement.StaffGroup{{Group: "Servicedesk", Operations: "inzien op verzoek"}, {Group: "Ontwikkelaars", Operations: "beheer van het platform"}}},
		},
		{
			party: agreement.Party{Name: "ICTeam Zuid B.V.", Kind: agreement.KindProcessor, Country: "NL"},
			ag: agreement.Agreement{Title: "Verwerkersovereenkomst ICTeam Zuid (IT-beheer)", Type: agreement.TypeDPA, Status: agreement.StatusSigned,
				SignedOn: agYMD(2018, 5, 14),
				Signatories: []agreement.Signatory{{Party: "verwerker", Name: "Mevr. L. Voets", Function: "Eigenaar", Date: agYMD(2018, 5, 14), Place: "Mierlo"},
					{Party: "verwerkingsverantwoordelijke", Name: "Dhr. O. Petersen", Function: "Directeur", Date: agYMD(2018, 5, 14), Place: "Sint-Oedenrode"}},
				Terms: agreement.Terms{Language: "nl", Law: "avg", Parties: contract.Parties{Processor: agP("ICTeam Zuid B.V."), Controller: agP("Imaging People")},
					BreachNotification: contract.BreachNotification{WithoutDelay: true},
					Subprocessors:      agreement.Subprocessors{Regime: contract.RegimeGeneralObjection},
					DataLocation:       contract.LocEUOnly, Audit: contract.Audit{Right: true, FrequencyMonths: agP(12), Cost: depends},
					EndOfContract: contract.EndDelete, LiabilityCapEUR: agP(5000.0), GoverningLaw: agP("NL"),
					UnilateralChangeNoticeDays: agP(60), Art28: all28(map[string]string{"h": "11.2"}),
					Flags: []string{contract.FlagOwnPurposes, contract.FlagUnilateral, contract.FlagWbp}}, // the text still cites the Wbp
				Annex1: []agreement.AnnexRow{
					{Service: "Interim systeembeheer", Purposes: []string{"correcte werking van systemen"}, DataCategories: []string{"contactgegevens", "inloggegevens", "facturatie"}, SubjectCategories: []string{"medewerkers van de klant"}, Retention: "gedurende de samenwerking"},
					{Service: "Installatie", Purposes: []string{"installatie van software"}, DataCategories: []string{"contactgegevens", "inloggegevens", "facturatie"}, SubjectCategories: []string{"medewerkers van de klant"}, Retention: "gedurende de samenwerking"},
					{Service: "Reparatie & support", Purposes: []string{"reparatie van systemen"}, DataCategories: []string{"contactgegevens", "inloggegevens", "facturatie"}, SubjectCategories: []string{"medewerkers van de klant"}, Retention: "gedurende de samenwerking"},
					{Service: "Infrastructuur", Purposes: []string{"aansluitingen op infrastructuur"}, DataCategories: []string{"contactgegevens", "facturatie"}, SubjectCategories: []string{"medewerkers van de klant"}, Retention: "gedurende de samenwerking"},
				},
				StaffGroups: []agreement.StaffGroup{{Group: "Supportdesk", Operations: "ondersteuning op verzoek, inloggen"}, {Group: "Consultant", Operations: "installatie en configuratie"}, {Group: "ICT beheer", Operations: "beheer data, updates"}}},
		},
		{
			party: agreement.Party{Name: "Maximedia B.V.", Kind: agreement.KindProcessor, Country: "NL"},
			ag: agreement.Agreement{Title: "Bewerkersovereenkomst Maximedia (VABO)", Type: agreement.TypeWbp, Status: agreement.StatusSigned,
				Version: "Model 2.0", SignedOn: agYMD(2018, 3, 5), MainAgreement: "Product- en Dienstenovereenkomst VABO",
				Terms: agreement.Terms{Language: "nl", Law: "wbp", Parties: contract.Parties{Processor: agP("Maximedia B.V."), Controller: agP("Samenwerkingsstichting Kans en Kleur")},
					BreachNotification: contract.BreachNotification{WithoutDelay: true},
					Subprocessors: agreement.Subprocessors{Regime: contract.RegimeGeneralObjection, Named: []agreement.Subprocessor{
						{Name: "Root BV", Country: agP("NL"), Service: "hosting en opslag"}}},
					DataLocation: contract.LocOutsideAllowed, Audit: contract.Audit{Right: true, Cost: contract.CostController},
					EndOfContract: contract.EndDelete, DestructionConfirmation: true, Art28: all28(nil),
					Flags: []string{contract.FlagWbp, contract.FlagOutsideEEA}},
				Annex1: []agreement.AnnexRow{
					{Service: "VABO", Description: "planning van vervanging van leraren", Nature: "roosteren van vervangingen", DataCategories: []string{"naam", "contactgegevens", "beschikbaarheid"}, SubjectCategories: []string{"leraren", "invalkrachten"}, Purposes: []string{"vervanging regelen"}, Countries: []string{"NL"}},
					{Service: "Optionele diensten", Optional: true, Purposes: []string{"zoals beschreven in de privacy bijsluiter"}, Countries: []string{"NL"}},
				},
				Notes: "Model Bewerkersovereenkomst 2.0 van het onderwijsconvenant, met privacy bijsluiter."},
		},
	}
}

func demoAgreements(ctx context.Context, tx *store.Tx, o *org.Organisation) error {
	for _, d := range demoAgreementData() {
		party, ag := d.party, d.ag
		party.OrgID, ag.OrgID = o.ID, o.ID
		if err := tx.CreateParty(ctx, &party); err != nil {
			return err
		}
		ag.PartyID = &party.ID
		if err := tx.CreateAgreement(ctx, &ag); err != nil {
			return err
		}
		ids, err := tx.ActivityIDsByName(ctx, o.ID, d.linkedTo...)
		if err != nil {
			return err
		}
		for _, name := range d.linkedTo {
			if id, ok := ids[name]; ok {
				if err := tx.LinkActivity(ctx, o.ID, ag.ID, id); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
