// Package e2e drives the real binary in the system's Chromium: the way a
// new user meets the program (serve --demo, sign in, choose a password,
// see the dashboard) and a privacy officer's first piece of work (mark an
// overdue task done through a real form post).
package e2e

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"privacyregister/internal/testutil"
)

// findChromium returns the path of a Chromium or Chrome binary.
func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// server is the real binary, started with serve --demo.
type server struct {
	url       string
	passwords map[string]string // demo e-mail -> one-time password
	bin       string            // the binary, for command-line steps
	db        []string          // its --data (and --db) flags
}

var demoLine = regexp.MustCompile(`Demo sign-in: (\S+)\s+one-time password: (\S+)`)

func startServer(t *testing.T) *server {
	t.Helper()
	root := testutil.RepoRoot(t)
	bin := filepath.Join(t.TempDir(), "privacyregister")
	build := exec.Command("go", "build", "-o", bin, "./cmd/privacyregister")
	build.Dir = root
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build (CGO_ENABLED=0): %v\n%s", err, out)
	}
	port := freePort(t)
	db := []string{"--data", t.TempDir()}
	if u := testutil.PostgresURL(t); u != "" {
		db = append(db, "--db", u)
	}
	cmd := exec.Command(bin, append([]string{"serve", "--demo", "--addr", fmt.Sprintf("127.0.0.1:%d", port)}, db...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Signal(os.Interrupt); _ = cmd.Wait() })
	s := &server{url: fmt.Sprintf("http://127.0.0.1:%d", port), passwords: map[string]string{}, bin: bin, db: db}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	deadline := time.After(60 * time.Second)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatal("server exited before it listened")
			}
			if m := demoLine.FindStringSubmatch(line); m != nil {
				s.passwords[m[1]] = m[2]
			}
			if strings.Contains(line, "listening on") {
				go func() {
					for range lines {
					}
				}()
				waitHealthy(t, s.url)
				return s
			}
		case <-deadline:
			t.Fatal("server did not start within 60 s")
		}
	}
}

func waitHealthy(t *testing.T, url string) {
	for i := 0; i < 50; i++ {
		if res, err := http.Get(url + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("healthz never answered 200")
}

func browser(t *testing.T) context.Context {
	t.Helper()
	return browserWithin(t, 90*time.Second)
}

// browserWithin is a fresh browser whose steps must end within d.
func browserWithin(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	path := findChromium()
	if path == "" {
		testutil.SkipOrFail(t, "no Chromium found (apt-get install chromium)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, d)
	t.Cleanup(cancel3)
	return ctx
}

// signInFirstTime signs in with a demo user's one-time password and
// replaces it, as a new user does, ending on the dashboard.
func signInFirstTime(t *testing.T, ctx context.Context, srv *server, email string) {
	t.Helper()
	pw := srv.passwords[email]
	if pw == "" {
		t.Fatalf("serve --demo printed no one-time password for %s (got %v)", email, srv.passwords)
	}
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.url+"/"),
		chromedp.WaitVisible(css("#email")),
		chromedp.SendKeys(css("#email"), email),
		chromedp.SendKeys(css("#password"), pw),
		chromedp.Submit(css("#password")),
		// A one-time password must be replaced first.
		chromedp.WaitVisible(css("#password2")),
		chromedp.SendKeys(css("#current"), pw),
		chromedp.SendKeys(css("#password"), "mijn eigen wachtwoord"),
		chromedp.SendKeys(css("#password2"), "mijn eigen wachtwoord"),
		chromedp.Submit(css("#password2")),
		chromedp.WaitVisible(css("main .sub")),
	)
	if err != nil {
		t.Fatalf("browser: signing in as %s: %v", email, err)
	}
}

// TestNewUserSignsInAndSeesDashboard follows the README: start with
// --demo, sign in with the printed one-time password, choose a password,
// land on the dashboard of the demo library.
func TestNewUserSignsInAndSeesDashboard(t *testing.T) {
	if findChromium() == "" {
		testutil.SkipOrFail(t, "no Chromium found (apt-get install chromium)")
	}
	srv := startServer(t) // before the browser: its time-out starts there
	ctx := browser(t)
	signInFirstTime(t, ctx, srv, "beheerder@demo.privacyregister.nl")
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	lang, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	if err != nil {
		t.Fatal(err)
	}
	heading, err := chromedp.Run(ctx, chromedp.Text(css("main h1")))
	if err != nil {
		t.Fatal(err)
	}
	orgName, err := chromedp.Run(ctx, chromedp.Text(css("main .sub")))
	if err != nil {
		t.Fatal(err)
	}
	if lang != "nl" {
		t.Errorf("page language %q, want nl (Dutch first)", lang)
	}
	if heading != "Overzicht" {
		t.Errorf("dashboard heading %q, want Overzicht", heading)
	}
	if !strings.Contains(orgName, "Bibliotheek Lek & IJssel") {
		t.Errorf("dashboard shows %q, want the demo library", orgName)
	}
}

// TestPrivacyOfficerClosesOverdueCleanUp: the demo's yearly clean-up of
// member files (seed 003: every January-February) is overdue; the privacy
// officer opens it from the task list, marks it done with a note, and the
// task shows the completion in its history and is no longer overdue. The
// form is posted by the browser, through the cross-origin protection.
func TestPrivacyOfficerClosesOverdueCleanUp(t *testing.T) {
	if findChromium() == "" {
		testutil.SkipOrFail(t, "no Chromium found (apt-get install chromium)")
	}
	srv := startServer(t)
	ctx := browser(t)
	signInFirstTime(t, ctx, srv, "fg@demo.privacyregister.nl")
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.url+"/o/demo/tasks"),
		chromedp.WaitVisible(css("tr.overdue a")),
		chromedp.Click(css("tr.overdue a")),
		chromedp.WaitVisible(css("#note")),
		chromedp.SendKeys(css("#note"), "Opgeschoond in BicatWISE"),
		chromedp.Submit(css("#note")),
		// The page before the post has a history table too: wait for the
		// confirmation that only the page after the redirect shows.
		chromedp.WaitVisible(css("p.flash")),
	)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	history, err := chromedp.Run(ctx, chromedp.Text(css("#history")))
	if err != nil {
		t.Fatal(err)
	}
	due, err := chromedp.Run(ctx, chromedp.Text(css("#due")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(history, "Opgeschoond in BicatWISE") || !strings.Contains(history, "fg@demo.privacyregister.nl") {
		t.Errorf("history after marking done: %q", history)
	}
	if strings.Contains(due, "te laat") {
		t.Errorf("the task is still overdue: %q", due)
	}
}
