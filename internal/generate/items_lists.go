// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"
	"time"

	"github.com/xinrong/xinrong/internal/subject"
)

// The serious-dishonesty lists (严重失信主体名单) hold a few firms in ten
// thousand each; honours a few in a thousand.

func (c *ctx) companyRisk(p float64, divs func(string) bool) int {
	if !c.is(subject.TypeEnterprise) || divs != nil && !divs(c.f.IndustryCode[:2]) {
		return 0
	}
	return c.risky(p)
}

func countTaxOffender(c *ctx) int { return c.companyRisk(0.0006, nil) }

func fillTaxOffender(c *ctx) {
	c.subject()
	c.set("LEGAL_REP", c.f.LegalRep)
	nature := pick(c.r, []string{"偷税", "偷税", "虚开增值税专用发票", "逃避追缴欠税", "虚开普通发票"})
	c.set("CASE_NATURE", nature)
	y := c.lastYears(2).Year() - 2
	owed := niceAmount(c.r.logNormal(400_000, 1.0))
	c.set("FACTS", fmt.Sprintf("经检查，该单位%d年1月1日至%d年12月31日期间存在%s行为，少缴税款%s元。", y, y+1, nature, formatMoney(owed, "money_yuan")))
	c.set("PENALTY", fmt.Sprintf("依照《中华人民共和国税收征收管理法》第六十三条的规定，追缴税款%s元，并处少缴税款百分之五十的罚款。", formatMoney(owed, "money_yuan")))
	c.set("TAX_ORG", c.g.agencyAt(taxation, c.f.county[:4]+"00").name+"稽查局")
	c.setDate("LIST_DATE", c.lastYears(3))
	c.set("REMOVE_DATE", "")
}

func countProcurement(c *ctx) int {
	return c.companyRisk(0.0008, divIn("47", "48", "49", "50", "51", "65", "72"))
}

func fillProcurement(c *ctx) {
	c.subject()
	c.set("LEGAL_REP", c.f.LegalRep)
	when := c.lastYears(3)
	organ := c.g.agencyAt(agencyKind{"财政局", "财"}, c.f.county[:4]+"00")
	c.set("DOC_NO", fmt.Sprintf("%s采罚〔%d〕%d号", organ.doc, when.Year(), c.state.next(organ.code+fmt.Sprint(when.Year()))))
	c.set("BEHAVIOR", pick(c.r, []string{"提供虚假材料谋取中标、成交", "与采购人、其他供应商或者采购代理机构恶意串通", "中标后无正当理由拒不与采购人签订政府采购合同"}))
	years := c.r.between(1, 3)
	c.set("PUNISH", fmt.Sprintf("处以采购金额千分之五的罚款，列入不良行为记录名单，在%d年内禁止参加政府采购活动", years))
	c.set("BASIS", "《中华人民共和国政府采购法》第七十七条第一款")
	c.set("ORGAN", organ.name)
	c.setDate("DECISION_DATE", when)
	c.setDate("BAN_FROM", when)
	c.setDate("BAN_TO", when.AddDate(years, 0, -1))
	c.set("REMOVE_DATE", "")
}

func countSafety(c *ctx) int {
	return c.companyRisk(0.001, func(d string) bool { return manufacturing(d) || d == "06" || d == "10" || d >= "47" && d <= "50" })
}

func fillSafety(c *ctx) {
	c.subject()
	c.set("LEGAL_REP", c.f.LegalRep)
	when := c.lastYears(3)
	a := c.g.localAgency(emergency, c.f)
	c.set("REASON", pick(c.r, []string{"发生较大生产安全事故，对事故发生负有责任", "未按规定对重大事故隐患进行整改，拒不执行执法决定", "发生生产安全事故造成1人死亡，对事故发生负有责任"}))
	c.set("DOC_NO", fmt.Sprintf("%s罚〔%d〕%d号", a.doc, when.Year(), c.state.next(a.code+fmt.Sprint(when.Year()))))
	c.set("ORGAN", a.name)
	c.setDate("LIST_DATE", when)
	c.set("REMOVE_DATE", "")
}

func countSeriousIllegal(c *ctx) int { return c.companyRisk(0.001, nil) }

