// SPDX-License-Identifier: Apache-2.0

package api_test

import "net/http"

// rightsMoreScenarios exercise the self-query, marking notifications read,
// bankruptcy restructuring annotations and the rights outbox. They run
// after rightsScenarios, which decided one objection and granted one
// repair.
func rightsMoreScenarios(e *env) []scenario {
	c := e.codes
	var out []scenario
	for _, r := range [][2]string{{"POST", "/api/v1/notifications/read"}, {"GET", "/api/v1/self-query"},
		{"POST", "/api/v1/restructurings"}, {"GET", "/api/v1/restructurings?uscc=" + c["tech"]}, {"GET", "/api/v1/rights/changes"}} {
		out = append(out, scenario{name: "rights anonymous " + r[0] + " " + r[1], req: request{method: r[0], url: r[1], body: "{}"},
			status: http.StatusUnauthorized})
	}
	restructuring := `{"uscc":"` + c["tech"] + `","court":"银川市中级人民法院","case_no":"（2026）宁01破1号","approved_on":"2026-06-30"}`
	return append(out,
		scenario{name: "self-query by the enterprise", req: request{method: "GET", url: "/api/v1/self-query", as: "techadmin-session"},
			status: http.StatusOK, expect: []string{`"uscc":"` + c["tech"] + `"`, c["rec-tax"], `"disputed":true`, `"versions":[{"version":1`,
				`"channel":`, c["repair-open"], `"access_log":[{`, `"evaluation":null`}},
		scenario{name: "self-query by a bank", req: request{method: "GET", url: "/api/v1/self-query", as: "bank-token"}, status: http.StatusForbidden},
		scenario{name: "notifications marked read", req: request{method: "POST", url: "/api/v1/notifications/read", as: "techadmin-session", body: `{}`},
			status: http.StatusOK, expect: []string{`"marked":`}, forbid: []string{`"marked":0`}},
		scenario{name: "notifications read afterwards", req: request{method: "GET", url: "/api/v1/notifications", as: "techadmin-session"},
			status: http.StatusOK, expect: []string{`"read_at":`, `"channels":"email:sent sms:sent"`}},
		scenario{name: "notifications marked read with a bad body", req: request{method: "POST", url: "/api/v1/notifications/read", as: "techadmin-session",
			body: `{"ids":"all"}`}, status: http.StatusBadRequest},
		scenario{name: "restructuring added by an operator", req: request{method: "POST", url: "/api/v1/restructurings", as: "op-token", body: restructuring},
			status: http.StatusCreated, expect: []string{"（2026）宁01破1号", `"approved_on":"2026-06-30"`}},
		scenario{name: "restructuring added by the enterprise", req: request{method: "POST", url: "/api/v1/restructurings", as: "techadmin-session",
			body: restructuring}, status: http.StatusForbidden},
		scenario{name: "restructuring with a bad date", req: request{method: "POST", url: "/api/v1/restructurings", as: "op-token",
			body: `{"uscc":"` + c["tech"] + `","court":"法院","case_no":"1","approved_on":"30/06/2026"}`}, status: http.StatusBadRequest},
		scenario{name: "restructurings read by a bank", req: request{method: "GET", url: "/api/v1/restructurings?uscc=" + c["tech"], as: "bank-token"},
			status: http.StatusOK, expect: []string{"（2026）宁01破1号", "银川市中级人民法院"}},
		scenario{name: "restructurings without a code", req: request{method: "GET", url: "/api/v1/restructurings", as: "bank-token"},
			status: http.StatusBadRequest},
		scenario{name: "rights changes read by an operator", req: request{method: "GET", url: "/api/v1/rights/changes", as: "op-token"},
			status: http.StatusOK, expect: []string{`"kind":"record.changed"`, `"outcome":"repaired"`, `"outcome":"undeterminable"`,
				`"kind":"restructuring.added"`, c["repair-open"]}},
		scenario{name: "rights changes after a bad cursor", req: request{method: "GET", url: "/api/v1/rights/changes?after=-1", as: "op-token"},
			status: http.StatusBadRequest},
		scenario{name: "rights changes read by the enterprise", req: request{method: "GET", url: "/api/v1/rights/changes", as: "techadmin-session"},
			status: http.StatusForbidden},
	)
}
