// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"

	"github.com/xinrong/xinrong/internal/subject"
)

// properties returns how many real-estate units the firm owns: the three
// property files (ownership, mortgage, seizure) all ask, so the answer comes
// from the firm's own stream, not the file's.
func (g *Generator) properties(f *firm) int {
	p := map[subject.Type]float64{subject.TypeEnterprise: 0.08, subject.TypeCooperative: 0.15,
		subject.TypeInstitution: 0.5, subject.TypeIndividual: 0.01}[f.Type]
	r := g.pool.Get().(*rng)
	defer g.pool.Put(r)
	r.at(g.seed, streamMisc+303, uint64(f.idx))
	if !r.chance(p) {
		return 0
	}
	return 1 + r.IntN(2)
}

// unitNo is the 28-character 不动产单元号 (GB/T 37346): county, 地籍区 and
// 子区, 宗地特征码 GB, 宗地顺序号, F and the building unit.
func unitNo(f *firm, k int) string {
	x := (uint64(f.idx)*2 + uint64(k)) * 7919 % 100_000_000_000
	return fmt.Sprintf("%s%06dGB%05dF%08d", f.county, x/100_000, x%100_000, 10001+k)
}

func (c *ctx) city() string {
	name := c.g.prefName(c.f.county)
	if name == c.g.prov.name {
		return c.g.addrPrefix[c.f.county]
	}
	return name
}

func countProperty(c *ctx) int { return c.g.properties(c.f) }

func fillProperty(c *ctx) {
	c.subject()
	reg := c.since(c.f.RegisteredAt)
	c.set("CERT_NO", fmt.Sprintf("%s（%d）%s不动产权第%07d号", provinceAbbr[c.g.prov.code[:2]], reg.Year(), c.city(),
		c.state.next(c.city()+fmt.Sprint(reg.Year()))))
	c.set("UNIT_NO", unitNo(c.f, c.k))
	c.set("LOCATION", c.f.Address)
	c.set("RIGHT_TYPE", "国有建设用地使用权/房屋（构筑物）所有权")
	use := "商服用地/商业"
	if manufacturing(c.f.IndustryCode[:2]) {
		use = "工业用地/工业"
	}
	c.set("RIGHT_NATURE", "出让/市场化商品房")
	c.set("USE", use)
	c.set("AREA", fmt.Sprintf("%.2f", c.r.logNormal(300, 1.0)))
	c.setDate("REG_DATE", reg)
	c.set("CANCEL_DATE", "")
}

func countMortgage(c *ctx) int {
	if c.g.properties(c.f) > 0 && c.r.chance(0.4) {
		return 1
	}
	return 0
}

func fillMortgage(c *ctx) {
	c.subject()
	reg := c.lastYears(3)
	c.set("UNIT_NO", unitNo(c.f, 0))
	c.set("CERT_NO", fmt.Sprintf("%s（%d）%s不动产证明第%07d号", provinceAbbr[c.g.prov.code[:2]], reg.Year(), c.city(),
		c.state.next(c.city()+fmt.Sprint(reg.Year()))))
	c.set("MORTGAGEE", c.lender())
	c.setEnum("MORTGAGE_TYPE", pick(c.r, []string{"一般抵押", "最高额抵押"}))
	c.setMoney("AMOUNT", niceAmount(c.r.logNormal(2_000_000, 0.9)))
	c.setDate("TERM_FROM", reg)
	c.setDate("TERM_TO", reg.AddDate(c.r.between(1, 5), 0, -1))
	c.setDate("REG_DATE", reg)
	c.set("CANCEL_DATE", "")
}

func countSeizure(c *ctx) int {
	if c.g.properties(c.f) > 0 {
		return c.risky(0.04)
	}
	return 0
}

func fillSeizure(c *ctx) {
	c.subject()
	from := c.lastYears(3)
	ct := c.g.basicCourt(c.f)
	c.set("UNIT_NO", unitNo(c.f, 0))
	c.set("SEIZURE_ORGAN", ct.name)
	c.set("SEIZURE_DOC", caseNo(ct, from.Year(), "执保", c.state.next(ct.code+fmt.Sprint(from.Year()))))
	c.setEnum("SEIZURE_TYPE", pick(c.r, []string{"查封", "查封", "轮候查封", "预查封"}))
	c.setDate("SEIZURE_FROM", from)
	c.setDate("SEIZURE_TO", from.AddDate(3, 0, -1))
	c.set("RELEASE_DATE", "")
}

