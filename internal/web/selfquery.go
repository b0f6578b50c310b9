// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/report"
	"github.com/xinrong/xinrong/internal/rights"
	"github.com/xinrong/xinrong/internal/score"
	"github.com/xinrong/xinrong/internal/usage"
)

// selfQueryPage is the data of the my_selfquery page: everything the node
// holds about the enterprise, its cases and who looked.
type selfQueryPage struct {
	USCC, Name     string
	AuditIndex     int64
	Items          []sqItem
	Cases          []caseView
	Restructurings []rights.Restructuring
	Access         []accessRow
	Problem        string
	ProblemRecord  string // the record whose form the problem is about
	Done           string
	Form           map[string]string
	MaxEvidenceMiB int
	PDF            bool
	// Evaluation is the latest credit evaluation, nil when none;
	// EvaluationObjection an open objection to it.
	Evaluation          *score.Evaluation
	Explanation         string
	Reasons             []string
	EvaluationObjection string
}

type sqItem struct {
	Code, Name string
	Negative   bool
	Withheld   string
	Records    []sqRecord
}

type sqRecord struct {
	ID           string
	Version      int
	Fields       []labelled
	Provider     string
	ReceivedAt   time.Time
	Disputed     bool
	Hidden, Note string
	Versions     []sqVersion
	// Open cases on the record: no second objection or application.
	OpenObjection, OpenRepair string
	// Repair eligibility, shown before the enterprise writes: the
	// earliest date, or why not.
	Repairable bool
	RepairFrom time.Time
	RepairNow  bool
	RepairWhy  string
}

type sqVersion struct {
	Version        int
	Status         string
	Current        bool
	Provider       string
	Batch, Channel string
	File           string
	ReceivedAt     time.Time
	SourceTime     string
	Changed        string
	Fields         []labelled
}

// showSelfQuery is the enterprise's free self-query (自查). The page passes
// the gate as the enterprise itself (full view, purpose self_query), so the
// look is audited and shows in the enterprise's own access history.
func (h *Handler) showSelfQuery(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	return h.renderSelfQuery(w, r, http.StatusOK, selfQueryPage{Done: q.Get("done")})
}

