// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/rights"
)

// inboxPage is the data of the rights_inbox page: the objections and
// repair applications routed to a provider, or all of them for operators.
type inboxPage struct {
	Operator      bool
	Escalated     bool // only the escalated (超期督办) cases
	Objections    []caseView
	Repairs       []caseView
	Outcomes      []outcomeOption
	Problem, Done string
	ProblemCase   string
}

type outcomeOption struct{ Code, Label string }

// showInbox lists the caller's cases with the forms of the steps it may take.
func (h *Handler) showInbox(w http.ResponseWriter, r *http.Request) error {
	return h.renderInbox(w, r, http.StatusOK, inboxPage{Done: r.URL.Query().Get("done")})
}

func (h *Handler) renderInbox(w http.ResponseWriter, r *http.Request, status int, pg inboxPage) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	p, _ := access.PrincipalFrom(r.Context())
	if !p.IsOrgKind(access.OrgOperator) && !p.IsOrgKind(access.OrgProvider) {
		return apperr.Forbiddenf("此页面供信用中心和数据提供单位使用 / this page is for operators and providers")
	}
	pg.Operator = p.IsOrgKind(access.OrgOperator)
	pg.Escalated = r.URL.Query().Get("escalated") == "1"
	os, err := h.deps.Rights.ListObjections(r.Context(), rights.Filter{})
	if err != nil {
		return err
	}
	rs, err := h.deps.Rights.ListRepairs(r.Context(), rights.Filter{})
	if err != nil {
		return err
	}
	v := h.newView(r, nil)
	v.Nav = "rights-inbox"
	now := time.Now()
	for _, o := range os {
		c := objectionCase(o, v.Lang, now)
		if pg.Escalated && !c.Escalated {
			continue
		}
		c.MayAccept = pg.Operator && (o.Status == rights.StatusFiled || o.Status == rights.StatusAccepted)
		c.MayReject = pg.Operator && o.Status == rights.StatusFiled
		c.MayDecide = o.Status == rights.StatusProviderCheck || (pg.Operator && o.Status == rights.StatusAccepted)
		pg.Objections = append(pg.Objections, c)
	}
	for _, x := range rs {
		c := repairCase(x, v.Lang, now)
		if pg.Escalated && !c.Escalated {
			continue
		}
		c.MayDecideRepair = x.Status == rights.StatusPending
		pg.Repairs = append(pg.Repairs, c)
	}
	for _, o := range []rights.Outcome{rights.OutcomeCorrected, rights.OutcomeDeleted, rights.OutcomeConfirmed, rights.OutcomeUndeterminable} {
		pg.Outcomes = append(pg.Outcomes, outcomeOption{Code: string(o), Label: o.Label(v.Lang)})
	}
	v.Data = pg
	return h.render(w, r, status, "rights_inbox", v)
}

// objectionStep takes an operator's or provider's step on an objection.
func (h *Handler) objectionStep(verb string) func(w http.ResponseWriter, r *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := h.rightsOn(); err != nil {
			return err
		}
		r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
		if err := r.ParseForm(); err != nil {
			return apperr.Invalidf("表单无效 / bad form")
		}
		id, note := r.PathValue("id"), r.PostForm.Get("note")
		var err error
		switch verb {
		case "accept":
			_, err = h.deps.Rights.Accept(r.Context(), id, note)
		case "reject":
			_, err = h.deps.Rights.Reject(r.Context(), id, note)
		default:
			_, err = h.deps.Rights.Decide(r.Context(), id, rights.Outcome(r.PostForm.Get("outcome")), note)
		}
		return h.afterStep(w, r, id, verb, err)
	}
}

// decideRepair grants or refuses a repair application.
func (h *Handler) decideRepair(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("表单无效 / bad form")
	}
	id, d := r.PathValue("id"), r.PostForm.Get("decision")
	if d != "grant" && d != "refuse" {
		return apperr.Invalidf("请选择准予或不予修复 / choose grant or refuse")
	}
	_, err := h.deps.Rights.DecideRepair(r.Context(), id, d == "grant", r.PostForm.Get("note"))
	return h.afterStep(w, r, id, "repair-"+d, err)
}

func (h *Handler) afterStep(w http.ResponseWriter, r *http.Request, id, done string, err error) error {
	if err != nil {
		return h.refused(r, err, func(status int, msg string) error {
			return h.renderInbox(w, r, status, inboxPage{Problem: msg, ProblemCase: id})
		})
	}
	http.Redirect(w, r, inboxPath+"?done="+done+"#case-"+id, http.StatusSeeOther)
	return nil
}

// addRestructuring records a 破产重整 annotation from the operator's inbox.
func (h *Handler) addRestructuring(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("表单无效 / bad form")
	}
	f := r.PostForm
	_, err := h.deps.Rights.AddRestructuring(r.Context(), rights.NewRestructuring{USCC: f.Get("uscc"), Court: f.Get("court"),
		CaseNo: f.Get("case_no"), ApprovedOn: f.Get("approved_on"), Note: f.Get("note")})
	return h.afterStep(w, r, "restructuring", "restructuring", err)
}

// noticesPage is the data of the notifications page.
type noticesPage struct {
	Items  []noticeRow
	Unread int
}

// noticeRow is a notification with its text in the page's language.
type noticeRow struct {
	rights.Notification
	Msg string
}

// showNotifications lists the newest notifications to the caller's
// organization, unread first marked.
func (h *Handler) showNotifications(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	ns, err := h.deps.Rights.Notifications(r.Context(), 100)
	if err != nil {
		return err
	}
	lang := requestLang(r, h.deps.DefaultLang)
	var pg noticesPage
	for _, n := range ns {
		if n.ReadAt.IsZero() {
			pg.Unread++
		}
		pg.Items = append(pg.Items, noticeRow{Notification: n, Msg: pickLang(n.Text, lang)})
	}
	v := h.newView(r, pg)
	v.Nav = "notifications"
	return h.render(w, r, http.StatusOK, "notifications", v)
}

// markNotificationsRead marks one notification (id) or all read.
func (h *Handler) markNotificationsRead(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("表单无效 / bad form")
	}
	var ids []string
	if id := r.PostForm.Get("id"); id != "" {
		ids = []string{id}
	}
	if _, err := h.deps.Rights.MarkRead(r.Context(), ids); err != nil {
		return err
	}
	http.Redirect(w, r, noticesPath, http.StatusSeeOther)
	return nil
}
