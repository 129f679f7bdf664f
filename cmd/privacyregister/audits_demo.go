package main

import (
	"context"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/deadline"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// Runs after demoAgreements: fillers run in the order of their files' init
// functions, and agreements_demo.go comes before this file.
func init() { demoFillers = append(demoFillers, demoAudits) }

// demoAudits records seed 001's audit of NOA (art. 7: an EDP audit once
// every three years, its findings given as a TPM statement on request):
// the statement read about two years before the store's today, with a
// follow-up that was done, so the next audit lies about a year ahead.
// ICTeam (seed 002: once a year) stays unaudited and shows as overdue.
func demoAudits(ctx context.Context, tx *store.Tx, o *org.Organisation) error {
	noa, ok, err := tx.FindAgreement(ctx, o.ID, "NOA")
	if err != nil || !ok {
		return err
	}
	y, m, d := tx.Now().In(deadline.Amsterdam).Date()
	held := time.Date(y-2, m, d, 0, 0, 0, 0, time.UTC)
	due := held.AddDate(0, 2, 0)
	return tx.AddAudit(ctx, &agreement.AgreementAudit{OrgID: o.ID, AgreementID: noa, HeldOn: held, Kind: agreement.AuditReportReview,
		Auditor: "eigen FG", Findings: "TPM-verklaring van de EDP-auditor van NOA opgevraagd en gelezen (art. 7.2): geen voorbehouden; " +
			"aandachtspunt: de tweestapsverificatie voor beheerders is nog niet overal verplicht.",
		FollowUp: "Bevestiging vragen dat tweestapsverificatie voor alle beheerders verplicht is", FollowUpDue: &due, Closed: true})
}
