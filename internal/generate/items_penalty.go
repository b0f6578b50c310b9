// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"

	"github.com/xinrong/xinrong/internal/subject"
)

// offence is one kind of administrative penalty as bureaus publish them.
type offence struct {
	by       agencyKind
	act      string // 违法行为类型
	fact     string // 违法事实; %s is the firm's name
	basis    string // 处罚依据
	kinds    string // 处罚类别, several joined by 、
	fineLo   int    // 罚款 in 元
	fineHi   int
	forWhom  func(div string) bool
	publicly int // months of publicity (公示截止期 − 决定日期)
}

func anyDiv(string) bool { return true }
func divIn(ds ...string) func(string) bool {
	return func(d string) bool {
		for _, x := range ds {
			if x == d {
				return true
			}
		}
		return false
	}
}
func manufacturing(d string) bool { return d >= "13" && d <= "43" }

var offences = []offence{
	{amr, "销售过期食品", "%s经营超过保质期的食品，货值金额较小。", "《中华人民共和国食品安全法》第一百二十四条第一款第（二）项", "没收违法所得、罚款", 5000, 50000, divIn("52", "62", "51"), 12},
	{amr, "虚假宣传", "%s在经营活动中对商品的性能、功能作虚假的商业宣传。", "《中华人民共和国反不正当竞争法》第二十条第一款", "罚款", 20000, 200000, anyDiv, 12},
	{amr, "未明码标价", "%s销售商品未按规定明码标价。", "《中华人民共和国价格法》第四十二条", "警告", 0, 0, divIn("52", "62", "61", "80"), 3},
	{amr, "使用未经检定的计量器具", "%s使用未经检定的电子计价秤。", "《中华人民共和国计量法实施细则》第四十三条", "罚款", 200, 1000, divIn("52", "51", "62"), 3},
	{amr, "未取得食品经营许可从事食品经营", "%s未取得食品经营许可从事食品经营活动。", "《中华人民共和国食品安全法》第一百二十二条第一款", "没收违法所得、罚款", 50000, 100000, divIn("62", "52"), 12},
	{ecology, "超标排放大气污染物", "%s废气排放口颗粒物排放浓度超过国家规定的排放标准。", "《中华人民共和国大气污染防治法》第九十九条第（二）项", "罚款", 100000, 1000000, manufacturing, 12},
	{ecology, "未批先建", "%s建设项目环境影响报告表未经批准擅自开工建设。", "《中华人民共和国环境影响评价法》第三十一条第一款", "罚款", 50000, 500000, divIn("30", "26", "31", "32", "44", "47", "48"), 12},
	{emergency, "未按规定开展安全生产教育和培训", "%s未按照规定对从业人员进行安全生产教育和培训。", "《中华人民共和国安全生产法》第九十七条第（三）项", "警告、罚款", 10000, 100000, func(d string) bool { return manufacturing(d) || d == "06" || d == "10" }, 12},
	{transport, "道路运输车辆超限运输", "%s所属车辆违法超限运输。", "《公路安全保护条例》第六十四条", "罚款", 2000, 30000, divIn("54"), 3},
	{health, "公共场所未取得卫生许可证", "%s未依法取得公共场所卫生许可证擅自营业。", "《公共场所卫生管理条例实施细则》第三十五条", "警告、罚款", 500, 5000, divIn("61", "80", "90"), 3},
	{urban, "施工扬尘污染", "%s施工工地未采取有效防尘降尘措施。", "《中华人民共和国大气污染防治法》第一百一十五条第一款第（一）项", "罚款", 10000, 100000, divIn("47", "48", "49", "50"), 12},
	{urban, "占道经营", "%s擅自占用城市道路摆摊经营。", "《城市市容和环境卫生管理条例》第三十六条第（二）项", "警告", 0, 0, divIn("52", "62"), 3},
	{taxation, "未按规定期限办理纳税申报", "%s未按照规定的期限办理纳税申报和报送纳税资料。", "《中华人民共和国税收征收管理法》第六十二条", "罚款", 200, 2000, anyDiv, 3},
	{labour, "拖欠劳动者工资", "%s未按劳动合同约定及时足额支付劳动者劳动报酬。", "《劳动保障监察条例》第二十六条", "罚款", 2000, 20000, divIn("47", "48", "49", "50", "62", "13"), 12},
	{resources, "非法占用土地", "%s未经批准擅自占用集体土地建设厂房。", "《中华人民共和国土地管理法》第七十七条第一款", "罚款", 20000, 300000, func(d string) bool { return manufacturing(d) || d == "01" || d == "03" }, 12},
}

