package main

import (
	"context"
	"time"

	"privacyregister/internal/dpia"
	"privacyregister/internal/org"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
)

func init() { demoFillers = append(demoFillers, demoRequests, demoDPIA) }

// demoRequests adds requests in different states, dated relative to today
// so their deadlines stay live: one just received, one forwarded to a
// processor, one extended, one answered and one partly refused and closed.
func demoRequests(ctx context.Context, tx *store.Tx, o *org.Organisation) error {
	now := time.Now().UTC()
	ago := func(days int) time.Time { return now.AddDate(0, 0, -days) }
	mk := func(days int, right request.Right, name, email, what string) (*store.SubjectRequest, error) {
		q := &store.SubjectRequest{}
		q.ReceivedAt, q.Rights, q.Channel, q.Description = ago(days), []request.Right{right}, request.ByEmail, what
		q.Requester = request.Requester{Name: name, Email: email}
		return q, tx.CreateRequest(ctx, o.ID, q)
	}
	if _, err := mk(2, request.Access, "M. de Jong", "m.dejong@example.nl", "Inzage in mijn leengeschiedenis en betalingen."); err != nil {
		return err
	}
	q, err := mk(12, request.Erasure, "P. Bakker", "p.bakker@example.nl", "Verwijder mijn account en leenhistorie.")
	if err != nil {
		return err
	}
	if _, err := tx.SetRequestIdentity(ctx, o.ID, q.ID, request.Identity{Method: request.KnownContact, By: "Klantenservice"}); err != nil {
		return err
	}
	if _, err := tx.AddRequestStep(ctx, o.ID, q.ID, store.RequestStep{Kind: store.StepForwarded, At: ago(10), Processor: "ProBiblio",
		Contact: "privacy@probiblio.nl", Text: "Verzoek om verwijdering van lid uit het bibliotheeksysteem."}); err != nil {
		return err
	}
	if q, err = mk(40, request.Portability, "S. Yilmaz", "s.yilmaz@example.nl", "Al mijn gegevens in een bruikbaar formaat."); err != nil {
		return err
	}
	if _, err := tx.ExtendRequest(ctx, o.ID, q.ID, ago(25), "De gegevens staan in drie systemen bij twee verwerkers."); err != nil {
		return err
	}
	if q, err = mk(30, request.Rectification, "K. Visser", "k.visser@example.nl", "Mijn adres is onjuist."); err != nil {
		return err
	}
	if _, err := tx.ReplyRequest(ctx, o.ID, q.ID, ago(26), "Wij hebben uw adres aangepast.", "demo"); err != nil {
		return err
	}
	if q, err = mk(70, request.Erasure, "J. Smit", "j.smit@example.nl", "Verwijder alle gegevens, ook facturen."); err != nil {
		return err
	}
	f := request.Refusal{Ground: request.UAVG41, Interest: request.CivilClaims, Explanation: "Openstaande facturen bewaren wij tot de vordering is voldaan."}
	if _, err := tx.RefuseRequest(ctx, o.ID, q.ID, true, f, ago(60), request.ComplaintInfo("nl", false), "demo"); err != nil {
		return err
	}
	_, err = tx.SetRequestState(ctx, o.ID, q.ID, request.Closed)
	return err
}

// demoDPIA screens the seed library's camera surveillance (AP list item 9)
// and adds its DPIA. This file sorts after register.go, so the register's
// activities exist by now; without them the DPIA stands unlinked.
func demoDPIA(ctx context.Context, tx *store.Tx, o *org.Organisation) error {
	act, ok, err := tx.FindActivity(ctx, o.ID, "camera")
	if err != nil {
		return err
	}
	d := &store.DPIA{Title: "Cameratoezicht in de vestigingen",
		Description: "Camera's bij de ingangen en in de publieksruimten van de vestigingen; beelden worden 28 dagen bewaard en alleen bij incidenten bekeken.",
		Purposes:    "Beveiliging van bezoekers, medewerkers en eigendommen; bewijs bij incidenten.",
		Necessity:   "Eerdere diefstallen en agressie; minder ingrijpende middelen (toezicht, poortjes) bleken onvoldoende. Geen camera's in werkruimten of toiletten; borden bij de ingang.",
		Risks: []store.DPIARisk{
			{Description: "Onbevoegde inzage in beelden", Likelihood: 2, Impact: 3, ResidualLikelihood: 1, ResidualImpact: 3,
				Measures: []store.DPIAMeasure{{Description: "Toegang tot beelden alleen voor twee aangewezen medewerkers, met logging", Owner: "Facilitair", State: dpia.Implemented}}},
			{Description: "Beelden langer bewaard dan nodig", Likelihood: 3, Impact: 2, ResidualLikelihood: 1, ResidualImpact: 2,
				Measures: []store.DPIAMeasure{{Description: "Automatisch overschrijven na 28 dagen", Owner: "ICT", State: dpia.InProgress}}},
		},
		DPOAdvice: "Akkoord, mits de bewaartermijn technisch wordt afgedwongen."}
	next := time.Now().UTC().AddDate(1, 0, 0)
	d.NextReviewAt = &next
	if ok {
		d.ActivityID = &act
		sc := &store.Screening{ActivityID: act, Answers: dpia.Answers{APList: []dpia.APCategory{9}, Criteria: []dpia.Criterion{3}}, ScreenedBy: "demo"}
		if err := tx.ScreenActivity(ctx, o.ID, sc); err != nil {
			return err
		}
	}
	return tx.CreateDPIA(ctx, o.ID, d)
}
