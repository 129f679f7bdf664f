package web

import (
	"errors"
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"privacyregister/internal/apperr"
	"privacyregister/internal/i18n"
)

// Field errors: a form posted with bad input is shown again as typed, with
// each message under its field (aria-invalid and aria-describedby on the
// input) and a summary at the top linking to the fields. Messages name a
// field by its label on the form, never by its internal name.

// fieldErrs are the translated messages of a page, by form field name.
type fieldErrs map[string]string

// fieldMsg is one message at a field, for the "field-error" partial.
type fieldMsg struct {
	ID  string // of the message element, for aria-describedby
	Msg string
}

// fieldID is the HTML id of a form field: its name with the characters
// that would need escaping in a fragment replaced.
func fieldID(name string) string {
	return strings.NewReplacer(".", "-", "[", "-", "]", "", " ", "-").Replace(name)
}

func fieldErrID(name string) string { return "err-" + fieldID(name) }

// fieldErrOf is the message at the field name, nil when it has none.
func fieldErrOf(v View, name string) *fieldMsg {
	msg, ok := v.FieldErrors[name]
	if !ok {
		return nil
	}
	return &fieldMsg{ID: fieldErrID(name), Msg: msg}
}

// fieldAria marks an input whose value was refused: aria-invalid and a
// pointer to its message.
func fieldAria(v View, name string) template.HTMLAttr {
	if _, ok := v.FieldErrors[name]; !ok {
		return ""
	}
	return template.HTMLAttr(`aria-invalid="true" aria-describedby="` + template.HTMLEscapeString(fieldErrID(name)) + `"`)
}

// errorList flattens err into its field errors.
func errorList(err error) apperr.List {
	var list apperr.List
	if errors.As(err, &list) {
		return list
	}
	var one *apperr.Error
	if errors.As(err, &one) {
		return apperr.List{one}
	}
	return nil
}

// labelled is "Label: message", or "Question? message" when the label is
// a question.
func labelled(label, msg string) string {
	if strings.HasPrefix(strings.ToLower(msg), strings.ToLower(label)) {
		return msg // "Naam is verplicht." names the field itself
	}
	if strings.HasSuffix(label, "?") || strings.HasSuffix(label, ":") {
		return label + " " + msg
	}
	return label + ": " + msg
}

// knownFieldLabel names a field the catalogue knows by its name (the
// older forms' "held_on": "uitgevoerd op"), "" for other internal names.
func knownFieldLabel(lang, field string) string {
	if strings.Contains(field, " ") {
		return i18n.T(lang, field) // already words: "row 7, column Naam"
	}
	if !i18n.Has("nl", field) {
		return ""
	}
	if l := i18n.T(lang, field); l != field {
		return l
	}
	return strings.NewReplacer("_", " ", ".", " ").Replace(field)
}

// putErrors puts the messages of err into data for the form page: by field
// (FieldErrors) and as the summary at the top (Errors), each with the
// label the form page shows.
func putErrors(c *Ctx, data map[string]any, page string, err error) {
	list := errorList(err)
	if list == nil {
		data["Errors"] = messages(c, err)
		return
	}
	at := fieldErrs{}
	var summary []template.HTML
	for _, e := range list {
		msg := c.T(e.Msg, e.Args...)
		if e.Field == "" {
			summary = append(summary, template.HTML(template.HTMLEscapeString(msg)))
			continue
		}
		name := formFieldName(page, e.Field)
		label := fieldLabel(c.Lang, page, e.Field)
		if label == "" {
			label = knownFieldLabel(c.Lang, e.Field)
		}
		atField := msg
		if label != "" {
			msg = labelled(label, msg)
			if r, _ := utf8.DecodeRuneInString(atField); unicode.IsLower(r) {
				atField = msg // "is required" needs its subject even at the field
			}
		}
		if prev, ok := at[name]; ok {
			at[name] = prev + " " + atField
		} else {
			at[name] = atField
		}
		summary = append(summary, template.HTML(`<a href="#`+template.HTMLEscapeString(formFieldID(page, e.Field))+`">`+template.HTMLEscapeString(msg)+`</a>`))
	}
	data["Errors"] = summary
	data["FieldErrors"] = at
}

// typedValue is what the user typed in the field name of a refused form,
// shown otherwise: a value the server could not read is kept as typed.
func typedValue(v View, name string, shown any) any {
	if vs, ok := v.Posted[name]; ok && len(vs) > 0 {
		return vs[0]
	}
	return shown
}

// typedFor is typedValue for a page with several forms sharing field
// names: only the form whose action was posted (Data's "Action") is shown
// as typed.
func typedFor(v View, action, name string, shown any) any {
	if m, ok := v.Data.(map[string]any); !ok || m["Action"] != action {
		return shown
	}
	return typedValue(v, name, shown)
}
