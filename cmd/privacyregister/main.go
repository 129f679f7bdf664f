// Command privacyregister is the whole application: the web server, the
// JSON API and the administration commands, in one binary.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	reg "privacyregister/internal/register"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// command is one subcommand.
type command struct {
	name    string // "user add"
	usage   string // arguments after the name
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

var commands []command

func register(c command) { commands = append(commands, c) }

// env is what commands share: where output goes, and the configuration
// read from the environment at start.
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	cfg            config
}

// usageError is a mistake in the command line (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], &env{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin})
	stop()
	os.Exit(code)
}

// run dispatches to the command named by the longest matching prefix of
// args and returns the exit code: 0 success, 2 usage error, 1 failure.
func run(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printHelp(e.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	var best *command
	bestLen := 0
	for i := range commands {
		c := &commands[i]
		words := splitWords(c.name)
		if len(words) <= len(args) && len(words) > bestLen && equalWords(words, args[:len(words)]) {
			best, bestLen = c, len(words)
		}
	}
	if best == nil {
		fmt.Fprintf(e.stderr, "privacyregister: unknown command %q; run 'privacyregister help'\n", args[0])
		return 2
	}
	ctx = audit.WithActor(ctx, audit.Actor{Name: "command line"})
	cfg, err := loadConfig()
	if err == nil {
		e.cfg = cfg
		reg.ImportLimits = cfg.ImportLimits
		err = best.run(ctx, e, args[bestLen:])
	}
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue), errors.Is(err, flag.ErrHelp):
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(e.stderr, "privacyregister %s: %s\n", best.name, ue.msg)
		}
		fmt.Fprintf(e.stderr, "usage: privacyregister %s %s\n", best.name, best.usage)
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	default:
		var ae *apperr.Error
		var list apperr.List
		switch {
		case errors.As(err, &list):
			fmt.Fprintf(e.stderr, "privacyregister %s:\n", best.name)
			for _, le := range list {
				fmt.Fprintf(e.stderr, "  %s\n", le.Text())
			}
		case errors.As(err, &ae) && ae.Code != "":
			fmt.Fprintf(e.stderr, "privacyregister %s: %s\n", best.name, ae.Text())
		default:
			fmt.Fprintf(e.stderr, "privacyregister %s: %v\n", best.name, err)
		}
		if ae != nil && ae.Code == apperr.Invalid && best.name == "analyse" {
			return 2
		}
		return 1
	}
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "privacyregister: the AVG (GDPR) administration of an organisation.")
	fmt.Fprintln(w, "\nUsage: privacyregister COMMAND [flags]\n\nCommands:")
	cs := append([]command(nil), commands...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-22s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --data DIR (SQLite, default ./data, or PRIVACYREGISTER_DATA)")
	fmt.Fprintln(w, "or --db postgres://... (or PRIVACYREGISTER_DB). 'privacyregister COMMAND -h' shows its flags.")
}

func splitWords(s string) []string {
	var out []string
	word := ""
	for _, r := range s {
		if r == ' ' {
			if word != "" {
				out = append(out, word)
			}
			word = ""
			continue
		}
		word += string(r)
	}
	if word != "" {
		out = append(out, word)
	}
	return out
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
