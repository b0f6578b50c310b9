// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/report"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/subject"
)

// newReports builds the gate and the report service of the env.
func newReports(t testing.TB, store *sqlstore.Store, subjects *subject.Service, cat *catalog.Service,
	cons *consent.Service, onb *onboard.Service) (*gate.Gate, *report.Service) {
	t.Helper()
	ctx := context.Background()
	secret := []byte("api-test-node-secret-0123456789abcdef")
	log, err := audit.New(ctx, store, audit.Options{Secret: secret, Origin: "api.test/audit"})
	if err != nil {
		t.Fatal(err)
	}
	g, err := gate.New(gate.Deps{Store: store, Subjects: subjects, Catalog: cat, Consent: cons, Agreements: onb, Audit: log, Marks: store}, gate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.New(ctx, store, g, cat, report.Options{Secret: secret, Origin: "api.test/report", Node: "测试节点"})
	if err != nil {
		t.Fatal(err)
	}
	return g, r
}

// reportScenarios cover the gated reads and the report operations. The
// env's bank is not onboarded, so the gate refuses it even with the
// enterprise's authorization; the operator and the enterprise itself read.
func reportScenarios(e *env) []scenario {
	tech := e.codes["tech"]
	rec := func(name, query, as string, status int, expect ...string) scenario {
		return scenario{name: "Records" + name, req: request{method: "GET", url: "/api/v1/enterprises/" + query, as: as},
			status: status, expect: expect}
	}
	issue := func(name, as, body string, status int, expect ...string) scenario {
		return scenario{name: "Report" + name, req: request{method: "POST", url: "/api/v1/reports", as: as, body: body},
			status: status, expect: expect}
	}
	body := func(code, purpose, format string) string {
		return fmt.Sprintf(`{"uscc":%q,"purpose":%q,"format":%q}`, code, purpose, format)
	}
	return []scenario{
		rec("Operator", tech+"/records?item=TAX.LEVEL", "op-token", 200, `"LEVEL":"A"`, `"purpose":"operation"`, `"audit_index":`),
		rec("Self", tech+"/records?item=TAX.LEVEL", "techstaff-token", 200, `"LEVEL":"A"`, `"purpose":"self_query"`),
		rec("NoItem", tech+"/records", "op-token", 400, "item"),
		rec("UnknownItem", tech+"/records?item=NOPE.X", "op-token", 400, "NOPE.X"),
		rec("Unauthenticated", tech+"/records?item=TAX.LEVEL", "", 401),
		rec("BankNotOnboarded", tech+"/records?item=TAX.LEVEL&purpose=pre_loan", "bank-token", 403, "未完成接入"),
		rec("BankNoPurpose", tech+"/records?item=TAX.LEVEL", "bank-token", 400, "purpose"),
		rec("Provider", tech+"/records?item=TAX.LEVEL", "provider-token", 403, "role"),
		rec("NotFound", e.codes["unregistered"]+"/records?item=TAX.LEVEL", "op-token", 404),
		rec("SharedLegacyCode", e.codes["sharedorg"]+"/records?item=TAX.LEVEL", "op-token", 409),
		rec("ProfileSelf", tech, "techadmin-session", 200, `"status":"shown"`, `"purpose":"self_query"`),
		issue("JSON", "op-token", body(tech, "", "json"), 201, `"number":"XR-`, `"edition":"operator"`, `"signature":"`),
		{name: "ReportHTML", req: request{method: "POST", url: "/api/v1/reports", as: "techadmin-session", body: body(tech, "", "html")},
			status: 201, file: true, expect: []string{"<!doctype html>", "企业信用信息报告", "本企业自查"}},
		{name: "ReportPDF", req: request{method: "POST", url: "/api/v1/reports", as: "op-token", body: body(tech, "", "pdf")},
			status: 201, file: true, expect: []string{"%PDF-"}, header: map[string]string{"Content-Type": "application/pdf"}},
		issue("BadFormat", "op-token", body(tech, "", "docx"), 400, "format"),
		issue("BadCode", "op-token", body("91640104MA7X0001", "", "json"), 400, "18"),
		issue("Unauthenticated", "", body(tech, "", "json"), 401),
		issue("BankNotOnboarded", "bank-token", body(tech, "pre_loan", "json"), 403, "未完成接入"),
		issue("NotFound", "op-token", body(e.codes["unregistered"], "", "json"), 404),
		issue("SharedLegacyCode", "op-token", body(e.codes["sharedorg"], "", "json"), 409),
		{name: "ReportVerifierKey", req: request{method: "GET", url: "/api/v1/reports/verifier-key"}, status: 200, expect: []string{`"verifier_key":"api.test/report+`}},
		{name: "ReportAuthenticityUnknown", req: request{method: "GET", url: "/api/v1/reports/XR-20260101-0000000000/authenticity?hash=" + strings.Repeat("a", 64)},
			status: 200, expect: []string{`"authentic":false`}},
		{name: "ReportAuthenticityBadHash", req: request{method: "GET", url: "/api/v1/reports/XR-20260101-0000000000/authenticity?hash=abc"}, status: 400},
	}
}

// Reports come as HTML and PDF too: the document describes them as
// strings, which kin-openapi reads with its file decoder.
func init() {
	openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder("application/pdf", openapi3filter.FileBodyDecoder)
}
