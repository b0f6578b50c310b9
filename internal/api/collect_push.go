// SPDX-License-Identifier: Apache-2.0

package api

import (
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
	if err := httpx.DecodeJSONLimit(w, r, &in, maxPushBody, true); err != nil {
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
	return ingest.RowsFromJSON(in.Rows)
}
