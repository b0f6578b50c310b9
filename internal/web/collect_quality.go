// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/ingest"
)

// qualityWindow is how far back the quality figures look: a year, so that
// yearly items have a delivery in it and the trend shows twelve months.
const qualityWindow = 365 * 24 * time.Hour

// qualityExport is the API's download of the figures the page shows, over
// the same window; the API scopes it to the session's user as the page
// does.
func qualityExport(ext string) string {
	return "/api/v1/quality." + ext + "?window_days=" + strconv.Itoa(int(qualityWindow/(24*time.Hour)))
}

// qualityPage is the data of the collect_quality template.
type qualityPage struct {
	collectBase
	Rows      []qualityRow
	CanUpload bool
	NoOwn     bool
	CSVURL    string
	XLSXURL   string
}

// qualityRow is one provider's deliveries of one item.
type qualityRow struct {
	ingest.Quality
	ItemLabel    string
	DetailURL    string
	UploadURL    string
	HasRate      bool    // the item should cover every enterprise
	Completeness float64 // mean fill rate of the required fields
	Trend        trendChart
}

// qualityItemPage is the data of the collect_quality_item template: the
// per-field completeness of one provider's item.
type qualityItemPage struct {
	collectBase
	qualityRow
	Fields []fillRow
}

// showQuality shows data quality per provider and item (数据质量):
// timeliness, volume, error rate, collection rate, completeness and the
// monthly trend. Operators and regulators see every provider, provider
// users their own.
func (h *Handler) showQuality(w http.ResponseWriter, r *http.Request) error {
	c, err := h.collectorFor(r, true)
	if err != nil {
		return err
	}
	qs, err := h.visibleQuality(r, c)
	if err != nil {
		return err
	}
	cat, err := h.deps.Catalog.Current(r.Context())
	if err != nil {
		return err
	}
	v := h.collectView(r, "quality", nil)
	p := qualityPage{collectBase: c.base("quality"), CanUpload: c.delivers, NoOwn: len(c.providers) == 0,
		CSVURL: qualityExport("csv"), XLSXURL: qualityExport("xlsx")}
	now := time.Now()
	for _, q := range qs {
		p.Rows = append(p.Rows, toQualityRow(v, cat, q, now, p.CanUpload))
	}
	v.Data = &p
	return h.render(w, r, http.StatusOK, "collect_quality", v)
}

// showQualityItem shows how complete each field of one provider's item
// was over the window, with the trend as a table.
func (h *Handler) showQualityItem(w http.ResponseWriter, r *http.Request) error {
	c, err := h.collectorFor(r, true)
	if err != nil {
		return err
	}
	provider, item := r.PathValue("provider"), r.PathValue("item")
	if !c.operator && !c.regulator && !c.sees(provider) {
		return apperr.Forbiddenf("您无权查看数据提供单位 %s 的数据质量；请从数据质量列表进入 / you may not see the quality of provider %s; open it from the quality list", provider, provider)
	}
	qs, err := h.visibleQuality(r, c)
	if err != nil {
		return err
	}
	cat, err := h.deps.Catalog.Current(r.Context())
	if err != nil {
		return err
	}
	for _, q := range qs {
		if q.Provider != provider || q.Item != item {
			continue
		}
		v := h.collectView(r, "quality", nil)
		p := qualityItemPage{collectBase: c.base("quality"), qualityRow: toQualityRow(v, cat, q, time.Now(), c.delivers)}
		it, _ := cat.Item(item) // an item gone from the catalog still has its stored labels
		required := map[string]bool{}
		for _, f := range it.Fields {
			required[f.Code] = f.Required == catalog.Required
		}
		for _, f := range q.Completeness {
			p.Fields = append(p.Fields, fillRow{Code: f.Field, Label: fieldLabel(v.Lang, it, ingest.Rejection{Field: f.Field, Label: f.Label}),
				Required: required[f.Field], Filled: f.Filled, Rate: f.Rate, Permille: int(min(1, f.Rate)*1000 + 0.5)})
		}
		v.Data = &p
		return h.render(w, r, http.StatusOK, "collect_quality_item", v)
	}
	return apperr.NotFoundf("数据提供单位 %s 未登记报送信息项 %s / provider %s is not registered for item %s", provider, item, provider, item)
}

// visibleQuality returns the quality figures of the providers the user
// may see, with the master's size as the base of the collection rate.
func (h *Handler) visibleQuality(r *http.Request, c collector) ([]ingest.Quality, error) {
	var master int64
	if h.deps.MasterSize != nil {
		n, err := h.deps.MasterSize.Count(r.Context())
		if err != nil {
			return nil, err
		}
		master = int64(n)
	}
	all, err := h.deps.Collect.Quality(r.Context(), qualityWindow, master)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, q := range all {
		if c.sees(q.Provider) {
			out = append(out, q)
		}
	}
	return out, nil
}

func toQualityRow(v *view, cat *catalog.Catalog, q ingest.Quality, now time.Time, canUpload bool) qualityRow {
	row := qualityRow{Quality: q, ItemLabel: itemLabel(v, cat, q.Item), HasRate: q.Expected > 0,
		DetailURL: qualityPath + "/" + url.PathEscape(q.Provider) + "/" + url.PathEscape(q.Item), Trend: newTrend(v, q.Trend, now)}
	if canUpload {
		row.UploadURL = uploadPath + "?" + url.Values{"provider": {q.Provider}, "item": {q.Item}}.Encode()
	}
	required := map[string]bool{}
	if it, err := cat.Item(q.Item); err == nil {
		for _, f := range it.Fields {
			required[f.Code] = f.Required == catalog.Required
		}
	}
	var sum float64
	var n int
	for _, f := range q.Completeness {
		if required[f.Field] {
			sum, n = sum+min(1, f.Rate), n+1
		}
	}
	if n > 0 {
		row.Completeness = sum / float64(n)
	}
	return row
}
