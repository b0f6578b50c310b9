// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"encoding/base64"
	"net/url"
	"strings"
)

func authScenarios(e *env) []scenario {
	return []scenario{
		{name: "MeUnauthenticated", req: request{method: "GET", url: "/api/v1/me"}, status: 401,
			expect: []string{`"code":"unauthenticated"`, `"request_id":"`}, header: map[string]string{"WWW-Authenticate": `Bearer realm="xinrong"`}},
		{name: "MeBadBearer", req: request{method: "GET", url: "/api/v1/me", headers: map[string]string{"Authorization": "Bearer not-a-token"}}, status: 401,
			expect: []string{`"code":"unauthenticated"`}, header: map[string]string{"WWW-Authenticate": `Bearer realm="xinrong", error="invalid_token"`}},
		{name: "MeBasicRefused", req: request{method: "GET", url: "/api/v1/me", headers: map[string]string{"Authorization": "Basic dXNlcjpwdw=="}}, status: 401,
			expect: []string{`"code":"unauthenticated"`, "Bearer"}},
		{name: "MeSessionCookieExpired", req: request{method: "GET", url: "/api/v1/me", headers: map[string]string{"Cookie": "xr_session=forged"}}, status: 401,
			expect: []string{`"code":"unauthenticated"`}},
		{name: "MeClient", req: request{method: "GET", url: "/api/v1/me", as: "bank-token"}, status: 200,
			expect: []string{`"kind":"client"`, `"code":"institution_query_officer"`, `"kind":"institution"`, "机构查询员"},
			forbid: []string{e.clients["bank"][1], "secret", "password"},
			header: map[string]string{"Cache-Control": "no-store"}},
		{name: "MeUser", req: request{method: "GET", url: "/api/v1/me", as: "op-session"}, status: 200,
			expect: []string{`"kind":"user"`, `"username":"op-user"`, `"code":"operator"`}, forbid: []string{"csrf", e.creds["op-session"].session.Token}},
		{name: "UnknownPath", req: request{method: "GET", url: "/api/v1/no-such-thing", as: "op-token"}, status: 404,
			expect: []string{`"code":"not_found"`, "openapi.json"}},
		{name: "OpenAPIPublic", req: request{method: "GET", url: "/api/v1/openapi.json"}, status: 200,
			expect: []string{`"openapi": "3.1.0"`, `"/api/v1/enterprises/{uscc}"`}},
	}
}

// suspendedScenarios show that a principal whose organization was
// suspended is refused with 403 on every operation open to any principal,
// by session and by token alike.
func suspendedScenarios(e *env) []scenario {
	tech := e.codes["tech"]
	var out []scenario
	for i, rq := range []request{
		{method: "GET", url: "/api/v1/me"},
		{method: "GET", url: "/api/v1/uscc/" + tech},
		{method: "POST", url: "/api/v1/uscc:check", body: `{"codes":["` + tech + `"]}`},
		{method: "GET", url: "/api/v1/catalog"},
		{method: "GET", url: "/api/v1/catalog/items/PEN.XZCF"},
		{method: "GET", url: "/api/v1/regions/640104"},
		{method: "GET", url: "/api/v1/industries/6513"},
	} {
		rq.as = []string{"suspended-session", "suspended-token"}[i%2]
		out = append(out, scenario{name: "Suspended" + rq.method + strings.ReplaceAll(rq.url, "/", "_"), req: rq, status: 403,
			expect: []string{`"code":"forbidden"`, "suspended"}, forbid: []string{"兴庆区", "应用软件开发"}})
	}
	return out
}

// basic returns an RFC 6749 §2.3.1 Basic header: id and secret form-encoded first.
func basic(id, secret string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(id)+":"+url.QueryEscape(secret)))
}

func tokenScenarios(e *env) []scenario {
	id, secret := e.clients["bank"][0], e.clients["bank"][1]
	form := func(kv ...string) string {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Add(kv[i], kv[i+1])
		}
		return v.Encode()
	}
	tok := func(name, body, auth string, status int, expect ...string) scenario {
		h := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
		if auth != "" {
			h["Authorization"] = auth
		}
		sc := scenario{name: "Token" + name, req: request{method: "POST", url: "/api/v1/oauth/token", headers: h, body: body},
			status: status, expect: expect, header: map[string]string{"Cache-Control": "no-store", "Pragma": "no-cache"}}
		if status == 401 {
			sc.header["WWW-Authenticate"] = `Basic realm="xinrong", charset="UTF-8"`
		}
		if status != 200 {
			sc.forbid = []string{secret, "access_token"}
		}
		return sc
	}
	return []scenario{
		tok("Basic", form("grant_type", "client_credentials"), basic(id, secret), 200,
			`"token_type":"Bearer"`, `"expires_in":3600`, `"scope":"institution_query_officer"`, `"access_token":"`),
		tok("FormCredentials", form("grant_type", "client_credentials", "client_id", id, "client_secret", secret), "", 200, `"access_token":"`),
		tok("Scope", form("grant_type", "client_credentials", "scope", "institution_query_officer"), basic(id, secret), 200,
			`"scope":"institution_query_officer"`),
		tok("WrongSecret", form("grant_type", "client_credentials"), basic(id, secret+"x"), 401, `"error":"invalid_client"`),
		tok("UnknownClient", form("grant_type", "client_credentials", "client_id", "nobody", "client_secret", secret), "", 401, `"error":"invalid_client"`),
		tok("NoCredentials", form("grant_type", "client_credentials"), "", 401, `"error":"invalid_client"`),
		tok("BothMethods", form("grant_type", "client_credentials", "client_id", id, "client_secret", secret), basic(id, secret), 400,
			`"error":"invalid_request"`, "not both"),
		tok("PasswordGrant", form("grant_type", "password", "username", "op-user", "password", testPassword), basic(id, secret), 400,
			`"error":"unsupported_grant_type"`),
		tok("NoGrantType", form("client_id", id), basic(id, secret), 400, `"error":"invalid_request"`, "grant_type"),
		tok("RepeatedParameter", "grant_type=client_credentials&grant_type=client_credentials", basic(id, secret), 400,
			`"error":"invalid_request"`, "repeated"),
		tok("ScopeNotHeld", form("grant_type", "client_credentials", "scope", "operator"), basic(id, secret), 400, `"error":"invalid_scope"`),
		tok("JSONBody", `{"grant_type":"client_credentials"}`, basic(id, secret), 400, `"error":"invalid_request"`, "grant_type is required"),
		func() scenario {
			sc := tok("JSONContentType", form("grant_type", "client_credentials"), basic(id, secret), 400, `"error":"invalid_request"`, "x-www-form-urlencoded")
			sc.req.headers["Content-Type"] = "application/json"
			return sc
		}(),
		tok("TooLarge", form("grant_type", "client_credentials", "scope", strings.Repeat("x", 9000)), basic(id, secret), 400,
			`"error":"invalid_request"`, "too large"),
	}
}