func countPenalties(c *ctx) int {
	p := map[subject.Type]float64{subject.TypeEnterprise: 0.04, subject.TypeIndividual: 0.015,
		subject.TypeCooperative: 0.01}[c.f.Type]
	if p == 0 {
		p = 0.004
	}
	n := c.risky(p)
	if n > 0 && c.r.chance(0.15) {
		n++ // repeat offenders
	}
	return n
}

func fillPenalty(c *ctx) {
	f := c.f
	div := f.IndustryCode[:2]
	var o offence
	for {
		o = pick(c.r, offences)
		if o.forWhom(div) {
			break
		}
	}
	a := c.g.localAgency(o.by, f)
	when := c.lastYears(3)
	c.set("CF_XDR_MC", f.Name)
	c.setEnum("CF_XDR_LB", lb(f))
	c.set("CF_XDR_SHXYM", f.USCC)
	if f.regNo != "" && c.r.chance(0.3) {
		c.set("CF_XDR_GSZC", f.regNo)
	}
	if f.orgCode != "" && c.r.chance(0.3) {
		c.set("CF_XDR_ZZJG", f.orgCode)
	}
	c.set("CF_FRDB", f.LegalRep)
	c.setEnum("CF_FR_ZJLX", "身份证")
	c.set("CF_FR_ZJHM", f.repID)
	c.set("CF_WSH", fmt.Sprintf("%s罚〔%d〕%d号", a.doc, when.Year(), c.state.next(a.code+fmt.Sprint(when.Year()))))
	c.set("CF_WFXW", o.act)
	c.set("CF_SY", fmt.Sprintf(o.fact, f.Name))
	c.set("CF_YJ", o.basis)
	c.set("CF_CFLB", o.kinds)
	fine := int64(0)
	if o.fineHi > 0 {
		fine = niceAmount(float64(c.r.between(o.fineLo, o.fineHi)))
	}
	content := "警告"
	switch o.kinds {
	case "罚款", "警告、罚款":
		content = fmt.Sprintf("罚款人民币%s元", formatMoney(fine, "money_yuan"))
		if o.kinds == "警告、罚款" {
			content = "警告，并处" + content
		}
		c.setMoney("CF_NR_FK", fine)
	case "没收违法所得、罚款":
		gain := niceAmount(float64(c.r.between(100, 5000)))
		content = fmt.Sprintf("没收违法所得%s元，并处罚款%s元", formatMoney(gain, "money_yuan"), formatMoney(fine, "money_yuan"))
		c.setMoney("CF_NR_FK", fine)
		c.setMoney("CF_NR_WFFF", gain)
	default:
		c.set("CF_NR_FK", "")
	}
	c.set("CF_NR", content)
	c.setDate("CF_JDRQ", when)
	publicly := o.publicly
	if fine >= 100_000_00 {
		publicly = 36 // large fines are 严重 and published for three years
	}
	c.setDate("CF_YXQ", when.AddDate(0, publicly, 0))
	c.setDate("CF_GSJZQ", when.AddDate(0, publicly, 0))
	c.set("CF_CFJG", a.name)
	c.set("CF_CFJGDM", a.code)
	c.set("CF_SJLY", a.name)
	c.set("CF_SJLYDM", a.code)
	c.set("BZ", "")
}
