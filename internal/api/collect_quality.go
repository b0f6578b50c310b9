// SPDX-License-Identifier: Apache-2.0

package api

import (
	"io"
	"net/http"
	"time"

	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/ingest"
)

// qualityResponse is the data quality of providers' deliveries (数据质量)
// over a window.
type qualityResponse struct {
	WindowDays  int           `json:"window_days"`
	GeneratedAt time.Time     `json:"generated_at"`
	MasterSize  int64         `json:"master_size"`
	Items       []qualityItem `json:"items"`
}

// qualityItem is one provider's figures for one item.
type qualityItem struct {
	Provider       string             `json:"provider"`
	ProviderName   string             `json:"provider_name"`
	Item           string             `json:"item"`
	ItemName       string             `json:"item_name"`
	Frequency      string             `json:"frequency"`
	LastDelivery   *time.Time         `json:"last_delivery"`
	Late           bool               `json:"late"`
	Batches        int                `json:"batches"`
	Received       int64              `json:"received"`
	Rejected       int64              `json:"rejected"`
	Quarantined    int64              `json:"quarantined"`
	ErrorRate      float64            `json:"error_rate"`
	Subjects       int64              `json:"subjects"`
	Expected       int64              `json:"expected"`
	CollectionRate float64            `json:"collection_rate"`
	Completeness   []fieldFillRate    `json:"completeness"`
	Trend          []monthlyDelivered `json:"trend"`
}

type fieldFillRate struct {
	Field  string  `json:"field"`
	Label  string  `json:"label"`
	Filled int64   `json:"filled"`
	Rate   float64 `json:"rate"`
}

type monthlyDelivered struct {
	Month    string `json:"month"`
	Batches  int    `json:"batches"`
	Received int64  `json:"received"`
	Rejected int64  `json:"rejected"`
	Accepted int64  `json:"accepted"`
}

func toQualityItem(q ingest.Quality) qualityItem {
	out := qualityItem{Provider: q.Provider, ProviderName: q.ProviderName, Item: q.Item, ItemName: q.ItemName,
		Frequency: string(q.Frequency), LastDelivery: timePtr(q.LastDelivery), Late: q.Late, Batches: q.Batches,
		Received: q.Received, Rejected: q.Rejected, Quarantined: q.Quarantined, ErrorRate: q.ErrorRate, Subjects: q.Subjects,
		Expected: q.Expected, CollectionRate: q.CollectionRate, Completeness: []fieldFillRate{}, Trend: []monthlyDelivered{}}
	for _, f := range q.Completeness {
		out.Completeness = append(out.Completeness, fieldFillRate{Field: f.Field, Label: f.Label, Filled: f.Filled, Rate: f.Rate})
	}
	for _, m := range q.Trend {
		out.Trend = append(out.Trend, monthlyDelivered{Month: m.Month, Batches: m.Batches, Received: m.Received,
			Rejected: m.Rejected, Accepted: m.Accepted})
	}
	return out
}

// quality computes the figures the caller may see: every provider's for
// operators and regulators, its own organization's for a provider.
func (h *Handler) quality(r *http.Request) (int, int64, []ingest.Quality, error) {
	days, err := intParam(r.URL.Query(), "window_days", 30, 1, 366)
	if err != nil {
		return 0, 0, nil, err
	}
	var size int64
	if h.col.master != nil {
		n, err := h.col.master.Count(r.Context())
		if err != nil {
			return 0, 0, nil, err
		}
		size = int64(n)
	}
	all, err := h.col.svc.Quality(r.Context(), time.Duration(days)*24*time.Hour, size)
	if err != nil {
		return 0, 0, nil, err
	}
	sc := scopeOf(r.Context())
	if sc.all {
		return days, size, all, nil
	}
	visible, err := h.visibleProviders(r.Context())
	if err != nil {
		return 0, 0, nil, err
	}
	var out []ingest.Quality
	for _, q := range all {
		for _, code := range visible {
			if q.Provider == code {
				out = append(out, q)
			}
		}
	}
	return days, size, out, nil
}

// getQuality answers GET /api/v1/quality.
func (h *Handler) getQuality(w http.ResponseWriter, r *http.Request) error {
	days, size, qs, err := h.quality(r)
	if err != nil {
		return err
	}
	out := qualityResponse{WindowDays: days, GeneratedAt: time.Now().UTC(), MasterSize: size, Items: []qualityItem{}}
	for _, q := range qs {
		out.Items = append(out.Items, toQualityItem(q))
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// exportQuality answers GET /api/v1/quality.csv and .xlsx.
func (h *Handler) exportQuality(ext string) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		_, _, qs, err := h.quality(r)
		if err != nil {
			return err
		}
		name := "quality-" + time.Now().In(chinaTime).Format("20060102") + "." + ext
		return h.download(w, r, ext, name, func(w io.Writer) error {
			if ext == "xlsx" {
				return ingest.WriteQualityXLSX(w, qs)
			}
			return ingest.WriteQualityCSV(w, qs)
		})
	}
}

// chinaTime names files by the date in China, where they are read.
var chinaTime = time.FixedZone("CST", 8*3600)
