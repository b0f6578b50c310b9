// SPDX-License-Identifier: Apache-2.0

package api

import (
	_ "embed"
	"net/http"
	"slices"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
)

// Route is one operation as Routes registered it.
type Route struct {
	Method string
	Path   string        // ServeMux path pattern, e.g. /api/v1/enterprises/{uscc}
	Public bool          // needs no authentication
	Roles  []access.Role // any of these; empty means any signed-in principal
}

// Routes registers every operation of the API on mux and returns them. It
// is the one list of the API's routes; the OpenAPI document describes
// exactly these (TestOpenAPI_RouteCoverage).
func (h *Handler) Routes(mux *http.ServeMux) []Route {
	rt := &router{h: h, mux: mux}
	rt.public("GET", "/api/v1/openapi.json", h.openAPI)
	rt.oauth("POST", "/api/v1/oauth/token", h.token)
	rt.authed("GET", "/api/v1/me", anyPrincipal, h.me)
	rt.authed("GET", "/api/v1/enterprises", enterpriseReaders, h.searchEnterprises)
	rt.authed("POST", "/api/v1/enterprises", operators, h.createEnterprise)
	rt.authed("GET", "/api/v1/enterprises/{uscc}", anyPrincipal, h.getEnterprise)
	rt.authed("GET", "/api/v1/enterprises/{uscc}/records", anyPrincipal, h.getRecords)
	rt.authed("POST", "/api/v1/reports", anyPrincipal, h.issueReport)
	rt.public("GET", "/api/v1/reports/verifier-key", h.reportKey)
	rt.public("GET", "/api/v1/reports/{number}/authenticity", h.checkReport)
	rt.authed("GET", "/api/v1/uscc/{code}", anyPrincipal, h.checkUSCC)
	rt.authed("POST", "/api/v1/uscc:check", anyPrincipal, h.checkUSCCBatch)
	rt.authed("GET", "/api/v1/catalog", anyPrincipal, h.getCatalog)
	rt.authed("GET", "/api/v1/catalog/items/{code}", anyPrincipal, h.getCatalogItem)
	rt.authed("POST", "/api/v1/catalog/items", operators, h.addCatalogItem)
	rt.authed("POST", "/api/v1/catalog/supplements", operators, h.addCatalogSupplement)
	rt.authed("GET", "/api/v1/regions/{code}", anyPrincipal, h.getRegion)
	rt.authed("GET", "/api/v1/industries/{code}", anyPrincipal, h.getIndustry)
	rt.authed("GET", "/api/v1/providers", collectReaders, h.listProviders)
	rt.authed("POST", "/api/v1/providers", operators, h.registerProvider)
	rt.authed("GET", "/api/v1/providers/{code}", collectReaders, h.getProvider)
	rt.authed("GET", "/api/v1/providers/{code}/items/{item}/mapping", collectReaders, h.getMapping)
	rt.authed("PUT", "/api/v1/providers/{code}/items/{item}/mapping", submitters, h.putMapping)
	rt.authed("POST", "/api/v1/providers/{code}/items/{item}/records", submitters, h.pushRecords)
	rt.authed("POST", "/api/v1/providers/{code}/items/{item}/batches", submitters, h.uploadBatch)
	rt.authed("POST", "/api/v1/uploads", submitters, h.createUpload)
	rt.authed("GET", "/api/v1/uploads/{id}", submitters, h.getUpload)
	rt.authed("PATCH", "/api/v1/uploads/{id}", submitters, h.patchUpload)
	rt.authed("POST", "/api/v1/uploads/{id}/complete", submitters, h.completeUpload)
	rt.authed("GET", "/api/v1/batches", collectReaders, h.listBatches)
	rt.authed("GET", "/api/v1/batches/{id}", collectReaders, h.getBatch)
	rt.authed("GET", "/api/v1/batches/{id}/rejections", collectReaders, h.listRejections)
	rt.authed("GET", "/api/v1/batches/{id}/rejections.csv", collectReaders, h.exportRejections("csv"))
	rt.authed("GET", "/api/v1/batches/{id}/rejections.xlsx", collectReaders, h.exportRejections("xlsx"))
	rt.authed("GET", "/api/v1/quarantine", collectReaders, h.listQuarantine)
	rt.authed("POST", "/api/v1/quarantine/{id}/resolve", operators, h.resolveQuarantined)
	rt.authed("POST", "/api/v1/quarantine/{id}/discard", operators, h.discardQuarantined)
	rt.authed("GET", "/api/v1/quality", qualityReaders, h.getQuality)
	rt.authed("GET", "/api/v1/quality.csv", qualityReaders, h.exportQuality("csv"))
	rt.authed("GET", "/api/v1/quality.xlsx", qualityReaders, h.exportQuality("xlsx"))
	rt.authed("GET", "/api/v1/onboarding/applications", onboardOperators, h.listApplications)
	rt.authed("POST", "/api/v1/onboarding/applications", institutionAdmin, h.applyOnboarding)
	rt.authed("GET", "/api/v1/onboarding/applications/mine", institutionStaff, h.myApplication)
	rt.authed("GET", "/api/v1/onboarding/applications/{id}", onboardViewers, h.getApplication)
	rt.authed("POST", "/api/v1/onboarding/applications/{id}/assessment/start", onboardOperators, h.startAssessment)
	rt.authed("POST", "/api/v1/onboarding/applications/{id}/assessment", onboardOperators, h.assessApplication)
	rt.authed("POST", "/api/v1/onboarding/applications/{id}/agreement", onboardOperators, h.approveAgreement)
	rt.authed("POST", "/api/v1/onboarding/applications/{id}/agreement/sign", institutionAdmin, h.signAgreement)
	rt.authed("POST", "/api/v1/onboarding/applications/{id}/activate", onboardOperators, h.activateApplication)
	rt.authed("PUT", "/api/v1/onboarding/applications/{id}/limits", onboardOperators, h.setOnboardLimits)
	rt.authed("POST", "/api/v1/onboarding/applications/{id}/suspend", onboardAdmins, h.suspendApplication)
	rt.authed("POST", "/api/v1/onboarding/applications/{id}/reinstate", onboardAdmins, h.reinstateApplication)
	rt.authed("POST", "/api/v1/onboarding/applications/{id}/revoke", onboardAdmins, h.revokeApplication)
	rt.authed("POST", "/api/v1/authorizations", consentCreators, h.createAuthorization)
	rt.authed("GET", "/api/v1/authorizations", consentReaders, h.listAuthorizations)
	rt.authed("GET", "/api/v1/authorizations/{id}", consentReaders, h.getAuthorization)
	rt.authed("POST", "/api/v1/authorizations/{id}/approve", consentDeciders, h.decideAuthorization("approve"))
	rt.authed("POST", "/api/v1/authorizations/{id}/decline", consentDeciders, h.decideAuthorization("decline"))
	rt.authed("POST", "/api/v1/authorizations/{id}/revoke", consentDeciders, h.decideAuthorization("revoke"))
	rt.authed("GET", "/api/v1/authorizations/{id}/receipt", consentReaders, h.getReceipt)
	rt.public("GET", "/api/v1/consent/verifier-key", h.getConsentVerifierKey)
	rt.authed("GET", "/api/v1/verification-templates", anyPrincipal, h.listVerificationTemplates)
	rt.authed("POST", "/api/v1/verifications", verifiers, h.createVerification)
	rt.authed("GET", "/api/v1/verification-alerts", operators, h.listVerificationAlerts)
	rt.public("GET", "/api/v1/verification/verifier-key", h.getVerifyVerifierKey)
	rt.authed("GET", "/api/v1/feed", feedReaders, h.getFeed)
	rt.authed("POST", "/api/v1/subscriptions", institutionAdmin, h.createSubscription)
	rt.authed("GET", "/api/v1/subscriptions", subscriptionReaders, h.listSubscriptions)
	rt.authed("GET", "/api/v1/subscriptions/{id}", subscriptionReaders, h.getSubscription)
	rt.authed("DELETE", "/api/v1/subscriptions/{id}", institutionAdmin, h.deleteSubscription)
	rt.authed("POST", "/api/v1/subscriptions/{id}/resume", institutionAdmin, h.resumeSubscription)
	rt.authed("GET", "/api/v1/subscriptions/{id}/deliveries", subscriptionReaders, h.listDeliveries)
	rt.authed("GET", "/api/v1/access-log", accessLogReaders, h.getAccessLog)
	rt.authed("GET", "/api/v1/usage", usageReaders, h.getUsage)
	rt.authed("GET", "/api/v1/usage.csv", usageReaders, h.exportUsage("csv"))
	rt.authed("GET", "/api/v1/usage.xlsx", usageReaders, h.exportUsage("xlsx"))
	rt.authed("POST", "/api/v1/objections", rightsFilers, h.fileObjection)
	rt.authed("GET", "/api/v1/objections", rightsReaders, h.listObjections)
	rt.authed("GET", "/api/v1/objections/{id}", rightsReaders, h.getObjection)
	rt.authed("POST", "/api/v1/objections/{id}/accept", rightsOperators, h.objectionStep("accept"))
	rt.authed("POST", "/api/v1/objections/{id}/reject", rightsOperators, h.objectionStep("reject"))
	rt.authed("POST", "/api/v1/objections/{id}/decide", rightsDeciders, h.objectionStep("decide"))
	rt.authed("POST", "/api/v1/repairs", rightsFilers, h.applyRepair)
	rt.authed("GET", "/api/v1/repairs", rightsReaders, h.listRepairs)
	rt.authed("POST", "/api/v1/repairs/{id}/decide", rightsDeciders, h.decideRepair)
	rt.authed("GET", "/api/v1/notifications", anyPrincipal, h.listNotifications)
	rt.authed("POST", "/api/v1/notifications/read", anyPrincipal, h.markNotificationsRead)
	rt.authed("GET", "/api/v1/self-query", rightsFilers, h.selfQuery)
	rt.authed("POST", "/api/v1/restructurings", rightsAnnotators, h.addRestructuring)
	rt.authed("GET", "/api/v1/restructurings", anyPrincipal, h.listRestructurings)
	rt.authed("GET", "/api/v1/rights/changes", rightsFollowers, h.listRightsChanges)
	rt.authed("GET", "/api/v1/psi/lists", verifiers, h.listPSILists)
	rt.authed("POST", "/api/v1/psi/lists/{list}/sessions", verifiers, h.openPSISession)
	rt.authed("POST", "/api/v1/psi/sessions/{id}/blinded", verifiers, h.evaluatePSI)
	rt.authed("GET", "/api/v1/psi/sessions/{id}/list", verifiers, h.getPSIList)
	rt.authed("GET", "/api/v1/score/statistics", scoreStatsReaders, h.scoreStatistics)
	rt.public("POST", "/api/v1/registrations", h.register)
	rt.public("POST", "/api/v1/registrations/proof", h.applyRegistration)
	rt.authed("GET", "/api/v1/registrations", registerOperators, h.listRegistrations)
	rt.authed("GET", "/api/v1/registrations/{id}/proof", registerOperators, h.getRegistrationProof)
	rt.authed("POST", "/api/v1/registrations/{id}/decide", registerOperators, h.decideRegistration)
	rt.authed("GET", "/api/v1/staff", enterpriseAdmins, h.listStaff)
	rt.authed("POST", "/api/v1/staff", enterpriseAdmins, h.addStaff)
	rt.authed("DELETE", "/api/v1/staff/{id}", enterpriseAdmins, h.removeStaff)
	rt.authed("POST", "/api/v1/self-reports", selfReporters, h.submitSelfReport)
	rt.authed("GET", "/api/v1/self-reports", selfReportReaders, h.listSelfReports)
	rt.public("GET", "/api/v1/self-reports/commitment-texts", h.getCommitmentTexts)
	rt.public("GET", "/api/v1/self-reports/verifier-key", h.getSelfReportKey)
	rt.authed("GET", "/api/v1/self-reports/{id}", selfReportReaders, h.getSelfReport)
	rt.authed("GET", "/api/v1/self-reports/{id}/commitment", selfReportReaders, h.verifySelfReport)
	rt.authed("POST", "/api/v1/self-reports/{id}/contests", selfReportContester, h.contestSelfReport)
	rt.authed("GET", "/api/v1/self-report-contests", registerOperators, h.listContests)
	rt.authed("POST", "/api/v1/self-report-contests/{id}/decide", registerOperators, h.decideContest)
	// Not an operation: any other path under /api/v1/ gets a JSON 404
	// instead of falling through to the HTML UI.
	mux.Handle("/api/v1/", h.handle(h.unknown))
	return slices.Clone(rt.routes)
}

