// SPDX-License-Identifier: Apache-2.0

package api

import (
	"crypto/subtle"
	"net/http"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
)

// The role sets of the operations, least privilege first: an operation
// names the few roles whose work needs it. An empty set means any signed-in
// principal. They are also written in the OpenAPI document (x-roles), and
// a test keeps the two in step. Administrator roles manage accounts and
// open no data by themselves.
var (
	anyPrincipal []access.Role
	// enterpriseReaders look up enterprises: the credit centre's operators
	// and the institutions' staff who query and approve.
	enterpriseReaders = []access.Role{access.RoleOperator, access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover}
	// operators change master data and the catalog.
	operators = []access.Role{access.RoleOperator}
)

// SelfAuthenticated returns the ServeMux patterns whose handlers
// authenticate the caller themselves: the OAuth token endpoint, where a
// client proves itself with HTTP Basic or form fields (RFC 6749 §2.3.1)
// and has no token yet. Mount them outside httpx.Authenticate, which
// refuses any Authorization header but Bearer.
func SelfAuthenticated() []string { return []string{"POST /api/v1/oauth/token"} }

// CSRFBypass returns the patterns to list in httpx.CSRFOptions.BypassPatterns:
// the whole API, which makes the same two checks itself (see sessionCSRF)
// for requests that carry a session, so that a request with no credentials
// at all is answered 401 by the operation's role check rather than 403 by
// the anonymous-form CSRF rule. Without the bypass the API stays safe; only
// that answer changes.
func CSRFBypass() []string { return []string{"/api/v1/"} }

// authed guards fn: the request must carry a principal holding one of
// roles (any principal when roles is empty). The principal is put in the
// context by httpx.Authenticate, which app installs around every surface,
// as it installs httpx.CSRF.
func (h *Handler) authed(roles []access.Role, fn httpx.HandlerFunc) http.Handler {
	return httpx.RequireRole(httpx.WriteJSONError, roles...)(h.handle(sessionCSRF(fn)))
}

// crossOrigin is the stdlib's Sec-Fetch-Site / Origin check, as httpx.CSRF uses it.
var crossOrigin = http.NewCrossOriginProtection()

// sessionCSRF protects requests authenticated by session cookie with an
// unsafe method, as httpx.CSRF does: the request must come from this
// origin and carry the session's CSRF token in the X-CSRF-Token header,
// because a browser attaches the cookie to requests other sites make it
// send. Bearer-token requests are exempt: no browser sends a token on its
// own. The API checks this itself, where it costs a comparison, so that no
// change of middleware order can open its writes to cross-site forgery.
func sessionCSRF(fn httpx.HandlerFunc) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if sess, ok := httpx.SessionFrom(r.Context()); ok && !safeMethod(r.Method) {
			if err := crossOrigin.Check(r); err != nil {
				return apperr.E(apperr.Forbidden, "拒绝跨站请求 / cross-origin request refused", err)
			}
			got := r.Header.Get(httpx.CSRFHeader)
			if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(sess.CSRFToken)) != 1 {
				return apperr.Forbiddenf("缺少或错误的 CSRF 令牌（%s 头）/ missing or wrong CSRF token (%s header)",
					httpx.CSRFHeader, httpx.CSRFHeader)
			}
		}
		return fn(w, r)
	}
}

// safeMethod reports whether m is safe in the sense of RFC 9110 §9.2.1.
func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

var errNotSignedIn = apperr.Unauthenticatedf("需要登录或访问令牌 / sign in or send a bearer access token")

// meResponse is the caller as the platform sees it on this request: who,
// for which organization, with which roles.
type meResponse struct {
	Kind         string       `json:"kind"` // user or client
	ID           string       `json:"id"`
	Username     string       `json:"username"`
	DisplayName  string       `json:"display_name"`
	Organization orgResponse  `json:"organization"`
	Roles        []roleDetail `json:"roles"`
}

type orgResponse struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Name string `json:"name"`
}

type roleDetail struct {
	Code    string `json:"code"`
	Label   string `json:"label"`
	LabelEN string `json:"label_en"`
}

func toMeResponse(p access.Principal) meResponse {
	out := meResponse{Kind: string(p.Kind), ID: p.ID(), Username: p.Username, DisplayName: p.DisplayName,
		Organization: orgResponse{ID: p.OrgID, Kind: string(p.OrgKind), Name: p.OrgName},
		Roles:        make([]roleDetail, 0, len(p.Roles))}
	for _, r := range p.Roles {
		out.Roles = append(out.Roles, roleDetail{Code: string(r), Label: r.Label("zh"), LabelEN: r.Label("en")})
	}
	return out
}

// me answers GET /api/v1/me.
func (h *Handler) me(w http.ResponseWriter, r *http.Request) error {
	p, ok := access.PrincipalFrom(r.Context())
	if !ok {
		return errNotSignedIn // httpx.RequireRole lets no request without one through
	}
	return httpx.JSON(w, http.StatusOK, toMeResponse(p))
}
