// SPDX-License-Identifier: Apache-2.0

package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/ingest"
)

// maxPushBody bounds a pushed batch: ingest.MaxPushRows rows of ordinary
// size. Larger deliveries are files.
const maxPushBody = 16 << 20

// pushRequest is a JSON batch: rows of field values keyed by field code,
// alias or Chinese label. Values may be strings, numbers or booleans.
type pushRequest struct {
	Rows []map[string]any `json:"rows"`
}

// pushRecords answers POST /api/v1/providers/{code}/items/{item}/records.
// The Idempotency-Key header makes a retry safe: the same key and rows
// return the first receipt, the same key with other rows is 409.
func (h *Handler) pushRecords(w http.ResponseWriter, r *http.Request) error {
	p, err := h.provider(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	key := r.Header.Get("Idempotency-Key")
	if strings.TrimSpace(key) == "" {
		return apperr.Invalidf("缺少 Idempotency-Key 请求头 / the Idempotency-Key header is required")
	}
	var in pushRequest
	if err := decodeLarge(w, r, &in, maxPushBody); err != nil {
		return err
	}
	rows, err := in.toDomain()
	if err != nil {
		return err
	}
	b, err := h.col.svc.Push(r.Context(), ingest.PushInput{Provider: p.Code, Item: r.PathValue("item"), IdempotencyKey: key, Rows: rows})
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toReceiptResponse(b))
}

// toDomain turns the JSON values into the text a file would have held:
// numbers keep the digits as sent, so that 1.10 stays 1.10.
func (in pushRequest) toDomain() ([]map[string]string, error) {
	if len(in.Rows) == 0 || len(in.Rows) > ingest.MaxPushRows {
		return nil, apperr.Invalidf("rows: 每批 1–%d 行 / a push carries 1–%d rows", ingest.MaxPushRows, ingest.MaxPushRows)
	}
	out := make([]map[string]string, len(in.Rows))
	for i, row := range in.Rows {
		m := make(map[string]string, len(row))
		for k, v := range row {
			switch v := v.(type) {
			case nil:
			case string:
				m[k] = v
			case json.Number:
				m[k] = v.String()
			case bool:
				m[k] = fmt.Sprint(v)
			default:
				return nil, apperr.Invalidf("rows[%d].%s: 应为字符串、数字、布尔值或 null / must be a string, number, boolean or null", i, k)
			}
		}
		out[i] = m
	}
	return out, nil
}

// decodeLarge is httpx.DecodeJSON with a larger bound, keeping numbers as
// written.
func decodeLarge(w http.ResponseWriter, r *http.Request, v any, limit int64) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return apperr.Invalidf("request body must be application/json, not %s", ct)
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	err := dec.Decode(v)
	var mbe *http.MaxBytesError
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case err == nil && dec.More():
		return apperr.Invalidf("request body has data after the JSON object")
	case err == nil:
		return nil
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