// router records the routes as it registers them.
type router struct {
	h      *Handler
	mux    *http.ServeMux
	routes []Route
}

func (rt *router) public(method, path string, fn httpx.HandlerFunc) {
	rt.mux.Handle(method+" "+path, rt.h.handle(fn))
	rt.routes = append(rt.routes, Route{Method: method, Path: path, Public: true})
}

func (rt *router) oauth(method, path string, fn httpx.HandlerFunc) {
	rt.mux.Handle(method+" "+path, httpx.Handle(rt.h.log, writeOAuthError, fn))
	rt.routes = append(rt.routes, Route{Method: method, Path: path, Public: true})
}

func (rt *router) authed(method, path string, roles []access.Role, fn httpx.HandlerFunc) {
	rt.mux.Handle(method+" "+path, rt.h.authed(roles, fn))
	rt.routes = append(rt.routes, Route{Method: method, Path: path, Roles: slices.Clone(roles)})
}

// handle adapts a handler to the JSON error shape. Every answer is marked
// not cacheable: most carry data about enterprises or the caller, and a
// shared cache must not keep them.
func (h *Handler) handle(fn httpx.HandlerFunc) http.Handler {
	return httpx.Handle(h.log, httpx.WriteJSONError, func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Cache-Control", "no-store")
		return fn(w, r)
	})
}

func (h *Handler) unknown(w http.ResponseWriter, r *http.Request) error {
	return apperr.NotFoundf("没有此接口：%s %s，参见 /api/v1/openapi.json / no such operation: %s %s; see /api/v1/openapi.json",
		r.Method, r.URL.Path, r.Method, r.URL.Path)
}

// openAPIDoc is the hand-written OpenAPI 3.1 description of every
// operation. Tests load and validate it, check that it lists exactly the
// routes Routes registers with the same roles, and validate real responses
// against it.
//
//go:embed openapi.json
var openAPIDoc []byte

// OpenAPI returns the OpenAPI 3.1 document of the API.
func OpenAPI() []byte { return append([]byte(nil), openAPIDoc...) }

// openAPI answers GET /api/v1/openapi.json. The document is public: it
// describes the interface, not any data.
func (h *Handler) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300") // changes only with a new binary
	w.Header().Set("Access-Control-Allow-Origin", "*")     // let API tools on other origins read it
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(openAPIDoc)
	return err
}
