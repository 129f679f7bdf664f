package register

// demoRow is one row of the demo library's register, in this package's own
// terms (facts from the register table of the seed library policy:
// numbers, departments, processors, systems, statuses, retention).
type demoRow struct {
	code, domain, dept, name           string
	processor                          string
	agreement                          AgreementStatus
	agreementWith, agreementNote       string
	systems                            string
	risk                               any // bool, or nil for "not applicable"
	special                            bool
	inEU, optIn                        string
	dpia                               DPIA
	retention, owner, contact, dataInw string
	openAgreementNote                  string // agreement remark with no processor to attach it to
}

var demoRows = []demoRow{
	{"1.1.1", "Intern", "HR", "Werving en selectie", "", "", "", "", "handmatig", true, false, "yes", "n/a", DPIANo, "proc.", "RH", "Gert Staal", "ja", ""},
	{"1.1.2", "Intern", "HR", "Personeelsinformatiesysteem", "BiSC", AgreementDraftSent, "", "", "AFAS", true, false, "yes", "n/a", DPIANo, "5 jaar", "RH", "Anneke Westland", "ja", ""},
	{"1.1.3", "Intern", "HR", "Loonadministratie", "BiSC", AgreementDraftSent, "", "", "AFAS", true, false, "yes", "n/a", DPIANo, "5 jaar", "RH", "Anneke Westland", "ja", ""},
	{"1.1.4", "Intern", "HR", "Verzuim", "CareGroep", AgreementNone, "CareGr", "vo met softwareleverancier, niet CareGroup", "VerzuimXpert, AFAS", true, false, "yes", "n/a", DPIANo, "5 jaar", "RH", "Margreet Meijer", "ja", ""},
	{"1.1.5", "Intern", "HR", "Vrijwilligersregistratie", "", "", "", "", "", true, false, "yes", "n/a", DPIANo, "5 jaar", "RH", "Rien Hageman", "ja", ""},
	{"1.1.6", "Intern", "HR", "Roosterprogramma", "Het Rooster", AgreementSigned, "HR", "", "Het Rooster", true, false, "yes", "n/a", DPIANo, "5 jaar", "RH", "Godfried Carbo", "ja", ""},
	{"1.1.7", "Intern", "HR", "Pensioenadministratie", "POB", AgreementNotNeeded, "", "niet noodzakelijk. Email d.d. 8 mei 2018", "POB", nil, false, "yes", "n/a", DPIANo, "nvt", "RH", "Rien Hageman", "nvt", ""},
	{"1.2.1", "Intern", "Kantoorautom.", "Document management in de cloud", "Microsoft", AgreementSigned, "MS", "maakt deel uit van licentieovk. MS", "Onedrive", true, false, "yes", "n/a", DPIANo, "5 jaar", "RH", "Rien Hageman", "ja", ""},
	{"1.2.2", "Intern", "Kantoorautom.", "Documentbewerking", "BiSC", AgreementDraftSent, "", "", "Microsoft Office", true, false, "yes", "n/a", DPIANo, "5 jaar", "RH", "Anneke Westland", "ja", ""},
	{"1.2.3", "Intern", "Kantoorautom.", "Document management, intranet", "BiSC", AgreementDraftSent, "", "", "Microsoft", true, false, "yes", "n/a", DPIANo, "5 jaar", "RH", "Anneke Westland", "ja", ""},
	{"2.1.1", "Extern", "Algemeen", "CRM", "BiSC", AgreementDraftSent, "", "", "Microsoft Dynamics", true, false, "yes", "n/a", DPIANo, "5 jaar", "RH", "Anneke Westland", "ja", ""},
	{"2.1.2", "Extern", "Algemeen", "COOSTO", "BiSC", AgreementDraftSent, "", "", "COOSTO", true, false, "yes", "n/a", DPIANo, "n.b.", "RH", "Anneke Westland", "ja", ""},
	{"2.1.3", "Extern", "Algemeen", "Algemene nieuwsbrief leden", "BiSC", AgreementDraftSent, "", "", "HelloDialog", true, false, "yes", "yes", DPIANo, "2 jaar", "RH", "Anneke Westland", "ja", ""},
	{"2.2.1", "Extern", "Publieksservice", "Ledenadministratie", "BiSC", AgreementDraftSent, "", "", "BicatWISE", true, false, "yes", "n/a", DPIANo, "2 jaar", "GC", "Anneke Westland", "ja", ""},
	{"2.2.2", "Extern", "Publieksservice", "Transacties uitleningen", "BiSC", AgreementDraftSent, "", "", "BicatWISE", true, false, "yes", "n/a", DPIANo, "2 jaar", "GC", "Anneke Westland", "ja", ""},
	{"2.2.3", "Extern", "Publieksservice", "Vrienden-module", "BiSC", AgreementDraftSent, "", "", "BicatWISE", true, false, "yes", "n/a", DPIANo, "2 jaar", "GC", "Anneke Westland", "ja", ""},
	{"2.2.4", "Extern", "Publieksservice", "Transacties contributies", "KB", AgreementDraftSent, "BiSC", "", "BicatWISE", true, false, "yes", "n/a", DPIANo, "2 jaar", "GC", "Anneke Westland", "ja", ""},
	{"2.2.5", "Extern", "Publieksservice", "Cameraregistratie IJSS", "", "", "", "", "camerasysteem", true, false, "yes", "n/a", DPIANo, "nvt", "GC", "Godfried Carbo", "ja", ""},
	{"2.2.6", "Extern", "Publieksservice", "Bezoekerstellingen", "", "", "", "", "camerasysteem", true, false, "yes", "n/a", DPIANo, "nvt", "RH", "Rien Hageman", "ja", ""},
	{"2.3.1", "Extern", "Programma", "Registratie Taalhuis", "Taal vh Leven", AgreementDraftSent, "", "", "Match vh Leven", true, true, "yes", "yes", DPIANo, "2 jaar", "AD", "Joni Reiche", "ja", ""},
	{"2.3.2", "Extern", "Programma", "Registratie DigiSterker", "", "", "", "", "handmatig", true, true, "yes", "yes", DPIANo, "2 jaar", "AD", "Sabrina Damen", "ja", "verder inventariseren"},
	{"2.3.3", "Extern", "Programma", "Registratie VoorleesExpress", "", "", "", "", "handmatig", true, true, "yes", "yes", DPIANo, "2 jaar", "AD", "Marleen van der Leij", "ja", "verder inventariseren"},
	{"2.3.4", "Extern", "Programma", "Educatie-nieuwsbrief 0-6 en 6-12 jr", "BiSC", AgreementSigned, "", "", "HelloDialog", true, false, "yes", "unknown", DPIAToAssess, "2 jaar", "AD", "Anneke Westland", "ja", ""},
	{"2.3.5", "Extern", "Programma", "Taalhuisniewsbrief", "", "", "", "", "MailChimp", true, false, "no", "no", DPIAToAssess, "2 jaar", "AD", "Joni Reiche", "ja", "overstap naar CRM MS Dynamics"},
	{"2.3.6", "Extern", "Programma", "Nieuwsbrief Uit in IJsselstein", "", "", "", "", "MailChimp", true, false, "no", "no", DPIAToAssess, "2 jaar", "AD", "Willeke van Dam", "ja", "overstap naar CRM MS Dynamics"},
	{"2.4.1", "Extern", "Landelijk", "Digitale diensten KB voor leden", "KB", AgreementSigned, "waarscl", "", "Bibliotheek.nl", false, false, "yes", "in afwa", DPIANo, "2 jaar", "n.b.", "Naomi Deegenars", "nee", ""},
}

