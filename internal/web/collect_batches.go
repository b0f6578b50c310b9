// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/ingest"
)

// collectBase is what every collection page shows above its content: the
// collection menu, with only the entries the user may open.
type collectBase struct {
	Tabs []collectTab
}

// collectTab is one entry of the collection menu.
type collectTab struct {
	Key, URL string // message key collect.tab.<Key>
	Current  bool
}

func (c collector) base(current string) collectBase {
	var b collectBase
	add := func(key, url string) { b.Tabs = append(b.Tabs, collectTab{key, url, key == current}) }
	if !c.regulator {
		add("batches", collectPath)
		if c.delivers {
			add("upload", uploadPath)
		}
		add("quarantine", quarantinePath)
	}
	add("quality", qualityPath)
	return b
}

// batchesPage is the data of the collect_batches template.
type batchesPage struct {
	collectBase
	Operator  bool
	CanUpload bool
	Providers []option
	Items     []option
	Rows      []batchRow
	Pager     pager
	NoOwn     bool // a provider user whose organization is linked to no provider
	TooDeep   bool // the page is beyond what the list keeps
}

// batchRow is one batch as the overview lists it.
type batchRow struct {
	URL, Provider, ProviderName, Item, ItemName, FileName string
	Status, Channel                                       string
	CreatedAt                                             time.Time
	ingest.Counts
	Reconciled string // "" without a manifest, "ok" or "bad"
}

const (
	batchPageSize = 25
	maxBatchList  = 500 // the service lists at most this many recent batches
)

var itemCodeRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// showBatches lists recent batches, newest first, filtered by provider and
// item. Provider users see only their own providers' batches.
func (h *Handler) showBatches(w http.ResponseWriter, r *http.Request) error {
	c, err := h.collectorFor(r, false)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	provider, item := q.Get("provider"), q.Get("item")
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	switch {
	case provider != "" && !c.operator && !c.sees(provider):
		return apperr.Forbiddenf("您无权查看数据提供单位 %s 的批次；请从筛选框中选择本单位 / you may not see the batches of provider %s; choose your own in the filter", provider, provider)
	case item != "" && !itemCodeRE.MatchString(item):
		return apperr.Invalidf("信息项代码无效，请从筛选框中选择 / the item code is not valid; choose one from the filter")
	}
	cat, err := h.deps.Catalog.Current(r.Context())
	if err != nil {
		return err
	}
	v := h.collectView(r, "batches", nil)
	p := batchesPage{collectBase: c.base("batches"), Operator: c.operator, CanUpload: c.delivers, NoOwn: !c.operator && len(c.providers) == 0}
	seenItem := map[string]bool{}
	for _, pr := range c.providers {
		p.Providers = append(p.Providers, option{Value: pr.Code, Label: pr.Name, Selected: pr.Code == provider})
		for _, it := range pr.Items {
			if !seenItem[it] {
				seenItem[it] = true
				p.Items = append(p.Items, option{Value: it, Label: it + " " + itemLabel(v, cat, it), Selected: it == item})
			}
		}
	}
	slices.SortFunc(p.Items, func(a, b option) int { return strings.Compare(a.Value, b.Value) })
	names := map[string]string{}
	for _, pr := range c.providers {
		names[pr.Code] = pr.Name
	}
	if (page-1)*batchPageSize >= maxBatchList {
		p.TooDeep = true
	} else if !p.NoOwn {
		batches, more, err := h.listBatches(r.Context(), c, provider, item, page)
		if err != nil {
			return err
		}
		for _, b := range batches {
			row := batchRow{URL: batchURL(b.ID), Provider: b.Provider, ProviderName: names[b.Provider], Item: b.Item,
				ItemName: itemLabel(v, cat, b.Item), FileName: b.FileName, Status: string(b.Status), Channel: string(b.Channel),
				CreatedAt: b.CreatedAt, Counts: b.Counts}
			if rc, ok := b.Reconcile(); ok {
				row.Reconciled = map[bool]string{true: "ok", false: "bad"}[rc.RowsMatch && rc.HashMatch]
			}
			p.Rows = append(p.Rows, row)
		}
		p.Pager = batchPager(provider, item, page, more)
	}
	v.Data = &p
	return h.render(w, r, http.StatusOK, "collect_batches", v)
}

// listBatches returns one page of the batches the user may see and
// whether there are more. A provider user's organization may be several
// providers; their lists are merged newest first.
func (h *Handler) listBatches(ctx context.Context, c collector, provider, item string, page int) ([]ingest.Batch, bool, error) {
	limit := min(page*batchPageSize+1, maxBatchList)
	var codes []string
	switch {
	case provider != "":
		codes = []string{provider}
	case c.operator:
		codes = []string{""}
	default:
		for _, p := range c.providers {
			codes = append(codes, p.Code)
		}
	}
	var all []ingest.Batch
	for _, code := range codes {
		bs, err := h.deps.Collect.Batches(ctx, ingest.BatchFilter{Provider: code, Item: item, Limit: limit})
		if err != nil {
			return nil, false, err
		}
		all = append(all, bs...)
	}
	slices.SortFunc(all, func(a, b ingest.Batch) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
	from := (page - 1) * batchPageSize
	if from >= len(all) {
		return nil, false, nil
	}
	to := min(from+batchPageSize, len(all))
	more := len(all) > to && to < maxBatchList
	return all[from:to], more, nil
}

// batchPager links the neighbouring pages of the overview.
func batchPager(provider, item string, page int, more bool) pager {
	link := func(n int) string {
		q := url.Values{}
		if provider != "" {
			q.Set("provider", provider)
		}
		if item != "" {
			q.Set("item", item)
		}
		if n > 1 {
			q.Set("page", strconv.Itoa(n))
		}
		if len(q) == 0 {
			return collectPath
		}
		return collectPath + "?" + q.Encode()
	}
	p := pager{Page: page, HasPrev: page > 1, HasNext: more}
	if p.HasPrev {
		p.PrevURL = link(page - 1)
	}
	if p.HasNext {
		p.NextURL = link(page + 1)
	}
	return p
}
