package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"privacyregister/internal/store"
)

func init() {
	register(command{name: "restore", usage: "[--force] FILE", summary: "put a backup made by 'backup' back (stop the server first)", run: restore})
}

// restore replaces the database with a backup: on SQLite the file backup
// wrote, on PostgreSQL the pg_dump archive. It refuses to overwrite a
// database that holds organisations unless --force says so, migrates the
// restored schema to this release and verifies every audit chain.
func restore(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("restore", e)
	force := fs.Bool("force", false, "replace a database that already holds organisations")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give the one backup FILE to restore")
	}
	file := pos[0]
	format, err := store.BackupFormat(file)
	if err != nil {
		return usagef("backup %v", err)
	}
	engine := "sqlite"
	if db.db != "" {
		engine = "postgres"
	}
	switch {
	case format == store.FormatSQLite && engine == "postgres":
		return usagef("%s is a SQLite backup; it can only be restored to SQLite (--data DIR, without --db)", file)
	case format == store.FormatPgDump && engine == "sqlite":
		return usagef("%s is a pg_dump archive; restore it to PostgreSQL with --db postgres://...", file)
	case format != store.FormatSQLite && format != store.FormatPgDump:
		return usagef("%s is not a backup made by 'privacyregister backup' (neither a SQLite database nor a pg_dump custom-format archive)", file)
	}

	// What is there now, and is it empty?
	current, err := db.open(ctx)
	if err != nil {
		return err
	}
	n, err := current.CountOrgs(ctx)
	if err != nil {
		current.Close()
		return err
	}
	if n > 0 && !*force {
		current.Close()
		return usagef("the database holds %d organisation(s); restoring replaces all of it: stop the server, and add --force if that is what you want", n)
	}
	if engine == "postgres" {
		err = current.DropAllTables(ctx)
		current.Close()
		if err == nil {
			err = pgRestore(ctx, db.db, file)
		}
	} else {
		current.Close()
		err = restoreSQLite(ctx, file, db.data)
	}
	if err != nil {
		return err
	}

	// Open migrates an older backup to this release's schema.
	st, err := db.open(ctx)
	if err != nil {
		return fmt.Errorf("restored, but the database does not open: %w", err)
	}
	defer st.Close()
	orgs, err := st.Orgs(ctx)
	if err != nil {
		return err
	}
	var broken []string
	for _, o := range orgs {
		rows, problems, err := st.VerifyAudit(ctx, o.ID)
		if err != nil {
			return err
		}
		if len(problems) > 0 {
			broken = append(broken, fmt.Sprintf("%s (%d problems)", o.Short, len(problems)))
			continue
		}
		fmt.Fprintf(e.stdout, "%s: audit trail intact (%d rows)\n", o.Short, rows)
	}
	fmt.Fprintf(e.stdout, "restored %s: %d organisation(s)\n", file, len(orgs))
	if len(broken) > 0 {
		return fmt.Errorf("restored, but the audit trail does not verify for %s: is the secret key (PRIVACYREGISTER_SECRET_KEY or secret.key) the one of the backup? 'privacyregister audit verify --org SHORT' lists the rows", strings.Join(broken, ", "))
	}
	return nil
}

// restoreSQLite puts the backup file in place of the database in dir:
// copied beside it first and renamed over it, so a failed copy leaves
// the old database as it was.
func restoreSQLite(ctx context.Context, file, dir string) error {
	have, _, err := store.SQLiteBackupInfo(ctx, file)
	if err != nil {
		return err
	}
	if latest, err := store.LatestVersionOf("sqlite"); err == nil && have > latest {
		return fmt.Errorf("%s has schema version %d, newer than this release knows (%d): restore it with the release that made it", file, have, latest)
	}
	target := filepath.Join(dir, "privacyregister.db")
	tmp := target + ".restoring"
	if err := copyFile(file, tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	// The old database's write-ahead log belongs to the old file.
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(target + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			os.Remove(tmp)
			return err
		}
	}
	return os.Rename(tmp, target)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	// Every organisation's personal data: readable by the owner only.
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// pgDump writes a custom-format archive of the database at dbURL.
func pgDump(ctx context.Context, dbURL, target string) error {
	return runPgTool(ctx, "pg_dump", dbURL, "--format=custom", "--no-owner", "--no-privileges", "--file="+target)
}

// pgRestore loads an archive into the (emptied) database at dbURL, in one
// transaction: a failure leaves nothing half restored.
func pgRestore(ctx context.Context, dbURL, file string) error {
	return runPgTool(ctx, "pg_restore", dbURL, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", file)
}

// runPgTool runs a PostgreSQL client tool against dbURL. The password
// goes in the environment (PGPASSWORD), not on the command line where
// every user of the machine could read it in the process list.
func runPgTool(ctx context.Context, tool, dbURL string, args ...string) error {
	path, err := exec.LookPath(tool)
	if err != nil {
		return fmt.Errorf("%s not found: install the PostgreSQL client tools (Debian: postgresql-client, the same major version as the server)", tool)
	}
	u, err := url.Parse(dbURL)
	if err != nil {
		return fmt.Errorf("--db: %v", err)
	}
	env := os.Environ()
	if pw, ok := u.User.Password(); ok {
		env = append(env, "PGPASSWORD="+pw)
		u.User = url.User(u.User.Username())
	}
	cmd := exec.CommandContext(ctx, path, append([]string{"--dbname=" + u.String()}, args...)...)
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %v: %s", tool, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}
