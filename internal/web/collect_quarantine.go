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

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/ingest"
)

// quarantinePage is the data of the collect_quarantine template: the
// queue of valid rows that named no enterprise the master knows.
type quarantinePage struct {
	collectBase
	Operator  bool // may attach or discard; everyone else only reads
	Provider  string
	Item      string
	Providers []option
	Rows      []quarantineRow
	Pager     pager
	Outcome   string // message key of the last action's outcome
	OutcomeN  string // its row number
	OutcomeTo string // the code the row was attached to
	Problem   string // why the last action was refused, in the page's language
	NoOwn     bool
}

// quarantineRow is one row waiting for an operator.
type quarantineRow struct {
	ID, ProviderName, ItemLabel, Item string
	SubjectName, SubjectCode, Reason  string
	Row                               int64
	BatchURL, SearchURL, ActionURL    string
}

const quarantinePageSize = 25

var usccShapeRE = regexp.MustCompile(`^[0-9A-Z]{18}$`)

// showQuarantine lists the open quarantined rows the user may see.
func (h *Handler) showQuarantine(w http.ResponseWriter, r *http.Request) error {
	c, err := h.collectorFor(r, false)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p := quarantinePage{Provider: q.Get("provider"), Item: q.Get("item")}
	// The outcome of the last action comes back in the redirect; only the
	// shapes the action writes are shown, so a crafted link cannot put
	// words on the page.
	row, uscc := q.Get("row"), q.Get("uscc")
	if _, err := strconv.ParseUint(row, 10, 63); err == nil && (uscc == "" || usccShapeRE.MatchString(uscc)) {
		switch done := q.Get("done"); {
		case done == "discarded" || done == "attached" && uscc != "":
			p.Outcome, p.OutcomeN, p.OutcomeTo = "collect.quarantine.done_"+done, row, uscc
		}
	}
	return h.renderQuarantine(w, r, c, http.StatusOK, p, q["c"])
}

// renderQuarantine shows the queue page after the cursors in trail (the
// last row ID of each earlier page, so that "previous" works with the
// service's forward-only cursor).
func (h *Handler) renderQuarantine(w http.ResponseWriter, r *http.Request, c collector, status int, p quarantinePage, trail []string) error {
	switch {
	case p.Provider != "" && !c.operator && !c.sees(p.Provider):
		return apperr.Forbiddenf("您无权查看数据提供单位 %s 的待处理行；请从筛选框中选择本单位 / you may not see the rows of provider %s; choose your own in the filter", p.Provider, p.Provider)
	case p.Item != "" && !itemCodeRE.MatchString(p.Item):
		return apperr.Invalidf("信息项代码无效，请从数据归集列表重新进入 / the item code is not valid; open the queue from the collection list")
	case len(trail) > maxTrail || slices.ContainsFunc(trail, func(c string) bool { return c == "" || len(c) > 64 }):
		return apperr.Invalidf("翻页参数无效，请回到第一页 / the page link is not valid; go back to the first page")
	}
	after := ""
	if n := len(trail); n > 0 {
		after = trail[n-1]
	}
	cat, err := h.deps.Catalog.Current(r.Context())
	if err != nil {
		return err
	}
	v := h.collectView(r, "quarantine", nil)
	p.collectBase, p.Operator, p.NoOwn = c.base("quarantine"), c.resolves, len(c.providers) == 0
	names := map[string]string{}
	for _, pr := range c.providers {
		names[pr.Code] = pr.Name
		p.Providers = append(p.Providers, option{Value: pr.Code, Label: pr.Name, Selected: pr.Code == p.Provider})
	}
	rows, more, err := h.listQuarantine(r.Context(), c, p.Provider, p.Item, after)
	if err != nil {
		return err
	}
	for _, x := range rows {
		p.Rows = append(p.Rows, toQuarantineRow(v, cat, x, names[x.Provider]))
	}
	n := len(trail)
	p.Pager = pager{Page: n + 1, HasPrev: n > 0, HasNext: more && n < maxTrail}
	if p.Pager.HasPrev {
		p.Pager.PrevURL = quarantineURL(p.Provider, p.Item, url.Values{"c": trail[:n-1]})
	}
	if p.Pager.HasNext {
		p.Pager.NextURL = quarantineURL(p.Provider, p.Item, url.Values{"c": append(slices.Clone(trail), rows[len(rows)-1].ID)})
	}
	v.Data = &p
	return h.render(w, r, status, "collect_quarantine", v)
}

// listQuarantine returns one page of open rows after the cursor, merging
// the lists of several providers by ID (the service's order).
func (h *Handler) listQuarantine(ctx context.Context, c collector, provider, item, after string) ([]ingest.Quarantined, bool, error) {
	codes := []string{provider}
	if provider == "" && !c.operator {
		codes = codes[:0]
		for _, p := range c.providers {
			codes = append(codes, p.Code)
		}
	}
	var all []ingest.Quarantined
	for _, code := range codes {
		xs, err := h.deps.Collect.Quarantine(ctx, ingest.QuarantineFilter{Status: ingest.QuarantineOpen, Provider: code,
			Item: item, After: after, Limit: quarantinePageSize + 1})
		if err != nil {
			return nil, false, err
		}
		all = append(all, xs...)
	}
	slices.SortFunc(all, func(a, b ingest.Quarantined) int { return strings.Compare(a.ID, b.ID) })
	if len(all) > quarantinePageSize {
		return all[:quarantinePageSize], true, nil
	}
	return all, false, nil
}

func toQuarantineRow(v *view, cat *catalog.Catalog, x ingest.Quarantined, providerName string) quarantineRow {
	if providerName == "" {
		providerName = x.Provider
	}
	row := quarantineRow{ID: x.ID, ProviderName: providerName, ItemLabel: itemLabel(v, cat, x.Item), Item: x.Item,
		SubjectName: x.SubjectName, SubjectCode: x.SubjectCode, Reason: pickLang(x.Reason, v.Lang), Row: x.Row,
		BatchURL: batchURL(x.Batch), ActionURL: quarantinePath + "/" + url.PathEscape(x.ID)}
	if q := strings.TrimSpace(x.SubjectName); q != "" {
		row.SearchURL = "/subjects?" + url.Values{"q": {string([]rune(q)[:min(len([]rune(q)), maxQueryRunes)])}}.Encode()
	} else if x.SubjectCode != "" {
		row.SearchURL = "/subjects?" + url.Values{"q": {x.SubjectCode}}.Encode()
	}
	return row
}

// quarantineURL is the queue filtered by provider and item, with extra
// parameters.
func quarantineURL(provider, item string, q url.Values) string {
	if provider != "" {
		q.Set("provider", provider)
	}
	if item != "" {
		q.Set("item", item)
	}
	if len(q["c"]) == 0 {
		q.Del("c")
	}
	if len(q) == 0 {
		return quarantinePath
	}
	return quarantinePath + "?" + q.Encode()
}
