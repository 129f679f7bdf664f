package loadtest_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/api"
	"privacyregister/internal/auth"
	"privacyregister/internal/loadtest"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
	"privacyregister/internal/web"
)

// TestLoadThroughTheWholeStack runs the load command's driver against the
// real handlers on both engines: 16 clients, half of the requests writes
// (tasks and incidents through the API and a web form, activity updates),
// all in one organisation. On PostgreSQL most writes used to answer 500
// (deadlock on the audit chain). Now no request may fail, every write must
// be in the database afterwards, and the audit chain must verify.
func TestLoadThroughTheWholeStack(t *testing.T) {
	st := testutil.NewStore(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := web.New(st, web.DefaultConfig(), log, api.New(st, log))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)

	ctx := context.Background()
	o := &org.Organisation{Name: "Bibliotheek Belasting", Short: "load"}
	hash, err := auth.HashPassword("een lang wachtwoord")
	if err != nil {
		t.Fatal(err)
	}
	u := &auth.User{Email: "fg@load.example", PasswordHash: hash}
	var token string
	if err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOrg(ctx, o); err != nil {
			return err
		}
		if _, err := tx.AddMember(ctx, o.ID, u, org.PrivacyOfficer); err != nil {
			return err
		}
		for i := range 20 { // enough that read-change-write rarely meets another client 10 times in a row
			if err := tx.CreateActivity(ctx, o.ID, &register.Activity{Name: fmt.Sprintf("Ledenadministratie %d", i)}); err != nil {
				return err
			}
		}
		token, _, err = tx.CreateToken(ctx, o.ID, u.ID, "load")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	head, _ := st.AuditHead(ctx, o.ID)

	cfg := loadtest.Config{BaseURL: ts.URL, Org: "load", Token: token, Email: u.Email, Password: "een lang wachtwoord",
		Clients: 16, Duration: 2 * time.Minute, MaxRequests: 400, WriteShare: 0.5}
	res, err := loadtest.Run(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var report strings.Builder
	res.Report(&report, cfg)
	t.Log(report.String())
	if res.Errors > 0 || res.Requests != cfg.MaxRequests {
		t.Fatalf("%d of %d requests failed (want 0 of %d)", res.Errors, res.Requests, cfg.MaxRequests)
	}
	if res.Writes < 100 {
		t.Fatalf("only %d writes: the run did not test concurrent writers", res.Writes)
	}

	count := func(op string) int {
		if s := res.ByOp[op]; s != nil {
			return s.Requests
		}
		return 0
	}
	tasks, err := st.Tasks(ctx, o.ID)
	if want := count("api create task") + count("web create task"); err != nil || len(tasks) != want {
		t.Errorf("tasks: %d (%v), want the %d that were created", len(tasks), err, want)
	}
	_, incidents, err := st.Incidents(ctx, o.ID, store.IncidentFilter{})
	if want := count("api report incident"); err != nil || incidents != want {
		t.Errorf("incidents: %d (%v), want the %d that were reported", incidents, err, want)
	}
	after, _ := st.AuditHead(ctx, o.ID)
	if min := int64(len(tasks) + incidents); after-head < min {
		t.Errorf("audit rows written: %d, want at least one per created task and incident (%d)", after-head, min)
	}
	if n, problems, err := st.VerifyAudit(ctx, o.ID); err != nil || len(problems) > 0 {
		t.Errorf("audit chain after the load (%d rows): %v %+v", n, err, problems)
	}
}
