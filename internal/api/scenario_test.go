// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"encoding/json"
	"net/http"
	neturl "net/url"
	"strings"
	"testing"
)

// scenario is one HTTP exchange and what its answer must and must not say
// (PocketBase ApiScenario style). Forbidden substrings are how the tests
// prove that data a response type leaves out does not leak.
type scenario struct {
	name   string
	req    request
	status int
	expect []string          // substrings the body must contain
	forbid []string          // substrings the body must not contain
	header map[string]string // response headers that must have these values
	file   bool              // the answer is an export file (CSV, XLSX), not JSON
}

// scenarios returns every scenario, in an order where later ones may rely
// on what earlier ones created. codes are the fixture's named codes.
func scenarios(e *env) []scenario {
	var all []scenario
	all = append(all, authScenarios(e)...)
	all = append(all, tokenScenarios(e)...)
	all = append(all, enterpriseScenarios(e)...)
	all = append(all, usccScenarios(e)...)
	all = append(all, catalogScenarios(e)...)
	all = append(all, referenceScenarios(e)...)
	all = append(all, collectScenarios(e)...)
	all = append(all, consentScenarios(e)...)
	all = append(all, reportScenarios(e)...)
	all = append(all, verifyScenarios(e)...)
	all = append(all, usageScenarios(e)...)
	all = append(all, feedScenarios(e)...)
	all = append(all, rightsScenarios(e)...)
	all = append(all, registerScenarios(e)...)
	all = append(all, selfReportScenarios(e)...)
	all = append(all, psiScenarios(e)...)
	all = append(all, scoreScenarios(e)...)
	all = append(all, suspendedScenarios(e)...)
	all = append(all, onboardScenarios(e)...) // last: it suspends and revokes an institution
	return all
}

// check serves sc and checks status, substrings, headers and that every
// answer is JSON; it returns the body.
func (e *env) check(t *testing.T, sc scenario) (*http.Request, int, http.Header, []byte) {
	t.Helper()
	r := e.newRequest(t, sc.req)
	w := e.do(t, sc.req)
	body := w.Body.String()
	if got, want := w.Code, sc.status; got != want {
		t.Fatalf("%s %s: status=%d, want %d; body: %s", sc.req.method, sc.req.url, got, want, clip(body))
	}
	if !json.Valid(w.Body.Bytes()) && !sc.file {
		t.Fatalf("body is not JSON: %s", clip(body))
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") && !sc.file {
		t.Fatalf("Content-Type=%q, want application/json", ct)
	}
	for _, s := range sc.expect {
		if !strings.Contains(body, s) {
			t.Errorf("body does not contain %q: %s", s, clip(body))
		}
	}
	for _, s := range sc.forbid {
		if strings.Contains(body, s) {
			t.Errorf("body contains forbidden %q: %s", s, clip(body))
		}
	}
	for k, v := range sc.header {
		if got := w.Header().Get(k); got != v {
			t.Errorf("header %s=%q, want %q", k, got, v)
		}
	}
	return r, w.Code, w.Header(), w.Body.Bytes()
}

func clip(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}

// TestAPI_Scenarios runs the scenario table on a fresh store.
func TestAPI_Scenarios(t *testing.T) {
	e := newEnv(t)
	for _, sc := range scenarios(e) {
		t.Run(sc.name, func(t *testing.T) { e.check(t, sc) })
	}
}

// TestAPI_SearchPagination walks the search a page at a time with the
// cursor and finds every fixture enterprise exactly once.
func TestAPI_SearchPagination(t *testing.T) {
	e := newEnv(t)
	seen := map[string]int{}
	url := "/api/v1/enterprises?limit=1"
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatalf("pagination does not end")
		}
		w := e.do(t, request{method: "GET", url: url, as: "bank-token"})
		if w.Code != http.StatusOK {
			t.Fatalf("status=%d: %s", w.Code, w.Body.String())
		}
		var page struct {
			Items []struct {
				USCC string `json:"uscc"`
			} `json:"items"`
			NextCursor string `json:"next_cursor"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &page); err != nil {
			t.Fatal(err)
		}
		if got, want := len(page.Items) <= 1, true; got != want {
			t.Fatalf("page has %d items, want at most 1", len(page.Items))
		}
		for _, it := range page.Items {
			seen[it.USCC]++
		}
		if page.NextCursor == "" {
			break
		}
		url = "/api/v1/enterprises?limit=1&cursor=" + neturl.QueryEscape(page.NextCursor)
	}
	for _, k := range []string{"tech", "trade", "shop"} {
		if got, want := seen[e.codes[k]], 1; got != want {
			t.Errorf("enterprise %s seen %d times, want %d", k, got, want)
		}
	}
}
