// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"

	"github.com/xinrong/xinrong/internal/subject"
)

// caseCauses are the commonest causes of civil cases involving firms.
var caseCauses = []string{"买卖合同纠纷", "买卖合同纠纷", "借款合同纠纷", "金融借款合同纠纷", "民间借贷纠纷", "劳动争议",
	"租赁合同纠纷", "建设工程施工合同纠纷", "服务合同纠纷", "运输合同纠纷", "承揽合同纠纷", "追索劳动报酬纠纷"}

// lenders are the creditors that most often apply for enforcement.
var lenders = []string{"中国农业银行股份有限公司%s分行", "中国工商银行股份有限公司%s分行", "中国建设银行股份有限公司%s分行",
	"%s农村商业银行股份有限公司", "中国邮政储蓄银行股份有限公司%s分行", "%s银行股份有限公司"}

func (c *ctx) lender() string {
	city := c.g.prov.short
	if len(c.g.prov.prefectures) > 0 {
		city = firstRunes(c.g.prov.prefectures[0].name, 2)
	}
	return fmt.Sprintf(pick(c.r, lenders), city)
}

func firstRunes(s string, n int) string { return string([]rune(s)[:min(n, len([]rune(s)))]) }

// courtRate is the base chance of a court record: companies far more than
// individual businesses.
func (c *ctx) courtRate(p float64) int {
	if !c.is(subject.TypeEnterprise) {
		p /= 4
	}
	return c.risky(p)
}

func countJudgments(c *ctx) int {
	n := c.courtRate(0.03)
	if n > 0 && c.r.chance(0.3) {
		n++
	}
	return n
}

func fillJudgment(c *ctx) {
	c.subject()
	when := c.lastYears(3)
	ct, kind, level := c.g.basicCourt(c.f), "民初", "一审"
	if c.r.chance(0.15) {
		ct, kind, level = c.g.intermediateCourt(c.f), "民终", "二审"
	}
	no := caseNo(ct, when.Year(), kind, c.state.next(ct.code+kind+fmt.Sprint(when.Year())))
	c.set("CASE_NO", no)
	cause := pick(c.r, caseCauses)
	c.set("CASE_CAUSE", cause)
	role := pick(c.r, []string{"原告", "被告", "被告", "被告", "第三人"})
	if level == "二审" {
		role = pick(c.r, []string{"上诉人", "被上诉人"})
	}
	c.setEnum("ROLE", role)
	c.set("COURT", ct.name)
	c.setEnum("TRIAL_LEVEL", level)
	c.setDate("JUDGE_DATE", when)
	amount := niceAmount(c.r.logNormal(80_000, 1.2))
	c.setMoney("AMOUNT", amount)
	c.set("RESULT", fmt.Sprintf("判决被告于本判决生效之日起十日内支付原告%s元。案件受理费由被告负担。", formatMoney(amount, "money_yuan")))
}

func countEnforced(c *ctx) int { return c.courtRate(0.012) }

func fillEnforced(c *ctx) {
	c.subject()
	when := c.lastYears(3)
	ct := c.g.basicCourt(c.f)
	c.set("CASE_NO", caseNo(ct, when.Year(), "执", c.state.next(ct.code+"执"+fmt.Sprint(when.Year()))))
	c.set("COURT", ct.name)
	c.setDate("FILING_DATE", when)
	c.setMoney("TARGET", niceAmount(c.r.logNormal(60_000, 1.2)))
	closed := when.AddDate(0, c.r.between(1, 8), c.r.IntN(28))
	if c.r.chance(0.5) && closed.Before(asOf) {
		c.setDate("CLOSE_DATE", closed)
	} else {
		c.set("CLOSE_DATE", "")
	}
}

func countTerminated(c *ctx) int { return c.courtRate(0.005) }

