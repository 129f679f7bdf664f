package contract

import (
	"strings"
	"unicode"
)

var (
	reBreachStrong = lazyCompile(`datalek|data ?breach|personal data breach|inbreuk in verband met persoonsgegevens|inbreuk op de beveiliging|beveiligingsinbreuk|beveiligingsincident|beveiligingslek|security incident|security breach|\binbreuk(?:en)?\b|\bbreach(?:es)?\b|meldplicht`)
	reBreachFalse  = lazyCompile(`inbreuk (?:maken|maakt|maakt op|op enig recht|op (?:de )?(?:intellectuele|rechten)|oplevert)|breach of (?:contract|this agreement|its obligations|the agreement|any)|in breach of|material breach|(?:intellectual property|confidentiality) breach`)
	reIncident     = lazyCompile(`\bincident(?:en|s)?\b|\binbreuk|\bbreach|\blek\b`)
	reDelay        = lazyCompile(`onverwijld|zonder onredelijke vertraging|zonder (?:enige )?vertraging|onmiddellijk|\bdirect\b|terstond|zo spoedig mogelijk|zo snel mogelijk|zo spoedig als mogelijk|without (?:undue )?delay|promptly|immediately|as soon as (?:reasonably )?(?:possible|practicable)|forthwith|\basap\b|\bz\.s\.m\b`)
	reDeadlinePrep = lazyCompile(`(?:binnen|uiterlijk|within|no later than|not later than|maximaal|niet later dan|ten laatste|at the latest|at most|in any event|in ieder geval|in elk geval|na maximaal|than)\s*(?:de |een |a |the )?(?:termijn van |period of |periode van )?$`)
	reSegmentCut   = lazyCompile(`,|;|\bzodat\b|\bso that\b|\bopdat\b|\bteneinde\b|\bin order\b|\bwaarna\b|\bwhereupon\b|\bwhich\b|\bom\b|\bto enable\b|\ballowing\b|\bwaardoor\b|\bzodoende\b|\(|\)`)
	reNotifyVerb   = lazyCompile(`inform|inlicht|ingelicht|kennis|meld|gemeld|op de hoogte|mededel|medegedeeld|bericht|notif|report|kennisgeving|informatie wordt|alert|tell`)
)

// isBreachSentence reports whether s is about a personal data breach.
func isBreachSentence(d *doc, s *sentence) bool {
	n := s.Norm
	if s.has(tBreach) && reBreachStrong.MatchString(n) && !reBreachFalse.MatchString(n) {
		return true
	}
	if !d.paraHas(s, tBreach) && !strings.Contains(s.Heading, "lek") && !strings.Contains(s.Heading, "breach") && !strings.Contains(s.Heading, "inbreuk") && !strings.Contains(s.Heading, "incident") && !strings.Contains(s.Heading, "meldplicht") {
		return false
	}
	if reIncident.MatchString(n) || reNotifyVerb.MatchString(n) {
		if (d.paraMatch(reBreachStrong, s) && !d.paraMatch(reBreachFalse, s)) || reBreachStrong.MatchString(s.Heading) {
			return true
		}
	}
	return false
}

// segmentAround returns the part of n between separators around byte i.
func segmentAround(n string, i, j int) string {
	a, b := 0, len(n)
	for _, m := range reSegmentCut.FindAllStringIndex(n, -1) {
		if m[1] <= i && m[1] > a {
			a = m[1]
		}
		if m[0] >= j && m[0] < b {
			b = m[0]
		}
	}
	return n[a:b]
}

// controllerNotifies reports a sentence in which the controller (not the
// processor) does the notifying, e.g. "De Verantwoordelijke meldt ... aan de AP".
func controllerNotifies(n string) bool {
	role, pos := firstRole(n)
	if role != "controller" || pos > 30 || reProc.MatchString(n) {
		return false
	}
	// the controller is the subject only when nothing but articles, clause
	// numbers and conjunctions stand before it: not in "melding aan
	// Verwerkingsverantwoordelijke" nor in "- Notify Controller within 48 hours"
	for _, w := range strings.Fields(n[:pos]) {
		if !subjectLead[strings.Trim(w, ".,;:()|-*")] && strings.ContainsFunc(w, unicode.IsLetter) {
			return false
		}
	}
	return !rePassive.MatchString(n)
}

var rePassive = lazyCompile(`\b(?:wordt|worden|is|zal|zullen|shall be|will be|must be|is to be)\b[^.]{0,60}(?:geïnformeerd|geinformeerd|ingelicht|op de hoogte gesteld|in kennis gesteld|informed|notified|medegedeeld)`)

