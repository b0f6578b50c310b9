// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/subject"
)

func (c *ctx) tagged(tag string) bool { return slices.Contains(c.f.Tags, tag) }

// patentNo formats a Chinese patent number: ZL, the 12-digit application
// number (year, type 1 invention / 2 utility model / 3 design, sequence)
// and its check character after the dot.
func patentNo(year, typ, seq int) string {
	app := fmt.Sprintf("%d%d%07d", year, typ, seq)
	sum := 0
	for i := 0; i < len(app); i++ {
		sum += int(app[i]-'0') * (i%8 + 2)
	}
	check := "0123456789X"[sum%11 : sum%11+1]
	return "ZL" + app + "." + check
}

func countPatents(c *ctx) int {
	switch {
	case c.tagged(TagHighTech):
		return c.r.between(3, 10)
	case c.is(subject.TypeEnterprise) && techDivision(c.f.IndustryCode[:2]) && c.r.chance(0.1):
		return c.r.between(1, 3)
	case c.is(subject.TypeEnterprise) && c.r.chance(0.005):
		return 1
	}
	return 0
}

var patentTopics = []string{"一种%s用智能控制装置", "一种%s的检测方法", "一种%s生产线自动上料机构", "一种节能型%s设备",
	"基于物联网的%s监测系统", "一种%s废料回收利用装置"}

func fillPatent(c *ctx) {
	c.subject()
	apply := c.since(c.f.RegisteredAt)
	typ := []int{1, 2, 2, 2, 3}[c.r.IntN(5)]
	c.set("PATENT_NO", patentNo(apply.Year(), typ, c.state.next(fmt.Sprint(apply.Year(), typ))))
	in, _ := subject.Industries().Lookup(c.f.IndustryCode)
	topic := strings.TrimSuffix(strings.TrimSuffix(in.Name, "制造"), "加工")
	c.set("TITLE", fmt.Sprintf(pick(c.r, patentTopics), topic))
	c.setEnum("PATENT_TYPE", []string{"", "发明", "实用新型", "外观设计"}[typ])
	c.setDate("APPLY_DATE", apply)
	grant := apply.AddDate(0, []int{0, 22, 8, 6}[typ]+c.r.IntN(6), 0)
	if grant.After(asOf) {
		c.setDate("GRANT_DATE", time.Time{})
		c.set("STATUS", "实质审查")
		return
	}
	c.setDate("GRANT_DATE", grant)
	c.set("STATUS", pick(c.r, []string{"专利权维持", "专利权维持", "专利权维持", "未缴年费专利权终止"}))
}

// markClass is the Nice class a firm's trademarks are filed in.
func markClass(div string) int {
	switch {
	case div == "62" || div == "61":
		return 43
	case div == "13" || div == "14":
		return 30
	case div == "15":
		return 33
	case div == "64" || div == "65":
		return 42
	case div >= "47" && div <= "50":
		return 37
	case div == "01" || div == "03":
		return 31
	}
	return 35
}

func countMarks(c *ctx) int {
	switch {
	case c.is(subject.TypeEnterprise) && c.r.chance(0.08):
		return c.r.between(1, 3)
	case c.is(subject.TypeIndividual) && c.r.chance(0.02):
		return 1
	}
	return 0
}

func fillMark(c *ctx) {
	c.subject()
	reg := c.since(c.f.RegisteredAt.AddDate(0, 9, 0))
	c.set("REG_NO", fmt.Sprintf("%d", 10_000_000+c.state.next("tm")*7+c.f.idx%7))
	c.set("MARK_NAME", c.g.tradeName(c.r, 2))
	class := markClass(c.f.IndustryCode[:2])
	if c.k > 0 {
		class = []int{35, 9, 16, 41, 29, 32}[c.k%6] // defensive filings in other classes
	}
	c.setInt("CLASS", class)
	c.setDate("REG_DATE", reg)
	c.setDate("VALID_TO", reg.AddDate(10, 0, -1))
	c.set("STATUS", "注册")
}

func countCopyrights(c *ctx) int {
	if d := c.f.IndustryCode[:2]; c.is(subject.TypeEnterprise) && (d == "64" || d == "65") && c.r.chance(0.4) {
		return c.r.between(1, 5)
	}
	return 0
}

func fillCopyright(c *ctx) {
	c.subject()
	fin := c.since(c.f.RegisteredAt)
	reg := fin.AddDate(0, c.r.between(1, 6), 0)
	if reg.After(asOf) {
		reg = asOf
	}
	c.set("REG_NO", fmt.Sprintf("%dSR%07d", reg.Year(), c.state.next(fmt.Sprint("sr", reg.Year()))))
	c.set("WORK_NAME", c.g.tradeName(c.r, 2)+pick(c.r, []string{"智慧管理平台", "数据采集系统", "移动办公软件", "客户关系管理系统", "物联网监控平台"})+"V1.0")
	c.setEnum("WORK_TYPE", "计算机软件")
	c.setDate("FINISH_DATE", fin)
	c.setDate("REG_DATE", reg)
}

var techFields = []string{"电子信息", "生物与新医药", "新材料", "高技术服务", "新能源与节能", "资源与环境", "先进制造与自动化"}

