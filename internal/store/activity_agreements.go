package store

import (
	"context"
	"strings"

	"privacyregister/internal/agreement"
	"privacyregister/internal/register"
)

// registerStatus is what the register says of a linked agreement's status.
// An ended agreement no longer covers the processing, so it counts as none.
func registerStatus(s agreement.Status) register.AgreementStatus {
	switch s {
	case agreement.StatusDraftSent:
		return register.AgreementDraftSent
	case agreement.StatusNegotiating:
		return register.AgreementNegotiating
	case agreement.StatusSigned:
		return register.AgreementSigned
	case agreement.StatusNotNeeded:
		return register.AgreementNotNeeded
	}
	return register.AgreementNone
}

// syncActivityAgreements makes an activity's processor rows follow the
// agreements linked to it: the row of the agreement's party gets the
// agreement's id and status (the free-text status of an imported register
// is replaced once a real agreement is linked), a party without a row gets
// one, and rows of unlinked agreements lose their link. The activity is
// saved, and audited, only when something changed.
func (tx *Tx) syncActivityAgreements(ctx context.Context, orgID, activityID int64) error {
	a, err := tx.Activity(ctx, orgID, activityID)
	if err != nil {
		return err
	}
	rows, err := tx.query(ctx, `SELECT ag.id, ag.status, COALESCE(p.name, ag.title) FROM activity_agreements l
		JOIN agreements ag ON ag.id = l.agreement_id AND ag.org_id = l.org_id
		LEFT JOIN parties p ON p.id = ag.party_id AND p.org_id = ag.org_id
		WHERE l.org_id = ? AND l.activity_id = ? ORDER BY ag.id`, orgID, activityID)
	if err != nil {
		return err
	}
	type link struct {
		id     int64
		status agreement.Status
		party  string
	}
	var links []link
	for rows.Next() {
		var l link
		if err := rows.Scan(&l.id, &l.status, &l.party); err != nil {
			rows.Close()
			return mapErr(err)
		}
		links = append(links, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}

	changed := false
	linked := map[int64]bool{}
	procs := append([]register.ProcessorRef(nil), a.Processors...)
	for _, l := range links {
		linked[l.id] = true
		i := refFor(procs, l.id, l.party)
		if i < 0 {
			procs = append(procs, register.ProcessorRef{Name: l.party})
			i = len(procs) - 1
		}
		want := registerStatus(l.status)
		if procs[i].AgreementID == nil || *procs[i].AgreementID != l.id || procs[i].AgreementStatus != want {
			id := l.id
			procs[i].AgreementID, procs[i].AgreementStatus = &id, want
			changed = true
		}
	}
	for i := range procs {
		if procs[i].AgreementID != nil && !linked[*procs[i].AgreementID] {
			procs[i].AgreementID, procs[i].AgreementStatus = nil, register.AgreementNone
			changed = true
		}
	}
	if !changed {
		return nil
	}
	a.Processors = procs
	return tx.UpdateActivity(ctx, orgID, a)
}

// refFor finds the processor row of an agreement: by its id, else by the
// party's name (either containing the other, ignoring case: "ProBiblio"
// and "ProBiblio (Wise)").
func refFor(procs []register.ProcessorRef, agreementID int64, party string) int {
	for i, p := range procs {
		if p.AgreementID != nil && *p.AgreementID == agreementID {
			return i
		}
	}
	party = strings.ToLower(strings.TrimSpace(party))
	if party == "" {
		return -1
	}
	for i, p := range procs {
		name := strings.ToLower(strings.TrimSpace(p.Name))
		if p.AgreementID == nil && name != "" && (strings.Contains(name, party) || strings.Contains(party, name)) {
			return i
		}
	}
	return -1
}

// syncLinkedActivities re-syncs every activity linked to an agreement,
// after the agreement's status or party changed.
func (tx *Tx) syncLinkedActivities(ctx context.Context, orgID, agreementID int64) error {
	ids, err := tx.linkedActivityIDs(ctx, orgID, agreementID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := tx.syncActivityAgreements(ctx, orgID, id); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) linkedActivityIDs(ctx context.Context, orgID, agreementID int64) ([]int64, error) {
	return scanIDs(tx.query(ctx, "SELECT activity_id FROM activity_agreements WHERE org_id = ? AND agreement_id = ?", orgID, agreementID))
}

func sameID(a, b *int64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}