func countPledge(c *ctx) int {
	if c.tagged(TagHighTech) && c.r.chance(0.08) || c.tagged(TagTechSME) && c.r.chance(0.02) {
		return 1
	}
	return 0
}

func fillPledge(c *ctx) {
	c.subject()
	reg := c.lastYears(3)
	c.setEnum("RIGHT_TYPE", "专利权")
	c.set("RIGHT_NO", patentNo(reg.Year()-2, 1, c.f.idx%10_000_000))
	c.set("PLEDGEE", c.lender())
	c.setMoney("AMOUNT", niceAmount(c.r.logNormal(3_000_000, 0.7)))
	c.set("PLEDGE_NO", fmt.Sprintf("Y%d%s%05d", reg.Year(), c.g.prov.code[:2], c.state.next(fmt.Sprint(reg.Year()))))
	c.setDate("REG_DATE", reg)
	c.set("CANCEL_DATE", "")
}

var grantProjects = []struct{ project, policy string }{
	{"中小企业发展专项资金", "中小企业发展专项资金管理办法"},
	{"失业保险稳岗返还", "关于做好失业保险稳岗位提技能防失业工作的通知"},
	{"科技创新后补助", "科技创新后补助资金管理办法"},
	{"农业产业化奖补资金", "农业产业化龙头企业扶持政策"},
	{"外贸稳增长奖励", "外经贸发展专项资金管理办法"},
}

func countGrant(c *ctx) int {
	if c.is(subject.TypeEnterprise, subject.TypeCooperative) && c.r.chance(0.012) {
		return c.r.between(1, 2)
	}
	return 0
}

func fillGrant(c *ctx) {
	c.subject()
	g := grantProjects[(c.f.idx+c.k)%len(grantProjects)]
	when := c.lastYears(3)
	c.set("PROJECT", g.project)
	c.set("POLICY", "《"+g.policy+"》")
	c.setMoney("AMOUNT", wan(float64(c.r.between(1, 50))))
	c.set("ORGAN", c.g.agencyAt(agencyKind{"财政局", "财"}, c.f.county[:4]+"00").name)
	c.setDate("GRANT_DATE", when)
	c.setInt("YEAR", when.Year())
}

func countInterest(c *ctx) int {
	if c.is(subject.TypeEnterprise, subject.TypeIndividual) && c.r.chance(0.005) {
		return 1
	}
	return 0
}

func fillInterest(c *ctx) {
	c.subject()
	prog := "中小微企业贷款贴息"
	if c.is(subject.TypeIndividual) {
		prog = "创业担保贷款贴息"
	}
	loan := wan(float64(c.r.between(10, 300)))
	c.set("PROGRAM", prog)
	c.set("LOAN_BANK", c.lender())
	c.setMoney("LOAN_AMOUNT", loan)
	c.setMoney("SUBSIDY", loan*35/1000/2/10000*10000) // half of a 3.5% year's interest
	c.set("RATE", "50")
	c.set("ORGAN", c.g.agencyAt(agencyKind{"财政局", "财"}, c.f.county[:4]+"00").name)
	c.setDate("GRANT_DATE", c.lastYears(2))
}

var reliefs = []struct{ policy, tax string }{
	{"小型微利企业所得税优惠", "企业所得税"}, {"增值税小规模纳税人减免增值税", "增值税"}, {"六税两费减免", "城市维护建设税"},
}

func countRelief(c *ctx) int {
	if c.is(subject.TypeEnterprise) && c.tagged(TagSmallMicro) && c.r.chance(0.15) {
		return c.r.between(1, 4)
	}
	return 0
}

func fillRelief(c *ctx) {
	c.subject()
	rl := reliefs[(c.f.idx+c.k/4)%len(reliefs)]
	q := monthOf(3 * (c.k % 4))
	c.set("POLICY", rl.policy)
	c.set("TAX_TYPE", rl.tax)
	c.setMoney("AMOUNT", niceAmount(c.r.logNormal(3000, 1.0)))
	c.setDate("PERIOD_FROM", q)
	c.setDate("PERIOD_TO", q.AddDate(0, 3, -1))
}