func fillTerminated(c *ctx) {
	c.subject()
	when := c.lastYears(4)
	ct := c.g.basicCourt(c.f)
	c.set("CASE_NO", caseNo(ct, when.Year(), "执", c.state.next(ct.code+"执"+fmt.Sprint(when.Year()))))
	c.set("COURT", ct.name)
	c.setDate("FILING_DATE", when)
	end := when.AddDate(0, c.r.between(3, 12), 0)
	if end.After(asOf) {
		end = asOf
	}
	c.setDate("END_DATE", end)
	target := niceAmount(c.r.logNormal(120_000, 1.1))
	c.setMoney("TARGET", target)
	c.setMoney("UNPERFORMED", target*int64(c.r.between(60, 100))/100)
	c.set("RESUME_DATE", "")
}

func countHighSpend(c *ctx) int { return c.courtRate(0.004) }

func fillHighSpend(c *ctx) {
	c.subject()
	when := c.lastYears(3)
	ct := c.g.basicCourt(c.f)
	c.set("LEGAL_REP", c.f.LegalRep)
	c.set("CASE_NO", caseNo(ct, when.Year(), "执", c.state.next(ct.code+"执"+fmt.Sprint(when.Year()))))
	c.set("COURT", ct.name)
	c.set("APPLICANT", c.lender())
	c.setDate("ISSUE_DATE", when)
	c.set("LIFT_DATE", "")
}

// disruptions are the four statutory grounds for the dishonest list
// (最高人民法院关于公布失信被执行人名单信息的若干规定 第一条).
var disruptions = []string{"有履行能力而拒不履行生效法律文书确定义务", "有履行能力而拒不履行生效法律文书确定义务",
	"违反财产报告制度", "违反限制消费令", "以伪造证据、暴力、威胁等方法妨碍、抗拒执行"}

func countDishonest(c *ctx) int { return c.courtRate(0.004) }

func fillDishonest(c *ctx) {
	f := c.f
	when := c.lastYears(3)
	ct := c.g.basicCourt(f)
	gist := c.g.basicCourt(f)
	gy := when.Year() - c.r.IntN(2)
	c.set("INAME", f.Name)
	c.set("CASE_CODE", caseNo(ct, when.Year(), "执", c.state.next(ct.code+"执"+fmt.Sprint(when.Year()))))
	c.set("AGE", "")
	c.set("SEX", "")
	c.set("CARD_NUM", f.USCC)
	c.set("BUSINESS_ENTITY", f.LegalRep)
	c.set("COURT_NAME", ct.name)
	c.set("AREA_NAME", c.g.prov.name)
	c.setEnum("PARTY_TYPE_NAME", "法人或其他组织")
	c.set("GIST_ID", caseNo(gist, gy, "民初", 1000+c.r.IntN(9000)))
	c.setDate("REG_DATE", when)
	c.set("GIST_UNIT", gist.name)
	amount := niceAmount(c.r.logNormal(150_000, 1.0))
	c.set("DUTY", fmt.Sprintf("被告%s于本判决生效之日起十日内向原告支付货款%s元及逾期付款利息。", f.Name, formatMoney(amount, "money_yuan")))
	if c.r.chance(0.8) {
		c.setEnum("PERFORMANCE", "全部未履行")
		c.set("PERFORMED_PART", "暂无")
		c.set("UNPERFORM_PART", formatMoney(amount, "money_yuan")+"元")
	} else {
		c.setEnum("PERFORMANCE", "部分未履行")
		c.set("PERFORMED_PART", formatMoney(amount/4, "money_yuan")+"元")
		c.set("UNPERFORM_PART", formatMoney(amount-amount/4, "money_yuan")+"元")
	}
	c.set("DISRUPT_TYPE_NAME", pick(c.r, disruptions))
	pub := when.AddDate(0, c.r.between(1, 6), 0)
	if pub.After(asOf) {
		pub = asOf
	}
	c.setDate("PUBLISH_DATE", pub)
	if exit := pub.AddDate(1, c.r.IntN(12), 0); c.r.chance(0.15) && exit.Before(asOf) {
		c.setDate("EXIT_DATE", exit)
	} else {
		c.set("EXIT_DATE", "")
	}
	c.setInt("FOCUS_NUMBER", c.r.IntN(60))
}
