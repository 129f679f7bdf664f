// Package textcheck is the one check of free text that every domain's
// validation runs before anything is stored: no NUL byte (PostgreSQL
// refuses it with SQLSTATE 22021 where SQLite stores it, so the two engines
// would disagree), valid UTF-8 (never guessed into another encoding), and a
// length limit that is the same on both engines. The limits lie far above
// what a real register, agreement or case holds; they exist so that a
// 10 MB "name" is refused with a message naming the field rather than
// stored.
package textcheck

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	"privacyregister/internal/apperr"
)

// Limits in characters (runes).
const (
	// Short is the limit of names, titles, numbers and other one-line
	// fields.
	Short = 1000
	// Default is the limit of any other text field.
	Default = 20_000
	// Long is the limit of descriptions, notes and other running text.
	Long = 200_000
)

// Messages (English message ids; Dutch in catalog/input.nl.json).
const (
	MsgNUL      = "The text holds a NUL byte (character 0), which is not allowed."
	MsgNotUTF8  = "The text holds bytes that are not valid UTF-8 text."
	MsgTooLong  = "The text is too long: %d characters, at most %d."
	MsgTooLongK = "The text is too long: more than %d characters."
)

// Problem returns the message id and its arguments of what is wrong with s
// under the limit max, or "" when s is fine.
func Problem(s string, max int) (string, []any) {
	if strings.IndexByte(s, 0) >= 0 {
		return MsgNUL, nil
	}
	if !utf8.ValidString(s) {
		return MsgNotUTF8, nil
	}
	if len(s) > max { // a rune is at least one byte: count only when it can matter
		if n := utf8.RuneCountInString(s); n > max {
			return MsgTooLong, []any{n, max}
		}
	}
	return "", nil
}

// Field checks one value and returns an error naming field, or nil.
func Field(field, s string, max int) *apperr.Error {
	if msg, args := Problem(s, max); msg != "" {
		return apperr.Invalidf(field, msg, args...)
	}
	return nil
}

// Limits gives the limit of a field by its JSON name (the last part of its
// path: "name", "description"); fields not in it get Default.
type Limits map[string]int

// Common are the limits shared by the domains: one-line fields are Short,
// running text Long. A domain adds its own with With.
var Common = Limits{
	"name": Short, "title": Short, "code": Short, "dossier": Short, "email": Short, "phone": Short,
	"version": Short, "department": Short, "domain": Short, "owner": Short, "country": Short,
	"description": Long, "notes": Long, "note": Long, "text": Long, "summary": Long, "body": Long,
	"facts": Long, "reasons": Long, "conclusion": Long, "findings": Long, "answer": Long, "quote": Long,
	"security_measures": Long, "security_reporting": Long, "arrangement": Long, "consent_records": Long,
	"cleanup_moment": Long, "main_agreement": Long, "address": Long,
	"necessity": Long, "dpo_advice": Long, "consultation_note": Long, "override_reason": Long,
	"follow_up": Long, "message": Long, "subjects_how": Long, "decision": Long, "data": Long,
	// untagged fields go by their lower-cased Go name (incidents, requests)
	"cause": Long, "remarks": Long, "advicetosubjects": Long, "subjectswhynot": Long, "latereason": Long,
	"protectionhow": Long, "consequenceother": Long, "dataother": Long, "otherauthorities": Long,
}

// With returns a copy of l with more limits.
func (l Limits) With(more Limits) Limits {
	out := make(Limits, len(l)+len(more))
	for k, v := range l {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

func (l Limits) of(name string) int {
	if n, ok := l[name]; ok {
		return n
	}
	return Default
}

// Struct checks every string reachable from v (fields of structs,
// elements of slices and arrays, keys and values of maps, through
// pointers) and returns an error per bad value, named by its JSON path
// ("purposes[1].description", "extra[Opmerking]"). It is how a domain's
// Validate covers every text field, including ones added later.
func Struct(v any, limits Limits) apperr.List {
	if limits == nil {
		limits = Common
	}
	var l apperr.List
	walk(reflect.ValueOf(v), "", "", limits, &l)
	return l
}

func walk(v reflect.Value, path, name string, limits Limits, l *apperr.List) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walk(v.Elem(), path, name, limits, l)
		}
	case reflect.String:
		if e := Field(path, v.String(), limits.of(name)); e != nil {
			*l = append(*l, e)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if f.Anonymous {
				walk(v.Field(i), path, name, limits, l)
				continue
			}
			n := jsonName(f)
			p := n
			if path != "" {
				p = path + "." + n
			}
			walk(v.Field(i), p, n, limits, l)
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return // bytes (a file), not text
		}
		for i := range v.Len() {
			walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i), name, limits, l)
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		for _, k := range keys {
			kp := fmt.Sprintf("%s[%v]", path, k)
			if k.Kind() == reflect.String {
				if msg, args := Problem(k.String(), Short); msg != "" {
					*l = append(*l, apperr.Invalidf(path, msg, args...))
					continue
				}
			}
			walk(v.MapIndex(k), kp, name, limits, l)
		}
	}
}

func jsonName(f reflect.StructField) string {
	tag := f.Tag.Get("json")
	if n, _, _ := strings.Cut(tag, ","); n != "" && n != "-" {
		return n
	}
	return strings.ToLower(f.Name)
}