func analyseBreach(d *doc, a *Analysis) {
	bn := &a.BreachNotification
	var best, sub *int
	var workday string
	unclear := false
	for i := range d.sents {
		s := &d.sents[i]
		if !s.has(tTime) || !isBreachSentence(d, s) {
			continue
		}
		n := s.Norm
		used := false
		authority := reAuthority.MatchString(n)
		hasSub := subMatch(n)
		ctrlNotifies := controllerNotifies(n) && d.leadInRole(s) != "processor"
		for _, du := range durations(n) {
			if !(du.Unit == "hour" || du.Unit == "day" || du.Unit == "week" || du.Unit == "workday") {
				continue
			}
			before := n[:du.Pos]
			if len(before) > 40 {
				before = before[len(before)-40:]
			}
			if !reDeadlinePrep.MatchString(strings.TrimRight(before, " ([")) {
				continue
			}
			if authority && reAuthority.MatchString(segmentAround(n, du.Pos, du.End)) {
				continue
			}
			// sub-processor -> processor when a sub-processor is named before the deadline
			if hasSub && subMatch(n[:du.Pos]) && subjectRoleBefore(n, du.Pos) == "sub" {
				if h, ok := du.hours(); ok && (sub == nil || h < *sub) {
					sub = ptr(h)
					a.SubprocessorEvidence = addEvidence(a.SubprocessorEvidence, d.evidence(s), 3)
				}
				continue
			}
			if ctrlNotifies {
				continue
			}
			h, ok := du.hours()
			if !ok {
				if workday == "" {
					workday = du.Text
				}
				used = true
				continue
			}
			if best == nil || h < *best {
				best = ptr(h)
			}
			used = true
		}
		if !used && unclearDeadline(n) && !ctrlNotifies && !authority && !hasSub {
			unclear = true
			bn.Evidence = addEvidence(bn.Evidence, d.evidence(s), 4)
		}
		if m := reDelay.FindStringIndex(n); m != nil {
			if !(authority && reAuthority.MatchString(segmentAround(n, m[0], m[1]))) && !ctrlNotifies && !(hasSub && subMatch(n[:m[0]]) && subjectRoleBefore(n, m[0]) == "sub") && (reNotifyVerb.MatchString(n) || reBreachStrong.MatchString(n)) {
				bn.WithoutDelay = true
				used = true
			}
		}
		if used {
			bn.Evidence = addEvidence(bn.Evidence, d.evidence(s), 4)
		}
	}
	bn.Hours = best
	if best == nil && workday != "" {
		bn.DeadlineText = ptr(workday)
	}
	if best == nil && workday == "" && unclear {
		// a deadline is stated but not in a form we read: say so, never guess
		a.Unclear = append(a.Unclear, "breach_hours")
	}
	a.SubprocessorNotificationHours = sub
}

var reDeadlineWord = lazyCompile(`\b(?:binnen|uiterlijk|within|no later than|not later than|ten laatste|maximaal|at the latest|in any event|in elk geval|in ieder geval)\b`)

// unclearDeadline reports a deadline phrase with a number or a term in it
// that durations did not read ("binnen vierentwintig klokuren").
func unclearDeadline(n string) bool {
	for _, m := range reDeadlineWord.FindAllStringIndex(n, -1) {
		end := m[1] + 40
		if end > len(n) {
			end = len(n)
		}
		for _, w := range strings.FieldsFunc(n[m[1]:end], func(r rune) bool { return r == ' ' || r == '(' || r == ')' || r == '[' || r == ']' || r == ',' }) {
			if w == "a" || w == "een" || w == "one" {
				continue
			}
			if _, ok := numberWords[w]; ok || w[0] >= '0' && w[0] <= '9' || strings.HasPrefix(w, "termijn") || strings.HasPrefix(w, "period") || strings.HasPrefix(w, "uur") || strings.HasPrefix(w, "hour") {
				return true
			}
		}
	}
	return false
}

var subjectLead = map[string]bool{"de": true, "het": true, "the": true, "een": true, "a": true, "indien": true, "als": true, "wanneer": true, "if": true, "when": true, "where": true, "nadat": true, "after": true, "zodra": true, "once": true, "in": true, "geval": true, "case": true, "dat": true, "that": true, "ook": true, "also": true}

// subjectRoleBefore returns the role ("sub", "processor", "controller") of
// the first role word in the clause before byte pos, going back clause by
// clause (clauses end at , ; : and brackets): in "dat de Hulpleverancier de
// Verwerker uiterlijk binnen 24 uur informeert" the sub-processor does the
// telling, in "nadat Verwerker door zijn subverwerker is geïnformeerd stelt
// Verwerker ..., uiterlijk binnen 36 uur" the processor does.
func subjectRoleBefore(n string, pos int) string {
	end := pos
	for end > 0 {
		start := strings.LastIndexAny(n[:end], ",;:()")
		seg := n[start+1 : end]
		// "... af dat de subverwerker de Verwerker ... informeert": the
		// subordinate clause has its own subject
		for _, c := range []string{" dat ", " that ", " waarbij ", " zodat "} {
			if k := strings.LastIndex(seg, c); k >= 0 {
				if role, _ := firstRole(seg[k:]); role != "" {
					seg = seg[k:]
				}
			}
		}
		if role, _ := firstRole(seg); role != "" {
			return role
		}
		if start < 0 {
			break
		}
		end = start
	}
	return ""
}
