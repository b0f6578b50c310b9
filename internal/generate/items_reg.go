// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/subject"
)

// regAuthority is the market-regulation bureau that registered the firm;
// for a retired region code, the bureau that took over its files.
func (c *ctx) regAuthority() agency {
	if c.f.retired {
		return c.g.agencyAt(amr, c.f.county)
	}
	return c.g.agencyAt(amr, c.f.place.code)
}

// entType is the 市场主体类型 as registries print it.
func (c *ctx) entType() string {
	f := c.f
	switch f.Type {
	case subject.TypeIndividual:
		return "个体工商户"
	case subject.TypeCooperative:
		return "农民专业合作社"
	case subject.TypeInstitution:
		return "事业单位"
	case subject.TypeSocialOrg:
		if f.cat == '1' {
			return "社会团体"
		}
		return "民办非企业单位"
	}
	if strings.HasSuffix(f.Name, "股份有限公司") {
		return "股份有限公司(非上市、自然人投资或控股)"
	}
	return pick(c.r, []string{"有限责任公司(自然人投资或控股)", "有限责任公司(自然人投资或控股)",
		"有限责任公司(自然人投资或控股)", "有限责任公司(自然人独资)", "有限责任公司(自然人独资)",
		"有限责任公司(非自然人投资或控股的法人独资)", "有限责任公司(国有控股)"})
}

// scope is the 经营范围, built from the industry's name in the standard's
// own wording, as the 2022 规范化表述 requires.
func (c *ctx) scope() string {
	in, _ := subject.Industries().Lookup(c.f.IndustryCode)
	name := in.Name
	switch c.f.Type {
	case subject.TypeIndividual:
		return "一般项目：" + name + "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
	case subject.TypeEnterprise:
		extra := pick(c.r, []string{"技术服务、技术开发、技术咨询", "信息咨询服务（不含许可类信息咨询服务）",
			"日用百货销售", "五金产品批发", "办公用品销售", "货物进出口", "劳务服务（不含劳务派遣）"})
		return "一般项目：" + name + "；" + extra + "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
	}
	return name
}

func fillRegBasic(c *ctx) {
	f := c.f
	c.subject()
	c.set("REG_NO", f.regNo)
	c.set("ENT_TYPE", c.entType())
	c.set("LEGAL_REP", f.LegalRep)
	c.setMoney("REG_CAPITAL", f.RegisteredCapitalFen)
	c.setEnum("CURRENCY", "CNY")
	c.setDate("ESTABLISH_DATE", f.RegisteredAt)
	switch {
	case f.Type == subject.TypeIndividual:
		c.setDate("TERM_FROM", time.Time{})
		c.setDate("TERM_TO", time.Time{})
	case c.r.chance(0.6):
		c.setDate("TERM_FROM", f.RegisteredAt)
		c.set("TERM_TO", "长期")
	default:
		c.setDate("TERM_FROM", f.RegisteredAt)
		c.setDate("TERM_TO", f.RegisteredAt.AddDate(pick(c.r, []int{10, 20, 30, 50}), 0, -1))
	}
	c.set("REG_AUTHORITY", c.regAuthority().name)
	approve := f.RegisteredAt
	if !f.closedAt.IsZero() {
		approve = f.closedAt
	} else if c.r.chance(0.4) {
		approve = c.since(f.RegisteredAt)
	}
	c.setDate("APPROVE_DATE", approve)
	c.set("REG_STATUS", regStatus(c))
	c.set("ADDRESS", f.Address)
	c.set("REGION", f.county)
	ind := f.IndustryCode
	if c.r.chance(0.2) { // many registries prefix the section letter
		in, _ := subject.Industries().Lookup(ind)
		ind = in.Section + ind
	}
	c.set("INDUSTRY", ind)
	c.set("SCOPE", c.scope())
}

func regStatus(c *ctx) string {
	switch c.f.Status {
	case subject.StatusCancelled:
		return "注销"
	case subject.StatusRevoked:
		return pick(c.r, []string{"吊销", "吊销，未注销"})
	case subject.StatusSuspended:
		return "歇业"
	}
	return pick(c.r, []string{"存续", "存续", "存续", "在营", "开业", "存续（在营、开业、在册）"})
}

func countShareholders(c *ctx) int {
	if !c.is(subject.TypeEnterprise) {
		return 0
	}
	if strings.HasSuffix(c.f.Name, "股份有限公司") {
		return c.r.between(2, 5)
	}
	return []int{1, 1, 1, 2, 2, 2, 2, 3, 3, 4}[c.r.IntN(10)]
}

func fillShareholder(c *ctx) {
	f := c.f
	c.subject()
	n := c.n
	share := 1.0 / float64(n)
	if n == 1 {
		share = 1
	}
	name, typ, id := f.LegalRep, "自然人股东", ""
	if c.k > 0 {
		if c.r.chance(0.15) && c.g.n > 1 {
			var other firm
			c.g.firm(&other, (f.idx+1+c.r.IntN(c.g.n-1))%c.g.n)
			name, typ, id = other.Name, "企业法人", other.USCC
		} else {
			name = c.g.personName(c.r)
			for strings.Contains(c.seen, "|"+name+"|") {
				name = c.g.personName(c.r)
			}
		}
	}
	c.seen += "|" + name + "|"
	c.set("SHAREHOLDER", name)
	c.setEnum("SHAREHOLDER_TYPE", typ)
	c.set("SHAREHOLDER_ID", id)
	sub := int64(float64(f.RegisteredCapitalFen) * share)
	c.setMoney("SUBSCRIBED", sub/100*100)
	deadline := f.RegisteredAt.AddDate(20, 0, 0)
	if f.RegisteredAt.Year() >= 2024 { // the 2023 Company Law: paid in within five years
		deadline = f.RegisteredAt.AddDate(5, 0, 0)
	}
	c.setDate("SUBSCRIBED_DATE", deadline)
	if c.r.chance(0.3) {
		c.setMoney("PAID", sub/100*100)
		c.setDate("PAID_DATE", c.since(f.RegisteredAt))
	} else {
		c.set("PAID", "")
		c.set("PAID_DATE", "")
	}
	c.set("CONTRIB_FORM", pick(c.r, []string{"货币", "货币", "货币", "货币", "实物", "知识产权"}))
	c.set("RATIO", strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", share*100), "0"), "."))
}
