package contract

import (
	"fmt"
	"slices"
	"strings"
)

var (
	reOwnPurpose   = lazyCompile(`\b(?:mag|mogen|kan|is gerechtigd|is bevoegd|is toegestaan|behoudt zich (?:het recht )?voor|may|is entitled|is permitted|reserves the right|will use|zal .{0,40}gebruiken|can|use|uses|gebruikt)\b.{0,120}(?:eigen doeleinden|eigen doel|eigen nut|kwaliteitsdoeleinden|kwaliteit van (?:haar|zijn|de) (?:dienst|product)|statistisch|wetenschappelijk|marketing|productontwikkeling|verbetering van (?:haar|zijn|de|onze) (?:diensten|producten|dienstverlening)|own purposes|its own purposes|improv\w* (?:its|our|the) (?:services|products|service|product)|product development|analytics|benchmark|research|commercial purposes|reclamedoeleinden|advertis)`)
	reAnon         = lazyCompile(`geanonimiseerd|anoniem|anonymi[sz]ed|anonymous|geaggregeerd|aggregated`)
	reUnilateral   = lazyCompile(`\b(?:is gerechtigd|mag|kan|behoudt zich (?:het recht )?voor|is bevoegd|may|reserves the right|is entitled|can)\b.{0,80}(?:wijzig|herzien|aanpass|aan te passen|amend|modify|change|update|revise)`)
	reAgreementObj = lazyCompile(`overeenkomst|voorwaarden|agreement|\bterms\b|\bdpa\b|addendum|deze bepalingen|this document`)
	reMutual       = lazyCompile(`onderling overleg|gezamenlijk|beide partijen|both parties|mutual|schriftelijk overeengekomen|with the (?:prior )?(?:written )?consent|met (?:voorafgaande )?(?:schriftelijke )?toestemming|in overleg|agreed in writing|signed by`)
	reWeProc       = lazyCompile(`^(?:we|wij)\b`)
)

func analyseFlags(d *doc, a *Analysis) {
	warn := func(flag, msg string, ev *Evidence) {
		for _, f := range a.Flags {
			if f == flag {
				return
			}
		}
		a.Flags = append(a.Flags, flag)
		w := Warning{Flag: flag, Message: msg}
		if ev != nil {
			w.Clause = ev.Clause
		}
		a.Warnings = append(a.Warnings, w)
	}
	// the processor's own name as the subject: "Brightdesk may update this DPA"
	procName := ""
	if a.Parties.Processor != nil {
		if f := strings.Fields(normalize(*a.Parties.Processor)); len(f) > 0 && len(f[0]) >= 3 {
			procName = f[0]
		}
	}
	for i := range d.sents {
		s := &d.sents[i]
		n := s.Norm
		if !s.has(tOwn | tChange) {
			continue
		}
		role, _ := firstRole(n)
		procSubject := role == "processor" || reWeProc.MatchString(n) || procName != "" && nameFirst(n, procName)
		// anonymised data as such is no personal data; making anonymised or
		// aggregated analyses out of the personal data is an own purpose
		anonOnly := reAnon.MatchString(n) && !rePersonalData.MatchString(n)
		if m := reOwnExcept.FindStringSubmatch(n); m != nil && reOwnExceptTail.MatchString(m[1]) {
			// "verwerkt geen gegevens voor eigen doeleinden, behoudens ...
			// kwaliteitsbewaking": the exception is an own purpose
			ev := d.evidence(s)
			a.Evidence["processor_own_purposes"] = addEvidence(a.Evidence["processor_own_purposes"], ev, 3)
			warn(FlagOwnPurposes, "The processor may use the personal data for purposes of its own.", &ev)
		}
		if m := reOwnUse.FindStringIndex(n); m != nil && !reNegation.MatchString(n[:m[1]]) && !reNegAfter.MatchString(n[m[1]:]) && !anonOnly {
			// "the use of information derived from Personal Data by the
			// Processor for improvement of its services", "train machine
			// learning models": an own purpose whoever is the subject
			ev := d.evidence(s)
			a.Evidence["processor_own_purposes"] = addEvidence(a.Evidence["processor_own_purposes"], ev, 3)
			warn(FlagOwnPurposes, "The processor may use the personal data for purposes of its own.", &ev)
		}
		if procSubject && s.has(tOwn) && reOwnPurpose.MatchString(n) && !anonOnly {
			m := reOwnPurpose.FindStringIndex(n)
			if !reNegation.MatchString(n[:m[1]]) && !reNegAfter.MatchString(n[m[1]:]) {
				ev := d.evidence(s)
				a.Evidence["processor_own_purposes"] = addEvidence(a.Evidence["processor_own_purposes"], ev, 3)
				warn(FlagOwnPurposes, "The processor may use the personal data for purposes of its own.", &ev)
			}
		}
		if procSubject && s.has(tChange) && reUnilateral.MatchString(n) && reAgreementObj.MatchString(n) && !reMutual.MatchString(n) {
			m := reUnilateral.FindStringIndex(n)
			if !reNegation.MatchString(n[:m[1]]) && !reMeasures.MatchString(n) && !reChangeService.MatchString(n[m[1]:]) {
				ev := d.evidence(s)
				a.Evidence["unilateral_changes"] = addEvidence(a.Evidence["unilateral_changes"], ev, 3)
				warn(FlagUnilateral, "The processor may change the agreement on its own.", &ev)
			}
		}
	}
	for i := range d.sents {
		// "Wijzigingen aan deze DPA worden 30 dagen vooraf gecommuniceerd":
		// changes announced, not agreed, are the processor's own
		s := &d.sents[i]
		if s.has(tChange) && reChangeAnnounced.MatchString(s.Norm) && !reMutual.MatchString(s.Norm) && !reNegation.MatchString(s.Norm) {
			ev := d.evidence(s)
			a.Evidence["unilateral_changes"] = addEvidence(a.Evidence["unilateral_changes"], ev, 3)
			warn(FlagUnilateral, "The processor may change the agreement on its own.", &ev)
			break
		}
	}
	bn := a.BreachNotification
	if bn.Hours != nil && *bn.Hours > 72 {
		warn(FlagOver72h, fmt.Sprintf("The processor may take more than 72 hours (%d) to report a data breach.", *bn.Hours), firstEv(bn.Evidence))
		a.Warnings[len(a.Warnings)-1].Message = "The processor may take more than 72 hours to report a data breach."
	} else if bn.Hours == nil && !bn.WithoutDelay && !slices.Contains(a.Unclear, "breach_hours") {
		warn(FlagOver72h, "The agreement sets no deadline for reporting a data breach to you.", nil)
	}
	if !a.Audit.Right && !slices.Contains(a.Unclear, "audit_right") {
		warn(FlagNoAudit, "You have no right to audit the processor.", firstEv(a.Audit.Evidence))
	}
	if a.DataLocation == LocOutsideAllowed {
		warn(FlagOutsideEEA, "Personal data may go outside the EEA without your consent.", firstEv(a.Evidence["data_location"]))
	}
	if a.Law == "wbp" || wbpMentioned(d) != nil {
		warn(FlagWbp, "The agreement still refers to the Wbp, which was replaced by the GDPR (AVG) on 25 May 2018.", wbpMentioned(d))
	}
	if a.LiabilityCapEUR != nil && *a.LiabilityCapEUR < 100000 {
		warn(FlagLowCap, "The processor's liability is capped below EUR 100,000.", firstEv(a.Evidence["liability"]))
	}
	for _, l := range Art28Letters {
		if !a.Art28[l].Present {
			warn(FlagMissingArt28, "One or more elements required by article 28(3) GDPR are missing.", nil)
			break
		}
	}
}

