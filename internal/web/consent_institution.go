// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/consent"
)

// instAuthPage is the data of the institution_authorizations template:
// the institution's requests and authorizations, and the request form.
type instAuthPage struct {
	Rows     []authRow
	Groups   []scopeGroup
	Purposes []option
	Form     termsForm
	Problem  string
	Done     string
	DoneID   string
}

// institutionCaller refuses anyone but an institution's query officers
// and approvers, who ask for authorizations.
func (h *Handler) institutionCaller(r *http.Request) error {
	if h.deps.Consent == nil {
		return errConsentOff
	}
	p, _ := access.PrincipalFrom(r.Context())
	if !p.IsOrgKind(access.OrgInstitution) || !p.HasAny(access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover) {
		return errNotInstitution
	}
	return nil
}

// showInstAuthorizations lists the institution's authorizations.
func (h *Handler) showInstAuthorizations(w http.ResponseWriter, r *http.Request) error {
	if err := h.institutionCaller(r); err != nil {
		return err
	}
	f := defaultTerms(time.Now())
	f.USCC = r.URL.Query().Get("uscc")
	return h.renderInstAuthorizations(w, r, http.StatusOK, f, "")
}

func (h *Handler) renderInstAuthorizations(w http.ResponseWriter, r *http.Request, status int, f termsForm, problem string) error {
	as, err := h.deps.Consent.List(r.Context(), consent.Filter{})
	if err != nil {
		return err
	}
	cat, err := h.deps.Catalog.Current(r.Context())
	if err != nil {
		return err
	}
	v := h.newView(r, nil)
	v.Nav = "inst-auth"
	names := map[string]string{}
	pg := instAuthPage{Form: f, Problem: problem, Done: doneKey(r), DoneID: r.URL.Query().Get("id"),
		Groups: scopeGroups(v, cat, f.Scope), Purposes: purposeOptions(v, f.Purpose)}
	pg.Rows = toAuthRows(v, cat, as, instAuthPath, func(a consent.Authorization) string {
		if n, ok := names[a.EnterpriseUSCC]; ok {
			return n
		}
		names[a.EnterpriseUSCC] = a.EnterpriseUSCC
		if s, err := h.deps.Subjects.Get(r.Context(), a.EnterpriseUSCC); err == nil {
			names[a.EnterpriseUSCC] = s.Name
		}
		return names[a.EnterpriseUSCC]
	})
	v.Data = pg
	return h.render(w, r, status, "institution_authorizations", v)
}

// requestAuthorization asks an enterprise for an authorization, which it
// then approves or declines on its own pages.
func (h *Handler) requestAuthorization(w http.ResponseWriter, r *http.Request) error {
	if err := h.institutionCaller(r); err != nil {
		return err
	}
	f, err := parseTermsForm(w, r)
	if err != nil {
		return err
	}
	t, err := f.terms(time.Now())
	if err == nil {
		var a consent.Authorization
		if a, err = h.deps.Consent.Request(r.Context(), t); err == nil {
			http.Redirect(w, r, doneURL(instAuthPath, "requested", a.ID), http.StatusSeeOther)
			return nil
		}
	}
	return h.formProblem(w, r, err, func(status int, msg string) error {
		return h.renderInstAuthorizations(w, r, status, f, msg)
	})
}
