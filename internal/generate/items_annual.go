// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/subject"
)

func countOfficers(c *ctx) int {
	if !c.is(subject.TypeEnterprise) {
		return 0
	}
	return len(c.officers())
}

// officers are the positions a company files: a small company has an
// executive director who is also the manager, and a supervisor.
func (c *ctx) officers() []string {
	if c.f.RegisteredCapitalFen >= 500_0000_00 && c.f.staff >= 20 {
		return []string{"董事长", "董事", "董事", "监事", "总经理"}
	}
	if c.f.idx%5 == 0 {
		return []string{"执行董事兼总经理", "监事", "财务负责人"}
	}
	return []string{"执行董事兼总经理", "监事"}
}

func fillOfficer(c *ctx) {
	c.subject()
	name := c.f.LegalRep
	for c.k > 0 && strings.Contains(c.seen, "|"+name+"|") { // one person per post
		name = c.g.personName(c.r)
	}
	c.seen += "|" + name + "|"
	c.set("PERSON_NAME", name)
	c.set("POSITION", c.officers()[c.k])
}

// changeItems are the 变更事项 registries record most.
var changeItems = []string{"住所变更", "经营范围变更", "注册资本变更", "法定代表人变更", "投资人（股权）变更",
	"名称变更", "高级管理人员备案（董事、监事、经理等）", "联络员备案"}

func countChanges(c *ctx) int {
	if c.is(subject.TypeInstitution) || !c.r.chance(0.15) {
		return 0
	}
	return c.r.between(1, 3)
}

func fillChange(c *ctx) {
	f := c.f
	c.subject()
	item := changeItems[(f.idx+c.k*3)%len(changeItems)] // distinct items per firm
	c.set("CHANGE_ITEM", item)
	switch item {
	case "住所变更":
		c.set("BEFORE", address(c.r, c.g.addrPrefix[f.county]))
		c.set("AFTER", f.Address)
	case "注册资本变更":
		c.set("BEFORE", formatMoney(f.RegisteredCapitalFen/2, "money_wan")+"万元人民币")
		c.set("AFTER", formatMoney(f.RegisteredCapitalFen, "money_wan")+"万元人民币")
	case "法定代表人变更":
		c.set("BEFORE", c.g.personName(c.r))
		c.set("AFTER", f.LegalRep)
	case "名称变更":
		c.set("BEFORE", c.g.tradeName(c.r, 2)+"（"+c.g.prov.short+"）"+"商贸有限公司")
		c.set("AFTER", f.Name)
	default:
		c.set("BEFORE", "详见登记档案")
		c.set("AFTER", "详见登记档案")
	}
	c.setDate("CHANGE_DATE", c.since(f.RegisteredAt.AddDate(0, 1, 0)))
}

// reportYears are the annual reports the file carries.
var reportYears = []int{asOf.Year() - 2, asOf.Year() - 1}

// missedReport reports whether the firm failed to file its annual report
// for year: a few percent a year, more for risky firms, always for revoked
// ones. The abnormal-operation list uses the same answer.
func (g *Generator) missedReport(f *firm, year int) bool {
	if f.Status == subject.StatusRevoked {
		return true
	}
	r := g.pool.Get().(*rng)
	defer g.pool.Put(r)
	return r.at(g.seed, streamMisc+uint64(year), uint64(f.idx)).chance(min(0.9, 0.02*f.risk))
}

// reportDue reports whether the firm owed a report for year: registered
// before its end and still open at the filing deadline, 30 June.
func reportDue(f *firm, year int) bool {
	deadline := time.Date(year+1, 6, 30, 0, 0, 0, 0, time.UTC)
	return f.RegisteredAt.Year() <= year && (f.closedAt.IsZero() || f.closedAt.After(deadline)) &&
		(f.Type == subject.TypeEnterprise || f.Type == subject.TypeCooperative)
}

func countAnnualReports(c *ctx) int {
	n := 0
	for _, y := range reportYears {
		if reportDue(c.f, y) && !c.g.missedReport(c.f, y) {
			n++
		}
	}
	return n
}

func fillAnnualReport(c *ctx) {
	f := c.f
	var years []int
	for _, y := range reportYears {
		if reportDue(f, y) && !c.g.missedReport(f, y) {
			years = append(years, y)
		}
	}
	y := years[c.k]
	c.subject()
	c.setInt("REPORT_YEAR", y)
	c.setDate("SUBMIT_DATE", daysBetween(c.r, time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, 6, 30, 0, 0, 0, 0, time.UTC)))
	c.setInt("EMPLOYEES", f.staff)
	rev := float64(f.revenue) * c.r.logNormal(1, 0.2)
	assets := rev * c.r.logNormal(0.9, 0.5)
	c.setMoney("TOTAL_ASSETS", roundWan(assets))
	c.setMoney("TOTAL_LIAB", roundWan(assets*c.r.Float64()*0.8))
	c.setMoney("REVENUE", roundWan(rev))
	c.setMoney("MAIN_REVENUE", roundWan(rev*0.95))
	profit := rev * (c.r.Float64()*0.16 - 0.04)
	c.setMoney("TOTAL_PROFIT", roundWan(profit))
	c.setMoney("NET_PROFIT", roundWan(profit*0.95))
	c.setMoney("TAX_TOTAL", roundWan(rev*0.02))
	c.set("PHONE", f.phone)
}

// roundWan rounds fen to whole 元 hundreds (4 decimals of 万元), as annual
// reports are filled in.
func roundWan(fen float64) int64 { return int64(fen/10000) * 10000 }
