package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"privacyregister/internal/audit"
	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

func init() {
	register(command{name: "migrate", usage: "[--data DIR | --db URL]", summary: "create or upgrade the database schema", run: migrate})
	register(command{name: "org add", usage: "--name NAME --short SHORT [--acts controller|processor|both]", summary: "add an organisation", run: orgAdd})
	register(command{name: "org list", usage: "", summary: "list the organisations", run: orgList})
	register(command{name: "user add", usage: "--org SHORT --email E --role ROLE [--name N] [--password-stdin]", summary: "add a user to an organisation", run: userAdd})
	register(command{name: "user reset-password", usage: "--email E [--password-stdin]", summary: "give a user a new (one-time) password", run: userResetPassword})
	register(command{name: "token create", usage: "--org SHORT --user E [--name NAME]", summary: "print a new API token", run: tokenCreate})
	register(command{name: "backup", usage: "FILE", summary: "consistent online copy of the database (SQLite file, or pg_dump archive on PostgreSQL)", run: backup})
	register(command{name: "audit verify", usage: "--org SHORT [--checkpoint SEQ:HASH]", summary: "check the audit trail's keyed hash chain (and that a row noted earlier is still there)", run: auditVerify})
	register(command{name: "version", usage: "", summary: "print the version", run: printVersion})
}

func noArgs(pos []string) error {
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	return nil
}

func migrate(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("migrate", e)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	st, err := db.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "schema at version %d (%s)\n", v, st.Engine())
	return nil
}

func orgAdd(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("org add", e)
	name := fs.String("name", "", "name of the organisation")
	short := fs.String("short", "", "short name, used in addresses (letters, digits, hyphens)")
	acts := fs.String("acts", "controller", "controller, processor or both")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *name == "" || *short == "" {
		return usagef("--name and --short are required")
	}
	st, err := db.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	o := &org.Organisation{Name: *name, Short: *short, Roles: *acts}
	if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.CreateOrg(ctx, o) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created organisation %s (%s)\n", o.Short, o.Name)
	return nil
}

func orgList(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("org list", e)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	st, err := db.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	orgs, err := st.Orgs(ctx)
	if err != nil {
		return err
	}
	for _, o := range orgs {
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", o.Short, o.Name, o.Roles)
	}
	return nil
}

// readPassword takes a password from standard input (one line), or makes
// a one-time password when stdin is not asked for.
func readPassword(e *env, fromStdin bool) (pw string, oneTime bool, err error) {
	if !fromStdin {
		return auth.NewPassword(), true, nil
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", false, usagef("--password-stdin: no password on standard input")
	}
	pw = strings.TrimRight(line, "\r\n")
	if err := auth.CheckPasswordPolicy("password", pw); err != nil {
		return "", false, err
	}
	return pw, false, nil
}

func userAdd(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("user add", e)
	orgShort := fs.String("org", "", "short name of the organisation")
	email := fs.String("email", "", "e-mail address")
	name := fs.String("name", "", "full name")
	roleName := fs.String("role", "", "beheerder, privacyofficer, technicus, medewerker or lezer")
	stdin := fs.Bool("password-stdin", false, "read the password from standard input instead of making a one-time password")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *orgShort == "" || *email == "" || *roleName == "" {
		return usagef("--org, --email and --role are required")
	}
	role, err := org.ParseRole(*roleName)
	if err != nil {
		return usagef("%s", err.(interface{ Text() string }).Text())
	}
	addr, err := auth.NormaliseEmail("email", *email)
	if err != nil {
		return usagef("--email %q is not an e-mail address", *email)
	}
	pw, oneTime, err := readPassword(e, *stdin)
	if err != nil {
		return err
	}
	st, o, err := db.openOrg(ctx, *orgShort)
	if err != nil {
		return err
	}
	defer st.Close()
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	u := &auth.User{Email: addr, Name: *name, PasswordHash: hash, MustChangePassword: oneTime}
	var created bool
	if err := st.InTx(ctx, func(tx *store.Tx) (err error) { created, err = tx.AddMember(ctx, o.ID, u, role); return }); err != nil {
		return err
	}
	if !created {
		fmt.Fprintf(e.stdout, "added existing user %s to %s as %s (password unchanged)\n", addr, o.Short, role)
		return nil
	}
	fmt.Fprintf(e.stdout, "created user %s in %s as %s\n", addr, o.Short, role)
	if oneTime {
		fmt.Fprintf(e.stdout, "one-time password: %s\n", pw)
	}
	return nil
}

