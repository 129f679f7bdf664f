package incident

import (
	"errors"
	"slices"
	"testing"

	"privacyregister/internal/apperr"
)

func TestAssessLegalExamples(t *testing.T) {
	for _, c := range []struct {
		name   string
		a      Assessment
		want   Outcome
		public bool
		reason string // a reason the decision must give
	}{
		{
			name:   "no personal data (a defaced web page without any personal data): security incident only",
			a:      Assessment{PersonalData: false, Integrity: true},
			want:   SecurityIncident,
			reason: MsgNoPersonalData,
		},
		{
			name:   "phishing mail caught by the filter, nothing opened: no breach of confidentiality, integrity or availability",
			a:      Assessment{PersonalData: true},
			want:   SecurityIncident,
			reason: MsgNoBreach,
		},
		{
			name: "encrypted laptop lost (state-of-the-art encryption, key not compromised, backup): document only, no notice to data subjects under 34(3)(a)",
			a: Assessment{PersonalData: true, Confidentiality: true, Availability: true, Restored: true,
				SpecialOrCriminal: true, People: 500, EasilyIdentifiable: true, Unintelligible: true},
			want:   DocumentOnly,
			reason: MsgUnintelligible,
		},
		{
			name: "encrypted laptop lost but the melder judges high risk: AP yes, data subjects no under 34(3)(a)",
			a: Assessment{PersonalData: true, Confidentiality: true, Unintelligible: true,
				SpecialOrCriminal: true, Judgement: RiskHigh},
			want:   NotifyAuthority,
			reason: MsgExemptA,
		},
		{
			name: "mis-sent newsletter exposing e-mail addresses of 3,000 members in the To field: notify AP",
			a: Assessment{PersonalData: true, Confidentiality: true, EasilyIdentifiable: true,
				People: 3000, Severity: SeverityLow},
			want:   NotifyAuthority,
			reason: MsgVolume,
		},
		{
			name: "ransomware encrypts health records without a backup: notify AP and data subjects",
			a: Assessment{PersonalData: true, Availability: true, Restored: false,
				SpecialOrCriminal: true, EasilyIdentifiable: true, People: 1200},
			want:   NotifyAuthorityAndSubjects,
			reason: MsgHighRisk,
		},
		{
			name:   "ransomware, data restored from backup within hours, no exfiltration: document only (EDPB 01/2021 case 1)",
			a:      Assessment{PersonalData: true, Availability: true, Restored: true, EasilyIdentifiable: true, People: 5000},
			want:   DocumentOnly,
			reason: MsgRestored,
		},
		{
			name:   "letter with one member's borrowing history sent to the wrong member, no sensitive data: document only",
			a:      Assessment{PersonalData: true, Confidentiality: true, EasilyIdentifiable: true, People: 1, Severity: SeverityLow},
			want:   DocumentOnly,
			reason: MsgFewFactors,
		},
		{
			name: "pupils' care files e-mailed to the wrong parents, recalled and deleted at once: AP yes, subjects no under 34(3)(b)",
			a: Assessment{PersonalData: true, Confidentiality: true, SpecialOrCriminal: true, Vulnerable: true,
				People: 12, MitigatedAfter: true},
			want:   NotifyAuthority,
			reason: MsgExemptB,
		},
		{
			name: "passwords and BSNs of 40,000 former members leaked, addresses out of date: public communication under 34(3)(c)",
			a: Assessment{PersonalData: true, Confidentiality: true, Sensitive: true, Severity: SeverityHigh,
				EasilyIdentifiable: true, People: 40000, DisproportionateEffort: true},
			want:   NotifyAuthorityAndSubjects,
			public: true,
			reason: MsgExemptC,
		},
		{
			name: "EDPB 01/2021 case 12: unencrypted laptop with names, addresses and dates of birth of over 100,000 customers stolen: notify AP and inform the people",
			a: Assessment{PersonalData: true, Confidentiality: true, Availability: true, Restored: true,
				EasilyIdentifiable: true, IdentityFraud: true, People: 100_001},
			want:   NotifyAuthorityAndSubjects,
			reason: MsgIdentityFraud,
		},
		{
			name: "names and e-mail addresses of 20,000 members exposed, nothing more: large-scale counts, notify AP",
			a:    Assessment{PersonalData: true, Confidentiality: true, EasilyIdentifiable: true, People: 20_000},
			want: NotifyAuthority, reason: MsgLargeScale,
		},
		{
			name: "EDPB 01/2021 case 3: hospital records encrypted by ransomware, restored from backup after days: notify AP and the patients",
			a: Assessment{PersonalData: true, Availability: true, Restored: true,
				SpecialOrCriminal: true, Vulnerable: true, EasilyIdentifiable: true, People: 2000},
			want:   NotifyAuthorityAndSubjects,
			reason: MsgRestoredButAt,
		},
		{
			name:   "the organisation is the processor: tell the controller, whatever the risk (art. 33(2))",
			a:      Assessment{PersonalData: true, AsProcessor: true, Confidentiality: true, People: 1},
			want:   NotifyController,
			reason: MsgProcessor,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := Assess(c.a)
			if d.Outcome != c.want || d.PublicCommunication != c.public {
				t.Fatalf("outcome %s (public %v), want %s (public %v); reasons %v", d.Outcome, d.PublicCommunication, c.want, c.public, d.Reasons)
			}
			if !slices.Contains(d.Reasons, c.reason) {
				t.Errorf("reasons %v lack %q", d.Reasons, c.reason)
			}
			if c.want != SecurityIncident && !slices.Contains(d.Reasons, MsgDocument) {
				t.Errorf("a personal data breach must be documented (art. 33(5)): %v", d.Reasons)
			}
		})
	}
}

