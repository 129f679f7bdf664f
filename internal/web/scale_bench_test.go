package web_test

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/auth"
	"privacyregister/internal/dpia"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// benchScaleEnv switches on the benchmarks at scale (100,000 activities:
// minutes to fill, so not part of an ordinary run);
// PRIVACYREGISTER_BENCH_N changes the number.
const benchScaleEnv = "PRIVACYREGISTER_BENCH"

// scaleApp is the application over a store filled with n generated
// activities, a signed-in privacy officer, and a bare *sql.DB on the same
// database for the baseline.
type scaleApp struct {
	h       http.Handler
	cookies []*http.Cookie
	st      *store.Store
	bare    *sql.DB
	orgID   int64
	userID  int64
	session string
}

func newScaleApp(b *testing.B) *scaleApp {
	b.Helper()
	if os.Getenv(benchScaleEnv) == "" {
		b.Skipf("set %s=1 to run the benchmarks at 100,000 activities", benchScaleEnv)
	}
	n := 100000
	if v := os.Getenv(benchScaleEnv + "_N"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	ctx := context.Background()
	opts := store.Options{DataDir: b.TempDir()}
	driver, dsn := "sqlite", "file:"+filepath.Join(opts.DataDir, "privacyregister.db")+"?_pragma=busy_timeout(10000)&_pragma=query_only(1)&_time_format=sqlite&_timezone=UTC"
	if u := testutil.PostgresURL(b); u != "" {
		opts.URL, driver, dsn = u, "pgx", u
	}
	st, err := store.Open(ctx, opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	o := &org.Organisation{Name: "Benchmark", Short: "bench"}
	hash, _ := auth.HashPassword(testPassword)
	u := &auth.User{Email: "fg@bench.example", PasswordHash: hash}
	start := time.Now()
	if err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOrg(ctx, o); err != nil {
			return err
		}
		_, err := tx.AddMember(ctx, o.ID, u, org.PrivacyOfficer)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	acts := register.Generate(n, 1)
	for i := 0; i < len(acts); i += 10000 {
		ms := register.GenerateMeasures()
		if i > 0 {
			ms = nil
		}
		if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.FillRegister(ctx, o.ID, ms, acts[i:min(i+10000, len(acts))]) }); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("%d activities generated and stored in %s (%s)", n, time.Since(start).Round(time.Millisecond), st.Engine())
	h, cookies := benchSignIn(b, st, u.Email)
	bare, err := sql.Open(driver, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { bare.Close() })
	if st.Engine() == "postgres" {
		// What autovacuum does soon after a bulk load: statistics for the
		// planner and the visibility map for index-only scans.
		if _, err := bare.ExecContext(ctx, "VACUUM ANALYZE"); err != nil {
			b.Fatal(err)
		}
	}
	a := &scaleApp{h: h, cookies: cookies, st: st, bare: bare, orgID: o.ID, userID: u.ID}
	for _, c := range a.cookies {
		if c.Value != "" {
			a.session = c.Value
		}
	}
	return a
}

// BenchmarkScale100k: the register list, the dashboard and the calendar
// of an organisation with 100,000 activities through the whole handler
// chain (session, queries, rendering), beside a bare baseline that runs
// the same SQL with database/sql and reads the same rows into plain
// values. Target: each page within 2x of its baseline.
//
//	PRIVACYREGISTER_BENCH=1 go test -run '^$' -bench BenchmarkScale100k -benchtime 20x ./internal/web/
func BenchmarkScale100k(b *testing.B) {
	a := newScaleApp(b)
	for _, p := range []struct {
		name, path string
		bare       [][]bareQuery
	}{
		{"register", "/o/bench/register", [][]bareQuery{bareSession, bareRegister}},
		{"dashboard", "/o/bench/", [][]bareQuery{bareSession, bareDue, bareFigures}},
		{"calendar", "/o/bench/calendar", [][]bareQuery{bareSession, bareDue}},
	} {
		b.Run(p.name, func(b *testing.B) {
			var ds []time.Duration
			for b.Loop() {
				t0 := time.Now()
				benchGet(b, a.h, a.cookies, p.path)
				ds = append(ds, time.Since(t0))
			}
			reportMedian(b, ds)
		})
		b.Run(p.name+"-bare", func(b *testing.B) {
			var ds []time.Duration
			for b.Loop() {
				t0 := time.Now()
				a.runBare(b, p.bare...)
				ds = append(ds, time.Since(t0))
			}
			reportMedian(b, ds)
		})
	}
	// The dashboard's figures are read again only after a change (see
	// dashFigures); this is that cold read and count.
	b.Run("dashboard-figures-cold", func(b *testing.B) {
		ctx := context.Background()
		var ds []time.Duration
		for b.Loop() {
			t0 := time.Now()
			facts, err := a.st.RegisterFacts(ctx, a.orgID, store.ActivityFilter{})
			if err != nil {
				b.Fatal(err)
			}
			states, err := a.st.DPIAStates(ctx, a.orgID)
			if err != nil {
				b.Fatal(err)
			}
			_, _, _ = register.CompletenessOf(facts), register.Processors(facts), dpia.Coverage(facts, states)
			ds = append(ds, time.Since(t0))
		}
		reportMedian(b, ds)
	})
}

// The SQL the three pages run (as the store writes it; see
// BenchmarkScale100k), for the bare baseline. $s is the session's token
// hash, $u the user, $o the organisation, $now the clock, $until a horizon.
var (
	bareSession = []bareQuery{
		{"SELECT user_id, mfa_done, created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = ?", "$s"},
		{"SELECT id, email, name, password_hash, lang, totp_secret, totp_enabled, must_change_password, disabled, created_at, updated_at FROM users WHERE id = ?", "$u"},
		{"SELECT m.org_id, o.short, o.name, m.user_id, u.email, u.name, m.role, u.lang, u.disabled FROM memberships m JOIN users u ON u.id = m.user_id JOIN orgs o ON o.id = m.org_id WHERE m.user_id = ? ORDER BY o.name", "$u"},
		{"SELECT id, short, name, roles, kvk, address, dpo_name, dpo_email, dpo_phone, employees, require_2fa, created_at, updated_at FROM orgs WHERE id = ?", "$o"},
	}
	bareRegister = []bareQuery{
		{"SELECT a.id, a.org_id, a.data, a.last_reviewed_at, a.last_reviewed_by, a.next_review_at, a.created_at, a.updated_at FROM activities a WHERE a.org_id = ? AND a.status <> 'retired' ORDER BY a.code ASC, a.id ASC LIMIT 50 OFFSET 0", "$o"},
		{"SELECT COUNT(*) FROM activities a WHERE a.org_id = ? AND a.status <> 'retired'", "$o"},
		{"SELECT DISTINCT department FROM activities WHERE org_id = ? AND department <> '' ORDER BY department", "$o"},
		// The art. 30(5) check is kept per audit head: the page reads
		// the head and, unchanged, not the register.
		{"SELECT seq FROM audit_heads WHERE org_id = ?", "$o"},
		{"SELECT review_months FROM register_settings WHERE org_id = ?", "$o"},
	}
	// With the figures kept (dashFigures), the dashboard reads only the
	// audit-trail head to know they are still current.
	bareFigures = []bareQuery{{"SELECT seq FROM audit_heads WHERE org_id = ?", "$o"}}
	bareDue     = []bareQuery{
		{`SELECT * FROM (SELECT i.org_id, i.id, i.dossier, i.title, 'authority' AS kind, 0 AS controller_id, '' AS controller, i.ap_due_at AS due_at,
		COALESCE(i.assignee_user_id, 0) AS assignee, COALESCE(i.reporter_user_id, 0) AS reporter
		FROM incidents i WHERE i.closed_at IS NULL AND i.notified_authority_at IS NULL AND i.ap_due_at IS NOT NULL AND i.ap_due_at < ? AND i.org_id = ?
		AND i.outcome NOT IN ('security_incident', 'document_only', 'notify_controller') ORDER BY i.ap_due_at LIMIT 200) a
		UNION ALL
		SELECT * FROM (SELECT i.org_id, i.id, i.dossier, i.title, 'controller', c.id, c.name, c.due_at, COALESCE(i.assignee_user_id, 0), COALESCE(i.reporter_user_id, 0)
		FROM incident_controllers c JOIN incidents i ON i.id = c.incident_id AND i.org_id = c.org_id
		WHERE c.notified_at IS NULL AND c.due_at < ? AND i.closed_at IS NULL AND i.org_id = ? ORDER BY c.due_at LIMIT 200) b
		ORDER BY 8 LIMIT 200`, "$until $o $until $o"},
		{"SELECT id, data, created_at, updated_at FROM subject_requests WHERE org_id = ? AND state IN ('received', 'identity_check', 'in_progress', 'extended') ORDER BY due_at, id", "$o"},
		{"SELECT a.id, a.org_id, a.data, a.last_reviewed_at, a.last_reviewed_by, a.next_review_at, a.created_at, a.updated_at FROM activities a WHERE a.org_id = ? AND a.status <> 'retired' AND a.status <> 'retired' AND (a.next_review_at IS NULL OR a.next_review_at < ?) ORDER BY a.next_review_at ASC NULLS FIRST, a.id ASC LIMIT 15 OFFSET 0", "$o $now"},
		{"SELECT COUNT(*) FROM activities a WHERE a.org_id = ? AND a.status <> 'retired' AND a.status <> 'retired' AND (a.next_review_at IS NULL OR a.next_review_at < ?)", "$o $now"},
		{"SELECT id, data FROM subprocessor_notices WHERE org_id = ? AND decision = '' ORDER BY deadline, id", "$o"},
		{"SELECT a.id, a.data, a.last_reviewed_at, COALESCE(p.name, '') FROM agreements a LEFT JOIN parties p ON p.id = a.party_id AND p.org_id = a.org_id WHERE a.org_id = ? ORDER BY a.title, a.id", "$o"},
		{"SELECT review_month FROM agreement_settings WHERE org_id = ?", "$o"},
		{"SELECT agreement_id, held_on FROM agreement_audits WHERE org_id = ?", "$o"},
		{"SELECT id, agreement_id, held_on, kind, auditor, findings, follow_up, follow_up_due, closed FROM agreement_audits WHERE org_id = ? ORDER BY held_on DESC, id DESC", "$o"},
		{"SELECT id, data FROM parties WHERE org_id = ? ORDER BY name, id", "$o"},
		{"SELECT id, data, created_at, updated_at FROM dpias WHERE org_id = ? ORDER BY title, id", "$o"},
		{"SELECT id, kind, title, description, every_months, start_month, window_months, anchor_year, owner_id, activity_id, last_done_at, active, created_at, updated_at FROM tasks WHERE org_id = ? ORDER BY title, id", "$o"},
	}
)

type bareQuery struct{ sql, args string }

// run runs the queries and reads every row into plain values, as a
// handler would before rendering.
func (a *scaleApp) runBare(b *testing.B, qs ...[]bareQuery) {
	ctx := context.Background()
	now := a.st.Now()
	vals := map[string]any{"$s": auth.HashToken(a.session), "$u": a.userID, "$o": a.orgID, "$now": now, "$until": now.Add(14 * 24 * time.Hour)}
	for _, list := range qs {
		for _, q := range list {
			var args []any
			for _, f := range strings.Fields(q.args) {
				args = append(args, vals[f])
			}
			text := q.sql
			if a.st.Engine() == "postgres" {
				for i := 1; strings.Contains(text, "?"); i++ {
					text = strings.Replace(text, "?", "$"+strconv.Itoa(i), 1)
				}
			}
			rows, err := a.bare.QueryContext(ctx, text, args...)
			if err != nil {
				b.Fatalf("%s: %v", q.sql, err)
			}
			cols, _ := rows.Columns()
			dest := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range dest {
				ptrs[i] = &dest[i]
			}
			for rows.Next() {
				if err := rows.Scan(ptrs...); err != nil {
					b.Fatal(err)
				}
			}
			if err := rows.Close(); err != nil {
				b.Fatal(err)
			}
		}
	}
}
