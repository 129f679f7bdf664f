package incident

import (
	"strings"

	"privacyregister/internal/i18n"
)

// labels are the English texts of the enum values, as the forms word them;
// the catalogue has them in Dutch.
var labels = map[string]string{
	"regime." + string(RegimeAVG):     "AVG (GDPR)",
	"regime." + string(RegimeTelecom): "Telecommunicatiewet",

	"role." + string(Controller): "controller",
	"role." + string(Processor):  "processor",

	"property." + string(Confidentiality): "confidentiality",
	"property." + string(Integrity):       "integrity",
	"property." + string(Availability):    "availability",

	"nature." + string(Reading):       "reading (confidentiality)",
	"nature." + string(Copying):       "copying",
	"nature." + string(Altering):      "altering (integrity)",
	"nature." + string(Deleting):      "deleting or destroying (availability)",
	"nature." + string(Theft):         "theft",
	"nature." + string(NatureUnknown): "not yet known",

	"data." + string(NameAddress):   "name, address and town",
	"data." + string(PhoneNumbers):  "phone numbers",
	"data." + string(EmailAddress):  "e-mail or other electronic addresses",
	"data." + string(AccessData):    "access or identification data (login name, password, customer number)",
	"data." + string(FinancialData): "financial data (account number, credit card number)",
	"data." + string(BSN):           "citizen service number (BSN) or sofinummer",
	"data." + string(IDCopies):      "copies of passports or other identity documents",
	"data." + string(SexBirthAge):   "sex, date of birth and/or age",
	"data." + string(SpecialData):   "special categories of personal data",
	"data." + string(OtherData):     "other data",

	"special." + string(RacialEthnic): "racial or ethnic origin",
	"special." + string(Political):    "political opinions",
	"special." + string(Religious):    "religious or philosophical beliefs",
	"special." + string(TradeUnion):   "trade-union membership",
	"special." + string(Genetic):      "genetic data",
	"special." + string(Biometric):    "biometric data for identification",
	"special." + string(Health):       "health",
	"special." + string(SexLife):      "sex life or sexual orientation",
	"special." + string(Criminal):     "criminal convictions and offences",

	"consequence." + string(Stigmatisation):   "stigmatisation or exclusion",
	"consequence." + string(HealthDamage):     "damage to health",
	"consequence." + string(Fraud):            "exposure to (identity) fraud",
	"consequence." + string(SpamPhishing):     "exposure to spam or phishing",
	"consequence." + string(OtherConsequence): "other consequences",

	"protection." + string(Protected):     "yes",
	"protection." + string(Unprotected):   "no",
	"protection." + string(PartProtected): "partly",

	"tri." + string(Yes):     "yes",
	"tri." + string(No):      "no",
	"tri." + string(Unknown): "not yet known",

	"informed." + string(InformedYes):     "yes",
	"informed." + string(InformedPlanned): "planned",
	"informed." + string(InformedNo):      "no",

	"measure." + string(Immediate):  "immediate",
	"measure." + string(Structural): "structural",

	"outcome." + string(SecurityIncident):           "security incident, no personal data breach",
	"outcome." + string(DocumentOnly):               "personal data breach, documented only",
	"outcome." + string(NotifyAuthority):            "notified to the AP",
	"outcome." + string(NotifyAuthorityAndSubjects): "notified to the AP and the people concerned",
	"outcome." + string(NotifyController):           "notified to the controller",

	"phase." + string(Discover):  "discover",
	"phase." + string(Inventory): "take stock",
	"phase." + string(Qualify):   "qualify",
	"phase." + string(Repair):    "repair",
	"phase." + string(Notify):    "notify",
	"phase." + string(Archive):   "archive",

	"state." + string(NotStarted): "not started",
	"state." + string(InProgress): "in progress",
	"state." + string(Done):       "done",
}

// Label returns the display text of an enum value of this package in lang.
func Label(lang string, v any) string {
	var prefix, s string
	switch x := v.(type) {
	case Regime:
		prefix, s = "regime.", string(x)
	case Role:
		prefix, s = "role.", string(x)
	case Property:
		prefix, s = "property.", string(x)
	case Nature:
		prefix, s = "nature.", string(x)
	case DataType:
		prefix, s = "data.", string(x)
	case Special:
		prefix, s = "special.", string(x)
	case Consequence:
		prefix, s = "consequence.", string(x)
	case Protection:
		prefix, s = "protection.", string(x)
	case TriState:
		prefix, s = "tri.", string(x)
	case Informed:
		prefix, s = "informed.", string(x)
	case MeasureKind:
		prefix, s = "measure.", string(x)
	case Outcome:
		prefix, s = "outcome.", string(x)
	case Phase:
		prefix, s = "phase.", string(x)
	case PhaseState:
		prefix, s = "state.", string(x)
	}
	return label(lang, prefix, s)
}

func label[T ~string](lang, prefix string, v T) string {
	s, ok := labels[prefix+string(v)]
	if !ok {
		return string(v)
	}
	return i18n.T(lang, s)
}

func labelList[T ~string](lang, prefix string, vs []T) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = label(lang, prefix, v)
	}
	return strings.Join(out, "; ")
}

// Texts translates a decision's reasons.
func (d Decision) Texts(lang string) []string {
	out := make([]string, len(d.Reasons))
	for i, r := range d.Reasons {
		out[i] = i18n.T(lang, r)
	}
	return out
}
