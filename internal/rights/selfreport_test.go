// SPDX-License-Identifier: Apache-2.0

package rights_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/report"
	"github.com/xinrong/xinrong/internal/report/pdf"
	"github.com/xinrong/xinrong/internal/rights"
)

func newSelfReports(t *testing.T, e *env) *rights.SelfReports {
	t.Helper()
	s, err := rights.NewSelfReports(context.Background(), e.Store, e.Catalog, e.Ingest, e.Audit,
		rights.SelfReportOptions{Secret: gatetest.Secret, Origin: "rights.test/selfreport", Centre: "测试信用中心"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// certificate is a qualification as an enterprise fills it in.
var certificate = map[string]string{"CERT_NAME": "ISO 9001 质量管理体系认证证书", "CERT_NO": "00125Q31234R0M",
	"ISSUER": "中国质量认证中心", "ISSUE_DATE": "2025-03-01", "VALID_TO": "2028-02-28"}

// reportRows returns the rows of item in a report issued to as, with the
// report's HTML and PDF.
func reportRows(t *testing.T, e *env, reps *report.Service, as, item string) ([]report.Row, string, []byte) {
	t.Helper()
	ask := report.Ask{Subject: e.USCC, Format: "json"}
	if as == gatetest.BankQuery {
		ask.Purpose = string(consent.PurposePreLoan)
	}
	r, err := reps.Issue(e.As[as], ask)
	if err != nil {
		t.Fatal(err)
	}
	var html, p bytes.Buffer
	if err := report.WriteHTML(&html, r, "zh"); err != nil {
		t.Fatal(err)
	}
	if err := pdf.Write(&p, r, "zh"); err != nil {
		t.Fatal(err)
	}
	for _, s := range r.Sections {
		for _, it := range s.Items {
			if it.Item == item {
				return it.Rows, html.String(), p.Bytes()
			}
		}
	}
	return nil, html.String(), p.Bytes()
}

func TestSelfReports_SubmitContestFalse(t *testing.T) {
	e := newEnv(t)
	srs := newSelfReports(t, e)
	reps, err := report.New(context.Background(), e.Store, e.gate, e.Catalog, report.Options{Secret: gatetest.Secret, Origin: "rights.test/report"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ErrNotEnterprise", func(t *testing.T) {
		if _, err := srs.Submit(e.As[gatetest.BankQuery], rights.NewSelfReport{Kind: rights.KindQualification, Data: certificate}); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("bank submitting: %v, want Forbidden", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, d := range []map[string]string{{"CERT_NAME": "x"}, {"CERT_NAME": "x", "ISSUER": "y", "ISSUE_DATE": "2025-13-45"},
			{"CERT_NAME": "x", "ISSUER": "y", "ISSUE_DATE": "2025-01-01", "USCC": e.USCCB}, {"NOPE": "1"}} {
			if _, err := srs.Submit(e.As[gatetest.EntStaff], rights.NewSelfReport{Kind: rights.KindQualification, Data: d}); !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("Submit(%v)=%v, want Invalid", d, err)
			}
		}
	})
	sr, err := srs.Submit(e.As[gatetest.EntStaff], rights.NewSelfReport{Kind: rights.KindQualification, Data: certificate})
	if err != nil {
		t.Fatal(err)
	}
	if sr.RecordID == "" || sr.Status != rights.SelfReportActive {
		t.Fatalf("submitted %+v", sr)
	}
	// The commitment verifies with the node's key alone, and states the
	// submission's hash; a changed byte breaks it.
	c, err := rights.VerifyCommitment([]byte(sr.Commitment), srs.VerifierKey())
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != sr.ID || c.USCC != e.USCC || c.Version != "qualification/v1" || c.SubmissionHash != rights.SubmissionDigest(rights.KindQualification, certificate) {
		t.Fatalf("commitment %+v", c)
	}
	if _, err := srs.Verify(e.As[gatetest.EntAdmin], sr.ID); err != nil {
		t.Fatal(err)
	}
	forged := strings.Replace(sr.Commitment, e.USCC, e.USCCB, 1)
	if _, err := rights.VerifyCommitment([]byte(forged), srs.VerifierKey()); !errors.Is(err, rights.ErrBadCommitment) {
		t.Fatalf("forged commitment: %v", err)
	}
	// The own report and the bank's show it, marked as self-reported with
	// the commitment number, in JSON, HTML and PDF.
	for _, as := range []string{gatetest.EntAdmin, gatetest.BankQuery} {
		rows, html, _ := reportRows(t, e, reps, as, "SLF.ZZZS")
		if len(rows) != 1 || !strings.Contains(rows[0].Note, "自愿填报（企业自报，未经核实）") || !strings.Contains(rows[0].Note, sr.ID) {
			t.Fatalf("%s report rows %+v", as, rows)
		}
		if !strings.Contains(html, "自愿填报（企业自报，未经核实）") || !strings.Contains(html, "ISO 9001") {
			t.Fatalf("%s HTML report lacks the self-reported mark or the certificate", as)
		}
	}
	// Financial statements are the enterprise's business secret: the bank
	// without an authorization sees that they exist, not their figures.
	fin, err := srs.Submit(e.As[gatetest.EntAdmin], rights.NewSelfReport{Kind: rights.KindFinancial, Data: map[string]string{
		"PERIOD": "2025", "REVENUE": "12345678.90", "NET_PROFIT": "345678.00", "REPORT_DATE": "2025-12-31"}})
	if err != nil {
		t.Fatal(err)
	}
	if rows, html, _ := reportRows(t, e, reps, gatetest.BankQuery, "SLF.CWBB"); len(rows) != 0 || strings.Contains(html, "12,345,678.90") {
		t.Fatalf("bank sees financial statements %+v", rows)
	}
	if rows, _, _ := reportRows(t, e, reps, gatetest.EntAdmin, "SLF.CWBB"); len(rows) != 1 || rows[0].RecordID != fin.RecordID {
		t.Fatalf("own report financial rows %+v", rows)
	}
	// Nor does a provider: it cannot read or contest them.
	if _, _, err := srs.Get(e.As[gatetest.Provider], fin.ID); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("provider reading financial statements: %v, want NotFound", err)
	}
	if _, err := srs.ContestSelfReport(e.As[gatetest.Provider], fin.ID, "x"); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("provider contesting financial statements: %v, want NotFound", err)
	}
	if list, err := srs.List(e.As[gatetest.Provider], e.USCC); err != nil || len(list) != 1 || list[0].ID != sr.ID {
		t.Fatalf("provider's list %v %v", list, err)
	}

	// A provider contests; the enterprise is told and the record is marked.
	if _, err := srs.ContestSelfReport(e.As[gatetest.BankQuery], sr.ID, "证书编号查无此证"); !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("bank contesting: %v, want Forbidden", err)
	}
	ct, err := srs.ContestSelfReport(e.As[gatetest.Provider], sr.ID, "证书编号在认证机构查无此证")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srs.ContestSelfReport(e.As[gatetest.Operator], sr.ID, "again"); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("second contest: %v, want Conflict", err)
	}
	if !e.notified(t, gatetest.EntAdmin, "selfreport.contested/v1", sr.ID) {
		t.Fatal("the enterprise was not notified of the contest")
	}
	if rows, _, _ := reportRows(t, e, reps, gatetest.BankQuery, "SLF.ZZZS"); len(rows) != 1 || !rows[0].Disputed {
		t.Fatalf("contested row %+v", rows)
	}
	if _, err := srs.DecideContest(e.As[gatetest.Provider], ct.ID, true, "不实"); !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("provider deciding: %v, want Forbidden", err)
	}
	open, err := srs.OpenContests(e.As[gatetest.Operator])
	if err != nil || len(open) != 1 {
		t.Fatalf("open contests %v %v", open, err)
	}
	ct, err = srs.DecideContest(e.As[gatetest.Operator], ct.ID, true, "经向认证机构核实，该证书不存在")
	if err != nil {
		t.Fatal(err)
	}
	if ct.Status != rights.ContestUpheld {
		t.Fatalf("contest %+v", ct)
	}
	// The finding is a negative record in everyone's report.
	rows, html, _ := reportRows(t, e, reps, gatetest.BankQuery, rights.FalseCommitmentItem)
	if len(rows) != 1 || !strings.Contains(html, "经向认证机构核实，该证书不存在") {
		t.Fatalf("negative record rows %+v", rows)
	}
	if rows, _, _ := reportRows(t, e, reps, gatetest.BankQuery, "SLF.ZZZS"); len(rows) != 1 || rows[0].Disputed || !strings.Contains(rows[0].Note, "信用承诺经核查不实") {
		t.Fatalf("found-false row %+v", rows)
	}
	if !e.notified(t, gatetest.EntAdmin, "selfreport.decided/v1", sr.ID) || !e.notified(t, gatetest.Provider, "selfreport.decided/v1", sr.ID) {
		t.Fatal("decision not notified to the enterprise and the contesting provider")
	}
	if got := e.kinds(t); got["selfreport.submitted/v1"] != 2 || got["selfreport.contested/v1"] != 1 || got["selfreport.decided/v1"] != 1 {
		t.Fatalf("audit kinds %v", got)
	}
	if _, err := srs.DecideContest(e.As[gatetest.Operator], ct.ID, false, "again"); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("second decision: %v, want Conflict", err)
	}
	// Another enterprise cannot read it.
	if _, _, err := srs.Get(e.As[gatetest.EntB], sr.ID); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("other enterprise reading: %v, want NotFound", err)
	}
}

