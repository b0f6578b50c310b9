// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/rights"
)

// staffPage is the data of the my_staff page.
type staffPage struct {
	Users    []access.User
	Username string
	Display  string
	Problem  string
	Done     string
}

const myStaffPath = "/my/staff"

// showStaff lists the enterprise's accounts with the form to add one.
func (h *Handler) showStaff(w http.ResponseWriter, r *http.Request) error {
	return h.renderStaff(w, r, http.StatusOK, staffPage{Done: r.URL.Query().Get("done")})
}

func (h *Handler) renderStaff(w http.ResponseWriter, r *http.Request, status int, pg staffPage) error {
	if h.deps.Register == nil {
		return errRegisterOff
	}
	us, err := h.deps.Register.Staff(r.Context())
	if err != nil {
		return err
	}
	pg.Users = us
	v := h.newView(r, pg)
	v.Nav = "my-staff"
	return h.render(w, r, status, "my_staff", v)
}

// addStaff opens a staff account.
func (h *Handler) addStaff(w http.ResponseWriter, r *http.Request) error {
	if h.deps.Register == nil {
		return errRegisterOff
	}
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("表单无效 / bad form")
	}
	pg := staffPage{Username: r.PostForm.Get("username"), Display: r.PostForm.Get("display_name")}
	_, err := h.deps.Register.AddStaff(r.Context(), rights.NewStaff{Username: pg.Username, DisplayName: pg.Display, Password: r.PostForm.Get("password")})
	if err != nil {
		return h.refused(r, err, func(status int, msg string) error {
			pg.Problem = msg
			return h.renderStaff(w, r, status, pg)
		})
	}
	http.Redirect(w, r, myStaffPath+"?done=added", http.StatusSeeOther)
	return nil
}

// removeStaff suspends a staff account.
func (h *Handler) removeStaff(w http.ResponseWriter, r *http.Request) error {
	if h.deps.Register == nil {
		return errRegisterOff
	}
	if err := h.deps.Register.RemoveStaff(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	http.Redirect(w, r, myStaffPath+"?done=removed", http.StatusSeeOther)
	return nil
}

// registrationsPage is the data of the operator_registrations page.
type registrationsPage struct {
	Rows    []rights.Registration
	Problem string
	Done    string
}

const opRegistrationsPath = "/operator/registrations"

// showRegistrations lists registrations waiting for review.
func (h *Handler) showRegistrations(w http.ResponseWriter, r *http.Request) error {
	return h.renderRegistrations(w, r, http.StatusOK, registrationsPage{Done: r.URL.Query().Get("done")})
}

func (h *Handler) renderRegistrations(w http.ResponseWriter, r *http.Request, status int, pg registrationsPage) error {
	if h.deps.Register == nil {
		return errRegisterOff
	}
	rows, err := h.deps.Register.Pending(r.Context())
	if err != nil {
		return err
	}
	pg.Rows = rows
	v := h.newView(r, pg)
	v.Nav = "op-registrations"
	return h.render(w, r, status, "operator_registrations", v)
}

// sendProof sends an uploaded proof as an attachment of its sniffed type.
func (h *Handler) sendProof(w http.ResponseWriter, r *http.Request) error {
	if h.deps.Register == nil {
		return errRegisterOff
	}
	reg, err := h.deps.Register.Find(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", reg.ProofType)
	w.Header().Set("Content-Disposition", `attachment; filename="proof-`+reg.ID+`"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(reg.Proof)
	return err
}

// decideRegistration approves or rejects a registration.
func (h *Handler) decideRegistration(w http.ResponseWriter, r *http.Request) error {
	if h.deps.Register == nil {
		return errRegisterOff
	}
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("表单无效 / bad form")
	}
	approve := r.PostForm.Get("decision") == "approve"
	if _, err := h.deps.Register.Decide(r.Context(), r.PathValue("id"), approve, r.PostForm.Get("reason")); err != nil {
		return h.refused(r, err, func(status int, msg string) error {
			return h.renderRegistrations(w, r, status, registrationsPage{Problem: msg})
		})
	}
	done := "rejected"
	if approve {
		done = "approved"
	}
	http.Redirect(w, r, opRegistrationsPath+"?done="+done, http.StatusSeeOther)
	return nil
}
