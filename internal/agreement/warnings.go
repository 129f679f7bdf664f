package agreement

import (
	"strings"
	"time"

	"privacyregister/internal/contract"
	"privacyregister/internal/country"
	"privacyregister/internal/incident"
)

// Warning is a problem computed from an agreement's terms. Msg is an
// English message id (translated by the caller) that gives the reason;
// Args fill its verbs.
type Warning struct {
	Code   string `json:"code"`
	Msg    string `json:"message"`
	Args   []any  `json:"args,omitempty"`
	Clause string `json:"clause,omitempty"`
}

// Warning codes beyond the flags of the reference.
const (
	WarnSubOutsideEEA     = "subprocessor_outside_eea_without_safeguard"
	WarnCertExpired       = "certification_expired"
	WarnEndedWhileRunning = "ended_while_activity_runs"
	WarnNoAgreement       = "activity_without_agreement"
)

// LowCapEUR is the liability cap below which an agreement is flagged.
const LowCapEUR = 100_000

// Activity is what the warnings need to know of a linked register activity.
type Activity struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Running bool   `json:"running"` // not retired
}

func clauseOf(ev []contract.Evidence) string {
	for _, e := range ev {
		if e.Clause != nil {
			return *e.Clause
		}
	}
	return ""
}

// Warnings computes the warnings of an agreement, its party (may be nil) and
// the activities linked to it, at time now.
func Warnings(a *Agreement, p *Party, linked []Activity, now time.Time) []Warning {
	var out []Warning
	add := func(code, msg, clause string, args ...any) {
		out = append(out, Warning{Code: code, Msg: msg, Args: args, Clause: clause})
	}
	t := a.Terms
	// Only an agreement where someone processes for us (or we for them)
	// has processor terms to judge; an ended or unneeded one still gets
	// the activity check below.
	bn := t.BreachNotification
	switch {
	case bn.Hours != nil && *bn.Hours > incident.AuthorityHours:
		add(contract.FlagOver72h, "The processor need report a breach to you only within %d hours. Your 72 hours for the AP start when the processor informs you (EDPB 9/2022), so the breach can reach the AP days after it began, while art. 33(2) wants the processor to tell you without undue delay: agree on a shorter period (24 to 48 hours is usual).", clauseOf(bn.Evidence), *bn.Hours)
	case bn.Hours == nil && !bn.WithoutDelay:
		add(contract.FlagOver72h, "The agreement sets no deadline for reporting a breach to you, so the 72 hours for notifying the AP cannot be guaranteed.", clauseOf(bn.Evidence))
	}
	for _, s := range t.Subprocessors.Named {
		if s.Country == nil || *s.Country == "" {
			continue
		}
		st := country.StandingOf(*s.Country)
		if !st.NeedsSafeguard() || strings.TrimSpace(s.Safeguard) != "" {
			continue
		}
		if st.Partial {
			add(WarnSubOutsideEEA, "Sub-processor %s processes in %s, whose adequacy decision covers only some recipients (%s); record how this one is covered (such as its DPF certification) or another safeguard.", "", s.Name, st.Code, st.Note)
		} else {
			add(WarnSubOutsideEEA, "Sub-processor %s processes in %s, outside the EEA without an adequacy decision, and no transfer safeguard (SCC, BCR, DPF) is recorded.", "", s.Name, st.Code)
		}
	}
	if t.HasFlag(contract.FlagOutsideEEA) || t.DataLocation == contract.LocOutsideAllowed {
		add(contract.FlagOutsideEEA, "Data may be transferred outside the EEA without your consent.", "")
	}
	var missing []string
	for _, l := range contract.Art28Letters {
		if e, ok := t.Art28[l]; !ok || !e.Present {
			missing = append(missing, l)
		}
	}
	if len(missing) > 0 && a.OurRole != RoleJointController {
		add(contract.FlagMissingArt28, "Art. 28(3) elements missing: %s.", "", strings.Join(missing, ", "))
	}
	if a.Type == TypeWbp || t.Law == "wbp" || t.HasFlag(contract.FlagWbp) {
		add(contract.FlagWbp, "The agreement still rests on the Wbp, replaced by the AVG on 25 May 2018; renew it.", "")
	}
	if t.HasFlag(contract.FlagOwnPurposes) {
		add(contract.FlagOwnPurposes, "The processor may use the data for purposes of its own; for that use it is a controller (art. 28(10)).", "")
	}
	if t.HasFlag(contract.FlagUnilateral) {
		if d := t.UnilateralChangeNoticeDays; d != nil {
			add(contract.FlagUnilateral, "The processor may change the agreement on its own, with %d days' notice.", "", *d)
		} else {
			add(contract.FlagUnilateral, "The processor may change the agreement on its own.", "")
		}
	}
	if !t.Audit.Right {
		add(contract.FlagNoAudit, "You have no right to audit the processor, only to receive information.", clauseOf(t.Audit.Evidence))
	}
	if c := t.LiabilityCapEUR; c != nil && *c < LowCapEUR {
		add(contract.FlagLowCap, "Liability is capped at EUR %.0f, below EUR 100,000.", "", *c)
	}
	if p != nil {
		for _, c := range p.Certifications {
			if c.Expires != nil && c.Expires.Before(now) {
				add(WarnCertExpired, "The certificate or report %s of %s expired on %s.", "", c.Name, p.Name, c.Expires.Format("2006-01-02"))
			}
		}
	}
	if a.Ended(now) {
		for _, act := range linked {
			if act.Running {
				add(WarnEndedWhileRunning, "The agreement has ended but the activity %s still runs.", "", act.Name)
			}
		}
	}
	return out
}

// Ended reports whether the agreement is over at now.
func (a *Agreement) Ended(now time.Time) bool {
	return a.Status == StatusEnded || (a.EndsOn != nil && a.EndsOn.Before(now))
}

// Effective reports whether the agreement binds at now (signed, not ended).
func (a *Agreement) Effective(now time.Time) bool {
	return a.Status == StatusSigned && !a.Ended(now)
}

// ActivityWarning is the warning for a register activity that names a
// processor without any linked agreement.
func ActivityWarning(activityName, processor string) Warning {
	return Warning{Code: WarnNoAgreement, Msg: "The activity %s uses the processor %s but no processor agreement is linked to it.", Args: []any{activityName, processor}}
}
