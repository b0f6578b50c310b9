// SPDX-License-Identifier: Apache-2.0

package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/usage"
)

// accessPage is the data of the my_access template.
type accessPage struct {
	Enterprise bool // the enterprise's own log; else an institution's accesses
	DeniedOnly bool
	Rows       []accessRow
	NextURL    string
	FirstURL   string // back to the newest, when paged
}

// accessRow is one access as the log shows it.
type accessRow struct {
	usage.Entry
	Action, Purpose, Role string
	Items                 []string
	Denied                bool
}

// showMyAccess shows who accessed the enterprise's information (or, for
// an institution, the accesses it made), newest first, refusals included.
func (h *Handler) showMyAccess(w http.ResponseWriter, r *http.Request) error {
	if h.deps.Usage == nil {
		return errUsageOff
	}
	p, _ := access.PrincipalFrom(r.Context())
	if !p.IsOrgKind(access.OrgEnterprise) && !p.IsOrgKind(access.OrgInstitution) {
		return apperr.Forbiddenf("查询记录供企业和接入机构查看 / the access log is for enterprises and institutions")
	}
	q := r.URL.Query()
	lq := usage.LogQuery{Limit: 50, DeniedOnly: q.Get("outcome") == "denied"}
	if s := q.Get("before"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 1 {
			return apperr.Invalidf("翻页参数无效 / the page link is not valid")
		}
		lq.Before = n
	}
	page, err := h.deps.Usage.AccessLog(r.Context(), lq)
	if err != nil {
		return err
	}
	v := h.newView(r, nil)
	v.Nav = "my-access"
	pg := accessPage{Enterprise: p.IsOrgKind(access.OrgEnterprise), DeniedOnly: lq.DeniedOnly}
	link := func(before int64) string {
		u := url.Values{}
		if lq.DeniedOnly {
			u.Set("outcome", "denied")
		}
		if before > 0 {
			u.Set("before", strconv.FormatInt(before, 10))
		}
		if len(u) == 0 {
			return myAccessPath
		}
		return myAccessPath + "?" + u.Encode()
	}
	if page.Next > 0 {
		pg.NextURL = link(page.Next)
	}
	if lq.Before > 0 {
		pg.FirstURL = link(0)
	}
	for _, e := range page.Entries {
		row := accessRow{Entry: e, Action: usage.ActionLabel(e.Action, v.Lang), Purpose: usage.PurposeLabel(e.Purpose, v.Lang),
			Role: e.Role.Label(v.Lang), Denied: e.Outcome == audit.OutcomeDenied}
		for _, it := range e.Items {
			row.Items = append(row.Items, v.Pick(it.Name, it.NameEN))
		}
		pg.Rows = append(pg.Rows, row)
	}
	v.Data = pg
	return h.render(w, r, http.StatusOK, "my_access", v)
}

// usagePage is the data of the provider_usage template.
type usagePage struct {
	Month     string
	Months    []option
	Providers []option
	Rows      []usageRow
	Total     int64
	NoOwn     bool
	CSVURL    string
	XLSXURL   string
}

type usageRow struct {
	usage.Row
	Item, Purpose, Action, Kind string
}

// showProviderUsage shows a month of usage feedback (信息使用情况反馈).
func (h *Handler) showProviderUsage(w http.ResponseWriter, r *http.Request) error {
	if h.deps.Usage == nil {
		return errUsageOff
	}
	q := r.URL.Query()
	prov := q.Get("provider")
	fb, err := h.deps.Usage.Usage(r.Context(), q.Get("month"), prov)
	if err != nil {
		return err
	}
	all, err := h.deps.Usage.VisibleProviders(r.Context())
	if err != nil {
		return err
	}
	v := h.newView(r, nil)
	v.Nav = "provider-usage"
	pg := usagePage{Month: fb.Month, Total: fb.Total, NoOwn: len(all) == 0}
	for _, p := range all {
		pg.Providers = append(pg.Providers, option{Value: p.Code, Label: p.Name, Selected: p.Code == prov})
	}
	now := time.Now().In(chinaTime)
	for i := range 24 {
		m := time.Date(now.Year(), now.Month()-time.Month(i), 1, 0, 0, 0, 0, chinaTime).Format("2006-01")
		pg.Months = append(pg.Months, option{Value: m, Label: m, Selected: m == fb.Month})
	}
	dl := url.Values{"month": {fb.Month}}
	if prov != "" {
		dl.Set("provider", prov)
	}
	pg.CSVURL, pg.XLSXURL = providerUsagePath+".csv?"+dl.Encode(), providerUsagePath+".xlsx?"+dl.Encode()
	for _, row := range fb.Rows {
		ur := usageRow{Row: row, Item: v.Pick(row.ItemName, row.ItemNameEN), Purpose: usage.PurposeLabel(row.Purpose, v.Lang),
			Action: usage.ActionLabel(row.ActionOf(), v.Lang)}
		if row.OrgKind != "" {
			ur.Kind = row.OrgKind.Label(v.Lang)
		}
		pg.Rows = append(pg.Rows, ur)
	}
	v.Data = pg
	return h.render(w, r, http.StatusOK, "provider_usage", v)
}

// downloadUsage sends the month's figures as CSV or a workbook, built in
// memory first (a month is at most a few thousand rows) so that a failure
// is an error page, not half a file.
func (h *Handler) downloadUsage(xlsx bool) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		if h.deps.Usage == nil {
			return errUsageOff
		}
		fb, err := h.deps.Usage.Usage(r.Context(), r.URL.Query().Get("month"), r.URL.Query().Get("provider"))
		if err != nil {
			return err
		}
		var b bytes.Buffer
		name, ctype := "usage-"+fb.Month+".csv", ctypeCSV
		if xlsx {
			name, ctype = "usage-"+fb.Month+".xlsx", ctypeXLSX
			err = usage.WriteXLSX(&b, fb)
		} else {
			err = usage.WriteCSV(&b, fb)
		}
		if err != nil {
			return err
		}
		attachment(w, ctype, name)
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b.Bytes()))
		return nil
	}
}
