// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/rights"
)

// SelfReports is what the pages need for self-reported information.
// *rights.SelfReports implements it.
type SelfReports interface {
	Submit(ctx context.Context, in rights.NewSelfReport) (rights.SelfReport, error)
	List(ctx context.Context, uscc string) ([]rights.SelfReport, error)
	Get(ctx context.Context, id string) (rights.SelfReport, []rights.Contest, error)
	Verify(ctx context.Context, id string) (rights.Commitment, error)
	ContestSelfReport(ctx context.Context, id, reason string) (rights.Contest, error)
	DecideContest(ctx context.Context, contestID string, isFalse bool, note string) (rights.Contest, error)
	OpenContests(ctx context.Context) ([]rights.Contest, error)
}

var errSelfReportsOff = apperr.E(apperr.Unavailable, "本节点未开放自愿填报 / self-reporting is not enabled on this node", nil)

// selfReportKind is one kind's form: its fields from the catalog and the
// commitment the submitter signs.
type selfReportKind struct {
	Kind       rights.SelfReportKind
	Label      string
	Fields     []catalog.Field
	Commitment rights.CommitmentText
	Selected   bool
}

// selfReportsPage is the data of the my_self_reports page.
type selfReportsPage struct {
	Kinds   []selfReportKind
	Rows    []rights.SelfReport
	Values  map[string]string
	Problem string
	DoneID  string
}

// kindForms builds the forms of every kind from the catalog in force.
func kindForms(cat *catalog.Catalog, lang string, selected rights.SelfReportKind) []selfReportKind {
	var out []selfReportKind
	for _, k := range rights.SelfReportKinds() {
		it, err := cat.Item(k.Item())
		if err != nil {
			continue
		}
		c, _ := rights.CommitmentFor(k)
		f := selfReportKind{Kind: k, Label: k.Label(lang), Commitment: c, Selected: k == selected}
		for _, fd := range it.Fields {
			if fd.Code != "USCC" && fd.Code != "NAME" && fd.Code != "COMMITMENT_NO" {
				f.Fields = append(f.Fields, fd)
			}
		}
		out = append(out, f)
	}
	return out
}

// showSelfReports lists the enterprise's submissions with the forms.
func (h *Handler) showSelfReports(w http.ResponseWriter, r *http.Request) error {
	k := rights.SelfReportKind(r.URL.Query().Get("kind"))
	if !k.Valid() {
		k = rights.KindQualification
	}
	return h.renderSelfReports(w, r, http.StatusOK, selfReportsPage{DoneID: r.URL.Query().Get("id")}, k)
}

func (h *Handler) renderSelfReports(w http.ResponseWriter, r *http.Request, status int, pg selfReportsPage, k rights.SelfReportKind) error {
	if h.deps.SelfReports == nil {
		return errSelfReportsOff
	}
	p, _ := access.PrincipalFrom(r.Context())
	if !p.IsOrgKind(access.OrgEnterprise) {
		return errNotEnterprise
	}
	rows, err := h.deps.SelfReports.List(r.Context(), "")
	if err != nil {
		return err
	}
	cat, err := h.deps.Catalog.Current(r.Context())
	if err != nil {
		return err
	}
	v := h.newView(r, nil)
	v.Nav = "my-self-reports"
	pg.Rows, pg.Kinds = rows, kindForms(cat, v.Lang, k)
	v.Data = pg
	return h.render(w, r, status, "my_self_reports", v)
}

// submitSelfReport records a submission; the commitment is signed when the
// box saying so is ticked.
func (h *Handler) submitSelfReport(w http.ResponseWriter, r *http.Request) error {
	if h.deps.SelfReports == nil {
		return errSelfReportsOff
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("表单无效 / bad form")
	}
	k := rights.SelfReportKind(r.PostForm.Get("kind"))
	data := map[string]string{}
	for key, vs := range r.PostForm {
		if code, ok := strings.CutPrefix(key, "f_"); ok && len(vs) > 0 {
			data[code] = vs[0]
		}
	}
	pg := selfReportsPage{Values: data}
	again := func(status int, msg string) error {
		pg.Problem = msg
		return h.renderSelfReports(w, r, status, pg, k)
	}
	if r.PostForm.Get("commit") != "yes" {
		return again(http.StatusBadRequest, pickLang("请阅读并签署信用承诺书 / read and sign the credit commitment", requestLang(r, h.deps.DefaultLang)))
	}
	s, err := h.deps.SelfReports.Submit(r.Context(), rights.NewSelfReport{Kind: k, Data: data})
	if err != nil {
		return h.refused(r, err, again)
	}
	http.Redirect(w, r, "/self-reports/"+s.ID+"?done=submitted", http.StatusSeeOther)
	return nil
}

