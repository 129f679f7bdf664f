package main

import (
	"context"
	"flag"
	"io"
	"path/filepath"

	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// dbFlags are the database flags every command takes.
type dbFlags struct {
	data string
	db   string
	key  []byte // PRIVACYREGISTER_SECRET_KEY, when set
}

func (d *dbFlags) add(fs *flag.FlagSet, cfg config) {
	fs.StringVar(&d.data, "data", cfg.Data, "directory of the embedded SQLite database")
	fs.StringVar(&d.db, "db", cfg.DB, "PostgreSQL URL (postgres://...); empty for SQLite")
	d.key = cfg.SecretKey
}

// open connects and migrates.
func (d *dbFlags) open(ctx context.Context) (*store.Store, error) {
	key, err := d.secretKey()
	if err != nil {
		return nil, err
	}
	return store.Open(ctx, store.Options{URL: d.db, DataDir: d.data, SecretKey: key})
}

// secretKey is the installation's key for secrets at rest:
// PRIVACYREGISTER_SECRET_KEY (32 bytes in base64; every process of a
// PostgreSQL installation must share it), else the file secret.key in the
// data directory, made on first use.
func (d *dbFlags) secretKey() ([]byte, error) {
	if d.key != nil {
		return d.key, nil
	}
	return auth.LoadOrCreateKey(filepath.Join(d.data, "secret.key"))
}

// openOrg opens the database and finds the organisation with the short
// name; the caller closes the store.
func (d *dbFlags) openOrg(ctx context.Context, short string) (*store.Store, *org.Organisation, error) {
	st, err := d.open(ctx)
	if err != nil {
		return nil, nil, err
	}
	o, err := st.OrgByShort(ctx, short)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, o, nil
}

// newFlags makes a flag set that reports errors as usage errors rather
// than exiting.
// newDBFlags is newFlags with the database flags every command takes.
func newDBFlags(name string, e *env) (*flag.FlagSet, *dbFlags) {
	fs := newFlags(name, e.stderr)
	db := &dbFlags{}
	db.add(fs, e.cfg)
	return fs, db
}

// parseNoArgs parses the flags of a command that takes no positional
// arguments.
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	return noArgs(pos)
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses args, flags before or after the positional arguments, and
// returns the positional ones. Flag errors become usage errors.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, err
			}
			return nil, usagef("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
