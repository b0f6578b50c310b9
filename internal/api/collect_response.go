// SPDX-License-Identifier: Apache-2.0

package api

import (
	"slices"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/ingest"
)

// providerResponse is a data providing unit as the API shows it. The pull
// endpoint stays out: it may carry the provider's credentials.
type providerResponse struct {
	Code       string    `json:"code"`
	Name       string    `json:"name"`
	Department string    `json:"department"`
	Region     string    `json:"region"`
	OrgID      string    `json:"org_id"`
	Items      []string  `json:"items"`
	Pull       bool      `json:"pull"` // polled by the pull connector
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

func toProviderResponse(p ingest.Provider) providerResponse {
	return providerResponse{Code: p.Code, Name: p.Name, Department: p.Department, Region: p.Region, OrgID: p.OrgID,
		Items: append([]string{}, p.Items...), Pull: p.PullURL != "", CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
}

// receiptResponse is a batch's receipt (回执): where every row ended.
type receiptResponse struct {
	Batch       string `json:"batch"`
	Provider    string `json:"provider"`
	Item        string `json:"item"`
	File        string `json:"file"`
	Received    int64  `json:"received"`
	Accepted    int64  `json:"accepted"`
	Updated     int64  `json:"updated"`
	Duplicate   int64  `json:"duplicate"`
	Revoked     int64  `json:"revoked"`
	Rejected    int64  `json:"rejected"`
	Quarantined int64  `json:"quarantined"`
}

func toReceiptResponse(b ingest.Batch) receiptResponse {
	return receiptResponse{Batch: b.ID, Provider: b.Provider, Item: b.Item, File: b.FileName, Received: b.Received,
		Accepted: b.Accepted, Updated: b.Updated, Duplicate: b.Duplicate, Revoked: b.Revoked, Rejected: b.Rejected,
		Quarantined: b.Quarantined}
}

// reconciliationResponse compares a batch with its manifest (对账).
type reconciliationResponse struct {
	ExpectedRows   int64  `json:"expected_rows"` // -1: not stated
	ReceivedRows   int64  `json:"received_rows"`
	ExpectedSHA256 string `json:"expected_sha256"`
	SHA256         string `json:"sha256"`
	RowsMatch      bool   `json:"rows_match"`
	HashMatch      bool   `json:"hash_match"`
}

func toReconciliation(b ingest.Batch) *reconciliationResponse {
	r, ok := b.Reconcile()
	if !ok {
		return nil
	}
	return &reconciliationResponse{ExpectedRows: r.ExpectedRows, ReceivedRows: r.ReceivedRows, ExpectedSHA256: r.ExpectedSHA256,
		SHA256: r.SHA256, RowsMatch: r.RowsMatch, HashMatch: r.HashMatch}
}

// fileReceiptResponse answers a file delivery: the receipt, the batch's
// status and the reconciliation with the figures the provider stated.
type fileReceiptResponse struct {
	receiptResponse
	Status         string                  `json:"status"`
	Error          string                  `json:"error,omitempty"`
	Reconciliation *reconciliationResponse `json:"reconciliation"`
}

func toFileReceipt(b ingest.Batch) fileReceiptResponse {
	return fileReceiptResponse{receiptResponse: toReceiptResponse(b), Status: string(b.Status), Error: b.Error,
		Reconciliation: toReconciliation(b)}
}

// batchResponse is one batch in full.
type batchResponse struct {
	fileReceiptResponse
	Channel        string          `json:"channel"`
	Format         string          `json:"format"`
	Encoding       string          `json:"encoding"`
	SHA256         string          `json:"sha256"`
	CatalogVersion int             `json:"catalog_version"`
	FieldFill      []fieldFillItem `json:"field_fill"`
	CreatedAt      time.Time       `json:"created_at"`
	FinishedAt     *time.Time      `json:"finished_at"`
}

type fieldFillItem struct {
	Field  string `json:"field"`
	Filled int64  `json:"filled"`
}

func toBatchResponse(b ingest.Batch) batchResponse {
	out := batchResponse{fileReceiptResponse: toFileReceipt(b), Channel: string(b.Channel), Format: b.Format,
		Encoding: b.Encoding, SHA256: b.SHA256, CatalogVersion: b.CatalogVersion, FieldFill: []fieldFillItem{},
		CreatedAt: b.CreatedAt, FinishedAt: timePtr(b.FinishedAt)}
	for f, n := range b.FieldFill {
		out.FieldFill = append(out.FieldFill, fieldFillItem{Field: f, Filled: n})
	}
	slices.SortFunc(out.FieldFill, func(a, b fieldFillItem) int { return strings.Compare(a.Field, b.Field) })
	return out
}

type batchList struct {
	Items []batchResponse `json:"items"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

// rejectionResponse is one reason a row was rejected.
type rejectionResponse struct {
	Row     int64  `json:"row"`
	Field   string `json:"field"`
	Label   string `json:"label"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
	MsgEN   string `json:"message_en"`
	Raw     string `json:"raw"`
}

func toRejectionResponse(r ingest.Rejection) rejectionResponse {
	return rejectionResponse{Row: r.Row, Field: r.Field, Label: r.Label, Reason: r.Reason, Message: r.Msg, MsgEN: r.MsgEN, Raw: r.Raw}
}

type rejectionList struct {
	Batch     string              `json:"batch"`
	Items     []rejectionResponse `json:"items"`
	Truncated bool                `json:"truncated"` // more than limit; the CSV export has them all
}
