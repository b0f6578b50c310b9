// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"io"
	"net/http"
	"strings"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/rights"
)

// Registrations is what the pages need for real-name registration and
// staff accounts. *rights.Registrations implements it.
type Registrations interface {
	Register(ctx context.Context, in rights.NewRegistration, ip string) (rights.Registration, error)
	Apply(ctx context.Context, in rights.NewRegistration, proof []byte, ip string) (rights.Registration, error)
	MaxProof() int
	Pending(ctx context.Context) ([]rights.Registration, error)
	Find(ctx context.Context, id string) (rights.Registration, error)
	Decide(ctx context.Context, id string, approve bool, reason string) (rights.Registration, error)
	Staff(ctx context.Context) ([]access.User, error)
	AddStaff(ctx context.Context, in rights.NewStaff) (access.User, error)
	RemoveStaff(ctx context.Context, userID string) error
}

var errRegisterOff = apperr.E(apperr.Unavailable, "本节点未开放企业注册 / registration is not enabled on this node", nil)

// registerPage is the data of the register and register_proof pages.
type registerPage struct {
	USCC, RepName, Username, DisplayName string
	Problem                              string
	Done                                 *rights.Registration
	MaxMiB                               int
}

// problemText is an error's safe message in the page's language, without
// the package prefix the services put on it.
func problemText(err error, lang string) string {
	msg := apperr.Message(err)
	if i := strings.Index(msg, ": "); i > 0 && i < 12 && !strings.ContainsAny(msg[:i], " /") {
		msg = msg[i+2:]
	}
	return pickLang(msg, lang)
}

// refused shows a form again with the reason for a refusal the user can
// fix (400, 404, 409, 429); other errors become the error page.
func (h *Handler) refused(r *http.Request, err error, again func(status int, msg string) error) error {
	status := httpx.Status(err)
	switch status {
	case http.StatusBadRequest, http.StatusNotFound, http.StatusConflict, http.StatusTooManyRequests:
		return again(status, problemText(err, requestLang(r, h.deps.DefaultLang)))
	}
	return err
}

// showRegister shows the self-registration form.
func (h *Handler) showRegister(w http.ResponseWriter, r *http.Request) error {
	if h.deps.Register == nil {
		return errRegisterOff
	}
	return h.render(w, r, http.StatusOK, "register", h.newView(r, registerPage{}))
}

// register matches the form against the registration record and, on a
// match, shows that the account exists and may sign in.
func (h *Handler) register(w http.ResponseWriter, r *http.Request) error {
	if h.deps.Register == nil {
		return errRegisterOff
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return apperr.E(apperr.Invalid, "表单无法读取 / the form could not be read", err)
	}
	pg := registerPage{USCC: r.PostForm.Get("uscc"), RepName: r.PostForm.Get("rep_name"), Username: r.PostForm.Get("username"),
		DisplayName: r.PostForm.Get("display_name")}
	again := func(status int, msg string) error {
		pg.Problem = msg
		return h.render(w, r, status, "register", h.newView(r, pg))
	}
	if err := checkCSRF(r); err != nil {
		return again(http.StatusForbidden, problemText(err, requestLang(r, h.deps.DefaultLang)))
	}
	reg, err := h.deps.Register.Register(r.Context(), rights.NewRegistration{USCC: pg.USCC, RepName: pg.RepName,
		RepID: r.PostForm.Get("rep_id"), Username: pg.Username, DisplayName: pg.DisplayName, Password: r.PostForm.Get("password")},
		httpx.LoginMeta(r, h.deps.TrustedProxies).IP)
	if err != nil {
		return h.refused(r, err, again)
	}
	pg.Done = &reg
	return h.render(w, r, http.StatusCreated, "register", h.newView(r, pg))
}

// showRegisterProof shows the upload form for registration with proof.
func (h *Handler) showRegisterProof(w http.ResponseWriter, r *http.Request) error {
	if h.deps.Register == nil {
		return errRegisterOff
	}
	return h.render(w, r, http.StatusOK, "register_proof", h.newView(r, registerPage{MaxMiB: h.deps.Register.MaxProof() >> 20}))
}

// registerProof receives the upload; the account waits for an operator.
func (h *Handler) registerProof(w http.ResponseWriter, r *http.Request) error {
	if h.deps.Register == nil {
		return errRegisterOff
	}
	max := h.deps.Register.MaxProof()
	pg := registerPage{MaxMiB: max >> 20}
	again := func(status int, msg string) error {
		pg.Problem = msg
		return h.render(w, r, status, "register_proof", h.newView(r, pg))
	}
	if r.MultipartForm == nil {
		r.Body = http.MaxBytesReader(w, r.Body, int64(max)+64<<10)
		if err := r.ParseMultipartForm(int64(max) + 64<<10); err != nil {
			return again(http.StatusBadRequest, pickLang("证明材料过大或表单无效 / the proof is too large or the form is invalid", requestLang(r, h.deps.DefaultLang)))
		}
	}
	if err := checkCSRF(r); err != nil {
		return again(http.StatusForbidden, problemText(err, requestLang(r, h.deps.DefaultLang)))
	}
	pg.USCC, pg.RepName, pg.Username, pg.DisplayName = r.FormValue("uscc"), r.FormValue("rep_name"), r.FormValue("username"), r.FormValue("display_name")
	var proof []byte
	if fhs := r.MultipartForm.File["proof"]; len(fhs) > 0 && fhs[0].Size <= int64(max) {
		f, err := fhs[0].Open()
		if err != nil {
			return err
		}
		defer f.Close()
		proof = make([]byte, fhs[0].Size)
		if _, err := io.ReadFull(f, proof); err != nil {
			return apperr.E(apperr.Invalid, "证明材料无法读取 / the proof could not be read", err)
		}
	}
	reg, err := h.deps.Register.Apply(r.Context(), rights.NewRegistration{USCC: pg.USCC, RepName: pg.RepName, Username: pg.Username,
		DisplayName: pg.DisplayName, Password: r.FormValue("password")}, proof, httpx.LoginMeta(r, h.deps.TrustedProxies).IP)
	if err != nil {
		return h.refused(r, err, again)
	}
	pg.Done = &reg
	return h.render(w, r, http.StatusAccepted, "register_proof", h.newView(r, pg))
}
