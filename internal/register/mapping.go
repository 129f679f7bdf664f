package register

import (
	"sync"

	"privacyregister/internal/i18n"
)

// Field is an Activity field an imported column can fill.
type Field string

const (
	FieldExtra  Field = ""  // kept in Activity.Extra under its header
	FieldIgnore Field = "-" // dropped (IDs and timestamps of our own exports)

	FieldCode             Field = "code"
	FieldCategory         Field = "category" // "1"/"2" prefix of a composite code
	FieldName             Field = "name"
	FieldDepartment       Field = "department"
	FieldDomain           Field = "domain"
	FieldOwner            Field = "owner"
	FieldContact          Field = "contact"
	FieldStatus           Field = "status"
	FieldDescription      Field = "description"
	FieldPurposes         Field = "purposes"
	FieldLawfulBasis      Field = "lawful_basis"
	FieldSubjects         Field = "subject_categories"
	FieldDataCategories   Field = "data_categories"
	FieldSpecialData      Field = "special_data"
	FieldRetention        Field = "retention"
	FieldCleanup          Field = "cleanup_moment"
	FieldSystems          Field = "systems"
	FieldProcessors       Field = "processors"
	FieldAgreementWith    Field = "agreement_with"
	FieldAgreementStatus  Field = "agreement_status"
	FieldRecipients       Field = "recipients"
	FieldTransfers        Field = "transfers"
	FieldMeasures         Field = "measure_ids"
	FieldRiskAnalysis     Field = "risk_analysis_done"
	FieldDPIA             Field = "dpia_needed"
	FieldDPIARef          Field = "dpia_ref"
	FieldConsent          Field = "consent_records"
	FieldJointControllers Field = "joint_controllers"
	FieldOptInMail        Field = "opt_in_mail"
	FieldInEU             Field = "in_eu"
	FieldOccasional       Field = "occasional"
	FieldLastReviewedAt   Field = "last_reviewed_at"
	FieldLastReviewedBy   Field = "last_reviewed_by"
	FieldNextReviewAt     Field = "next_review_at"
)

// FieldInfo describes a field for the mapping step of the import screen.
type FieldInfo struct {
	Field Field  `json:"field"`
	Label string `json:"label"` // English message id; Dutch in the catalogue
}

// Fields lists the mappable fields in the order exports write them. The
// labels are the column headings of our own exports.
var Fields = []FieldInfo{
	{FieldCode, "Number"},
	{FieldName, "Processing activity"},
	{FieldDepartment, "Department"},
	{FieldDomain, "Domain"},
	{FieldOwner, "Owner"},
	{FieldContact, "Contact person"},
	{FieldStatus, "Status"},
	{FieldDescription, "Description"},
	{FieldPurposes, "Purposes and lawful basis"},
	{FieldSubjects, "Categories of data subjects"},
	{FieldDataCategories, "Categories of personal data"},
	{FieldSpecialData, "Special categories of data"},
	{FieldRetention, "Retention period"},
	{FieldCleanup, "Clean-up moment"},
	{FieldSystems, "Systems"},
	{FieldProcessors, "Processors"},
	{FieldRecipients, "Recipients"},
	{FieldTransfers, "Transfers outside the EEA"},
	{FieldMeasures, "Security measures"},
	{FieldRiskAnalysis, "Risk analysis done"},
	{FieldDPIA, "DPIA needed"},
	{FieldDPIARef, "DPIA reference"},
	{FieldConsent, "Consent records"},
	{FieldJointControllers, "Joint controllers"},
	{FieldOptInMail, "Opt-in mail"},
	{FieldInEU, "In the EU"},
	{FieldOccasional, "Occasional"},
	{FieldLastReviewedAt, "Last reviewed"},
	{FieldLastReviewedBy, "Reviewed by"},
	{FieldNextReviewAt, "Next review"},
	// Only read, never written: exports fold these into other columns.
	{FieldCategory, "Category"},
	{FieldLawfulBasis, "Lawful basis"},
	{FieldAgreementWith, "Processor agreement with"},
	{FieldAgreementStatus, "Processor agreement status"},
}

