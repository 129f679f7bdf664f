package register

import "privacyregister/internal/country"

// ExemptionThreshold is the head count from which art. 30(5) never exempts.
const ExemptionThreshold = 250

// ExemptionResult is the answer to "must we keep a register?" under
// art. 30(5). Reasons are English message ids (translated via i18n) with
// the activities each one is about.
type ExemptionResult struct {
	// MayApply is true only when nothing rules the exemption out. Even then
	// it is "may": the organisation must still judge the risk itself.
	MayApply bool              `json:"may_apply"`
	Reasons  []ExemptionReason `json:"reasons"`
}

// ExemptionReason is one ground that rules the exemption out.
type ExemptionReason struct {
	Msg        string   `json:"msg"`
	Args       []any    `json:"args,omitempty"`
	Activities []string `json:"activities,omitempty"` // names
}

// Exemption messages (English message ids).
const (
	MsgTooManyEmployees = "The organisation has %d employees; the exemption is only for fewer than 250."
	MsgNotOccasional    = "%d processing activities are not occasional."
	MsgLikelyRisk       = "%d processing activities are likely to result in a risk (a DPIA needed or still to be assessed, BSN, financial data or log-in data, or a transfer outside the EEA)."
	MsgSpecialData      = "%d processing activities include special categories of data (art. 9)."
	MsgCriminalData     = "%d processing activities include criminal-law data (art. 10)."
	MsgMayBeExempt      = "The exemption of art. 30(5) may apply: fewer than 250 employees, and only occasional processing without likely risk and without special or criminal-law data."
	MsgNotExempt        = "The exemption of art. 30(5) does not apply: keep the register."
)

// Exemption applies art. 30(5): an organisation with fewer than 250
// employees need not keep a register, unless its processing is likely to
// result in a risk, is not occasional, or includes art. 9 or art. 10 data.
// Any one of those is enough to require the register. Retired activities
// are left out: they are no longer carried out.
func Exemption(activities []Activity, employees int) ExemptionResult {
	var r ExemptionResult
	if employees >= ExemptionThreshold {
		r.Reasons = append(r.Reasons, ExemptionReason{Msg: MsgTooManyEmployees, Args: []any{employees}})
	}
	var regular, risky, special, criminal []string
	for _, a := range activities {
		if a.Status == StatusRetired {
			continue
		}
		if !a.Occasional {
			regular = append(regular, a.Name)
		}
		if a.LikelyRisk() {
			risky = append(risky, a.Name)
		}
		if a.HasKind(KindSpecial) {
			special = append(special, a.Name)
		}
		if a.HasKind(KindCriminal) {
			criminal = append(criminal, a.Name)
		}
	}
	for _, g := range []struct {
		msg   string
		names []string
	}{{MsgNotOccasional, regular}, {MsgLikelyRisk, risky}, {MsgSpecialData, special}, {MsgCriminalData, criminal}} {
		if len(g.names) > 0 {
			r.Reasons = append(r.Reasons, ExemptionReason{Msg: g.msg, Args: []any{len(g.names)}, Activities: g.names})
		}
	}
	r.MayApply = len(r.Reasons) == 0
	return r
}

// LikelyRisk reports whether the activity is likely to result in a risk in
// the sense of art. 30(5): a risk, not only the high risk of a DPIA. Besides
// a DPIA needed or not yet assessed, data whose misuse leads to fraud
// (BSN, financial data, log-in data) and transfers outside the EEA count.
// Art. 9 and 10 data are a ground of their own.
func (a Activity) LikelyRisk() bool {
	if a.DPIANeeded == DPIAYes || a.DPIANeeded == DPIAToAssess {
		return true
	}
	if a.HasKind(KindBSN) || a.HasKind(KindFinancial) || a.HasKind(KindCredentials) {
		return true
	}
	for _, t := range a.Transfers {
		if country.Classify(t.Country) != country.EEA {
			return true
		}
	}
	return false
}

// Summary is the one-line conclusion (an English message id).
func (r ExemptionResult) Summary() string {
	if r.MayApply {
		return MsgMayBeExempt
	}
	return MsgNotExempt
}
