package report

import (
	"bytes"

	"privacyregister/internal/apperr"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
)

// The register of processing activities' exports (art. 30), for the web
// download and the command line alike.

// OrgInfo is the controller's identity printed on an export.
func OrgInfo(o *org.Organisation) register.OrgInfo {
	return register.OrgInfo{Name: o.Name, Address: o.Address, KvK: o.KvK, DPOName: o.DPOName, DPOEmail: o.DPOEmail, DPOPhone: o.DPOPhone, Role: o.Roles}
}

// RegisterFormats are the register export's formats: extension and media
// type.
var RegisterFormats = map[string][2]string{
	"xlsx": {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	"csv":  {".csv", "text/csv; charset=utf-8"},
	"json": {".json", "application/json"},
	"pdf":  {".pdf", "application/pdf"},
}

// WriteRegister writes acts in format (xlsx, csv, json, pdf); refs are the
// organisation's measures and agreements, named in the exports instead of
// their ids.
func WriteRegister(buf *bytes.Buffer, format string, info register.OrgInfo, acts []register.Activity, refs register.Refs, lang string) error {
	switch format {
	case "xlsx":
		return register.WriteXLSX(buf, info, acts, refs, lang)
	case "csv":
		return register.WriteCSV(buf, acts, refs, lang)
	case "json":
		return register.WriteJSON(buf, info, acts, refs.Measures)
	case "pdf":
		return register.WritePDF(buf, info, acts, refs.Measures, lang)
	}
	return apperr.Invalidf("format", "Unknown export format %q: use xlsx, csv, json or pdf.", format)
}
