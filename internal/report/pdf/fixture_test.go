// SPDX-License-Identifier: Apache-2.0

package pdf

import (
	"fmt"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/report"
)

// Values the tests look for in the extracted text.
const (
	testName    = "宁夏银川某某科技有限公司"
	testUSCC    = "91640100MA76B3K27X" // valid check characters (see TestFixtureUSCC)
	testNumber  = "XR-20261122-7KQ4M2ZD9P"
	testPenalty = "未按规定申领排污许可证擅自排放大气污染物"
	testAmount  = "12.50万元"
	testHash    = "9f2c4e1a7b3d5f60812a4c6e8b0d2f4163a5c7e9b1d3f5a7c9e0b2d4f6a8c1e3"
	testWithold = "未获授权：查询纳税信息需企业授权，本次授权书未覆盖该项"
	testNode    = "https://xinrong.nx.example.cn"
)

// longValue is 300 Chinese characters without a single space: it can only
// wrap between characters. The phrase cycles with a counter so a lost or
// doubled line would show.
func longValue() string {
	var b strings.Builder
	digits := []rune("〇一二三四五六七八九")
	for i := 0; b.Len() < 300*3; i++ {
		b.WriteString("经营范围包括软件开发与信息技术咨询服务第")
		b.WriteRune(digits[i%10])
		b.WriteString("项")
	}
	return string([]rune(b.String())[:300])
}

// penaltyRow is an administrative penalty as the gate releases it.
func penaltyRow(i int) report.Row {
	return report.Row{
		RecordID: fmt.Sprintf("01JF3Q8ZK%017d", i), Version: 2,
		Provider: "银川市生态环境局", SourceTime: "2026-10-08 09:30",
		PublicityEnd: "2029-09-30", Disputed: i == 0,
		Cells: []report.Cell{
			{Code: "decision_no", Label: "决定书文号", LabelEN: "Decision No.", Value: fmt.Sprintf("银环罚字〔2026〕%d号", 17+i)},
			{Code: "reason", Label: "违法事实", LabelEN: "Facts", Value: testPenalty},
			{Code: "basis", Label: "处罚依据", LabelEN: "Legal basis", Value: "《中华人民共和国大气污染防治法》第九十九条第一项"},
			{Code: "fine", Label: "罚款金额", LabelEN: "Fine", Value: "125,000.00 元（" + testAmount + "）"},
			{Code: "decided_on", Label: "处罚决定日期", LabelEN: "Decided on", Value: "2026-09-30"},
			{Code: "authority", Label: "处罚机关", LabelEN: "Authority", Value: "银川市生态环境局"},
		},
	}
}

// sampleReport is an institution-edition report with n penalty rows, one
// withheld and one verify-only item, and a row with a 300-character value.
func sampleReport(n int) *report.Report {
	rows := make([]report.Row, n)
	for i := range rows {
		rows[i] = penaltyRow(i)
	}
	issued := time.Date(2026, 11, 22, 2, 15, 0, 0, time.UTC)
	return &report.Report{
		Number: testNumber, Title: "企业信用信息报告", TitleEN: "Enterprise Credit Information Report",
		Edition: "institution", Node: testNode, IssuedAt: issued, AsOf: issued.Add(-2 * time.Hour),
		Requester:      report.Party{OrgID: "01JF00BANK", OrgName: "宁夏银行股份有限公司", OrgKind: "银行", User: "张晓梅"},
		Purpose:        report.Label{Code: "loan_review", ZH: "贷前审查", EN: "Pre-loan review"},
		Authorizations: []string{"AUTH-2026-000381", "AUTH-2026-000415"},
		CatalogVersion: 7, AuditIndex: 104233,
		Subject: report.Basic{
			USCC: testUSCC, Name: testName,
			Type:     report.Label{Code: "1130", ZH: "有限责任公司(自然人投资或控股)", EN: "Limited liability company"},
			LegalRep: "马建国", Status: report.Label{Code: "active", ZH: "存续", EN: "Active"},
			Region:       report.Label{Code: "640104", ZH: "宁夏回族自治区银川市兴庆区", EN: "Xingqing, Yinchuan, Ningxia"},
			Industry:     report.Label{Code: "I65", ZH: "软件和信息技术服务业", EN: "Software and IT services"},
			RegisteredAt: "2016-03-18", CapitalFen: 50_000_000_00, Capital: "5000万元",
			Address: "宁夏回族自治区银川市兴庆区解放东街123号科技大厦15层1501室",
			Aliases: []string{"银川某某电子有限公司"},
		},
		Summary: []report.Count{
			{Category: report.Label{Code: "penalties", ZH: "行政处罚", EN: "Administrative penalties"}, Records: n},
			{Category: report.Label{Code: "tax", ZH: "纳税信息", EN: "Tax"}, Withheld: 2},
			{Category: report.Label{Code: "scope", ZH: "经营范围", EN: "Business scope"}, Records: 1},
		},
		Sections: []report.Section{
			{Code: "penalties", Title: "行政处罚信息", TitleEN: "Administrative penalties", Items: []report.ItemSection{
				{Item: "penalty", Name: "行政处罚", NameEN: "Administrative penalty", Status: "shown", Rows: rows},
			}},
			{Code: "tax", Title: "纳税信息", TitleEN: "Tax", Items: []report.ItemSection{
				{Item: "tax_rating", Name: "纳税信用等级", NameEN: "Tax credit rating", Status: "withheld", Note: testWithold},
				{Item: "tax_arrears", Name: "欠税信息", NameEN: "Tax arrears", Status: "verify_only", Note: "仅可核验是否存在"},
			}},
			{Code: "scope", Title: "经营范围", TitleEN: "Business scope", Items: []report.ItemSection{
				{Item: "scope", Name: "经营范围", NameEN: "Business scope", Status: "shown", Rows: []report.Row{{
					RecordID: "01JF3Q8ZKSCOPE0000000000", Version: 1, Provider: "宁夏市场监督管理厅",
					Cells: []report.Cell{{Code: "scope", Label: "经营范围", LabelEN: "Scope", Value: longValue()}},
				}}},
			}},
		},
		Sources: []report.Source{
			{Provider: "银川市生态环境局", Item: "行政处罚", Records: n, AsOf: "2026-10-08 09:30"},
			{Provider: "宁夏市场监督管理厅", Item: "登记基本信息", Records: 1, AsOf: "2026-11-21 18:00"},
		},
		Evaluation: &report.Evaluation{Score: 712, Grade: "BBB", ModelVersion: "nx-sme-2026.3", AsOf: "2026-11-21",
			Explanation: "近三年存在环保类行政处罚，纳税与社保缴纳正常。"},
		Notes:      []string{"本报告仅包含查询机构获授权查询的信息。", "金额单位除注明外为人民币元。"},
		Disclaimer: "本报告由信融平台依据信息提供单位报送的数据生成，平台不对原始数据的真实性承担责任；报告使用者应按约定用途使用，不得向第三方提供。",
		Hash:       testHash,
	}
}
