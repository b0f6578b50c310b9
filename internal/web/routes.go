// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
)

// Routes registers every page of the UI on mux, one route per line. The
// catch-all "/" makes unknown paths an HTML 404 in the user's language;
// more specific patterns of other surfaces (/api/v1/, /healthz) still win.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /static/{file}", h.serveStatic)
	mux.Handle("GET /lang/{lang}", h.public(h.switchLang))
	mux.Handle("GET /login", h.public(h.showLogin))
	mux.Handle("POST /login", h.public(h.login))
	mux.Handle("POST /logout", h.public(h.logout))
	mux.Handle("GET /{$}", h.page(h.home))
	mux.Handle("GET /subjects", h.page(h.searchSubjects))
	mux.Handle("GET /subjects/{code}", h.page(h.showSubject))
	mux.Handle("POST /subjects/{code}/report", h.page(h.issueReport))
	mux.Handle("GET /reports/verify", h.public(h.verifyReport))
	mux.Handle("GET /catalog", h.page(h.showCatalog))
	mux.Handle("GET /catalog/items/{code}", h.page(h.showCatalogItem))
	mux.Handle("GET /collect", h.page(h.showBatches))
	mux.Handle("GET /collect/upload", h.page(h.showUpload))
	mux.Handle("POST /collect/upload", h.page(h.upload))
	mux.Handle("GET /collect/batches/{id}", h.page(h.showReceipt))
	mux.Handle("GET /collect/batches/{id}/rejections.csv", h.page(h.downloadRejections(false)))
	mux.Handle("GET /collect/batches/{id}/rejections.xlsx", h.page(h.downloadRejections(true)))
	mux.Handle("GET /collect/quarantine", h.page(h.showQuarantine))
	mux.Handle("POST /collect/quarantine/{id}", h.page(h.resolveQuarantined))
	mux.Handle("GET /collect/quality", h.page(h.showQuality))
	mux.Handle("GET /collect/quality/{provider}/{item}", h.page(h.showQualityItem))
	mux.Handle("GET /my/access", h.page(h.showMyAccess))
	mux.Handle("GET /my/authorizations", h.page(h.showMyAuthorizations))
	mux.Handle("POST /my/authorizations", h.page(h.grantAuthorization))
	mux.Handle("POST /my/authorizations/{id}/approve", h.page(h.decideMyAuthorization("approve")))
	mux.Handle("POST /my/authorizations/{id}/decline", h.page(h.decideMyAuthorization("decline")))
	mux.Handle("POST /my/authorizations/{id}/revoke", h.page(h.decideMyAuthorization("revoke")))
	mux.Handle("GET /my/authorizations/{id}/receipt", h.page(h.sendReceipt))
	mux.Handle("GET /institution/authorizations", h.page(h.showInstAuthorizations))
	mux.Handle("POST /institution/authorizations", h.page(h.requestAuthorization))
	mux.Handle("GET /institution/authorizations/{id}/receipt", h.page(h.sendReceipt))
	mux.Handle("GET /provider/usage", h.page(h.showProviderUsage))
	mux.Handle("GET /provider/usage.csv", h.page(h.downloadUsage(false)))
	mux.Handle("GET /provider/usage.xlsx", h.page(h.downloadUsage(true)))
	mux.Handle("GET /register", h.public(h.showRegister))
	mux.Handle("POST /register", h.public(h.register))
	mux.Handle("GET /register/proof", h.public(h.showRegisterProof))
	mux.Handle("POST /register/proof", h.public(h.registerProof))
	mux.Handle("GET /my/staff", h.page(h.showStaff))
	mux.Handle("POST /my/staff", h.page(h.addStaff))
	mux.Handle("POST /my/staff/{id}/remove", h.page(h.removeStaff))
	mux.Handle("GET /operator/registrations", h.page(h.showRegistrations))
	mux.Handle("GET /operator/scorecard", h.page(h.showScoreFit))
	mux.Handle("POST /operator/scorecard", h.page(h.fitScorecard))
	mux.Handle("POST /operator/scorecard/card.json", h.page(h.downloadScorecard))
	mux.Handle("GET /operator/registrations/{id}/proof", h.page(h.sendProof))
	mux.Handle("POST /operator/registrations/{id}/decide", h.page(h.decideRegistration))
	mux.Handle("GET /my/self-reports", h.page(h.showSelfReports))
	mux.Handle("POST /my/self-reports", h.page(h.submitSelfReport))
	mux.Handle("GET /self-reports/{id}", h.page(h.showSelfReport))
	mux.Handle("POST /self-reports/{id}/contest", h.page(h.contestSelfReport))
	mux.Handle("POST /self-report-contests/{id}/decide", h.page(h.decideContest))
	mux.Handle("GET /operator/self-report-contests", h.page(h.showContests))
	mux.Handle("GET /my/selfquery", h.page(h.showSelfQuery))
	mux.Handle("GET /my/selfquery/report.json", h.page(h.downloadSelfReport))
	mux.Handle("POST /my/objections", h.page(h.fileObjection))
	mux.Handle("POST /my/repairs", h.page(h.applyRepair))
	mux.Handle("GET /rights/evidence/{id}/{sum}", h.page(h.showEvidence))
	mux.Handle("GET /rights/inbox", h.page(h.showInbox))
	mux.Handle("POST /rights/objections/{id}/accept", h.page(h.objectionStep("accept")))
	mux.Handle("POST /rights/objections/{id}/reject", h.page(h.objectionStep("reject")))
	mux.Handle("POST /rights/objections/{id}/decide", h.page(h.objectionStep("decide")))
	mux.Handle("POST /rights/repairs/{id}/decide", h.page(h.decideRepair))
	mux.Handle("POST /rights/restructurings", h.page(h.addRestructuring))
	mux.Handle("GET /notifications", h.page(h.showNotifications))
	mux.Handle("POST /notifications/read", h.page(h.markNotificationsRead))
	mux.Handle("/", h.public(h.notFound))
}

