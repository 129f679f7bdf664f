package contract

import (
	"strings"
)

var (
	reBreachStrong = lazyCompile(`datalek|data ?breach|personal data breach|inbreuk in verband met persoonsgegevens|inbreuk op de beveiliging|beveiligingsinbreuk|beveiligingsincident|beveiligingslek|security incident|security breach|\binbreuk(?:en)?\b|\bbreach(?:es)?\b|meldplicht`)
	reBreachFalse  = lazyCompile(`inbreuk (?:maken|maakt|maakt op|op enig recht|op (?:de )?(?:intellectuele|rechten)|oplevert)|breach of (?:contract|this agreement|its obligations|the agreement|any)|in breach of|material breach|(?:intellectual property|confidentiality) breach`)
	reIncident     = lazyCompile(`\bincident(?:en|s)?\b|\binbreuk|\bbreach|\blek\b`)
	reDelay        = lazyCompile(`onverwijld|zonder onredelijke vertraging|zonder (?:enige )?vertraging|onmiddellijk|\bdirect\b|terstond|zo spoedig mogelijk|zo snel mogelijk|zo spoedig als mogelijk|without (?:undue )?delay|promptly|immediately|as soon as (?:reasonably )?(?:possible|practicable)|forthwith|\basap\b|\bz\.s\.m\b`)
	reDeadlinePrep = lazyCompile(`(?:binnen|uiterlijk|within|no later than|not later than|maximaal|niet later dan|ten laatste|at the latest|at most|in any event|in ieder geval|in elk geval|na maximaal|than)\s*(?:de |een |a |the )?(?:termijn van |period of |periode van )?$`)
	reSegmentCut   = lazyCompile(`,|;|\bzodat\b|\bso that\b|\bopdat\b|\bteneinde\b|\bin order\b|\bwaarna\b|\bwhereupon\b|\bwhich\b|\bom\b|\bto enable\b|\ballowing\b|\bwaardoor\b|\bzodoende\b|\(|\)`)
	reNotifyVerb   = lazyCompile(`inform|kennis|meld|gemeld|op de hoogte|mededel|medegedeeld|bericht|notif|report|kennisgeving|informatie wordt|alert|tell`)
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
	return !rePassive.MatchString(n)
}

var rePassive = lazyCompile(`\b(?:wordt|worden|is|zal|zullen|shall be|will be|must be|is to be)\b[^.]{0,60}(?:geïnformeerd|geinformeerd|ingelicht|op de hoogte gesteld|in kennis gesteld|informed|notified|medegedeeld)`)

func analyseBreach(d *doc, a *Analysis) {
	bn := &a.BreachNotification
	var best, sub *int
	var workday string
	for i := range d.sents {
		s := &d.sents[i]
		if !s.has(tTime) || !isBreachSentence(d, s) {
			continue
		}
		n := s.Norm
		used := false
		authority := reAuthority.MatchString(n)
		hasSub := subMatch(n)
		ctrlNotifies := controllerNotifies(n)
		for _, du := range durations(n) {
			if !(du.Unit == "hour" || du.Unit == "day" || du.Unit == "week" || du.Unit == "workday") {
				continue
			}
			before := n[:du.Pos]
			if len(before) > 40 {
				before = before[len(before)-40:]
			}
			if !reDeadlinePrep.MatchString(strings.TrimRight(before, " (")) && !reDeadlinePrep.MatchString(strings.TrimRight(strings.TrimSuffix(strings.TrimSpace(before), "("), " ")) {
				continue
			}
			if authority && reAuthority.MatchString(segmentAround(n, du.Pos, du.End)) {
				continue
			}
			// sub-processor -> processor when a sub-processor is named before the deadline
			if hasSub && subMatch(n[:du.Pos]) {
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
		if m := reDelay.FindStringIndex(n); m != nil {
			if !(authority && reAuthority.MatchString(segmentAround(n, m[0], m[1]))) && !ctrlNotifies && !(hasSub && subMatch(n[:m[0]])) && (reNotifyVerb.MatchString(n) || reBreachStrong.MatchString(n)) {
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
	a.SubprocessorNotificationHours = sub
}
