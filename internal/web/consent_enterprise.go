// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/httpx"
)

// myAuthPage is the data of the my_authorizations template: the
// enterprise's authorizations, requests to decide, and the grant form.
type myAuthPage struct {
	Rows         []authRow
	Pending      int  // requests waiting for a decision
	Admin        bool // may grant and decide (企业管理员)
	Institutions []option
	Groups       []scopeGroup
	Purposes     []option
	Form         termsForm
	Problem      string
	Done         string
	DoneID       string
}

// enterpriseCaller refuses anyone but an enterprise's people.
func (h *Handler) enterpriseCaller(r *http.Request) (access.Principal, error) {
	if h.deps.Consent == nil {
		return access.Principal{}, errConsentOff
	}
	p, _ := access.PrincipalFrom(r.Context())
	if !p.IsOrgKind(access.OrgEnterprise) {
		return p, errNotEnterprise
	}
	return p, nil
}

// showMyAuthorizations lists the enterprise's authorizations.
func (h *Handler) showMyAuthorizations(w http.ResponseWriter, r *http.Request) error {
	if _, err := h.enterpriseCaller(r); err != nil {
		return err
	}
	return h.renderMyAuthorizations(w, r, http.StatusOK, defaultTerms(time.Now()), "")
}

func (h *Handler) renderMyAuthorizations(w http.ResponseWriter, r *http.Request, status int, f termsForm, problem string) error {
	p, _ := access.PrincipalFrom(r.Context())
	as, err := h.deps.Consent.List(r.Context(), consent.Filter{})
	if err != nil {
		return err
	}
	cat, err := h.deps.Catalog.Current(r.Context())
	if err != nil {
		return err
	}
	v := h.newView(r, nil)
	v.Nav = "my-auth"
	names := map[string]string{}
	pg := myAuthPage{Admin: p.Has(access.RoleEnterpriseAdmin), Form: f, Problem: problem, Done: doneKey(r), DoneID: r.URL.Query().Get("id"),
		Groups: scopeGroups(v, cat, f.Scope), Purposes: purposeOptions(v, f.Purpose)}
	if h.deps.Usage != nil {
		insts, err := h.deps.Usage.Institutions(r.Context())
		if err != nil {
			return err
		}
		for _, o := range insts {
			names[o.ID] = o.Name
			pg.Institutions = append(pg.Institutions, option{Value: o.ID, Label: o.Name, Selected: o.ID == f.Institution})
		}
	}
	pg.Rows = toAuthRows(v, cat, as, myAuthPath, func(a consent.Authorization) string {
		if n := names[a.InstitutionOrgID]; n != "" {
			return n
		}
		return a.InstitutionOrgID
	})
	for _, a := range as {
		if a.Status == consent.StatusRequested {
			pg.Pending++
		}
	}
	v.Data = pg
	return h.render(w, r, status, "my_authorizations", v)
}

// grantAuthorization records the enterprise's authorization of an
// institution. A refusal of the terms shows the form again with why.
func (h *Handler) grantAuthorization(w http.ResponseWriter, r *http.Request) error {
	if _, err := h.enterpriseCaller(r); err != nil {
		return err
	}
	f, err := parseTermsForm(w, r)
	if err != nil {
		return err
	}
	t, err := f.terms(time.Now())
	if err == nil {
		var a consent.Authorization
		if a, err = h.deps.Consent.Grant(r.Context(), t); err == nil {
			http.Redirect(w, r, doneURL(myAuthPath, "granted", a.ID), http.StatusSeeOther)
			return nil
		}
	}
	return h.formProblem(w, r, err, func(status int, msg string) error {
		return h.renderMyAuthorizations(w, r, status, f, msg)
	})
}

// formProblem shows a refused form again with the reason; other errors
// become the error page.
func (h *Handler) formProblem(w http.ResponseWriter, r *http.Request, err error, again func(status int, msg string) error) error {
	status := httpx.Status(err)
	if status != http.StatusBadRequest && status != http.StatusNotFound {
		return err
	}
	return again(status, pickLang(apperr.Message(err), requestLang(r, h.deps.DefaultLang)))
}

// decideMyAuthorization approves, declines or revokes.
func (h *Handler) decideMyAuthorization(verb string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := h.enterpriseCaller(r); err != nil {
			return err
		}
		fn := map[string]func(*http.Request, string) (consent.Authorization, error){
			"approve": func(r *http.Request, id string) (consent.Authorization, error) {
				return h.deps.Consent.Approve(r.Context(), id)
			},
			"decline": func(r *http.Request, id string) (consent.Authorization, error) {
				return h.deps.Consent.Decline(r.Context(), id)
			},
			"revoke": func(r *http.Request, id string) (consent.Authorization, error) {
				return h.deps.Consent.Revoke(r.Context(), id)
			},
		}[verb]
		a, err := fn(r, r.PathValue("id"))
		if err != nil {
			return err
		}
		done := map[string]string{"approve": "approved", "decline": "declined", "revoke": "revoked"}[verb]
		http.Redirect(w, r, doneURL(myAuthPath, done, a.ID), http.StatusSeeOther)
		return nil
	}
}
