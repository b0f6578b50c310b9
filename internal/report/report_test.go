// SPDX-License-Identifier: Apache-2.0

package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/report"
)

func newService(t *testing.T) (*gatetest.Env, *report.Service) {
	t.Helper()
	e := gatetest.New(t)
	svc, err := report.New(context.Background(), e.Store, e.Gate, e.Catalog, report.Options{Secret: gatetest.Secret,
		Origin: "gate.test/report", Node: "测试节点"})
	if err != nil {
		t.Fatal(err)
	}
	return e, svc
}

func section(r *report.Report, code string) report.Section {
	for _, s := range r.Sections {
		if s.Code == code {
			return s
		}
	}
	return report.Section{}
}

func TestIssue_InstitutionReport(t *testing.T) {
	e, svc := newService(t)
	if _, err := e.Consent.Grant(e.As[gatetest.EntAdmin], consent.Terms{EnterpriseUSCC: e.USCC, InstitutionOrgID: e.Orgs["bank"].ID,
		Scope: []string{"TAX"}, Purpose: consent.PurposePreLoan, Mode: consent.ModePeriod, ValidUntil: time.Now().Add(48 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	r, err := svc.Issue(e.As[gatetest.BankQuery], report.Ask{Subject: e.USCC, Purpose: "pre_loan"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r.Number, "XR-") || r.Edition != "institution" || r.Requester.OrgName != "测试银行" || len(r.Authorizations) != 1 {
		t.Errorf("cover: number %q edition %q requester %+v authorizations %v", r.Number, r.Edition, r.Requester, r.Authorizations)
	}
	if r.Subject.Name != "宁夏测试科技有限公司" || !strings.Contains(r.Subject.Region.ZH, "兴庆区") || r.Subject.Capital != "5,000,000.00 元" {
		t.Errorf("basic = %+v", r.Subject)
	}
	pen := section(r, "penalties")
	if len(pen.Items) != 1 || len(pen.Items[0].Rows) != 1 {
		t.Fatalf("penalties = %+v, want the one penalty in its publicity period", pen)
	}
	row := pen.Items[0].Rows[0]
	if row.PublicityEnd == "" {
		t.Errorf("penalty without its publicity end")
	}
	cells := map[string]string{}
	for _, c := range row.Cells {
		cells[c.Code] = c.Value
	}
	if cells["CF_NR"] != gatetest.PenaltyText || cells["CF_NR_FK"] != "5,000.00 元" || cells["CF_FR_ZJHM"] != "" {
		t.Errorf("penalty cells = %v", cells)
	}
	tax := section(r, "tax")
	var shown, withheld int
	for _, it := range tax.Items {
		if it.Status == report.StatusShown {
			shown++
		}
	}
	for _, it := range section(r, "utilities").Items {
		if it.Status != report.StatusShown {
			withheld++
		}
	}
	if shown != 3 || withheld != 3 {
		t.Errorf("tax items shown %d (want 3), utility items withheld %d (want 3)", shown, withheld)
	}
	b, _ := json.Marshal(r)
	for _, s := range []string{gatetest.LegalRepID, gatetest.WaterAccount, gatetest.Phone, gatetest.OldPenaltyNo, gatetest.AssetsFen} {
		if bytes.Contains(b, []byte(s)) {
			t.Errorf("report leaks %q", s)
		}
	}
	if !bytes.Contains(b, []byte(gatetest.TaxPaidShown)) {
		t.Errorf("authorized tax amount missing")
	}
	if r.AuditIndex <= 0 {
		t.Errorf("audit index %d", r.AuditIndex)
	}
}

func TestIssue_SignedAndCheckable(t *testing.T) {
	e, svc := newService(t)
	r, err := svc.Issue(e.As[gatetest.EntStaff], report.Ask{Subject: e.USCC})
	if err != nil {
		t.Fatal(err)
	}
	if r.Edition != "self" || r.Purpose.Code != "self_query" {
		t.Errorf("edition %q purpose %+v", r.Edition, r.Purpose)
	}
	b, _ := json.Marshal(r)
	if _, err := report.VerifyJSON(b, svc.VerifierKey()); err != nil {
		t.Fatalf("VerifyJSON: %v", err)
	}
	tampered := bytes.Replace(b, []byte("宁夏测试科技有限公司"), []byte("宁夏假冒科技有限公司"), 1)
	if _, err := report.VerifyJSON(tampered, svc.VerifierKey()); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("tampered report verified: %v", err)
	}
	ctx := context.Background()
	if a, err := svc.Check(ctx, r.Number, strings.ToUpper(r.Hash)); err != nil || !a.Authentic || !a.IssuedAt.Equal(r.IssuedAt) {
		t.Errorf("Check genuine = %+v, %v", a, err)
	}
	if a, _ := svc.Check(ctx, r.Number, strings.Repeat("0", 64)); a.Authentic || !strings.Contains(a.Message, "哈希不符") {
		t.Errorf("Check altered = %+v", a)
	}
	if a, _ := svc.Check(ctx, "XR-20260101-NOPE", r.Hash); a.Authentic {
		t.Errorf("Check unknown = %+v", a)
	}
}

func TestIssue_RefusedWithoutAgreement(t *testing.T) {
	e, svc := newService(t)
	_, err := svc.Issue(e.As[gatetest.Bank2Query], report.Ask{Subject: e.USCC, Purpose: "pre_loan"})
	if !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("err = %v, want forbidden", err)
	}
}

func TestWriteHTML(t *testing.T) {
	e, svc := newService(t)
	r, err := svc.Issue(e.As[gatetest.BankQuery], report.Ask{Subject: e.USCC, Purpose: "pre_loan", Format: "html"})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"zh", "en"} {
		var b bytes.Buffer
		if err := report.WriteHTML(&b, r, lang); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, want := range []string{r.Number, r.Hash, "宁夏测试科技有限公司", gatetest.PenaltyText, "5,000.00 元"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: HTML lacks %q", lang, want)
			}
		}
		heading := map[string]string{"zh": "登记基本信息", "en": "Registration"}[lang]
		if !strings.Contains(out, heading) {
			t.Errorf("%s: HTML lacks heading %q", lang, heading)
		}
		for _, s := range gatetest.Secrets {
			if strings.Contains(out, s) {
				t.Errorf("%s: HTML leaks %q", lang, s)
			}
		}
	}
}

// JSON reuses the bytes the hash covered and must equal encoding/json's
// output exactly, and verify offline.
func TestJSON_SameAsMarshal(t *testing.T) {
	e, svc := newService(t)
	for _, as := range []string{gatetest.EntAdmin, gatetest.Operator, gatetest.BankQuery} {
		r, err := svc.Issue(e.As[as], report.Ask{Subject: e.USCC, Purpose: "pre_loan"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.JSON()
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(r)
		if !bytes.Equal(got, want) {
			t.Fatalf("%s: JSON differs from json.Marshal:\n%.300s\n%.300s", as, got, want)
		}
		if _, err := report.VerifyJSON(got, svc.VerifierKey()); err != nil {
			t.Errorf("%s: %v", as, err)
		}
	}
}
