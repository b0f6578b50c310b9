// SPDX-License-Identifier: Apache-2.0

package ingest_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

type env struct {
	store    *sqlstore.Store
	svc      *ingest.Service
	subjects *subject.Service
	codes    []string // registered enterprises
	names    []string
}

// newEnv returns a collection service over a fresh store with n
// registered enterprises and providers for the abnormal-operations list
// and penalties.
func newEnv(t testing.TB, n int) *env {
	t.Helper()
	ctx := context.Background()
	s := storetest.Open(t)
	base, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.NewService(ctx, s, base)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{store: s, subjects: subject.NewService(s)}
	var subs []subject.Subject
	for i := 0; i < n; i++ {
		code, err := subject.Make('9', '1', "640104", fmt.Sprintf("MA%06d", i))
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("银川市测试%05d商贸有限公司", i)
		e.codes, e.names = append(e.codes, code), append(e.names, name)
		subs = append(subs, subject.Subject{USCC: code, Name: name, Status: subject.StatusActive})
	}
	if _, err := e.subjects.Import(ctx, func(yield func(subject.Subject) bool) {
		for _, s := range subs {
			if !yield(s) {
				return
			}
		}
	}, nil); err != nil {
		t.Fatal(err)
	}
	e.svc = ingest.NewService(s, cat, s, nil)
	for _, p := range []ingest.Provider{
		{Code: "P-SCJG-640000", Name: "宁夏回族自治区市场监督管理厅", Items: []string{"ABN.JYYC", "PEN.XZCF"}},
		{Code: "P-SW-640000", Name: "国家税务总局宁夏回族自治区税务局", Items: []string{"TAX.LEVEL"}},
	} {
		if _, err := e.svc.RegisterProvider(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// abnormal returns an 经营异常名录 row for enterprise i.
func (e *env) abnormal(i int, inDate, outDate string) map[string]string {
	r := map[string]string{"企业名称": e.names[i], "统一社会信用代码/注册号": e.codes[i], "列入经营异常名录原因": "未按规定期限公示年度报告",
		"列入日期": inDate, "作出决定机关（列入）": "银川市兴庆区市场监督管理局"}
	if outDate != "" {
		r["移出日期"], r["移出经营异常名录原因"], r["作出决定机关（移出）"] = outDate, "已补报年度报告", "银川市兴庆区市场监督管理局"
	}
	return r
}
