package web

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestFoldICal: RFC 5545 3.1 limits lines to 75 octets, CRLF-terminated;
// continuation lines start with one space; a UTF-8 character is never cut.
func TestFoldICal(t *testing.T) {
	long := "SUMMARY:" + strings.Repeat("Verwerkersovereenkomst één ", 8)
	out := foldICal(long)
	if !strings.HasSuffix(out, "\r\n") {
		t.Fatal("no CRLF at the end")
	}
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	if len(lines) < 3 {
		t.Fatalf("%d lines", len(lines))
	}
	var joined strings.Builder
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets", i, len(l))
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d cuts a character: %q", i, l)
		}
		if i > 0 {
			if l[0] != ' ' {
				t.Errorf("continuation line %d does not start with a space", i)
			}
			l = l[1:]
		}
		joined.WriteString(l)
	}
	if joined.String() != long {
		t.Error("unfolding does not give the original line")
	}
	if got := foldICal("BEGIN:VEVENT"); got != "BEGIN:VEVENT\r\n" {
		t.Errorf("short line: %q", got)
	}
}

func TestWriteICal(t *testing.T) {
	due := time.Date(2027, 3, 1, 22, 59, 59, 0, time.UTC) // 1 March 23:59:59 in Amsterdam
	out := writeICal([]icalEvent{{Due: due, Summary: "Termijn verzoek: AVG-2027-001, inzage; test", URL: "https://pr.example/o/x/requests/1", Key: "k"}},
		time.Date(2027, 2, 1, 8, 0, 0, 0, time.UTC))
	for _, want := range []string{"BEGIN:VCALENDAR\r\n", "VERSION:2.0\r\n", "DTSTART;VALUE=DATE:20270301\r\n", "DTSTAMP:20270201T080000Z\r\n",
		`SUMMARY:Termijn verzoek: AVG-2027-001\, inzage\; test` + "\r\n", "URL:https://pr.example/o/x/requests/1\r\n", "END:VCALENDAR\r\n", "UID:"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Error("bare LF in the output")
	}
}

// TestICalTimedDeadline: a breach's 72 hours end at a moment, not a day.
// Discovered Saturday 24 October 2026 at 21:30 in Amsterdam (summer time),
// the AP deadline is Tuesday 27 October 2026 at 20:30 (winter time since
// the 25th): the feed gave it as an all-day date and lost the hour. Now it
// is a timed event in Europe/Amsterdam with alarms; a request's due date
// stays an all-day event.
func TestICalTimedDeadline(t *testing.T) {
	due := time.Date(2026, 10, 27, 19, 30, 0, 0, time.UTC) // 20:30 CET
	out := writeICal([]icalEvent{
		{Due: due, Timed: true, Summary: "Melden aan de AP: 2026-007", URL: "https://pr.example/o/x/incidents/7", Key: "i"},
		{Due: time.Date(2027, 3, 1, 22, 59, 59, 0, time.UTC), Summary: "Termijn verzoek", URL: "https://pr.example/o/x/requests/1", Key: "r"},
	}, time.Date(2026, 10, 25, 8, 0, 0, 0, time.UTC))
	for _, want := range []string{
		"BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n",
		"DTSTART;TZID=Europe/Amsterdam:20261027T203000\r\n",
		"BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT24H\r\n",
		"TRIGGER:-PT2H\r\n",
		"DTSTART;VALUE=DATE:20270301\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if n := strings.Count(out, "BEGIN:VALARM"); n != 2 {
		t.Errorf("%d alarms, want 2 (only the timed deadline has them)", n)
	}
}
