package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"
)

func init() {
	register(command{name: "healthcheck", usage: "[--url URL]", summary: "exit 0 when the server answers ready (for a container HEALTHCHECK without a shell)", run: healthcheck})
}

// healthcheck asks a running server's /readyz, so an image without a
// shell or curl (distroless) can still have a HEALTHCHECK.
func healthcheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags("healthcheck", e.stderr)
	target := fs.String("url", "", "address to ask (default: /readyz on the serve address, PRIVACYREGISTER_ADDR)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *target == "" {
		host := e.cfg.Addr
		if strings.HasPrefix(host, ":") {
			host = "127.0.0.1" + host
		}
		*target = "http://" + host + "/readyz"
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", *target, nil)
	if err != nil {
		return usagef("--url: %v", err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s", *target, res.Status)
	}
	fmt.Fprintln(e.stdout, "ready")
	return nil
}
