package main

import (
	"context"
	"fmt"

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
