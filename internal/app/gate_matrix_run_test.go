// SPDX-License-Identifier: Apache-2.0

package app_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/gate/gatetest"
)

// endpoint is one data-returning path of the node.
type endpoint struct {
	name, method string
	url          func(code string) string
	body         func(code string) string
}

// leaksOnly are endpoints that answer no record detail by design (yes/no
// answers, public changes of many enterprises, access metadata): only
// leaks are checked there, not statuses.
var leaksOnly = map[string]bool{"api-verification": true, "api-feed": true, "api-access-log": true}

var endpoints = []endpoint{
	{"api-profile", "GET", func(c string) string { return "/api/v1/enterprises/" + c + "?purpose=pre_loan" }, nil},
	{"api-records", "GET", func(c string) string {
		return "/api/v1/enterprises/" + c + "/records?purpose=pre_loan&item=TAX.NSE&item=REG.NB&item=PEN.XZCF"
	}, nil},
	{"api-records-verify-only", "GET", func(c string) string {
		return "/api/v1/enterprises/" + c + "/records?purpose=pre_loan&item=UTL.WATER"
	}, nil},
	{"api-report-json", "POST", func(string) string { return "/api/v1/reports" },
		func(c string) string { return fmt.Sprintf(`{"uscc":%q,"purpose":"pre_loan"}`, c) }},
	{"api-report-html", "POST", func(string) string { return "/api/v1/reports" },
		func(c string) string { return fmt.Sprintf(`{"uscc":%q,"purpose":"pre_loan","format":"html"}`, c) }},
	{"api-report-pdf", "POST", func(string) string { return "/api/v1/reports" },
		func(c string) string { return fmt.Sprintf(`{"uscc":%q,"purpose":"pre_loan","format":"pdf"}`, c) }},
	{"api-verification", "POST", func(string) string { return "/api/v1/verifications" },
		func(c string) string {
			return fmt.Sprintf(`{"uscc":%q,"template":"tax_paid_12m_at_least","params":{"amount":1},"purpose":"pre_loan"}`, c)
		}},
	{"api-feed", "GET", func(string) string { return "/api/v1/feed?purpose=pre_loan&limit=200" }, nil},
	{"api-access-log", "GET", func(c string) string { return "/api/v1/access-log?uscc=" + c }, nil},
	{"web-profile", "GET", func(c string) string { return "/subjects/" + c + "?purpose=pre_loan" }, nil},
	{"web-report", "POST", func(c string) string { return "/subjects/" + c + "/report" },
		func(string) string { return url.Values{"purpose": {"pre_loan"}, "format": {"html"}}.Encode() }},
}

// expectation is what one caller may see of the enterprise in one state.
type expectation struct {
	refused    bool // the gate (or the route) refuses the caller outright
	authorized bool // authorized values (tax, annual-report finances) may appear
	self       bool // verify-only values may appear: the enterprise itself
	hidden     bool // records past their publicity may appear: the enterprise and the operator
}

func expect(caller, state string) expectation {
	switch caller {
	case "operator", "opadmin":
		return expectation{authorized: true, hidden: true}
	case "bankq", "bankappr":
		return expectation{authorized: state == "authorized"}
	case "regviewer": // public information, for supervision
		return expectation{}
	case "entadmin-" + state, "entstaff-" + state:
		return expectation{authorized: true, self: true, hidden: true}
	}
	return expectation{refused: true}
}

// TestGateMatrix runs every role against every data-returning endpoint
// for an enterprise in each authorization state, through the node's whole
// HTTP stack, and checks that no authorized or verify-only value leaves
// without the right authorization, that natural persons' ID and telephone
// numbers never leave in clear, and that every answer left an audit entry.
func TestGateMatrix(t *testing.T) {
	m := newMatrix(t)
	callers := []string{"operator", "opadmin", "bankq", "bankappr", "bankadmin", "bank2q", "prov", "provadmin", "regviewer"}
	for _, st := range append(states, "other") {
		callers = append(callers, "entadmin-"+st, "entstaff-"+st)
	}
	ctx := context.Background()
	cells := 0
	for _, st := range states {
		code := m.uscc[st]
		for _, caller := range callers {
			want := expect(caller, st)
			if strings.HasPrefix(caller, "entadmin-other") || strings.HasPrefix(caller, "entstaff-other") {
				want = expectation{refused: true}
			}
			for _, ep := range endpoints {
				name := fmt.Sprintf("%s/%s/%s", st, caller, ep.name)
				body := ""
				if ep.body != nil {
					body = ep.body(code)
				}
				before, err := m.a.Audit.Size(ctx)
				must(t, err)
				status, out := m.do(t, caller, ep.method, ep.url(code), body)
				if strings.HasPrefix(out, "%PDF") {
					out = pdfText(t, out)
				}
				after, err := m.a.Audit.Size(ctx)
				must(t, err)
				cells++
				check(t, name, want, ep, status, out)
				if status < 300 && after <= before && ep.name != "api-access-log" { // the log itself is not a release
					t.Errorf("%s: answered %d without an audit entry", name, status)
				}
			}
		}
	}
	t.Logf("%d role × endpoint × state cells", cells)
}

func check(t *testing.T, name string, want expectation, ep endpoint, status int, out string) {
	t.Helper()
	verifyOnly := ep.name == "api-records-verify-only"
	if leaksOnly[ep.name] {
		if status >= 500 {
			t.Errorf("%s: status %d: %.300s", name, status, out)
		}
		want = expectation{} // these answer no authorized or verify-only detail to anyone
	}
	switch {
	case leaksOnly[ep.name]:
	case want.refused || (verifyOnly && !want.self) || (ep.name == "api-records" && !want.authorized):
		if status != 403 {
			t.Errorf("%s: status %d, want refused (403)", name, status)
		}
	case status >= 300:
		t.Errorf("%s: status %d, want an answer: %.300s", name, status, out)
	}
	leak := func(v string, allowed bool) {
		if !allowed && strings.Contains(out, v) {
			t.Errorf("%s: response contains %q", name, v)
		}
	}
	leak(gatetest.LegalRepID, false)
	leak(gatetest.Phone, false)
	leak(gatetest.WaterAccount, want.self)
	leak(gatetest.OldPenaltyNo, want.hidden)
	for _, v := range []string{gatetest.TaxPaidFen, gatetest.TaxPaidShown, gatetest.AssetsFen} {
		leak(v, want.authorized)
	}
	if status < 300 && !leaksOnly[ep.name] && (ep.name == "api-records" || strings.Contains(ep.name, "report")) {
		if !strings.Contains(out, gatetest.PenaltyText) {
			t.Errorf("%s: the public penalty is missing", name)
		}
		if want.authorized && ep.name != "web-profile" && !strings.Contains(out, gatetest.TaxPaidFen) && !strings.Contains(out, gatetest.TaxPaidShown) {
			t.Errorf("%s: authorized tax value missing", name)
		}
	}
}

// pdfText extracts the text of a PDF with pdftotext, so that the checks
// read what a person reading the report would.
func pdfText(t *testing.T, pdf string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("XINRONG_PDF") == "required" {
			t.Fatal("pdftotext not found and XINRONG_PDF=required: run .ci/poppler.sh")
		}
		t.Skip("pdftotext not found: install poppler-utils (.ci/poppler.sh)")
	}
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = strings.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