// Art. 9 data presume a risk (EDPB 9/2022): a single health record read by
// a colleague without a need to know is notifiable even with low severity.
func TestAssessSpecialDataPresumeRisk(t *testing.T) {
	d := Assess(Assessment{PersonalData: true, Confidentiality: true, SpecialOrCriminal: true, People: 1})
	if d.Outcome != NotifyAuthority || d.Risk != RiskPresent {
		t.Fatalf("got %s/%s, want notify_authority/risk", d.Outcome, d.Risk)
	}
}

// The melder may also judge the risk lower than the aid derives.
func TestAssessJudgementOverrides(t *testing.T) {
	d := Assess(Assessment{PersonalData: true, Confidentiality: true, Sensitive: true, Judgement: RiskUnlikely})
	if d.Outcome != DocumentOnly || !slices.Contains(d.Reasons, MsgJudgement) {
		t.Fatalf("got %s %v", d.Outcome, d.Reasons)
	}
}

// TestAssessmentRefusesContradictions: "restored in time without
// consequences" with significant or severe consequences cannot both be
// true; restored without a breach of availability means nothing.
func TestAssessmentRefusesContradictions(t *testing.T) {
	for _, a := range []Assessment{
		{PersonalData: true, Availability: true, Restored: true, Severity: SeverityMedium},
		{PersonalData: true, Availability: true, Restored: true, Severity: SeverityHigh},
		{PersonalData: true, Confidentiality: true, Restored: true},
	} {
		if err := a.Validate(); !fieldIs(err, "restored") {
			t.Errorf("%+v: got %v, want an error on restored", a, err)
		}
	}
	ok := Assessment{PersonalData: true, Availability: true, Restored: true, Severity: SeverityLow}
	if err := ok.Validate(); err != nil {
		t.Errorf("restored with low severity: %v", err)
	}
}

func fieldIs(err error, field string) bool {
	var l apperr.List
	if errors.As(err, &l) {
		for _, e := range l {
			if e.Field == field {
				return true
			}
		}
	}
	var e *apperr.Error
	return errors.As(err, &e) && e.Field == field
}

// TestAuthorityClockOutcomes: the AP's 72 hours (art. 33(1)) run while the
// case is undecided and when the AP is to be notified; no breach, no
// likely risk and a processor's case (art. 33(2)) stop them. The store's
// deadline query and the pages both take this rule from here.
func TestAuthorityClockOutcomes(t *testing.T) {
	runs := map[Outcome]bool{"": true, NotifyAuthority: true, NotifyAuthorityAndSubjects: true,
		SecurityIncident: false, DocumentOnly: false, NotifyController: false}
	for o, want := range runs {
		if got := o.RunsAuthorityClock(); got != want {
			t.Errorf("%q runs the clock: %v, want %v", o, got, want)
		}
	}
	stops := StopsAuthorityClock()
	if len(stops) != 3 || slices.Contains(stops, NotifyAuthority) || !slices.Contains(stops, NotifyController) {
		t.Errorf("outcomes that stop the clock: %v", stops)
	}
	if len(Outcomes) != len(runs)-1 {
		t.Errorf("Outcomes lists %d outcomes, want every one of %d", len(Outcomes), len(runs)-1)
	}
}