// DemoActivities is the register of the demo public library: 26
// activities, as importing its spreadsheet gives them (concept status,
// numbers category.department.nr, unmapped columns in Extra).
func DemoActivities() []Activity {
	out := make([]Activity, 0, len(demoRows))
	for _, r := range demoRows {
		a := Activity{
			Code: r.code, Domain: r.domain, Department: r.dept, Name: r.name, Status: StatusConcept,
			Systems: splitList(r.systems, ","), InEU: r.inEU, OptInMail: r.optIn, DPIANeeded: r.dpia,
			Retention: ParseRetention(r.retention), Owner: r.owner, Contact: r.contact,
			Extra: map[string]string{"Data Inw.": r.dataInw},
		}
		if b, ok := r.risk.(bool); ok {
			a.RiskAnalysisDone = &b
		}
		if r.processor != "" {
			a.Processors = []ProcessorRef{{Name: r.processor, AgreementStatus: r.agreement, AgreementWith: r.agreementWith, Note: r.agreementNote}}
		}
		if r.special {
			a.DataCategories = []DataCategory{{Name: SpecialDataName, Kind: KindSpecial}}
		}
		if r.openAgreementNote != "" {
			a.Extra["Status verwerkersovereenkomst"] = r.openAgreementNote
		}
		out = append(out, a)
	}
	return out
}