func (h *Handler) renderSelfQuery(w http.ResponseWriter, r *http.Request, status int, pg selfQueryPage) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	ctx := r.Context()
	code, err := h.deps.Rights.OwnCode(ctx)
	if err != nil {
		return err
	}
	gv, err := h.deps.Gate.Release(ctx, gate.Request{Action: gate.ActionQuery, Subject: code, Purpose: gate.PurposeSelf}, nil)
	if err != nil {
		return err
	}
	hist, err := h.deps.Rights.History(ctx, gv)
	if err != nil {
		return err
	}
	os, err := h.deps.Rights.ListObjections(ctx, rights.Filter{})
	if err != nil {
		return err
	}
	rs, err := h.deps.Rights.ListRepairs(ctx, rights.Filter{})
	if err != nil {
		return err
	}
	if pg.Restructurings, err = h.deps.Rights.Restructurings(ctx, code); err != nil {
		return err
	}
	lang := requestLang(r, h.deps.DefaultLang)
	if h.deps.Usage != nil {
		page, err := h.deps.Usage.AccessLog(ctx, usage.LogQuery{Limit: 20})
		if err != nil {
			return err
		}
		for _, e := range page.Entries {
			row := accessRow{Entry: e, Action: usage.ActionLabel(e.Action, lang), Purpose: usage.PurposeLabel(e.Purpose, lang),
				Role: e.Role.Label(lang), Denied: e.Outcome == audit.OutcomeDenied}
			pg.Access = append(pg.Access, row)
		}
	}
	v := h.newView(r, nil)
	v.Nav = "my-selfquery"
	now := time.Now()
	openObj, openRep := map[string]string{}, map[string]string{}
	names := map[string]string{}
	for _, iv := range gv.Items {
		names[iv.Item.Code] = v.Pick(iv.Item.Name, iv.Item.NameEN)
	}
	for _, o := range os {
		c := objectionCase(o, v.Lang, now)
		c.ItemName = names[o.Item]
		if o.Item == rights.EvaluationItem {
			c.ItemName = v.Pick("信用评价", "Credit evaluation")
		}
		pg.Cases = append(pg.Cases, c)
		if c.Open {
			openObj[o.RecordID] = o.ID
		}
	}
	for _, x := range rs {
		c := repairCase(x, v.Lang, now)
		c.ItemName = names[x.Item]
		pg.Cases = append(pg.Cases, c)
		if x.Status == rights.StatusPending || x.Status == rights.StatusGranted {
			openRep[x.RecordID] = x.ID
		}
	}
	sort.SliceStable(pg.Cases, func(i, j int) bool { return pg.Cases[i].CreatedAt.After(pg.Cases[j].CreatedAt) })
	pg.USCC, pg.Name, pg.AuditIndex = gv.Subject.USCC, gv.Subject.Name, gv.AuditIndex
	for _, iv := range gv.Items {
		if len(iv.Records) == 0 {
			continue
		}
		it := sqItem{Code: iv.Item.Code, Name: names[iv.Item.Code], Withheld: iv.Withheld,
			Negative: iv.Item.Polarity == catalog.Negative && iv.Item.Publicity != nil}
		for _, rec := range iv.Records {
			sr := sqRecord{ID: rec.ID, Version: rec.Version, Fields: fieldsOf(v, iv.Fields, rec.Data), Provider: rec.Provider,
				ReceivedAt: rec.ReceivedAt, Disputed: rec.Disputed, Hidden: rec.Hidden, Note: rec.Note,
				OpenObjection: openObj[rec.ID], OpenRepair: openRep[rec.ID], Repairable: it.Negative}
			for _, x := range hist[rec.ID] {
				sr.Versions = append(sr.Versions, sqVersion{Version: x.Version, Status: string(x.Status), Current: x.Current,
					Provider: x.Provider, Batch: x.Batch, Channel: x.Channel, File: x.File, ReceivedAt: x.ReceivedAt,
					SourceTime: x.SourceTime, Changed: changedLabels(v, iv.Fields, x.Changed), Fields: fieldsOf(v, iv.Fields, x.Data)})
			}
			if it.Negative && sr.OpenRepair == "" {
				from, ok, err := h.deps.Rights.EarliestRepair(ctx, ingest.Record{ID: rec.ID, Item: iv.Item.Code, Data: rec.Data,
					Status: ingest.RecordActive})
				if err != nil {
					sr.RepairWhy = problemText(err, v.Lang)
				} else {
					sr.RepairFrom, sr.RepairNow = from, ok
				}
			}
			it.Records = append(it.Records, sr)
		}
		pg.Items = append(pg.Items, it)
	}
	if ev, ok, err := h.deps.Rights.Evaluation(ctx); err != nil {
		return err
	} else if ok {
		pg.Evaluation, pg.Explanation = &ev, h.deps.Rights.Explain(ev, v.Lang)
		for _, r := range ev.Reasons {
			pg.Reasons = append(pg.Reasons, v.Pick(r.Text, r.TextEN))
		}
		pg.EvaluationObjection = openObj[ev.ID]
	}
	pg.MaxEvidenceMiB, pg.PDF = maxEvidence>>20, h.deps.RenderPDF != nil
	if pg.Form == nil {
		pg.Form = map[string]string{}
	}
	v.Data = pg
	return h.render(w, r, status, "my_selfquery", v)
}

// fieldsOf lists the released fields of a record in catalog order.
func fieldsOf(v *view, fields []catalog.Field, data map[string]string) []labelled {
	var out []labelled
	for _, f := range fields {
		if val, ok := data[f.Code]; ok && val != "" {
			out = append(out, labelled{Label: v.Pick(f.Name, f.NameEN), Value: val})
		}
	}
	return out
}

func changedLabels(v *view, fields []catalog.Field, codes []string) string {
	var out []string
	for _, f := range fields {
		for _, c := range codes {
			if c == f.Code {
				out = append(out, v.Pick(f.Name, f.NameEN))
			}
		}
	}
	return strings.Join(out, v.Pick("、", ", "))
}

// downloadSelfReport answers the enterprise's own credit report as JSON
// (HTML and PDF go through the report form of the profile page, POST
// /subjects/{code}/report, with purpose self_query).
func (h *Handler) downloadSelfReport(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	if h.deps.Reports == nil {
		return apperr.E(apperr.Unavailable, "信用报告服务未启用 / reports are not available on this node", nil)
	}
	code, err := h.deps.Rights.OwnCode(r.Context())
	if err != nil {
		return err
	}
	rep, err := h.deps.Reports.Issue(r.Context(), report.Ask{Subject: code, Purpose: gate.PurposeSelf, Format: "json"})
	if err != nil {
		return err
	}
	b, err := rep.JSON()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+rep.Number+`.json"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(b)
	return err
}
