// SPDX-License-Identifier: Apache-2.0

package gatetest

import (
	"context"
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/ingest"
)

// Values seeded about enterprise A that must never leave the node except
// as the gate allows. Tests search every response and export for them.
const (
	// PenaltyText is a public penalty's content: shown to every caller
	// the agreement lets read penalties.
	PenaltyText = "罚款0.50万元"
	// OldPenaltyNo is the decision number of a penalty past its publicity
	// period: shown only to the enterprise itself and the operator.
	OldPenaltyNo = "宁市监罚〔2020〕7号"
	// LegalRepID is a natural person's ID number in a verify_only field of
	// the penalty: never shown in clear to anyone, masked to the enterprise.
	LegalRepID = "640102198001011234"
	// TaxPaidFen is an authorized value (TAX.NSE), in stored fen.
	TaxPaidFen = "12345678"
	// TaxPaidShown is the same value as reports display it.
	TaxPaidShown = "123,456.78"
	// WaterAccount is a verify_only value (UTL.WATER).
	WaterAccount = "W-0099887766"
	// AssetsFen is an authorized field (REG.NB TOTAL_ASSETS) of a public item.
	AssetsFen = "8888880000"
	// Phone is a telephone number, masked for everyone.
	Phone = "13800138000"
)

// Secrets are the values that must not appear in a response to a caller
// without the enterprise's authorization (or, for LegalRepID and Phone,
// to anyone at all).
var Secrets = []string{LegalRepID, TaxPaidFen, TaxPaidShown, WaterAccount, AssetsFen, Phone}

// ProviderCode is the provider that delivers the seeded records.
const ProviderCode = "P-TEST-640000"

// seedRecords collects records about enterprise A through the real push
// channel, one batch per item.
func (e *Env) seedRecords(tb testing.TB) {
	RegisterProvider(tb, e.As[System], e.Ingest, e.Orgs["provider"].ID)
	SeedRecords(tb, e.As[System], e.Ingest, e.Store, e.USCC, "宁夏测试科技有限公司")
}

// RegisterProvider registers the provider of the seeded records.
func RegisterProvider(tb testing.TB, ctx context.Context, ing *ingest.Service, orgID string) {
	tb.Helper()
	_, err := ing.RegisterProvider(ctx, ingest.Provider{Code: ProviderCode, Name: "宁夏测试数据提供单位",
		Department: "测试", Region: "640000", OrgID: orgID,
		Items: []string{"PEN.XZCF", "TAX.NSE", "TAX.LEVEL", "UTL.WATER", "REG.NB"}})
	must(tb, err)
}

// SeedRecords pushes the marked records (see Secrets) about the
// enterprise uscc named name: a recent penalty, one past its publicity,
// monthly tax, a tax grade, water use and an annual report.
func SeedRecords(tb testing.TB, ctx context.Context, ing *ingest.Service, rej Rejections, uscc, name string) {
	tb.Helper()
	recent := time.Now().UTC().AddDate(0, -1, 0).Format(time.DateOnly)
	until := time.Now().UTC().AddDate(1, 0, 0).Format(time.DateOnly)
	agency := mustUSCC(tb, "MB1234567")
	pen := func(no, date, end, content string) map[string]string {
		return map[string]string{"CF_XDR_MC": name, "CF_XDR_LB": "法人及非法人组织", "CF_XDR_SHXYM": uscc,
			"CF_FRDB": "张三", "CF_FR_ZJLX": "身份证", "CF_FR_ZJHM": LegalRepID, "CF_WSH": no, "CF_WFXW": "违反产品质量管理规定",
			"CF_SY": "经查，当事人销售的产品经抽样检验不合格。", "CF_YJ": "《中华人民共和国产品质量法》第四十九条", "CF_CFLB": "罚款",
			"CF_NR": content, "CF_NR_FK": "0.50", "CF_JDRQ": date, "CF_YXQ": end, "CF_GSJZQ": end,
			"CF_CFJG": "银川市市场监督管理局", "CF_CFJGDM": agency, "CF_SJLY": "银川市市场监督管理局", "CF_SJLYDM": agency}
	}
	batches := map[string][]map[string]string{
		"PEN.XZCF": {pen("宁市监罚〔2026〕1号", recent, until, PenaltyText), pen(OldPenaltyNo, "2020-01-10", "2021-01-10", "警告并罚款")},
		"TAX.NSE": {{"USCC": uscc, "NAME": name, "PERIOD_TYPE": "M", "PERIOD_FROM": "2026-09-01",
			"PERIOD_TO": "2026-09-30", "TAX_TYPE": "增值税", "TAX_PAID": "123456.78"}},
		"TAX.LEVEL": {{"USCC": uscc, "NAME": name, "EVAL_YEAR": "2025", "LEVEL": "A"}},
		"UTL.WATER": {{"USCC": uscc, "NAME": name, "ACCOUNT_NO": WaterAccount + "-" + uscc[len(uscc)-4:], "PERIOD": "2026-09",
			"USAGE": "120.5", "AMOUNT": "512.30", "PAID": "512.30", "ARREARS": "0"}},
		"REG.NB": {{"USCC": uscc, "NAME": name, "REPORT_YEAR": "2025", "SUBMIT_DATE": "2026-03-15",
			"EMPLOYEES": "36", "TOTAL_ASSETS": "8888.88", "PHONE": Phone}},
	}
	for item, rows := range batches {
		b, err := ing.Push(ctx, ingest.PushInput{Provider: ProviderCode, Item: item, IdempotencyKey: "seed-" + item + "-" + uscc, Rows: rows})
		must(tb, err)
		if b.Accepted != int64(len(rows)) {
			var why []string
			for r, err := range rej.Rejections(context.Background(), b.ID) {
				if err == nil {
					why = append(why, fmt.Sprintf("row %d %s: %s", r.Row, r.Field, r.Msg))
				}
			}
			tb.Fatalf("seed %s: accepted %d of %d rows: %v %v", item, b.Accepted, len(rows), b.Counts, why)
		}
	}
}

// Rejections reads a batch's rejected rows. *sqlstore.Store implements it.
type Rejections interface {
	Rejections(ctx context.Context, batch string) iter.Seq2[ingest.Rejection, error]
}
