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
