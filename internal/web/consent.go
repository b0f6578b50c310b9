// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/usage"
)

// Consent keeps authorizations (授权): an enterprise grants, approves,
// declines and revokes; an institution requests. *consent.Service
// implements it and decides who may do what.
type Consent interface {
	Grant(ctx context.Context, t consent.Terms) (consent.Authorization, error)
	Request(ctx context.Context, t consent.Terms) (consent.Authorization, error)
	Approve(ctx context.Context, id string) (consent.Authorization, error)
	Decline(ctx context.Context, id string) (consent.Authorization, error)
	Revoke(ctx context.Context, id string) (consent.Authorization, error)
	List(ctx context.Context, f consent.Filter) ([]consent.Authorization, error)
	Receipt(ctx context.Context, id string) ([]byte, error)
}

// Usage answers access logs (查询记录) and providers' usage feedback
// (信息使用情况反馈). *usage.Service implements it.
type Usage interface {
	AccessLog(ctx context.Context, q usage.LogQuery) (usage.LogPage, error)
	Usage(ctx context.Context, month, provider string) (usage.Feedback, error)
	VisibleProviders(ctx context.Context) ([]ingest.Provider, error)
	Institutions(ctx context.Context) ([]access.Organization, error)
}

// Paths of the authorization and usage pages.
const (
	myAccessPath      = "/my/access"
	myAuthPath        = "/my/authorizations"
	instAuthPath      = "/institution/authorizations"
	providerUsagePath = "/provider/usage"
)

var (
	errConsentOff     = apperr.E(apperr.Unavailable, "本节点未启用授权管理，请联系信用中心 / authorizations are not enabled on this node; contact the credit centre", nil)
	errUsageOff       = apperr.E(apperr.Unavailable, "本节点未启用查询记录和使用情况反馈，请联系信用中心 / access logs and usage feedback are not enabled on this node; contact the credit centre", nil)
	errNotEnterprise  = apperr.Forbiddenf("此页面供企业用户使用 / this page is for enterprise accounts")
	errNotInstitution = apperr.Forbiddenf("此页面供接入机构的查询员和审批员使用 / this page is for an institution's query officers and approvers")
)

// authRow is an authorization as the lists show it.
type authRow struct {
	consent.Authorization
	Party       string   // the other party's name
	Scope       []string // the scope named in the page's language
	StatusClass string   // badge class
	ReceiptURL  string
	ActionURL   string // base of approve, decline and revoke
}

// toAuthRows names the scope and the other party of each authorization.
func toAuthRows(v *view, cat *catalog.Catalog, as []consent.Authorization, base string, party func(consent.Authorization) string) []authRow {
	out := make([]authRow, 0, len(as))
	for _, a := range as {
		row := authRow{Authorization: a, Party: party(a), ActionURL: base + "/" + url.PathEscape(a.ID)}
		for _, code := range a.Scope {
			row.Scope = append(row.Scope, scopeLabel(v, cat, code))
		}
		switch a.Status {
		case consent.StatusActive:
			row.StatusClass = "ok"
		case consent.StatusRequested:
			row.StatusClass = "warn"
		case consent.StatusDeclined, consent.StatusRevoked:
			row.StatusClass = "neg"
		}
		if a.ReceiptNote != "" {
			row.ReceiptURL = row.ActionURL + "/receipt"
		}
		out = append(out, row)
	}
	return out
}

// LastDay is the last day an authorization covers: its end is exclusive.
func (a authRow) LastDay() time.Time { return a.ValidUntil.Add(-time.Microsecond) }

// scopeLabel names an item or a category code.
func scopeLabel(v *view, cat *catalog.Catalog, code string) string {
	if c, err := cat.Category(code); err == nil {
		return v.Pick(c.Name, c.NameEN) + v.T("consent.whole_category")
	}
	return itemLabel(v, cat, code)
}

// scopeGroup is one category of the scope picker with its items.
type scopeGroup struct {
	Code, Label string
	Checked     bool
	Items       []scopeOption
}

type scopeOption struct {
	ID, Code, Label string
	Checked         bool
	Authorized      bool // needs an authorization (the others are public anyway)
}

