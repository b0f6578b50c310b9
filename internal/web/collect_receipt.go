// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/ingest"
)

// receiptPage is the data of the collect_receipt template: a batch's
// receipt (回执) as the provider and the credit centre read it.
type receiptPage struct {
	collectBase
	ingest.Batch
	ProviderName, ItemName string
	Resent                 bool // the same content had been received before
	Figures                []receiptCount
	Reconciliation         *ingest.Reconciliation
	Fill                   []fillRow
	Rejections             []rejectionRow
	RejectionsShown        int
	CSVURL, XLSXURL        string
	QuarantineURL          string
}

// receiptCount is one figure of the receipt with its explanation
// (message keys collect.count.<Key> and collect.count.<Key>.explain).
type receiptCount struct {
	Key   string
	N     int64
	Class string // CSS class: bad, warn or ""
}

// fillRow is how often a field had a value in the batch's valid rows.
type fillRow struct {
	Code, Label string
	Required    bool
	Filled      int64
	Rate        float64
	Permille    int // for the meter
}

// rejectionRow is one rejected value as the receipt lists it.
type rejectionRow struct {
	Row                int64
	Field, Label       string
	Reason, RawValue   string
	WholeRow, RawShown bool
}

// receiptRejections is how many rejection reasons the page lists; the
// downloads have them all.
const receiptRejections = 200

// showReceipt shows one batch's receipt: what happened to every row,
// whether the delivery matches its manifest, how complete the fields were
// and why rows were rejected.
func (h *Handler) showReceipt(w http.ResponseWriter, r *http.Request) error {
	c, err := h.collectorFor(r, false)
	if err != nil {
		return err
	}
	b, err := h.visibleBatch(r, c, r.PathValue("id"))
	if err != nil {
		return err
	}
	cat, err := h.deps.Catalog.Current(r.Context())
	if err != nil {
		return err
	}
	v := h.collectView(r, "batches", nil)
	p := receiptPage{collectBase: c.base("batches"), Batch: b, ItemName: itemLabel(v, cat, b.Item),
		Resent: r.URL.Query().Get("resent") == "1", ProviderName: b.Provider}
	if pr, ok := c.provider(b.Provider); ok {
		p.ProviderName = pr.Name
	}
	p.Figures = []receiptCount{{"received", b.Received, ""}, {"accepted", b.Accepted, ""}, {"updated", b.Updated, ""},
		{"duplicate", b.Duplicate, ""}, {"revoked", b.Revoked, ""}, {"rejected", b.Rejected, "bad"}, {"quarantined", b.Quarantined, "warn"}}
	if rc, ok := b.Reconcile(); ok {
		p.Reconciliation = &rc
	}
	it, itErr := cat.Item(b.Item)
	if itErr == nil {
		p.Fill = fillRows(v, it, b)
	}
	if b.Rejected > 0 {
		p.CSVURL, p.XLSXURL = batchURL(b.ID)+"/rejections.csv", batchURL(b.ID)+"/rejections.xlsx"
		if p.Rejections, err = h.firstRejections(r.Context(), v, it, b.ID); err != nil {
			return err
		}
		p.RejectionsShown = len(p.Rejections)
	}
	if b.Quarantined > 0 {
		p.QuarantineURL = quarantinePath + "?" + url.Values{"provider": {b.Provider}, "item": {b.Item}}.Encode()
	}
	v.Data = &p
	return h.render(w, r, http.StatusOK, "collect_receipt", v)
}

// fillRows lists the item's fields with how often the batch's valid rows
// filled them.
func fillRows(v *view, it catalog.Item, b ingest.Batch) []fillRow {
	valid := b.Received - b.Rejected
	var out []fillRow
	for _, f := range it.Fields {
		if f.Deprecated {
			continue
		}
		fr := fillRow{Code: f.Code, Label: v.Pick(f.Name, f.NameEN), Required: f.Required == catalog.Required, Filled: b.FieldFill[f.Code]}
		if valid > 0 {
			fr.Rate = min(1, float64(fr.Filled)/float64(valid))
		}
		fr.Permille = int(fr.Rate*1000 + 0.5)
		out = append(out, fr)
	}
	return out
}

// firstRejections reads the first reasons a batch's rows were rejected.
func (h *Handler) firstRejections(ctx context.Context, v *view, it catalog.Item, batch string) ([]rejectionRow, error) {
	var out []rejectionRow
	for rej, err := range h.deps.Collect.Rejections(ctx, batch) {
		if err != nil {
			return nil, err
		}
		out = append(out, toRejectionRow(v.Lang, it, rej))
		if len(out) == receiptRejections {
			break
		}
	}
	return out, nil
}

func toRejectionRow(lang string, it catalog.Item, rej ingest.Rejection) rejectionRow {
	row := rejectionRow{Row: rej.Row, Field: rej.Field, Label: fieldLabel(lang, it, rej), Reason: rej.Msg, RawValue: rej.Raw,
		WholeRow: rej.Field == "", RawShown: rej.Raw != ""}
	if lang == LangEn && rej.MsgEN != "" {
		row.Reason = rej.MsgEN
	}
	return row
}

// fieldLabel names a rejected field in lang: the catalog's English label
// when there is one, else the Chinese label stored with the rejection.
func fieldLabel(lang string, it catalog.Item, rej ingest.Rejection) string {
	if lang == LangEn {
		for _, f := range it.Fields {
			if f.Code == rej.Field && f.NameEN != "" {
				return f.NameEN
			}
		}
	}
	if rej.Label != "" {
		return rej.Label
	}
	return rej.Field
}

// resentSince reports whether a batch returned for an upload started at
// t had been received before: collection gives the first receipt again.
func resentSince(b ingest.Batch, t time.Time) bool {
	return !b.CreatedAt.IsZero() && b.CreatedAt.Before(t)
}