// public wraps a handler any visitor may reach.
func (h *Handler) public(fn httpx.HandlerFunc) http.Handler {
	return h.rememberLang(httpx.Handle(h.deps.Log, h.writeError, fn))
}

// page wraps a handler that needs a signed-in user. A visitor without a
// session is sent to the login page; one whose organization was suspended
// sees why.
func (h *Handler) page(fn httpx.HandlerFunc) http.Handler {
	return h.rememberLang(httpx.RequirePrincipal(h.writeError)(httpx.Handle(h.deps.Log, h.writeError, fn)))
}

// WriteError is the UI's httpx.ErrorWriter, for the node's middleware
// (httpx.Authenticate, httpx.CSRF) on paths the UI serves.
func (h *Handler) WriteError(w http.ResponseWriter, r *http.Request, status int, err error) {
	h.writeError(w, r, status, err)
}

// switchLang remembers the chosen language for a year and returns to the
// page the switch was on.
func (h *Handler) switchLang(w http.ResponseWriter, r *http.Request) error {
	lang := r.PathValue("lang")
	if !validLang(lang) {
		return apperr.NotFoundf("不支持的语言 / unsupported language")
	}
	h.setLangCookie(w, lang)
	http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
	return nil
}

// rememberLang makes ?lang= on any page stick, like the switch does.
func (h *Handler) rememberLang(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if l := r.URL.Query().Get("lang"); validLang(l) {
			if c, err := r.Cookie(langCookie); err != nil || c.Value != l {
				h.setLangCookie(w, l)
			}
		}
		next.ServeHTTP(w, r)
	})
}

func (h *Handler) setLangCookie(w http.ResponseWriter, lang string) {
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: int((365 * 24 * time.Hour).Seconds()),
		HttpOnly: true, Secure: h.deps.SecureCookies, SameSite: http.SameSiteLaxMode})
}
