package web

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"testing"
	"time"

	"privacyregister/internal/testutil"
)

// icalParser is Debian's python3-icalendar, a real parser of RFC 5545 (CI
// installs it: .ci/run). The script prints what it read: each event's UID,
// summary (unescaped), URL, start and alarms, and the parse errors it
// collected.
const icalParser = `
import sys, json, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = {"name": cal.name, "errors": [], "events": []}
for c in cal.walk():
    for e in getattr(c, "errors", []) or []:
        out["errors"].append("%s: %s" % (c.name, e))
    if c.name == "VEVENT":
        start = c.decoded("DTSTART")
        out["events"].append({
            "uid": str(c["UID"]), "summary": str(c["SUMMARY"]), "url": str(c["URL"]),
            "start": start.isoformat(), "end": c.decoded("DTEND").isoformat() if "DTEND" in c else "",
            "alarms": [a.decoded("TRIGGER").total_seconds() for a in c.walk("VALARM")],
        })
print(json.dumps(out))
`

// ParsedCalendar is what the parser read from a feed.
type ParsedCalendar struct {
	Name   string   `json:"name"`
	Errors []string `json:"errors"`
	Events []struct {
		UID, Summary, URL, Start, End string
		Alarms                        []float64
	} `json:"events"`
}

// ParseICal runs the real parser on a feed; without it the test is
// skipped on a developer machine and fails under CI.
func ParseICal(t testing.TB, feed []byte) ParsedCalendar {
	t.Helper()
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import icalendar").Run(); err != nil {
		testutil.SkipOrFail(t, "python3-icalendar is not installed (apt-get install python3-icalendar): %v", err)
	}
	cmd := exec.Command(py, "-c", icalParser)
	cmd.Stdin = bytes.NewReader(feed)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("the iCalendar parser refused the feed: %v\n%s\n%s", err, stderr.String(), feed)
	}
	var p ParsedCalendar
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("parser output: %v\n%s", err, out)
	}
	if len(p.Errors) > 0 {
		t.Errorf("parse errors: %q\n%s", p.Errors, feed)
	}
	return p
}

// TestICalRealParser: a feed with an all-day and a timed deadline, with
// text that needs escaping and folding (commas, semicolons, a backslash,
// accents past the 75th octet), reads back in a real parser as written.
func TestICalRealParser(t *testing.T) {
	long := "Datalek één, melding aan de AP; binnen 72 uur \\ dossier IN-2027-0042 (Bibliotheek Lek & IJssel, vestiging Nieuwegein-Zuid)"
	events := []icalEvent{
		{Due: time.Date(2027, 3, 1, 22, 59, 59, 0, time.UTC), Summary: "Termijn verzoek: AVG-2027-001, inzage; test", URL: "https://pr.example/o/x/requests/1", Key: "a"},
		{Due: time.Date(2027, 7, 3, 14, 30, 0, 0, time.UTC), Timed: true, Summary: long, URL: "https://pr.example/o/x/incidents/42", Key: "b"},
	}
	p := ParseICal(t, []byte(writeICal(events, time.Date(2027, 2, 1, 8, 0, 0, 0, time.UTC))))
	if p.Name != "VCALENDAR" || len(p.Events) != 2 {
		t.Fatalf("parsed: %+v", p)
	}
	day, timed := p.Events[0], p.Events[1]
	if day.Summary != events[0].Summary || day.Start != "2027-03-01" || day.End != "2027-03-02" || day.URL != events[0].URL || len(day.Alarms) != 0 {
		t.Errorf("all-day event: %+v", day)
	}
	// 14:30 UTC in July is 16:30 summer time in Amsterdam.
	if timed.Summary != long || timed.Start != "2027-07-03T16:30:00+02:00" || len(timed.Alarms) != 2 || timed.Alarms[0] != -86400 || timed.Alarms[1] != -7200 {
		t.Errorf("timed event: %+v", timed)
	}
	if day.UID == timed.UID {
		t.Error("two events share a UID")
	}
}
