package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"

	"privacyregister/internal/profile"
	"privacyregister/internal/store"
	"privacyregister/internal/subscription"
)

func init() {
	register(command{name: "profile poll", usage: "[--every DURATION] [--allow-http]",
		summary: "fetch the processor profiles followed on other installations once (as the server does every 6 hours)", run: profilePoll})
}

// profilePoll is the server's poll run once, for cron or a test: every
// active link to another installation not checked for --every (0: all).
func profilePoll(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("profile poll", e)
	every := fs.Duration("every", 0, "only links not checked for this long; 0 checks them all")
	allowHTTP := fs.Bool("allow-http", false, "also fetch over http:// and from private addresses")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	st, err := db.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := subscription.New(st, *allowHTTP).PollDue(ctx, *every)
	fmt.Fprintf(e.stdout, "checked %d processor profiles\n", n)
	return err
}

func init() {
	register(command{name: "profile publish", usage: "--org SHORT --note TEXT FILE.json",
		summary: "publish a new version of the organisation's processor profile from a JSON file (the \"profile\" of the API)", run: profilePublish})
	register(command{name: "profile show", usage: "--org SHORT",
		summary: "print the organisation's newest profile version as JSON", run: profileShow})
}

// profilePublish publishes FILE as the organisation's next version: the
// customers following it here get their notices in the same transaction.
func profilePublish(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("profile publish", e)
	short := fs.String("org", "", "short name of the organisation")
	note := fs.String("note", "", "what changed; customers read it with their notice")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give one JSON file with the profile")
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	var p profile.Profile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return fmt.Errorf("%s: not a profile: %w", pos[0], err)
	}
	st, o, err := db.openOrg(ctx, *short)
	if err != nil {
		return err
	}
	defer st.Close()
	var v *profile.Version
	if err := st.InTx(ctx, func(tx *store.Tx) (err error) {
		v, err = tx.PublishProfile(ctx, o.ID, p, *note, "command line")
		return err
	}); err != nil {
		return err
	}
	cs, err := st.ProfileCustomers(ctx, o.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "published version %d of %s; %d customers here follow it\n", v.Number, o.Short, len(cs))
	return nil
}

func profileShow(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("profile show", e)
	short := fs.String("org", "", "short name of the organisation")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	st, o, err := db.openOrg(ctx, *short)
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := st.LatestProfile(ctx, o.ID)
	if err != nil {
		return err
	}
	out := json.NewEncoder(e.stdout)
	out.SetIndent("", "  ")
	return out.Encode(v)
}
