package main

import (
	"context"
	"time"

	"privacyregister/internal/org"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
)

func init() { demoFillers = append(demoFillers, demoRequests) }

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
