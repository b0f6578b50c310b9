// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
)

// MaxPushRows bounds one pushed batch; larger deliveries are files.
const MaxPushRows = 10_000

// PushInput is a JSON batch a provider posts through the API.
type PushInput struct {
	Provider       string
	Item           string
	IdempotencyKey string              // the provider's key; the same key returns the same receipt
	Rows           []map[string]string // columns by field code, alias or Chinese label
}

// Push collects a pushed batch. The same idempotency key with the same
// rows returns the first receipt and changes nothing; with different rows
// it is refused (apperr.Conflict).
func (s *Service) Push(ctx context.Context, in PushInput) (Batch, error) {
	key := strings.TrimSpace(in.IdempotencyKey)
	if key == "" || len(key) > 200 {
		return Batch{}, apperr.Invalidf("idempotency_key: 需要1–200个字符的幂等键 / an idempotency key of 1–200 characters is required")
	}
	if len(in.Rows) == 0 || len(in.Rows) > MaxPushRows {
		return Batch{}, apperr.Invalidf("rows: 每批 1–%d 行 / a push carries 1–%d rows", MaxPushRows, MaxPushRows)
	}
	body, _ := json.Marshal(in.Rows) // map keys are sorted: the same rows give the same hash
	return s.pushRows(ctx, in, ChannelPush, "push:"+key, body, "")
}

// pushRows collects rows that arrived in one message (a push or a pulled
// page) as one batch identified by key.
func (s *Service) pushRows(ctx context.Context, in PushInput, ch Channel, key string, body []byte, nextCursor string) (Batch, error) {
	it, ver, err := s.admit(ctx, in.Provider, in.Item)
	if err != nil {
		return Batch{}, err
	}
	sum := sha256.Sum256(body)
	b := Batch{Provider: in.Provider, Item: in.Item, Channel: ch, FileName: key, Key: key, SHA256: hex.EncodeToString(sum[:]),
		Format: "json", Encoding: "utf-8", ExpectedRows: -1, CatalogVersion: ver, SourceCursor: nextCursor}
	resume, err := s.start(ctx, &b)
	if err != nil || !resume {
		return b, err
	}
	p := &processor{s: s, item: it, batch: &b}
	src := &sliceSource{rows: in.Rows, cols: columnMap(it, nil)}
	if err := s.run(ctx, p, src, nil); err != nil {
		return b, err
	}
	return b, nil
}

// sliceSource serves pushed rows, mapping their keys to field codes.
type sliceSource struct {
	rows []map[string]string
	cols func(string) string
	i    int
}

func (s *sliceSource) Progress() (int64, int64) { return int64(s.i), int64(len(s.rows)) }

func (s *sliceSource) Next() (RawRow, error) {
	if s.i >= len(s.rows) {
		return RawRow{}, io.EOF
	}
	s.i++
	vals := make(map[string]string, len(s.rows[s.i-1]))
	var unknown []string
	for k, v := range s.rows[s.i-1] {
		code := s.cols(k)
		if code == "" {
			unknown = append(unknown, k)
			continue
		}
		vals[code] = v
	}
	r := RawRow{Num: int64(s.i), Values: vals}
	if len(unknown) > 0 && len(vals) == 0 {
		r.Err = apperr.Invalidf("该行没有可识别的字段 / the row has no known field")
	}
	return r, nil
}
