package main

import (
	"context"
	"time"

	"privacyregister/internal/incident"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

func init() { demoFillers = append(demoFillers, demoIncidents) }

// demoIncidents adds three cases of the library in different phases: an
// encrypted laptop (documented, closed), a newsletter sent with every
// address visible through the mailing supplier (72 hours running), and a
// breach notice from the Wise supplier ProBiblio (notified to the AP).
func demoIncidents(ctx context.Context, tx *store.Tx, o *org.Organisation) error {
	now := time.Now().UTC().Truncate(time.Minute)
	at := func(h int) *time.Time { t := now.Add(time.Duration(-h) * time.Hour); return &t }
	phases := func(done ...incident.Phase) map[incident.Phase]incident.PhaseState {
		m := map[incident.Phase]incident.PhaseState{}
		for _, p := range incident.Phases[:5] {
			m[p] = incident.InProgress
		}
		for _, p := range done {
			m[p] = incident.Done
		}
		return m
	}

	laptop := &store.Incident{Source: store.SourceDemo, System: "Laptop van een medewerker (BitLocker)"}
	laptop.Title = "Laptop kwijtgeraakt in de trein"
	laptop.Description = "Een medewerker heeft haar laptop in de trein laten liggen. Op de laptop stonden exportbestanden van de ledenadministratie. De schijf is versleuteld met BitLocker; de sleutel staat niet op de laptop."
	laptop.DiscoveredAt, laptop.AwareAt = *at(20 * 24), at(20*24-1)
	laptop.Timing, laptop.StartedAt = incident.OnDate, at(20*24+2)
	laptop.Properties, laptop.Natures = []incident.Property{incident.Confidentiality}, []incident.Nature{incident.Theft}
	laptop.DataTypes = []incident.DataType{incident.NameAddress, incident.EmailAddress, incident.SexBirthAge}
	laptop.People, laptop.SubjectGroups = incident.Range{Min: 800, Max: 1200}, []string{"leden"}
	laptop.Protection, laptop.ProtectionHow, laptop.Encrypted = incident.Protected, "BitLocker (AES-256), sleutel niet gecompromitteerd", true
	laptop.ConsequenceOther = "Geen gevolgen te verwachten: de schijf is versleuteld en de sleutel is niet gecompromitteerd."
	laptop.Measures = []incident.Measure{
		{Kind: incident.Immediate, Description: "Laptop op afstand geblokkeerd en uit Intune verwijderd", DoneAt: at(20*24 - 2)},
		{Kind: incident.Structural, Description: "Geen exportbestanden meer lokaal opslaan; instructie aan alle medewerkers", DoneAt: at(15 * 24)},
	}
	a := incident.Assessment{PersonalData: true, Confidentiality: true, EasilyIdentifiable: true, People: 1200, Unintelligible: true}
	d := incident.Assess(a)
	laptop.Outcome = d.Outcome
	laptop.Decision = &store.IncidentDecision{Assessment: a, Proposed: d, Outcome: d.Outcome, DecidedAt: *at(20*24 - 3), DecidedBy: demoPO}
	laptop.SubjectsInformed, laptop.SubjectsWhyNot = incident.InformedNo, "De gegevens waren versleuteld (art. 34 lid 3 sub a)."
	laptop.Phases = phases(incident.Phases[:5]...)

	mailing := &store.Incident{Source: store.SourceDemo, System: "Nieuwsbriefdienst van de mailingleverancier"}
	mailing.Title = "Nieuwsbrief verstuurd met alle adressen zichtbaar"
	mailing.Description = "De maandelijkse nieuwsbrief is via de mailingleverancier verstuurd met alle ontvangers in het aan-veld in plaats van bcc."
	mailing.Role, mailing.OtherOrganisation = incident.Controller, "Mailingleverancier (nieuwsbriefdienst)"
	mailing.DiscoveredAt, mailing.AwareAt = *at(30), at(28)
	mailing.Timing, mailing.StartedAt = incident.OnDate, at(31)
	mailing.Properties, mailing.Natures = []incident.Property{incident.Confidentiality}, []incident.Nature{incident.Reading, incident.Copying}
	mailing.DataTypes = []incident.DataType{incident.EmailAddress, incident.NameAddress}
	mailing.People, mailing.SubjectGroups = incident.Range{Min: 2400, Max: 2400}, []string{"abonnees van de nieuwsbrief"}
	mailing.Protection = incident.Unprotected
	mailing.Consequences = []incident.Consequence{incident.SpamPhishing}
	mailing.Measures = []incident.Measure{{Kind: incident.Immediate, Description: "Leverancier gevraagd de verzending terug te roepen", DoneAt: at(27)}}
	mailing.Phases = phases(incident.Discover)

	wise := &store.Incident{Source: store.SourceDemo, System: "Wise bibliotheeksysteem (ProBiblio)"}
	wise.Title = "Melding van ProBiblio: onbevoegde toegang tot Wise"
	wise.Description = "ProBiblio meldt dat een account van een beheerder bij een hulpleverancier is misbruikt; klantgegevens van onze vestigingen zijn mogelijk ingezien."
	wise.Role, wise.OtherOrganisation = incident.Controller, "ProBiblio (Wise)"
	wise.ProcessorAwareAt, wise.ProcessorToldAt, wise.ProcessorHours = at(74), at(52), 48
	wise.DiscoveredAt, wise.AwareAt = *at(52), at(50)
	wise.Timing, wise.StartedAt, wise.EndedAt = incident.Period, at(96), at(76)
	wise.Properties, wise.Natures = []incident.Property{incident.Confidentiality}, []incident.Nature{incident.Reading}
	wise.DataTypes = []incident.DataType{incident.NameAddress, incident.EmailAddress, incident.PhoneNumbers, incident.AccessData}
	wise.People, wise.SubjectGroups = incident.Range{Min: 500, Max: 15000}, []string{"klanten", "leden"}
	wise.Protection = incident.PartProtected
	wise.ProtectionHow = "wachtwoorden gehasht (bcrypt); overige gegevens niet versleuteld"
	wise.Consequences = []incident.Consequence{incident.SpamPhishing, incident.Fraud}
	wise.Measures = []incident.Measure{{Kind: incident.Immediate, Description: "ProBiblio heeft het account geblokkeerd en de sessies beëindigd", DoneAt: at(73)}}
	wa := incident.Assessment{PersonalData: true, Confidentiality: true, Sensitive: true, EasilyIdentifiable: true, People: 15000}
	wd := incident.Assess(wa)
	wise.Outcome = wd.Outcome
	wise.Decision = &store.IncidentDecision{Assessment: wa, Proposed: wd, Outcome: wd.Outcome, DecidedAt: *at(30), DecidedBy: demoPO}
	wise.Phases = phases(incident.Discover, incident.Inventory, incident.Qualify)

	for _, i := range []*store.Incident{laptop, mailing, wise} {
		i.Reporter = incident.Contact{Name: "Functionaris Gegevensbescherming", Email: demoPO}
		if err := tx.CreateIncident(ctx, o.ID, i); err != nil {
			return err
		}
	}
	n := &store.AuthorityNotification{Kind: store.NotifyNew, SentAt: *at(26), Reference: "M2026-000123", Note: "Gemeld via het meldloket van de AP"}
	if err := tx.RecordAuthorityNotification(ctx, o.ID, wise.ID, n, ""); err != nil {
		return err
	}
	return tx.CloseIncident(ctx, o.ID, laptop.ID)
}
