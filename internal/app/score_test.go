// SPDX-License-Identifier: Apache-2.0

package app

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/config"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

// TestApp_ReportEvaluation: a report carries the latest evaluation, and
// its explanation names only reasons built from items the view released —
// a requester without the enterprise's tax authorization is not told about
// its tax.
func TestApp_ReportEvaluation(t *testing.T) {
	ctx := context.Background()
	a := &App{Config: config.Default(), Log: slog.New(slog.DiscardHandler), Store: storetest.Open(t),
		Secret: []byte(strings.Repeat("k", 40)), holder: "test"}
	if err := a.buildServices(ctx); err != nil {
		t.Fatal(err)
	}
	if err := a.buildScore(ctx); err != nil {
		t.Fatal(err)
	}
	code, err := subject.Make('9', '1', "640104", "MA7PJ001")
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := a.Subjects.Register(ctx, subject.Subject{USCC: code, Name: "宁夏评价测试有限公司", Status: subject.StatusActive})
	if err != nil {
		t.Fatal(err)
	}
	view := func(shown ...string) *gate.View {
		cat, _, err := a.Catalog.Current(ctx)
		if err != nil {
			t.Fatal(err)
		}
		v := &gate.View{Subject: s}
		for _, it := range cat.Items {
			iv := gate.ItemView{Item: it, Level: gate.LevelOf(it.Disclosure) - 1}
			for _, c := range shown {
				if c == it.Code {
					iv.Level = gate.LevelOf(catalog.VerifyOnly)
				}
			}
			v.Items = append(v.Items, iv)
		}
		return v
	}
	if ev, err := a.reportEvaluation(ctx, view()); err != nil || ev != nil {
		t.Fatalf("before any evaluation: %+v %v", ev, err)
	}
	if _, err := a.Score.RunAll(ctx, nil); err != nil {
		t.Fatal(err)
	}
	all, err := a.reportEvaluation(ctx, view("REG.JBXX", "TAX.LEVEL", "TAX.NSE"))
	if err != nil || all == nil {
		t.Fatalf("evaluation: %+v %v", all, err)
	}
	if !strings.Contains(all.Explanation, "成立时间较短") || !strings.Contains(all.Explanation, "纳税信用等级") || all.ModelVersion == "" {
		t.Fatalf("explanation with tax released: %q", all.Explanation)
	}
	noTax, err := a.reportEvaluation(ctx, view("REG.JBXX"))
	if err != nil {
		t.Fatal(err)
	}
	if noTax.Score != all.Score || noTax.Grade != all.Grade || strings.Contains(noTax.Explanation, "纳税") ||
		!strings.Contains(noTax.Explanation, "成立时间较短") {
		t.Fatalf("explanation without tax released: %q", noTax.Explanation)
	}
}