// scopeGroups lists the catalog in force for the scope picker; chosen
// codes are checked.
func scopeGroups(v *view, cat *catalog.Catalog, chosen []string) []scopeGroup {
	var out []scopeGroup
	for _, c := range cat.Categories {
		if c.Deprecated {
			continue
		}
		g := scopeGroup{Code: c.Code, Label: v.Pick(c.Name, c.NameEN), Checked: slices.Contains(chosen, c.Code)}
		for _, it := range cat.ItemsIn(c.Code) {
			if !it.Deprecated {
				g.Items = append(g.Items, scopeOption{ID: "scope-" + strings.ReplaceAll(it.Code, ".", "-"), Code: it.Code, Label: v.Pick(it.Name, it.NameEN),
					Checked: slices.Contains(chosen, it.Code), Authorized: it.Disclosure != catalog.Public})
			}
		}
		out = append(out, g)
	}
	return out
}

func purposeOptions(v *view, chosen string) []option {
	var out []option
	for _, p := range consent.Purposes() {
		out = append(out, option{Value: string(p), Label: p.Label(v.Lang), Selected: string(p) == chosen})
	}
	return out
}

// termsForm is the posted grant or request form.
type termsForm struct {
	Institution string // grant: the institution's organization ID
	USCC        string // request: the enterprise
	Scope       []string
	Purpose     string
	PurposeText string
	Mode        string
	ValidFrom   string // YYYY-MM-DD in China; empty or today means now
	ValidUntil  string // YYYY-MM-DD in China, the last day included
}

// defaultTerms is the form as first shown: a period authorization for
// pre-loan review over the next 30 days.
func defaultTerms(now time.Time) termsForm {
	return termsForm{Purpose: string(consent.PurposePreLoan), Mode: string(consent.ModePeriod),
		ValidUntil: now.In(chinaTime).AddDate(0, 0, 30).Format(time.DateOnly)}
}

// parseTermsForm reads the form; the body of a form of checkboxes is a
// few kilobytes.
func parseTermsForm(w http.ResponseWriter, r *http.Request) (termsForm, error) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return termsForm{}, apperr.E(apperr.Invalid, "表单无法读取 / the form could not be read", err)
	}
	f := r.PostForm
	return termsForm{Institution: strings.TrimSpace(f.Get("institution")), USCC: strings.ToUpper(strings.TrimSpace(f.Get("uscc"))),
		Scope: f["scope"], Purpose: f.Get("purpose"), PurposeText: strings.TrimSpace(f.Get("purpose_text")), Mode: f.Get("mode"),
		ValidFrom: strings.TrimSpace(f.Get("valid_from")), ValidUntil: strings.TrimSpace(f.Get("valid_until"))}, nil
}

// terms turns the form into consent terms. Dates are whole days in
// China: an authorization runs to the end of its last day.
func (f termsForm) terms(now time.Time) (consent.Terms, error) {
	t := consent.Terms{EnterpriseUSCC: f.USCC, InstitutionOrgID: f.Institution, Scope: f.Scope,
		Purpose: consent.Purpose(f.Purpose), PurposeText: f.PurposeText, Mode: consent.Mode(f.Mode)}
	until, err := time.ParseInLocation(time.DateOnly, f.ValidUntil, chinaTime)
	if err != nil {
		return t, apperr.Invalidf("valid_until: 请填写截止日期 / give the last day")
	}
	t.ValidUntil = until.AddDate(0, 0, 1)
	if f.ValidFrom != "" {
		from, err := time.ParseInLocation(time.DateOnly, f.ValidFrom, chinaTime)
		if err != nil {
			return t, apperr.Invalidf("valid_from: 起始日期格式应为 YYYY-MM-DD / the first day must be YYYY-MM-DD")
		}
		if from.After(now) {
			t.ValidFrom = from
		}
	}
	return t, nil
}

// doneURL is a list page with the message of what was just done.
func doneURL(path, done, id string) string {
	return path + "?" + url.Values{"done": {done}, "id": {id}}.Encode()
}

// doneKey accepts only the known results for the message.
func doneKey(r *http.Request) string {
	switch d := r.URL.Query().Get("done"); d {
	case "granted", "approved", "declined", "revoked", "requested":
		return d
	}
	return ""
}

// sendReceipt sends an authorization's signed receipt as a text file.
func (h *Handler) sendReceipt(w http.ResponseWriter, r *http.Request) error {
	if h.deps.Consent == nil {
		return errConsentOff
	}
	id := r.PathValue("id")
	b, err := h.deps.Consent.Receipt(r.Context(), id)
	if err != nil {
		return err
	}
	attachment(w, "text/plain; charset=utf-8", "receipt-"+safeFileID(id)+".txt")
	_, err = w.Write(b)
	return err
}

// safeFileID keeps an ID to the characters a file name may hold.
func safeFileID(id string) string {
	return strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' {
			return c
		}
		return -1
	}, id)
}
