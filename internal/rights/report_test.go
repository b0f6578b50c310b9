// SPDX-License-Identifier: Apache-2.0

package rights_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/report"
	"github.com/xinrong/xinrong/internal/report/pdf"
	"github.com/xinrong/xinrong/internal/rights"
)

// TestReport_ShowsMarks: a bank's issued report marks the penalty under
// objection, then shows the undeterminable note beside it, in JSON, HTML
// and PDF.
func TestReport_ShowsMarks(t *testing.T) {
	e := newEnv(t)
	reps, err := report.New(context.Background(), e.Store, e.gate, e.Catalog, report.Options{Secret: gatetest.Secret, Origin: "rights.test/report"})
	if err != nil {
		t.Fatal(err)
	}
	rec := e.penalty(t, "2026")
	row := func() report.Row {
		t.Helper()
		r, err := reps.Issue(e.As[gatetest.BankQuery], report.Ask{Subject: e.USCC, Purpose: string(consent.PurposePreLoan), Format: "json"})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range r.Sections {
			for _, it := range s.Items {
				for _, row := range it.Rows {
					if row.RecordID == rec {
						var html bytes.Buffer
						if err := report.WriteHTML(&html, r, "zh"); err != nil {
							t.Fatal(err)
						}
						if row.Disputed && !strings.Contains(html.String(), "异议处理中") {
							t.Errorf("HTML report lacks 异议处理中")
						}
						if row.Note != "" && !strings.Contains(html.String(), "异议未决") {
							t.Errorf("HTML report lacks the note")
						}
						var p bytes.Buffer
						if err := pdf.Write(&p, r, "zh"); err != nil || p.Len() == 0 {
							t.Errorf("PDF: %d bytes, %v", p.Len(), err)
						}
						return row
					}
				}
			}
		}
		t.Fatalf("penalty %s not in the bank's report", rec)
		return report.Row{}
	}
	if r := row(); r.Disputed || r.Note != "" {
		t.Fatalf("before the objection: disputed %v note %q", r.Disputed, r.Note)
	}
	o, err := e.svc.File(e.As[gatetest.EntAdmin], rights.NewObjection{RecordID: rec, Reasons: "处罚金额有误"})
	if err != nil {
		t.Fatal(err)
	}
	if r := row(); !r.Disputed {
		t.Fatalf("report does not mark the record disputed")
	}
	if _, err := e.svc.Accept(e.As[gatetest.Operator], o.ID, "平台处理无误"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Decide(e.As[gatetest.Operator], o.ID, rights.OutcomeUndeterminable, "双方说法不一"); err != nil {
		t.Fatal(err)
	}
	if r := row(); r.Disputed || !strings.Contains(r.Note, "异议未决：双方说法不一") {
		t.Fatalf("after the outcome: disputed %v note %q", r.Disputed, r.Note)
	}
}
