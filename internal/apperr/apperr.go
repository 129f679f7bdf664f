// Package apperr is the one application error type. Domain and store code
// return *Error; the web and API layers map its Code to an HTTP status and
// show its message (translated through internal/i18n) without leaking
// internals.
package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an error for the caller.
type Code string

const (
	NotFound     Code = "not_found"
	Invalid      Code = "invalid"
	Conflict     Code = "conflict"
	Forbidden    Code = "forbidden"
	Unauthorized Code = "unauthorized"
	TooLarge     Code = "too_large"
	TooMany      Code = "too_many_requests"
)

// Error is safe to show to a user. Msg is an English message id, looked up
// in the translation catalogue; Args fill its verbs. Field names the input
// field (or "row 7, column Naam") the message is about, when there is one.
type Error struct {
	Code  Code
	Field string
	Msg   string
	Args  []any
	Err   error // the cause, for logs only; never shown
}

func (e *Error) Error() string {
	msg := fmt.Sprintf(e.Msg, e.Args...)
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Text is the untranslated, user-safe message (field included).
func (e *Error) Text() string {
	msg := fmt.Sprintf(e.Msg, e.Args...)
	if e.Field != "" {
		return e.Field + ": " + msg
	}
	return msg
}

// New returns an error with the code and message.
func New(code Code, msg string, args ...any) *Error {
	return &Error{Code: code, Msg: msg, Args: args}
}

// Invalidf reports bad input in one field.
func Invalidf(field, msg string, args ...any) *Error {
	return &Error{Code: Invalid, Field: field, Msg: msg, Args: args}
}

// NotFoundf reports a missing thing. Also used for another tenant's data,
// so a caller cannot tell "absent" from "not yours".
func NotFoundf(msg string, args ...any) *Error {
	return &Error{Code: NotFound, Msg: msg, Args: args}
}

// Wrap attaches a cause to a new error.
func Wrap(err error, code Code, msg string, args ...any) *Error {
	return &Error{Code: code, Msg: msg, Args: args, Err: err}
}

// CodeOf returns the code of err, or "" when it is not an *Error.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// Is reports whether err carries the code.
func Is(err error, code Code) bool { return CodeOf(err) == code }

// List collects several field errors (for example every bad row of an
// import) so they can be shown together.
type List []*Error

func (l List) Error() string {
	if len(l) == 0 {
		return "no errors"
	}
	s := l[0].Error()
	if len(l) > 1 {
		s += fmt.Sprintf(" (and %d more)", len(l)-1)
	}
	return s
}

// Unwrap gives the field errors, so Is and CodeOf see a list as the
// errors it holds (all of them Invalid).
func (l List) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Err returns nil for an empty list, so `return errs.Err()` reads well.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