func TestSelfReports_Dismissed(t *testing.T) {
	e := newEnv(t)
	srs := newSelfReports(t, e)
	sr, err := srs.Submit(e.As[gatetest.EntAdmin], rights.NewSelfReport{Kind: rights.KindWelfare, Data: map[string]string{
		"ACTIVITY": "捐建希望小学图书室", "ACTIVITY_DATE": "2025-09-10", "DONATION": "50000"}})
	if err != nil {
		t.Fatal(err)
	}
	ct, err := srs.ContestSelfReport(e.As[gatetest.Operator], sr.ID, "请补充捐赠凭证")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srs.DecideContest(e.As[gatetest.Operator], ct.ID, false, "已提供捐赠票据，属实"); err != nil {
		t.Fatal(err)
	}
	got, _, err := srs.Get(e.As[gatetest.EntAdmin], sr.ID)
	if err != nil || got.Status != rights.SelfReportActive {
		t.Fatalf("after dismissal %+v %v", got, err)
	}
	recs, err := e.Store.CurrentRecords(context.Background(), e.USCC, []string{rights.FalseCommitmentItem})
	if err != nil || len(recs) != 0 {
		t.Fatalf("negative records after dismissal: %d %v", len(recs), err)
	}
}

func FuzzParseCommitmentBody(f *testing.F) {
	f.Add(rights.Commitment{ID: "01J", USCC: "91640104MA7GATE1X0", Kind: rights.KindContract, Version: "contract/v1",
		TextSHA256: strings.Repeat("a", 64), Account: "U1", Username: "li.si", SubmissionHash: strings.Repeat("b", 64)}.Body())
	f.Add("xinrong self-report commitment v1\n")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := rights.ParseCommitmentBody(s)
		if err != nil {
			return
		}
		// What parses writes back to the same commitment.
		again, err := rights.ParseCommitmentBody(c.Body())
		if err != nil || again != c {
			t.Fatalf("round trip %q: %+v != %+v (%v)", s, again, c, err)
		}
	})
}