func firstEv(list []Evidence) *Evidence {
	if len(list) == 0 {
		return nil
	}
	return &list[0]
}

// wbpMentioned returns the first sentence that names the Wbp as law in
// force (not as the law before 25 May 2018).
func wbpMentioned(d *doc) *Evidence {
	for i := range d.sents {
		s := &d.sents[i]
		if s.has(tWbp) && reWbpMention.MatchString(s.Norm) && !reTransitional.MatchString(s.Norm) {
			ev := d.evidence(s)
			return &ev
		}
	}
	return nil
}

var (
	reMeasures        = lazyCompile(`maatregelen|measures`)
	reChangeAnnounced = lazyCompile(`\b(?:wijzigingen?|aanpassingen?|changes?|amendments?|updates?)\s+(?:aan|van|in|op|to|of)\s+(?:deze|dit|de|het|this|the)\s+(?:dpa|overeenkomst|verwerkersovereenkomst|agreement|addendum|voorwaarden|terms)\b.{0,60}?\b(?:worden|wordt|will be|are|shall be)\s+(?:\S+\s+){0,7}?(?:gecommuniceerd|aangekondigd|meegedeeld|medegedeeld|bekendgemaakt|gepubliceerd|communicated|notified|announced|posted|published)\b`)
	// "may implement changes in the Services": the service changes, not
	// the agreement
	reChangeService = lazyCompile(`^\w*\s+(?:\w+\s+){0,3}?(?:in|to|of|aan|van|op)\s+(?:the\s+|de\s+|het\s+|its\s+|our\s+|onze\s+|zijn\s+|haar\s+)?(?:services?|diensten?|dienstverlening|platform|software|products?|producten|functionaliteit|features?|applicatie|application)\b`)
	// a use that the rest of the sentence rules out: "voorwaarden die het
	// gebruik voor het trainen van modellen uitsluiten", "... is prohibited"
	// an own purpose ruled out, then let in again by an exception
	reOwnExcept     = lazyCompile(`\b(?:geen|niet|not|no)\b.{0,80}\b(?:eigen doel\w*|own purposes?)\b.{0,20}?\b(?:behoudens|tenzij|behalve|met uitzondering van|except|other than|save for|apart from)\b(.{0,240})`)
	reOwnExceptTail = lazyCompile(`kwaliteit|verbeter|analyse|statisti|productontwikkel|improv|analytics|product development|benchmark|research|onderzoek`)
	reNegAfter      = lazyCompile(`\b(?:uitsluiten|uitsluit|uitgesloten|verboden|verbieden|verbiedt|niet (?:is )?toegestaan|excluded|excludes?|prohibited|prohibits?|not (?:be )?permitted|forbidden)\b`)
	reOwnUse        = lazyCompile(`\buse of (?:\w+\s+){0,3}(?:information|data)\b.{0,120}(?:improv|optimi[sz]|development of (?:the |its )?(?:service|product))|\btrain\w*\s+(?:\w+\s+){0,3}models?\b|\bmodel training\b|\btrainen van (?:\w+\s+){0,2}modellen`)
	rePersonalData  = lazyCompile(`persoonsgegevens|personal data|customer data|klantgegevens|personal information`)
)

// nameFirst reports name as the first word of n after a clause number.
func nameFirst(n, name string) bool {
	n = strings.TrimLeft(n, "0123456789.() -")
	return strings.HasPrefix(n, name)
}
