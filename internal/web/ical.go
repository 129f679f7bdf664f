package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"privacyregister/internal/i18n"
)

// icalFeed serves the user's dates as iCalendar (RFC 5545) at a secret
// address, for Outlook or Google Calendar. The server logs /ical/ paths
// redacted. An unknown or revoked token is a plain 404.
func (s *Server) icalFeed(w http.ResponseWriter, r *http.Request) {
	u, err := s.Store.CalendarFeedUser(r.Context(), r.PathValue("token"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ms, err := s.Store.Memberships(r.Context(), u.ID)
	if err != nil {
		s.Log.ErrorContext(r.Context(), "ical", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	base := s.baseURL(r)
	var events []icalEvent
	for _, m := range ms {
		o, err := s.Store.Org(r.Context(), m.OrgID)
		if err != nil {
			continue
		}
		c := &Ctx{User: u, Memberships: ms, Org: o, Role: m.Role, Lang: i18n.Supported(u.Lang)}
		items, err := s.dueItems(r, c)
		if err != nil {
			s.Log.ErrorContext(r.Context(), "ical", "org", o.Short, "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		for _, it := range items {
			events = append(events, icalEvent{Due: it.Due, Timed: it.Timed, Summary: c.T(it.Kind) + ": " + it.Title + " (" + o.Name + ")", URL: base + it.Link, Key: o.Short + "|" + it.Kind + "|" + it.Link})
		}
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(writeICal(events, s.Store.Now())))
}

type icalEvent struct {
	Due time.Time
	// Timed: the deadline falls at a moment (a breach's 72 hours), not at
	// the end of a day; such an event keeps its hour and carries alarms.
	Timed   bool
	Summary string
	URL     string
	Key     string // stable identity of the thing, for the UID
}

// writeICal renders a VCALENDAR: a day's deadline as an all-day event, a
// deadline at a moment as a timed event in Europe/Amsterdam with alarms a
// day and two hours before. The UID stays the same while the thing and its
// date do, so calendars update rather than duplicate.
func writeICal(events []icalEvent, now time.Time) string {
	var b strings.Builder
	line := func(s string) { b.WriteString(foldICal(s)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//privacyregister//privacyregister//NL")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:privacyregister")
	for _, l := range vtimezoneAmsterdam {
		line(l)
	}
	stamp := now.UTC().Format("20060102T150405Z")
	for _, e := range events {
		at := e.Due.In(Amsterdam)
		sum := sha256.Sum256([]byte(e.Key))
		line("BEGIN:VEVENT")
		line("UID:" + hex.EncodeToString(sum[:12]) + "@privacyregister")
		line("DTSTAMP:" + stamp)
		if e.Timed {
			line("DTSTART;TZID=Europe/Amsterdam:" + at.Format("20060102T150405"))
			line("DURATION:PT15M")
		} else {
			line("DTSTART;VALUE=DATE:" + at.Format("20060102"))
			line("DTEND;VALUE=DATE:" + at.AddDate(0, 0, 1).Format("20060102"))
		}
		line("SUMMARY:" + escapeICal(e.Summary))
		line("URL:" + e.URL)
		if e.Timed {
			for _, before := range []string{"-PT24H", "-PT2H"} {
				line("BEGIN:VALARM")
				line("ACTION:DISPLAY")
				line("TRIGGER:" + before)
				line("DESCRIPTION:" + escapeICal(e.Summary))
				line("END:VALARM")
			}
		}
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return b.String()
}

// vtimezoneAmsterdam defines the TZID of timed events (RFC 5545 3.6.5):
// CET, with summer time from the last Sunday of March to the last Sunday
// of October, as the EU has kept it since 1996.
var vtimezoneAmsterdam = []string{
	"BEGIN:VTIMEZONE", "TZID:Europe/Amsterdam",
	"BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19810329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
	"BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19961027T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
	"END:VTIMEZONE",
}

// escapeICal escapes a TEXT value (RFC 5545 3.3.11).
func escapeICal(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", "").Replace(s)
}

// foldICal ends a content line with CRLF, folding it into lines of at most
// 75 octets; continuation lines start with a space (RFC 5545 3.1). It never
// splits a UTF-8 character.
func foldICal(s string) string {
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && s[cut]&0xC0 == 0x80 { // inside a multi-byte character
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}
