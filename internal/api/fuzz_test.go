// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// FuzzTokenEndpoint sends arbitrary form bodies and Authorization headers to
// the token endpoint: it must never fail with a 5xx, never answer anything
// but an RFC 6749 JSON body, and never let a response be cached.
func FuzzTokenEndpoint(f *testing.F) {
	e := newEnv(f)
	id, secret := e.clients["bank"][0], e.clients["bank"][1]
	f.Add("grant_type=client_credentials", basic(id, secret))
	f.Add("grant_type=client_credentials&client_id="+id+"&client_secret="+secret, "")
	f.Add("grant_type=client_credentials&scope=operator%20x", basic(id, "wrong"))
	f.Add("grant_type=%zz&&==", "Basic !!!")
	f.Add("grant_type=client_credentials", "Basic "+strings.Repeat("QUFB", 100))
	f.Fuzz(func(t *testing.T, body, authz string) {
		w := e.do(t, request{method: "POST", url: "/api/v1/oauth/token", body: body,
			headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Authorization": authz}})
		if w.Code >= 500 {
			t.Fatalf("status %d for body %q authz %q: %s", w.Code, body, authz, w.Body.String())
		}
		if got := w.Header().Get("Cache-Control"); got != "no-store" {
			t.Fatalf("Cache-Control=%q", got)
		}
		var out map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			t.Fatalf("not JSON: %q", w.Body.String())
		}
		if _, ok := out["access_token"]; !ok && out["error"] == nil {
			t.Fatalf("neither a token nor an error: %s", w.Body.String())
		}
	})
}

// FuzzCheckBatch sends arbitrary bodies to the batch code check: every
// answer is 200 with one verdict per code or 400, as JSON, never a 5xx.
func FuzzCheckBatch(f *testing.F) {
	e := newEnv(f)
	f.Add(`{"codes":["` + e.codes["tech"] + `","91350100M0001TGQXM"]}`)
	f.Add(`{"codes":["９１３５０１００Ｍ０００１ＴＧＱＸＭ","\u200b91-35"],"accept_pilot":true}`)
	f.Add(`{"codes":[1,2]}`)
	f.Add(`{"codes":null}`)
	f.Fuzz(func(t *testing.T, body string) {
		w := e.do(t, request{method: "POST", url: "/api/v1/uscc:check", as: "bank-token", body: body})
		switch w.Code {
		case http.StatusOK:
			var out struct {
				Verdicts       []json.RawMessage `json:"verdicts"`
				Valid, Invalid int
			}
			if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			if got, want := len(out.Verdicts), out.Valid+out.Invalid; got != want {
				t.Fatalf("%d verdicts, valid+invalid=%d", got, want)
			}
		case http.StatusBadRequest:
			if !json.Valid(w.Body.Bytes()) {
				t.Fatalf("error not JSON: %q", w.Body.String())
			}
		default:
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body.String())
		}
	})
}

// BenchmarkGetEnterprise measures one authenticated lookup through the
// whole middleware chain (token check, role check, store read, encoding).
func BenchmarkGetEnterprise(b *testing.B) {
	e := newEnv(b)
	rq := request{method: "GET", url: "/api/v1/enterprises/" + e.codes["tech"], as: "bank-token"}
	for b.Loop() {
		if w := e.do(b, rq); w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// BenchmarkCheckBatch measures a full batch of 1000 codes.
func BenchmarkCheckBatch(b *testing.B) {
	e := newEnv(b)
	codes := make([]string, 1000)
	for i := range codes {
		codes[i] = e.codes["tech"]
	}
	body, _ := json.Marshal(map[string]any{"codes": codes})
	rq := request{method: "POST", url: "/api/v1/uscc:check", as: "bank-token", body: string(body)}
	for b.Loop() {
		if w := e.do(b, rq); w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}