// labelled is one field as people read it.
type labelled struct{ Label, Value string }

// selfReportPage is the data of the self_report page.
type selfReportPage struct {
	Report      rights.SelfReport
	Fields      []labelled // the submitted fields in catalog order
	Status      string
	Kind        string
	Commitment  rights.CommitmentText
	Verified    bool
	Contests    []rights.Contest
	OpenContest string // the open contest's ID, for the decision form
	MayContest  bool
	MayDecide   bool
	Done        string
	Problem     string
}

// showSelfReport shows a submission, its signed commitment (checked with
// the node's key) and its contests, with the forms the caller may use.
func (h *Handler) showSelfReport(w http.ResponseWriter, r *http.Request) error {
	return h.renderSelfReport(w, r, http.StatusOK, r.PathValue("id"), "")
}

func (h *Handler) renderSelfReport(w http.ResponseWriter, r *http.Request, status int, id, problem string) error {
	if h.deps.SelfReports == nil {
		return errSelfReportsOff
	}
	s, cs, err := h.deps.SelfReports.Get(r.Context(), id)
	if err != nil {
		return err
	}
	_, verr := h.deps.SelfReports.Verify(r.Context(), id)
	p, _ := access.PrincipalFrom(r.Context())
	operator := p.IsOrgKind(access.OrgOperator)
	v := h.newView(r, nil)
	c, _ := rights.CommitmentFor(s.Kind)
	pg := selfReportPage{Report: s, Kind: s.Kind.Label(v.Lang), Commitment: c, Verified: verr == nil, Contests: cs,
		MayContest: s.Status == rights.SelfReportActive && (operator || p.IsOrgKind(access.OrgProvider)),
		Done:       r.URL.Query().Get("done"), Problem: problem}
	for _, ct := range cs {
		if ct.Status == rights.ContestOpen {
			pg.OpenContest = ct.ID
			pg.MayDecide = operator
		}
	}
	if cat, err := h.deps.Catalog.Current(r.Context()); err == nil {
		if it, err := cat.Item(s.Item); err == nil {
			for _, f := range it.Fields {
				if val, ok := s.Data[f.Code]; ok {
					pg.Fields = append(pg.Fields, labelled{Label: v.Pick(f.Name, f.NameEN), Value: val})
				}
			}
		}
	}
	pg.Status = map[rights.SelfReportStatus]string{rights.SelfReportActive: v.Pick("有效", "In force"),
		rights.SelfReportContested: v.Pick("异议处理中", "Contested"), rights.SelfReportFalse: v.Pick("信用承诺经认定不实", "Commitment found false")}[s.Status]
	v.Data = pg
	return h.render(w, r, status, "self_report", v)
}

// contestSelfReport records an operator's or provider's contest.
func (h *Handler) contestSelfReport(w http.ResponseWriter, r *http.Request) error {
	if h.deps.SelfReports == nil {
		return errSelfReportsOff
	}
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("表单无效 / bad form")
	}
	id := r.PathValue("id")
	if _, err := h.deps.SelfReports.ContestSelfReport(r.Context(), id, r.PostForm.Get("reason")); err != nil {
		return h.refused(r, err, func(status int, msg string) error { return h.renderSelfReport(w, r, status, id, msg) })
	}
	http.Redirect(w, r, "/self-reports/"+id+"?done=contested", http.StatusSeeOther)
	return nil
}

// decideContest records the credit centre's decision on a contest.
func (h *Handler) decideContest(w http.ResponseWriter, r *http.Request) error {
	if h.deps.SelfReports == nil {
		return errSelfReportsOff
	}
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("表单无效 / bad form")
	}
	id := r.PostForm.Get("self_report")
	_, err := h.deps.SelfReports.DecideContest(r.Context(), r.PathValue("id"), r.PostForm.Get("decision") == "false", r.PostForm.Get("note"))
	if err != nil {
		return h.refused(r, err, func(status int, msg string) error { return h.renderSelfReport(w, r, status, id, msg) })
	}
	http.Redirect(w, r, "/self-reports/"+id+"?done=decided", http.StatusSeeOther)
	return nil
}

// showContests lists the contests waiting for the credit centre.
func (h *Handler) showContests(w http.ResponseWriter, r *http.Request) error {
	if h.deps.SelfReports == nil {
		return errSelfReportsOff
	}
	cs, err := h.deps.SelfReports.OpenContests(r.Context())
	if err != nil {
		return err
	}
	v := h.newView(r, cs)
	v.Nav = "op-contests"
	return h.render(w, r, http.StatusOK, "self_report_contests", v)
}