func countHighTech(c *ctx) int {
	if c.tagged(TagHighTech) {
		return 1
	}
	return 0
}

func fillHighTech(c *ctx) {
	c.subject()
	y := asOf.Year() - c.r.IntN(3) // certificates run three years
	issue := time.Date(y, time.Month(c.r.between(10, 12)), c.r.between(1, 28), 0, 0, 0, 0, time.UTC)
	if issue.After(asOf) {
		issue = asOf
	}
	c.set("CERT_NO", fmt.Sprintf("GR%d%s%06d", y, c.g.prov.code[:2], c.state.next(fmt.Sprint("gr", y))))
	c.setDate("ISSUE_DATE", issue)
	c.setDate("VALID_TO", issue.AddDate(3, 0, -1))
	c.set("BATCH", fmt.Sprintf("%d年第%s批", y, pick(c.r, []string{"一", "二"})))
	c.set("TECH_FIELD", pick(c.r, techFields))
	c.set("REVOKE_DATE", "")
}

func countTechSME(c *ctx) int {
	if c.tagged(TagTechSME) {
		return 1
	}
	return 0
}

func fillTechSME(c *ctx) {
	c.subject()
	c.set("REG_CODE", fmt.Sprintf("%d%s%04d", asOf.Year(), c.f.county, c.state.next("kjx")))
	c.setInt("EVAL_YEAR", asOf.Year())
	c.setDate("STORAGE_DATE", time.Date(asOf.Year(), time.Month(c.r.between(3, 11)), c.r.between(1, 28), 0, 0, 0, 0, time.UTC))
	c.set("REMOVE_DATE", "")
}

func countSpecialized(c *ctx) int {
	if c.tagged(TagSpecialized) {
		return 1
	}
	return 0
}

func fillSpecialized(c *ctx) {
	c.subject()
	level, organ := "专精特新中小企业", c.g.agencyAt(agencyKind{"工业和信息化局", "工信"}, c.g.prov.code).name
	switch x := c.r.IntN(20); {
	case x == 0:
		level, organ = "专精特新“小巨人”企业", "中华人民共和国工业和信息化部"
	case x < 6:
		level = "创新型中小企业"
	}
	y := asOf.Year() - c.r.IntN(3)
	c.setEnum("LEVEL", level)
	c.set("BATCH", fmt.Sprintf("%d年度", y))
	c.set("ORGAN", strings.Replace(organ, "工业和信息化局", "工业和信息化厅", 1))
	cert := time.Date(y, time.Month(c.r.between(6, 12)), c.r.between(1, 28), 0, 0, 0, 0, time.UTC)
	c.setDate("CERT_DATE", cert)
	c.setDate("VALID_TO", cert.AddDate(3, 0, -1))
	c.set("REVOKE_DATE", "")
}

func countRD(c *ctx) int {
	if c.tagged(TagHighTech) || c.tagged(TagTechSME) {
		return 2
	}
	return 0
}

func fillRD(c *ctx) {
	c.subject()
	c.setInt("YEAR", asOf.Year()-2+c.k)
	rd := int64(float64(c.f.revenue) * (0.03 + 0.05*c.r.Float64()))
	c.setMoney("RD_EXPENSE", rd/100*100)
	c.setMoney("DEDUCTION", rd/100*100)
	c.setInt("RD_STAFF", max(1, c.f.staff/5))
}

// trader reports whether the firm is registered with customs; both
// customs files ask, so the answer comes from its own stream.
func (g *Generator) trader(f *firm) bool {
	d := f.IndustryCode[:2]
	if f.Type != subject.TypeEnterprise || d != "51" && !manufacturing(d) {
		return false
	}
	r := g.pool.Get().(*rng)
	defer g.pool.Put(r)
	return r.at(g.seed, streamMisc+202, uint64(f.idx)).chance(0.06)
}

func countCustoms(c *ctx) int {
	if c.g.trader(c.f) {
		return 1
	}
	return 0
}

func fillCustoms(c *ctx) {
	c.subject()
	c.set("CUSTOMS_CODE", fmt.Sprintf("%s%d%05d", c.f.county[:4], 9, c.f.idx%100000))
	lvl := "其他注册登记和备案企业"
	switch x := c.r.IntN(100); {
	case x < 2:
		lvl = "高级认证企业"
	case x < 4:
		lvl = "失信企业"
	}
	c.setEnum("LEVEL", lvl)
	c.setDate("DETERMINE_DATE", c.since(c.f.RegisteredAt))
	c.set("CUSTOMS", strings.TrimSuffix(c.g.provider("海关").Name, "海关")+"海关")
}

func countTrade(c *ctx) int {
	if !c.g.trader(c.f) || !c.r.chance(0.6) {
		return 0
	}
	c.picked = c.aliveMonths()
	return len(c.picked)
}

func fillTrade(c *ctx) {
	c.subject()
	c.setDate("PERIOD", monthOf(c.picked[c.k]))
	scale := float64(c.f.revenue) / 12 * 0.3
	c.setMoney("IMPORT", int64(scale*c.r.logNormal(0.5, 0.8))/100*100)
	c.setMoney("EXPORT", int64(scale*c.r.logNormal(1, 0.8))/100*100)
	c.setInt("DECLARATIONS", c.r.between(1, 20))
}
