// SPDX-License-Identifier: Apache-2.0

// Package httpx holds what every HTTP surface shares: decoding and
// responding with JSON, mapping application errors to statuses, and the
// middleware chain (request IDs, logging, panics, metrics, security headers).
package httpx

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
)

// MaxBody is the default limit for JSON request bodies.
const MaxBody = 1 << 20

// HandlerFunc is an HTTP handler that returns its error instead of writing it.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// ErrorWriter writes an error response; the JSON API and the HTML UI each
// have their own.
type ErrorWriter func(w http.ResponseWriter, r *http.Request, status int, err error)

// statuses maps each error code to one HTTP status.
var statuses = map[apperr.Code]int{
	apperr.Invalid:         http.StatusBadRequest,
	apperr.NotFound:        http.StatusNotFound,
	apperr.Conflict:        http.StatusConflict,
	apperr.Forbidden:       http.StatusForbidden,
	apperr.Unauthenticated: http.StatusUnauthorized,
	apperr.Unavailable:     http.StatusServiceUnavailable,
	apperr.TooMany:         http.StatusTooManyRequests,
	apperr.Internal:        http.StatusInternalServerError,
}

// Status returns the HTTP status for an error.
func Status(err error) int {
	if s, ok := statuses[apperr.CodeOf(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// Handle adapts fn to http.Handler, writing any returned error with ew and
// logging it once here, at the boundary.
func Handle(log *slog.Logger, ew ErrorWriter, fn HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := fn(w, r)
		if err == nil {
			return
		}
		status := Status(err)
		if status >= 500 {
			log.ErrorContext(r.Context(), "request failed", "request_id", RequestIDFrom(r.Context()), "error", err)
		} else {
			log.DebugContext(r.Context(), "request refused", "request_id", RequestIDFrom(r.Context()), "status", status, "error", err)
		}
		ew(w, r, status, err)
	})
}

// ErrorBody is the JSON shape of every API error.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail describes an error safely: the code, a message meant for the
// client and the request ID to quote to an operator.
type ErrorDetail struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"request_id,omitempty"`
}

// WriteJSONError is the JSON API's ErrorWriter.
func WriteJSONError(w http.ResponseWriter, r *http.Request, status int, err error) {
	code := apperr.CodeOf(err)
	_ = JSON(w, status, ErrorBody{Error: ErrorDetail{Code: string(code), Message: apperr.Message(err), RequestID: RequestIDFrom(r.Context())}})
}

// JSON writes v as JSON with the given status.
func JSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// DecodeJSON reads a JSON body into v, rejecting unknown fields, trailing
// data and bodies over MaxBody, with a message that says what to fix.
func DecodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	return DecodeJSONLimit(w, r, v, MaxBody, false)
}

// DecodeJSONLimit is DecodeJSON with another size bound; with numbers set,
// JSON numbers decode into any-typed fields as json.Number (as written).
func DecodeJSONLimit(w http.ResponseWriter, r *http.Request, v any, limit int64, numbers bool) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return apperr.Invalidf("request body must be application/json, not %s", ct)
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	dec.DisallowUnknownFields()
	if numbers {
		dec.UseNumber()
	}
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &mbe):
			return apperr.Invalidf("request body is larger than %d bytes", limit)
		case errors.Is(err, io.EOF):
			return apperr.Invalidf("request body is empty; send a JSON object")
		case errors.As(err, &se):
			return apperr.Invalidf("request body is not valid JSON at byte %d", se.Offset)
		case errors.As(err, &te):
			return apperr.Invalidf("field %q must be of type %s", te.Field, te.Type)
		case strings.HasPrefix(err.Error(), "json: unknown field"):
			return apperr.Invalidf("request body has an %s", strings.TrimPrefix(err.Error(), "json: "))
		}
		return apperr.E(apperr.Invalid, "request body could not be read", err)
	}
	if dec.More() {
		return apperr.Invalidf("request body has data after the JSON object")
	}
	return nil
}

// Errorf is a small helper for handlers returning formatted internal errors.
func Errorf(format string, a ...any) error { return fmt.Errorf(format, a...) }
