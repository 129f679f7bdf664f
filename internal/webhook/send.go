package webhook

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Backoff is the wait after each failed attempt; after the last one the
// delivery is given up as failed (so there are len(Backoff)+1 attempts,
// over about a day and a half).
var Backoff = []time.Duration{5 * time.Second, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 5 * time.Hour, 10 * time.Hour, 14 * time.Hour}

// Timeout bounds one attempt.
const Timeout = 15 * time.Second

// Message is one delivery to send.
type Message struct {
	ID        string // webhook-id
	Type      string
	URL       string
	Secret    string
	Body      []byte
	Timestamp time.Time // of this attempt
}

// Result is the outcome of one attempt.
type Result struct {
	Type     string
	Status   int // HTTP status; 0 when no answer came
	Err      string
	Duration time.Duration
}

// OK reports a 2xx answer.
func (r Result) OK() bool { return r.Status >= 200 && r.Status < 300 }

// Post sends m once, signed, and tells how it went. A redirect is not
// followed (the answer counts as a failure): the endpoint's address is
// the one the beheerder registered.
func Post(ctx context.Context, client *http.Client, m Message) Result {
	start := time.Now()
	res := post(ctx, client, m)
	res.Type, res.Duration = m.Type, time.Since(start)
	return res
}

func post(ctx context.Context, client *http.Client, m Message) Result {
	sig, err := Sign(m.Secret, m.ID, m.Timestamp, m.Body)
	if err != nil {
		return Result{Err: err.Error()}
	}
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.URL, bytes.NewReader(m.Body))
	if err != nil {
		return Result{Err: err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "privacyregister-webhooks")
	req.Header.Set("webhook-id", m.ID)
	req.Header.Set("webhook-timestamp", fmt.Sprint(m.Timestamp.Unix()))
	req.Header.Set("webhook-signature", sig)
	c := *client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Do(req)
	if err != nil {
		return Result{Err: err.Error()}
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	r := Result{Status: resp.StatusCode}
	if !r.OK() {
		r.Err = resp.Status
	}
	return r
}
