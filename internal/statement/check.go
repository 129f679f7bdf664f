package statement

import (
	"strconv"

	"privacyregister/internal/country"
	"privacyregister/internal/register"
)

// Controller is who the statement names as responsible (art. 13(1)(a)
// and (b)).
type Controller struct {
	Name, Address, Contact      string // Contact: the public e-mail address or telephone number
	DPOName, DPOEmail, DPOPhone string
}

// Entry is one processing activity as the public sees it.
type Entry struct {
	ActivityID int64
	Activity   string
	Purpose    string // in plain language, as the privacy officer wrote it
	Bases      []register.LawfulBasis
	Data       []string // categories of personal data
	Recipients []string // recipients and processors
	Transfers  []register.Transfer
	// LeavesEEA is the register's answer that data leave the EEA, whether
	// or not it names where to.
	LeavesEEA bool
	Retention string
}

// Statement is what is checked: the controller, the shown activities,
// the rights listed and whether the complaint to the AP is stated.
type Statement struct {
	Controller Controller
	Entries    []Entry
	Rights     []string
	Complaint  bool
}

// Gap is something arts. 13/14 require that the statement does not say.
// Key is stable across checks, so an acceptance stays with its gap.
type Gap struct {
	Key        string
	Article    string // "13(1)(a)"
	ActivityID int64  // 0 for the statement as a whole
	Activity   string
	Msg        string // an English message id; the web layer translates it
}

// The messages of the gaps (message ids of the catalogue).
const (
	MsgController = "The name of the organisation is missing."
	MsgContact    = "The controller's contact details (address, e-mail or telephone) are missing."
	MsgDPO        = "The contact details of the data protection officer are missing (if you have none, accept this with that reason)."
	MsgNoActivity = "The statement shows no processing activity."
	MsgPurpose    = "The purpose is missing."
	MsgBasis      = "The lawful basis is missing."
	MsgData       = "The categories of personal data are missing (needed where data are not obtained from the person)."
	MsgRecipients = "No recipients are named (if there are none, accept this with that reason)."
	MsgTransfer   = "A transfer outside the EEA has no safeguard."
	MsgTransferTo = "The register says data leave the EEA but names no country."
	MsgRetention  = "The retention period is missing."
	MsgRights     = "The rights of the data subject are missing."
	MsgComplaint  = "The right to complain to the Autoriteit Persoonsgegevens is missing."
)

// Messages are every message a gap can carry (for the catalogue test).
var Messages = []string{MsgController, MsgContact, MsgDPO, MsgNoActivity, MsgPurpose, MsgBasis, MsgData,
	MsgRecipients, MsgTransfer, MsgTransferTo, MsgRetention, MsgRights, MsgComplaint}

// Check lists what arts. 13 and 14 require and st does not say, in the
// order of the articles per activity. Placeholders ("proc.", "nvt", "n.b.",
// "?") count as missing.
func Check(st Statement) []Gap {
	var gaps []Gap
	add := func(key, art string, e *Entry, msg string) {
		g := Gap{Key: key, Article: art, Msg: msg}
		if e != nil {
			g.Key += ":" + strconv.FormatInt(e.ActivityID, 10)
			g.ActivityID, g.Activity = e.ActivityID, e.Activity
		}
		gaps = append(gaps, g)
	}
	c := st.Controller
	if IsPlaceholder(c.Name) {
		add("controller", "13(1)(a)", nil, MsgController)
	}
	if IsPlaceholder(c.Address) && IsPlaceholder(c.Contact) {
		add("contact", "13(1)(a)", nil, MsgContact)
	}
	if IsPlaceholder(c.DPOEmail) && IsPlaceholder(c.DPOPhone) {
		add("dpo", "13(1)(b)", nil, MsgDPO)
	}
	if len(st.Entries) == 0 {
		add("activities", "13(1)(c)", nil, MsgNoActivity)
	}
	for i := range st.Entries {
		e := &st.Entries[i]
		if IsPlaceholder(e.Purpose) {
			add("purpose", "13(1)(c)", e, MsgPurpose)
		}
		if len(e.Bases) == 0 {
			add("basis", "13(1)(c)", e, MsgBasis)
		}
		if len(Filled(e.Data)) == 0 {
			add("data", "14(1)(d)", e, MsgData)
		}
		if len(Filled(e.Recipients)) == 0 {
			add("recipients", "13(1)(e)", e, MsgRecipients)
		}
		if e.LeavesEEA && len(e.Transfers) == 0 {
			add("transfer-country", "13(1)(f)", e, MsgTransferTo)
		}
		for _, t := range e.Transfers {
			if needsSafeguard(t) && IsPlaceholder(t.Safeguard) {
				add("transfer", "13(1)(f)", e, MsgTransfer)
				break
			}
		}
		if IsPlaceholder(e.Retention) {
			add("retention", "13(2)(a)", e, MsgRetention)
		}
	}
	if len(Filled(st.Rights)) == 0 {
		add("rights", "13(2)(b)", nil, MsgRights)
	}
	if !st.Complaint {
		add("complaint", "13(2)(d)", nil, MsgComplaint)
	}
	return gaps
}

// needsSafeguard: a transfer to a third country, or to a country adequate
// only in part, needs its art. 46 safeguard stated; within the EEA or
// to a fully adequate country it needs none.
func needsSafeguard(t register.Transfer) bool {
	if c, ok := country.Lookup(t.Country); ok {
		return c.NeedsSafeguard()
	}
	return t.Class != country.EEA && t.Class != country.Adequate
}

// Open returns the gaps that are not accepted.
func Open(gaps []Gap, accepted map[string]bool) []Gap {
	var out []Gap
	for _, g := range gaps {
		if !accepted[g.Key] {
			out = append(out, g)
		}
	}
	return out
}