func userResetPassword(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("user reset-password", e)
	email := fs.String("email", "", "e-mail address")
	fs.String("org", "", "ignored; a user has one password for all organisations")
	stdin := fs.Bool("password-stdin", false, "read the new password from standard input")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *email == "" {
		return usagef("--email is required")
	}
	pw, oneTime, err := readPassword(e, *stdin)
	if err != nil {
		return err
	}
	st, err := db.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.UserByEmail(ctx, strings.ToLower(strings.TrimSpace(*email)))
	if err != nil {
		return err
	}
	if u.PasswordHash, err = auth.HashPassword(pw); err != nil {
		return err
	}
	u.MustChangePassword = oneTime
	// A reset by an administrator assumes the old password is lost or
	// known to someone else: it ends the sessions and also the API tokens
	// and calendar feed addresses, which never ask for the password, all
	// in one transaction.
	var tokens, feeds int
	if err := st.InTx(ctx, func(tx *store.Tx) (err error) {
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		if tokens, feeds, err = tx.RevokeUserAccess(ctx, u.ID); err != nil {
			return err
		}
		return tx.DeleteUserSessions(ctx, u.ID, "")
	}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "password of %s reset; signed out everywhere; %d API tokens and %d calendar feed addresses revoked\n", u.Email, tokens, feeds)
	if oneTime {
		fmt.Fprintf(e.stdout, "one-time password: %s\n", pw)
	}
	return nil
}

func tokenCreate(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("token create", e)
	orgShort := fs.String("org", "", "short name of the organisation")
	email := fs.String("user", "", "e-mail address of the user the token acts for")
	name := fs.String("name", "command line", "name of the token")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *orgShort == "" || *email == "" {
		return usagef("--org and --user are required")
	}
	st, o, err := db.openOrg(ctx, *orgShort)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.UserByEmail(ctx, strings.ToLower(strings.TrimSpace(*email)))
	if err != nil {
		return err
	}
	var token string
	if err := st.InTx(ctx, func(tx *store.Tx) (err error) { token, _, err = tx.CreateToken(ctx, o.ID, u.ID, *name); return }); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, token)
	return nil
}

func backup(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("backup", e)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give one FILE to write the copy to")
	}
	target, err := filepath.Abs(pos[0])
	if err != nil {
		return err
	}
	if _, err := os.Stat(target); err == nil {
		return usagef("%s exists; choose a new file name", pos[0])
	}
	if db.db != "" {
		// pg_dump takes a consistent snapshot while the application runs.
		if err := pgDump(ctx, db.db, target); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %s with pg_dump (custom format); restore it with 'privacyregister restore'\n", target)
		fmt.Fprintln(e.stdout, "keep the secret key (PRIVACYREGISTER_SECRET_KEY) apart from the dump: without it two-factor sign-in and the audit seal cannot be checked")
		return nil
	}
	st, err := db.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, target); err != nil {
		return err
	}
	fi, err := os.Stat(target)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (%d bytes)\n", target, fi.Size())
	fmt.Fprintf(e.stdout, "keep %s apart from the copy: without it two-factor sign-in cannot be checked\n", filepath.Join(db.data, "secret.key"))
	return nil
}

func auditVerify(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("audit verify", e)
	orgShort := fs.String("org", "", "short name of the organisation")
	checkpoint := fs.String("checkpoint", "", "SEQ:HASH of a row noted earlier (as this command prints it), to check the newest rows were not cut off since")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *orgShort == "" {
		return usagef("--org is required")
	}
	var cpSeq int64
	var cpHash string
	if *checkpoint != "" {
		seq, hash, ok := strings.Cut(*checkpoint, ":")
		n, err := strconv.ParseInt(seq, 10, 64)
		if !ok || err != nil || n < 1 || hash == "" {
			return usagef("--checkpoint: want SEQ:HASH as printed by audit verify, got %q", *checkpoint)
		}
		cpSeq, cpHash = n, hash
	}
	st, o, err := db.openOrg(ctx, *orgShort)
	if err != nil {
		return err
	}
	defer st.Close()
	n, problems, err := st.VerifyAudit(ctx, o.ID)
	if err != nil {
		return err
	}
	if cpSeq > 0 {
		got, err := st.AuditRowHash(ctx, o.ID, cpSeq)
		if err != nil || got != cpHash {
			problems = append(problems, audit.Problem{Seq: cpSeq, Reason: "the row noted as checkpoint is missing or was replaced"})
		}
	}
	if len(problems) == 0 {
		seq, hash, err := st.AuditCheckpoint(ctx, o.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "audit trail of %s intact: %d rows\ncheckpoint (note it; --checkpoint shows later whether rows were cut off): %d:%s\n", o.Short, n, seq, hash)
		return nil
	}
	for _, p := range problems {
		fmt.Fprintf(e.stdout, "row %d: %s\n", p.Seq, p.Reason)
	}
	return fmt.Errorf("audit trail of %s is broken: %d problems in %d rows", o.Short, len(problems), n)
}

func printVersion(ctx context.Context, e *env, args []string) error {
	fmt.Fprintf(e.stdout, "privacyregister %s\n", buildVersion())
	return nil
}
