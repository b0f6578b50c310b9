// SPDX-License-Identifier: Apache-2.0

package api_test

import "net/http"

// selfReportScenarios exercise self-reported information, commitments and
// contests.
func selfReportScenarios(e *env) []scenario {
	c := e.codes
	sr, sr2, contest := "/api/v1/self-reports/"+c["sr"], "/api/v1/self-reports/"+c["sr2"], "/api/v1/self-report-contests/"+c["contest"]
	cert := `{"kind":"qualification","data":{"CERT_NAME":"ISO 9001 质量管理体系认证","ISSUER":"中国质量认证中心","ISSUE_DATE":"2025-03-01"}}`
	var out []scenario
	for _, r := range [][2]string{{"POST", "/api/v1/self-reports"}, {"GET", "/api/v1/self-reports"}, {"GET", sr}, {"GET", sr + "/commitment"},
		{"POST", sr2 + "/contests"}, {"GET", "/api/v1/self-report-contests"}, {"POST", contest + "/decide"}} {
		out = append(out, scenario{name: "self-report anonymous " + r[0] + " " + r[1], req: request{method: r[0], url: r[1], body: "{}"},
			status: http.StatusUnauthorized})
	}
	return append(out,
		scenario{name: "self-report commitment texts", req: request{method: "GET", url: "/api/v1/self-reports/commitment-texts"},
			status: http.StatusOK, expect: []string{"qualification/v1", "信用承诺书", "financial/v1"}},
		scenario{name: "self-report verifier key", req: request{method: "GET", url: "/api/v1/self-reports/verifier-key"},
			status: http.StatusOK, expect: []string{"api.test/selfreport+"}},
		scenario{name: "self-report submitted", req: request{method: "POST", url: "/api/v1/self-reports", as: "techstaff-token", body: cert},
			status: http.StatusCreated, expect: []string{`"status":"active"`, `"item":"SLF.ZZZS"`, "xinrong self-report commitment v1", "qualification/v1"}},
		scenario{name: "self-report with a bad date", req: request{method: "POST", url: "/api/v1/self-reports", as: "techadmin-session",
			body: `{"kind":"qualification","data":{"CERT_NAME":"x","ISSUER":"y","ISSUE_DATE":"2025-02-30"}}`}, status: http.StatusBadRequest},
		scenario{name: "self-report by a bank", req: request{method: "POST", url: "/api/v1/self-reports", as: "bank-token", body: cert},
			status: http.StatusForbidden},
		scenario{name: "self-reports of the enterprise", req: request{method: "GET", url: "/api/v1/self-reports", as: "techadmin-session"},
			status: http.StatusOK, expect: []string{c["sr"], c["sr2"]}},
		scenario{name: "self-reports of another enterprise", req: request{method: "GET", url: "/api/v1/self-reports", as: "ent-session"},
			status: http.StatusOK, forbid: []string{c["sr"]}},
		scenario{name: "self-reports by a bank", req: request{method: "GET", url: "/api/v1/self-reports", as: "bank-token"}, status: http.StatusForbidden},
		scenario{name: "self-report read by its provider", req: request{method: "GET", url: sr, as: "provider-token"}, status: http.StatusOK,
			expect: []string{`"status":"contested"`, "证书编号查无此证"}},
		scenario{name: "self-report hidden from another enterprise", req: request{method: "GET", url: sr, as: "ent-session"}, status: http.StatusNotFound},
		scenario{name: "self-report by a regulator", req: request{method: "GET", url: sr, as: "bank-token"}, status: http.StatusForbidden},
		scenario{name: "self-report commitment verified", req: request{method: "GET", url: sr2 + "/commitment", as: "techadmin-session"},
			status: http.StatusOK, expect: []string{`"valid":true`, c["sr2"]}},
		scenario{name: "self-report commitment of another enterprise", req: request{method: "GET", url: sr2 + "/commitment", as: "ent-session"},
			status: http.StatusNotFound},
		scenario{name: "self-report commitment by a bank", req: request{method: "GET", url: sr2 + "/commitment", as: "bank-token"},
			status: http.StatusForbidden},
		scenario{name: "contest without a reason", req: request{method: "POST", url: sr2 + "/contests", as: "provider-token", body: `{}`},
			status: http.StatusBadRequest},
		scenario{name: "contest by the enterprise", req: request{method: "POST", url: sr2 + "/contests", as: "techadmin-session",
			body: `{"reason":"x"}`}, status: http.StatusForbidden},
		scenario{name: "contest of an unknown self-report", req: request{method: "POST", url: "/api/v1/self-reports/NOPE/contests", as: "op-token",
			body: `{"reason":"x"}`}, status: http.StatusNotFound},
		scenario{name: "contest by a provider", req: request{method: "POST", url: sr2 + "/contests", as: "provider-token",
			body: `{"reason":"发证机构无此记录"}`}, status: http.StatusCreated, expect: []string{`"status":"open"`}},
		scenario{name: "contest again", req: request{method: "POST", url: sr + "/contests", as: "op-token", body: `{"reason":"x"}`},
			status: http.StatusConflict},
		scenario{name: "open contests", req: request{method: "GET", url: "/api/v1/self-report-contests", as: "op-token"}, status: http.StatusOK,
			expect: []string{c["contest"], "发证机构无此记录"}},
		scenario{name: "open contests by a provider", req: request{method: "GET", url: "/api/v1/self-report-contests", as: "provider-token"},
			status: http.StatusForbidden},
		scenario{name: "contest decision unknown", req: request{method: "POST", url: contest + "/decide", as: "op-token",
			body: `{"decision":"maybe","note":"x"}`}, status: http.StatusBadRequest},
		scenario{name: "contest decided by a provider", req: request{method: "POST", url: contest + "/decide", as: "provider-token",
			body: `{"decision":"false","note":"x"}`}, status: http.StatusForbidden},
		scenario{name: "contest decision of an unknown contest", req: request{method: "POST", url: "/api/v1/self-report-contests/NOPE/decide",
			as: "op-token", body: `{"decision":"false","note":"x"}`}, status: http.StatusNotFound},
		scenario{name: "commitment found false", req: request{method: "POST", url: contest + "/decide", as: "op-token",
			body: `{"decision":"false","note":"经核实证书不存在"}`}, status: http.StatusOK, expect: []string{`"status":"upheld"`}},
		scenario{name: "contest decided twice", req: request{method: "POST", url: contest + "/decide", as: "op-session",
			body: `{"decision":"dismiss","note":"x"}`}, status: http.StatusConflict},
		scenario{name: "negative record in the enterprise's records", req: request{method: "GET", url: "/api/v1/enterprises/" + c["tech"] + "/records?item=CMT.XJCN",
			as: "techadmin-session"}, status: http.StatusOK, expect: []string{"CMT.XJCN", "经核实证书不存在"}},
	)
}
