package request

import "privacyregister/internal/i18n"

// Ground is a reason to refuse a request wholly or partly.
type Ground string

const (
	// ManifestlyUnfounded and Excessive (in particular repetitive)
	// requests may be refused or charged for (art. 12(5)); the
	// organisation must be able to show why.
	ManifestlyUnfounded Ground = "manifestly_unfounded"
	Excessive           Ground = "excessive"
	// IdentityNotEstablished: the organisation cannot identify the
	// requester (arts. 11(2), 12(2) and 12(6)).
	IdentityNotEstablished Ground = "identity_not_established"
	// UAVG41: an exception of art. 41 UAVG (after art. 23 AVG); name the
	// interest.
	UAVG41 Ground = "uavg41"
)

// Interest is an interest listed in art. 41(1) UAVG for which rights may be
// restricted where necessary and proportionate.
type Interest string

const (
	NationalSecurity    Interest = "a" // national security
	Defence             Interest = "b"
	PublicSecurity      Interest = "c"
	CriminalOffences    Interest = "d" // prevention, investigation, prosecution of criminal offences
	PublicInterest      Interest = "e" // other important public interests, economic, financial, public health, social security
	JudicialProceedings Interest = "f" // judicial independence and proceedings
	ProfessionalEthics  Interest = "g" // breaches of ethics in regulated professions
	Supervision         Interest = "h" // monitoring, inspection, regulation for c, d, e, g
	OthersRights        Interest = "i" // protection of the data subject or the rights and freedoms of others
	CivilClaims         Interest = "j" // enforcement of civil-law claims
)

// Interests in the order of art. 41(1) UAVG.
var Interests = []Interest{NationalSecurity, Defence, PublicSecurity, CriminalOffences, PublicInterest, JudicialProceedings, ProfessionalEthics, Supervision, OthersRights, CivilClaims}

// Refusal records why a request was (partly) not granted.
type Refusal struct {
	Ground      Ground
	Interest    Interest // with UAVG41
	Explanation string   // the reasoning shown to the requester
}

// ComplaintInfo is the text art. 12(4) requires when the organisation does
// not act on a request: the reasons are given separately; this says where
// the person can go. A decision of a public authority (bestuursorgaan) is a
// decision under the Awb (art. 34 UAVG), open to objection; anyone else's
// can be put to the district court by petition within six weeks (art. 35
// UAVG).
func ComplaintInfo(lang string, publicAuthority bool) string {
	s := i18n.T(lang, "If you do not agree with this decision, you can lodge a complaint with the Autoriteit Persoonsgegevens (www.autoriteitpersoonsgegevens.nl).")
	if publicAuthority {
		return s + " " + i18n.T(lang, "You can also object to this decision under the General Administrative Law Act (Awb) within six weeks, and then appeal to the court.")
	}
	return s + " " + i18n.T(lang, "You can also ask the district court to order us to grant your request; file the petition within six weeks of receiving this answer (art. 35 UAVG).")
}
