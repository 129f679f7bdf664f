package store

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"privacyregister/internal/agreement"
)

// TestVerifyWhileWriting: the load script's `audit verify` against a live
// server reported "the newest rows are missing or were replaced" when a
// change committed between reading the chain and reading the head. A trail
// checked while writers write must verify; a row added behind the chain's
// back (no head covers it) must still show.
func TestVerifyWhileWriting(t *testing.T) {
	ctx := context.Background()
	s := openAgreementStore(t)
	o := agreementOrg(t, s, "live")
	var stop atomic.Bool
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				p := &agreement.Party{OrgID: o.ID, Name: fmt.Sprintf("Leverancier %d-%d", w, i), Kind: agreement.KindProcessor}
				if err := s.InTx(ctx, func(tx *Tx) error { return tx.CreateParty(ctx, p) }); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for range 40 {
		if _, problems, err := s.VerifyAudit(ctx, o.ID); err != nil || len(problems) > 0 {
			t.Errorf("a live trail: %v %+v", err, problems)
			break
		}
	}
	stop.Store(true)
	wg.Wait()

	head, hash, err := s.auditHead(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.ExecContext(ctx, s.dialect.Rebind(`INSERT INTO audit_log (org_id, seq, at, user_id, actor, action, entity, entity_id, changes, prev_hash, hash)
		VALUES (?, ?, ?, NULL, 'x', 'delete', 'party', 1, '{}', ?, 'forged')`), o.ID, head+1, s.now(), hash); err != nil {
		t.Fatal(err)
	}
	if _, problems, _ := s.VerifyAudit(ctx, o.ID); len(problems) == 0 {
		t.Error("a row after the recorded head was not detected")
	}
}