func fillSeriousIllegal(c *ctx) {
	c.subject()
	c.set("LEGAL_REP", c.f.LegalRep)
	when := c.lastYears(3)
	a := c.regAuthority()
	c.set("REASON", pick(c.r, []string{"被列入经营异常名录届满3年仍未履行相关义务", "提交虚假材料或者采取其他手段隐瞒重要事实，取得公司登记，被撤销登记", "因严重违法行为受到较重行政处罚"}))
	c.set("DOC_NO", fmt.Sprintf("%s严违〔%d〕%d号", a.doc, when.Year(), c.state.next(a.code+fmt.Sprint(when.Year()))))
	c.set("ORGAN", a.name)
	c.setDate("LIST_DATE", when)
	c.set("REMOVE_REASON", "")
	c.set("REMOVE_ORGAN", "")
	c.set("REMOVE_DATE", "")
}

func countWageArrears(c *ctx) int {
	return c.companyRisk(0.002, divIn("47", "48", "49", "50"))
}

func fillWageArrears(c *ctx) {
	c.subject()
	c.set("LEGAL_REP", c.f.LegalRep)
	workers := c.r.between(5, 80)
	amount := int64(workers) * niceAmount(c.r.logNormal(12_000, 0.5))
	c.set("FACTS", fmt.Sprintf("该单位拖欠%d名农民工工资共计%s元，经责令限期支付仍拒不支付。", workers, formatMoney(amount, "money_yuan")))
	c.setMoney("AMOUNT", amount)
	c.setInt("WORKERS", workers)
	c.set("ORGAN", c.g.localAgency(labour, c.f).name)
	c.setDate("LIST_DATE", c.lastYears(3))
	c.set("REMOVE_DATE", "")
}

var honours = []struct{ name, level string }{
	{"文明单位", "省级"}, {"诚信示范企业", "市级"}, {"劳动关系和谐企业", "市级"}, {"优秀民营企业", "省级"},
	{"农业产业化重点龙头企业", "省级"}, {"安全生产标准化企业", "市级"}, {"守信激励诚信企业", "县级"},
}

func countHonour(c *ctx) int {
	if c.is(subject.TypeEnterprise, subject.TypeCooperative) && c.f.Status == subject.StatusActive && c.r.chance(0.005) {
		return 1
	}
	return 0
}

func fillHonour(c *ctx) {
	c.subject()
	h := pick(c.r, honours)
	when := c.lastYears(4)
	organ := map[string]string{"省级": c.g.prov.name + "人民政府", "市级": c.g.prefName(c.f.county) + "人民政府",
		"县级": c.g.addrPrefix[c.f.county] + "人民政府"}[h.level]
	c.set("HONOR", h.name)
	c.setEnum("LEVEL", h.level)
	c.set("ORGAN", organ)
	c.set("DOC_NO", fmt.Sprintf("%s政发〔%d〕%d号", provinceAbbr[c.g.prov.code[:2]], when.Year(), 10+c.r.IntN(90)))
	c.setDate("AWARD_DATE", when)
	c.setDate("VALID_TO", when.AddDate(3, 0, -1))
	c.set("REVOKE_DATE", "")
}

func countContract(c *ctx) int {
	if c.is(subject.TypeEnterprise) && asOf.Year()-c.f.RegisteredAt.Year() >= 3 && c.f.Status == subject.StatusActive && c.r.chance(0.004) {
		return 1
	}
	return 0
}

func fillContract(c *ctx) {
	c.subject()
	y := asOf.Year() - 1 - 2*c.r.IntN(2)
	level := pick(c.r, []string{"省级", "市级", "市级"})
	c.set("YEARS", fmt.Sprintf("%d—%d年度", y-1, y))
	c.setEnum("LEVEL", level)
	organ := c.g.agencyAt(amr, c.g.prov.code)
	if level == "市级" {
		organ = c.g.agencyAt(amr, c.f.county[:4]+"00")
	}
	c.set("ORGAN", organ.name)
	c.setDate("PUBLISH_DATE", time.Date(y+1, time.Month(c.r.between(3, 9)), c.r.between(1, 28), 0, 0, 0, 0, time.UTC))
}
