package webhook_test

import (
	"strings"
	"testing"
	"time"

	"privacyregister/internal/webhook"
)

// TestSignSpecExample: the example of the Standard Webhooks
// specification's reference libraries (secret, id, timestamp, payload and
// the signature they give).
func TestSignSpecExample(t *testing.T) {
	got, err := webhook.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", time.Unix(1614265330, 0), []byte(`{"test": 2432232314}`))
	if err != nil || got != "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" {
		t.Fatalf("Sign = %q, %v", got, err)
	}
}

func TestBodyDetailsOnlyWhenAsked(t *testing.T) {
	ev := webhook.Event{Type: webhook.IncidentReported, At: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Data: map[string]any{"dossier": "2026-001"}, Details: map[string]any{"title": "Laptop kwijt"}}
	plain, _ := ev.Body(false)
	full, _ := ev.Body(true)
	if string(plain) != `{"type":"incident.reported","timestamp":"2026-01-02T03:04:05Z","data":{"dossier":"2026-001"}}` || !strings.Contains(string(full), `"title":"Laptop kwijt"`) {
		t.Errorf("plain %s, full %s", plain, full)
	}
}