// synonyms are headers seen in real registers (folded: lower case, no
// accents, no spaces or punctuation). Field labels in both languages are
// added on the first look-up (synonymOf), not at start-up: the Dutch ones
// come from the i18n catalogue, which every start of the program would
// otherwise read.
var synonyms = map[string]Field{
	"nr": FieldCode, "nummer": FieldCode, "no": FieldCode, "code": FieldCode, "volgnummer": FieldCode, "verwerkingsnummer": FieldCode, "number": FieldCode,
	"categorie": FieldCategory, "category": FieldCategory, "cat": FieldCategory,
	"internextern": FieldDomain, "domein": FieldDomain, "domain": FieldDomain, "intext": FieldDomain,
	"afdeling": FieldDepartment, "department": FieldDepartment, "team": FieldDepartment, "organisatieonderdeel": FieldDepartment,
	"verwerking": FieldName, "naam": FieldName, "name": FieldName, "naamverwerking": FieldName, "verwerkingsactiviteit": FieldName, "activity": FieldName, "processing": FieldName, "processingactivity": FieldName,
	"verwerker": FieldProcessors, "verwerkers": FieldProcessors, "processor": FieldProcessors, "processors": FieldProcessors, "leverancier": FieldProcessors,
	"systeem": FieldSystems, "systemen": FieldSystems, "system": FieldSystems, "systems": FieldSystems, "applicatie": FieldSystems, "applicaties": FieldSystems, "application": FieldSystems,
	"risicoanalyse": FieldRiskAnalysis, "riskanalysis": FieldRiskAnalysis,
	"bijzdata": FieldSpecialData, "bijzonderepersoonsgegevens": FieldSpecialData, "bijzonderegegevens": FieldSpecialData, "specialdata": FieldSpecialData, "specialcategories": FieldSpecialData,
	"indeeu": FieldInEU, "ineu": FieldInEU, "binnendeeu": FieldInEU,
	"optinmail": FieldOptInMail, "optin": FieldOptInMail,
	"dpia": FieldDPIA, "geb": FieldDPIA, "gebmail": FieldDPIA, "dpianodig": FieldDPIA, "gebnodig": FieldDPIA, "gegevensbeschermingseffectbeoordeling": FieldDPIA,
	"verwovk": FieldAgreementWith, "verwerkersovereenkomst": FieldAgreementWith, "vo": FieldAgreementWith, "ovk": FieldAgreementWith,
	"statusverwerkersovereenkomst": FieldAgreementStatus, "statusvo": FieldAgreementStatus, "agreementstatus": FieldAgreementStatus, "statusovereenkomst": FieldAgreementStatus,
	"bewaarstermijn": FieldRetention, "bewaartermijn": FieldRetention, "retention": FieldRetention, "termijn": FieldRetention,
	"wie": FieldOwner, "eigenaar": FieldOwner, "owner": FieldOwner, "proceseigenaar": FieldOwner,
	"contactpersoonverw": FieldContact, "contactpersoon": FieldContact, "contact": FieldContact, "contactperson": FieldContact,
	"status": FieldStatus, "statusverwerking": FieldStatus,
	"omschrijving": FieldDescription, "beschrijving": FieldDescription, "description": FieldDescription, "toelichting": FieldDescription,
	"doel": FieldPurposes, "doelen": FieldPurposes, "doeleinden": FieldPurposes, "purpose": FieldPurposes, "purposes": FieldPurposes,
	"grondslag": FieldLawfulBasis, "rechtsgrond": FieldLawfulBasis, "lawfulbasis": FieldLawfulBasis,
	"betrokkenen": FieldSubjects, "categorieenbetrokkenen": FieldSubjects, "datasubjects": FieldSubjects,
	"persoonsgegevens": FieldDataCategories, "categorieenpersoonsgegevens": FieldDataCategories, "gegevens": FieldDataCategories, "personaldata": FieldDataCategories,
	"opschoonmoment": FieldCleanup, "opschonen": FieldCleanup, "cleanup": FieldCleanup,
	"ontvangers": FieldRecipients, "recipients": FieldRecipients,
	"doorgifte": FieldTransfers, "doorgiften": FieldTransfers, "transfers": FieldTransfers, "derdelanden": FieldTransfers,
	"maatregelen": FieldMeasures, "measures": FieldMeasures,
	"dpiareferentie": FieldDPIARef, "gebreferentie": FieldDPIARef,
	"toestemmingsregistratie": FieldConsent,
	"incidenteel":             FieldOccasional,
	"laatstbeoordeeld":        FieldLastReviewedAt, "beoordeelddoor": FieldLastReviewedBy, "volgendebeoordeling": FieldNextReviewAt,
	"id": FieldIgnore, "createdat": FieldIgnore, "updatedat": FieldIgnore, "aangemaakt": FieldIgnore, "bijgewerkt": FieldIgnore,
	"created": FieldIgnore, "updated": FieldIgnore,
}

var addFieldLabels = sync.OnceFunc(func() {
	for _, f := range Fields {
		for _, h := range []string{f.Label, i18n.T("nl", f.Label), string(f.Field)} {
			if _, taken := synonyms[fold(h)]; !taken {
				synonyms[fold(h)] = f.Field
			}
		}
	}
})

// synonymOf returns the field a header names, if it names one.
func synonymOf(header string) (Field, bool) {
	addFieldLabels()
	f, ok := synonyms[fold(header)]
	return f, ok
}

// Mapping says which field each header fills: header -> field. Headers not
// in the map, or mapped to FieldExtra, are kept in Activity.Extra.
type Mapping map[string]Field

// AutoMapping maps headers by name (case, accents and punctuation ignored,
// Dutch and English). When two headers would fill the same field, the first
// wins and the other is kept as Extra, so nothing is silently merged.
func AutoMapping(headers []string) Mapping {
	m := Mapping{}
	used := map[Field]bool{}
	for _, h := range headers {
		f, _ := synonymOf(h)
		if f != FieldExtra && f != FieldIgnore && used[f] {
			f = FieldExtra
		}
		used[f] = true
		m[h] = f
	}
	return m
}

// known reports whether f is a field the importer understands.
func known(f Field) bool {
	if f == FieldExtra || f == FieldIgnore {
		return true
	}
	for _, fi := range Fields {
		if fi.Field == f {
			return true
		}
	}
	return false
}
