// SPDX-License-Identifier: Apache-2.0

// Package apperr defines the few error codes the application speaks and the
// safe message that may reach a client. The wrapped cause is for logs only.
package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an error for callers; HTTP maps each code to one status.
type Code string

// The codes. Anything without a code is Internal.
const (
	Invalid         Code = "invalid"
	NotFound        Code = "not_found"
	Conflict        Code = "conflict"
	Forbidden       Code = "forbidden"
	Unauthenticated Code = "unauthenticated"
	Unavailable     Code = "unavailable"
	TooMany         Code = "too_many_requests"
	Internal        Code = "internal"
)

// Error is an application error: a code, a message safe to show a client,
// and an optional cause that only logs see.
type Error struct {
	Code Code
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Msg + ": " + e.Err.Error()
	}
	return e.Msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// E builds an Error with a code, a safe message and a cause (which may be nil).
func E(code Code, msg string, cause error) *Error { return &Error{Code: code, Msg: msg, Err: cause} }

// Invalidf returns an Invalid error with a formatted safe message.
func Invalidf(format string, a ...any) *Error {
	return &Error{Code: Invalid, Msg: fmt.Sprintf(format, a...)}
}

// NotFoundf returns a NotFound error with a formatted safe message.
func NotFoundf(format string, a ...any) *Error {
	return &Error{Code: NotFound, Msg: fmt.Sprintf(format, a...)}
}

// Conflictf returns a Conflict error with a formatted safe message.
func Conflictf(format string, a ...any) *Error {
	return &Error{Code: Conflict, Msg: fmt.Sprintf(format, a...)}
}

// Forbiddenf returns a Forbidden error with a formatted safe message.
func Forbiddenf(format string, a ...any) *Error {
	return &Error{Code: Forbidden, Msg: fmt.Sprintf(format, a...)}
}

// Unauthenticatedf returns an Unauthenticated error with a formatted safe message.
func Unauthenticatedf(format string, a ...any) *Error {
	return &Error{Code: Unauthenticated, Msg: fmt.Sprintf(format, a...)}
}

// CodeOf returns the code of the first *Error in err's chain, or Internal.
// A nil error has no code and returns "".
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Is reports whether err carries the given code.
func Is(err error, code Code) bool { return err != nil && CodeOf(err) == code }

// Message returns the message that is safe to show a client: the Msg of the
// first *Error in the chain, or "internal error".
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != Internal {
		return e.Msg
	}
	return "internal error"
}
