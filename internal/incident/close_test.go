package incident

import "testing"

// decided is the valid newsletter case with a recorded outcome.
func decided(o Outcome) Incident {
	inc := valid()
	inc.Description = "De nieuwsbrief ging naar 3000 abonnees met alle adressen zichtbaar."
	inc.Consequences = []Consequence{SpamPhishing}
	inc.Outcome = o
	return inc
}

var reasons = Closing{Reasons: []string{MsgDocument, MsgNotifyAP}}

func TestCheckCloseAcceptsRecordedDecisions(t *testing.T) {
	told := tp(now)
	for _, c := range []struct {
		name string
		inc  func() Incident
		c    Closing
	}{
		// Art. 33(1): notified to the AP; not a high risk, so the
		// people concerned need not be told (the reasons say why).
		{"notified to the AP", func() Incident { return decided(NotifyAuthority) }, reasons},
		// Art. 33(1) last part: unlikely to result in a risk, documented
		// (art. 33(5)) with the reasons and not notified.
		{"documented, not notifiable", func() Incident {
			inc := decided(DocumentOnly)
			inc.NotifiedAuthorityAt = nil
			return inc
		}, Closing{Reasons: []string{MsgDocument, MsgFewFactors}}},
		// Art. 34(1): high risk, the AP notified and the people told.
		{"AP notified and people informed", func() Incident {
			inc := decided(NotifyAuthorityAndSubjects)
			inc.SubjectsInformed, inc.SubjectsInformedAt = InformedYes, told
			return inc
		}, reasons},
		// Art. 33(2): the processor told its controller without undue
		// delay; the controller decides on the AP and the people.
		{"processor told the controller", func() Incident {
			inc := decided(NotifyController)
			inc.Role, inc.NotifiedAuthorityAt, inc.Measures, inc.Consequences = Processor, nil, nil, nil
			return inc
		}, Closing{Reasons: []string{MsgProcessor}, Controllers: []ControllerTold{{Name: "Gemeente Lochem", At: told}}}},
		// No personal data: a security incident, arts. 33/34 do not apply.
		{"security incident", func() Incident {
			inc := Incident{Title: "Phishingmail zonder klikken", Outcome: SecurityIncident}
			return inc
		}, Closing{Reasons: []string{MsgNoPersonalData}}},
	} {
		inc := c.inc()
		if err := inc.CheckClose(c.c); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

func TestCheckCloseRefusesMissingDecisions(t *testing.T) {
	for _, c := range []struct {
		name  string
		edit  func(*Incident, *Closing)
		field string
	}{
		{"no decision on arts. 33/34", func(i *Incident, c *Closing) { i.Outcome, c.Reasons = "", nil }, "outcome"},
		{"decision without reasons", func(i *Incident, c *Closing) { c.Reasons = nil }, "outcome"},
		// Art. 33(1): the decision is to notify, but nothing was sent.
		{"decided to notify, not notified", func(i *Incident, c *Closing) { i.NotifiedAuthorityAt = nil }, "notified_authority_at"},
		// Art. 34(1): high risk, the people concerned not (yet) told.
		{"high risk, people not informed", func(i *Incident, c *Closing) {
			i.Outcome, i.SubjectsInformed = NotifyAuthorityAndSubjects, InformedPlanned
		}, "subjects_informed"},
		// Art. 33(5): facts, effects and remedial action are documented,
		// notified or not.
		{"no facts", func(i *Incident, c *Closing) { i.Outcome, i.Description = DocumentOnly, " " }, "description"},
		{"no effects", func(i *Incident, c *Closing) { i.Outcome, i.Consequences = DocumentOnly, nil }, "consequences"},
		{"no remedial action", func(i *Incident, c *Closing) { i.Outcome, i.Measures = DocumentOnly, nil }, "measures"},
		// Art. 33(2): the processor has no controller on record, or one
		// not yet told.
		{"processor without controllers", func(i *Incident, c *Closing) { i.Role, i.Outcome = Processor, NotifyController }, "controller_name"},
		{"controller not told", func(i *Incident, c *Closing) {
			i.Role, i.Outcome = Processor, NotifyController
			c.Controllers = []ControllerTold{{Name: "Gemeente Lochem", At: tp(now)}, {Name: "Gemeente Zutphen"}}
		}, "controllers"},
	} {
		inc, cl := decided(NotifyAuthority), Closing{Reasons: reasons.Reasons}
		c.edit(&inc, &cl)
		if got := fields(inc.CheckClose(cl)); !got[c.field] || len(got) != 1 {
			t.Errorf("%s: errors at %v, want only %s", c.name, got, c.field)
		}
	}
}
