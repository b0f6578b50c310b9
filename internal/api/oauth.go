// SPDX-License-Identifier: Apache-2.0

package api

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
)

// maxTokenForm bounds the token request body: a client id, a secret and a
// scope fit many times over.
const maxTokenForm = 8 << 10

// tokenResponse is RFC 6749 §5.1.
type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
	Scope       string `json:"scope"`
}

// oauthError is an RFC 6749 §5.2 error. Descriptions are plain ASCII
// English, as §5.2 requires of error_description.
type oauthError struct {
	Code        string `json:"error"`
	Description string `json:"error_description"`
}

func (e *oauthError) Error() string { return e.Code + ": " + e.Description }

// oauthErr returns an OAuth error wrapped in the apperr code that makes
// httpx.Handle log it as a refusal, not a failure.
func oauthErr(code, desc string) error {
	c := apperr.Invalid
	if code == "invalid_client" {
		c = apperr.Unauthenticated
	}
	return apperr.E(c, desc, &oauthError{Code: code, Description: desc})
}

// token answers POST /api/v1/oauth/token: the client credentials grant
// (RFC 6749 §4.4). The client authenticates with HTTP Basic or with
// client_id and client_secret in the form (§2.3.1), never both.
func (h *Handler) token(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		return oauthErr("invalid_request", "the request body must be application/x-www-form-urlencoded")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxTokenForm)
	if err := r.ParseForm(); err != nil {
		return oauthErr("invalid_request", "the request body is not a valid form or is too large")
	}
	form := r.PostForm
	for k, v := range form {
		if len(v) > 1 {
			return oauthErr("invalid_request", "parameter "+url.QueryEscape(k)+" is repeated") // §3.2
		}
	}
	switch gt := form.Get("grant_type"); gt {
	case "":
		return oauthErr("invalid_request", "grant_type is required")
	case "client_credentials":
	default:
		return oauthErr("unsupported_grant_type", "only grant_type=client_credentials is supported")
	}
	id, secret, basic := r.BasicAuth()
	if basic {
		if form.Has("client_id") || form.Has("client_secret") {
			return oauthErr("invalid_request", "use HTTP Basic or client_id and client_secret in the form, not both")
		}
		// §2.3.1: the id and secret are form-encoded before Basic encoding.
		var e1, e2 error
		id, e1 = url.QueryUnescape(id)
		secret, e2 = url.QueryUnescape(secret)
		if e1 != nil || e2 != nil {
			return oauthErr("invalid_client", "client authentication failed")
		}
	} else {
		id, secret = form.Get("client_id"), form.Get("client_secret")
	}
	if id == "" || secret == "" {
		return oauthErr("invalid_client", "client authentication is required")
	}
	t, err := h.tokens.IssueToken(r.Context(), id, secret, form.Get("scope"))
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, tokenResponse{AccessToken: t.Token, TokenType: t.TokenType,
		ExpiresIn: int64(t.ExpiresIn.Seconds()), Scope: t.Scope})
}

// writeOAuthError is the token endpoint's ErrorWriter: RFC 6749 §5.2
// bodies instead of the API's error shape, 401 with a Basic challenge for
// invalid_client, 400 for the other errors.
func writeOAuthError(w http.ResponseWriter, r *http.Request, status int, err error) {
	var oe *oauthError
	switch {
	case errors.As(err, &oe):
	case errors.Is(err, access.ErrInvalidScope):
		oe = &oauthError{"invalid_scope", "the scope names a role the client does not hold"}
	case errors.Is(err, access.ErrUnauthorizedClient):
		oe = &oauthError{"unauthorized_client", "the client's organization is suspended or revoked"}
	case apperr.Is(err, apperr.Unauthenticated):
		oe = &oauthError{"invalid_client", "client authentication failed"}
	case status == http.StatusServiceUnavailable:
		oe = &oauthError{"temporarily_unavailable", "the service is temporarily unavailable"}
	default:
		oe = &oauthError{"server_error", "internal error; quote request id " + httpx.RequestIDFrom(r.Context())}
	}
	status = http.StatusBadRequest
	switch oe.Code {
	case "invalid_client":
		status = http.StatusUnauthorized
		w.Header().Set("WWW-Authenticate", `Basic realm="xinrong", charset="UTF-8"`)
	case "server_error":
		status = http.StatusInternalServerError
	case "temporarily_unavailable":
		status = http.StatusServiceUnavailable
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	_ = httpx.JSON(w, status, oe)
}
