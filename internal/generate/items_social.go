// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"
	"math"

	"github.com/xinrong/xinrong/internal/subject"
)

// insurances are the schemes a firm pays into, with the combined employer
// and employee rate applied to the contribution base.
var insurances = []struct {
	name string
	rate float64
}{{"基本养老保险", 0.24}, {"基本医疗保险", 0.08}, {"失业保险", 0.01}, {"工伤保险", 0.006}}

// aliveMonths returns the indices (0–11) of the last twelve months in
// which the firm was open at the month's end.
func (c *ctx) aliveMonths() []int {
	var out []int
	for i, m := range months() {
		if c.alive(m.AddDate(0, 1, -1)) {
			out = append(out, i)
		}
	}
	return out
}

// joins reports whether the firm pays social insurance: public
// institutions always, companies about half of them (many micro firms do
// not), individual businesses here never.
func (c *ctx) joins(enterprise, other float64) bool {
	switch c.f.Type {
	case subject.TypeInstitution:
		return true
	case subject.TypeEnterprise:
		return c.r.chance(enterprise)
	case subject.TypeIndividual:
		return false
	}
	return c.r.chance(other)
}

func countSocial(c *ctx) int {
	if !c.joins(0.45, 0.6) {
		return 0
	}
	c.schemes = 2
	if c.r.chance(0.2) {
		c.schemes = 4
	}
	c.picked = c.aliveMonths()
	return len(c.picked) * c.schemes
}

func fillSocial(c *ctx) {
	ins := insurances[c.k%c.schemes]
	m := monthOf(c.picked[c.k/c.schemes])
	c.subject()
	c.setDate("PERIOD", m)
	c.setEnum("INSURANCE_TYPE", ins.name)
	n := max(1, c.f.staff*7/10)
	c.setInt("INSURED", n)
	base := int64(n) * int64(4500+c.f.idx%3500) * 100
	c.setMoney("BASE", base)
	due := int64(math.Round(float64(base) * ins.rate))
	c.setMoney("PAYABLE", due)
	if c.r.chance(math.Min(0.5, 0.02*c.f.risk)) {
		due = due * int64(c.r.between(50, 90)) / 100
	}
	c.setMoney("PAID", due)
}

func countSocialArrears(c *ctx) int {
	if !c.is(subject.TypeEnterprise) || c.f.staff < 3 {
		return 0
	}
	return c.risky(0.008)
}

func fillSocialArrears(c *ctx) {
	c.subject()
	c.setEnum("INSURANCE_TYPE", pick(c.r, []string{"基本养老保险", "基本养老保险", "基本医疗保险", "失业保险"}))
	from := c.r.IntN(9)
	n := c.r.between(1, 12-from)
	c.setDate("PERIOD_FROM", monthOf(from))
	c.setDate("PERIOD_TO", monthOf(from+n-1))
	c.setMoney("ARREARS", int64(n)*int64(max(1, c.f.staff/2))*1100_00)
	c.setInt("ARREARS_MONTHS", n)
	notice := monthOf(from+n-1).AddDate(0, 1, c.r.IntN(20))
	if notice.After(asOf) {
		notice = asOf
	}
	c.setDate("NOTICE_DATE", notice)
	c.set("CLEAR_DATE", "")
}

func countFund(c *ctx) int {
	if c.f.Type != subject.TypeInstitution && !(c.f.staff >= 5 && c.joins(0.3, 0.3)) {
		return 0
	}
	c.picked = c.aliveMonths()
	return len(c.picked)
}

func fillFund(c *ctx) {
	c.subject()
	c.set("UNIT_ACCOUNT", fmt.Sprintf("%s%09d", c.f.county[:4], (uint64(c.f.idx)*7919+13)%1_000_000_000))
	c.setDate("PERIOD", monthOf(c.picked[c.k]))
	n := max(1, c.f.staff*6/10)
	c.setInt("DEPOSITORS", n)
	due := int64(n) * int64(4000+c.f.idx%4000) * 24 // 12% + 12% of the wage, in fen
	status := "正常"
	if c.r.chance(math.Min(0.5, 0.02*c.f.risk)) {
		status = "欠缴"
		c.setMoney("ARREARS", due)
		due = 0
	} else {
		c.set("ARREARS", "")
	}
	c.setMoney("AMOUNT", due)
	c.setEnum("STATUS", status)
}

// utility describes one supplier's tariff and customers.
type utility struct {
	unit   float64 // price per unit in fen
	salt   uint64  // account-number space
	median float64 // monthly units of a median customer per employee
}

var (
	elec  = utility{65, 0x11, 260}
	water = utility{420, 0x22, 6}
	gas   = utility{300, 0x33, 40}
)

func (c *ctx) utilityCount(p map[subject.Type]float64, boost float64) int {
	q := p[c.f.Type] * boost
	if !c.r.chance(math.Min(1, q)) {
		return 0
	}
	c.picked = c.aliveMonths()
	return len(c.picked)
}

func countElec(c *ctx) int {
	c.tariff = elec
	return c.utilityCount(map[subject.Type]float64{subject.TypeEnterprise: 0.38, subject.TypeIndividual: 0.12,
		subject.TypeCooperative: 0.5, subject.TypeInstitution: 0.8, subject.TypeSocialOrg: 0.5}, 1)
}

func countWater(c *ctx) int {
	c.tariff = water
	boost := 1.0
	if d := c.f.IndustryCode[:2]; d == "62" || d == "61" || d == "80" {
		boost = 6
	}
	return c.utilityCount(map[subject.Type]float64{subject.TypeEnterprise: 0.18, subject.TypeIndividual: 0.04,
		subject.TypeInstitution: 0.8, subject.TypeSocialOrg: 0.3}, boost)
}

func countGas(c *ctx) int {
	c.tariff = gas
	boost := 1.0
	switch d := c.f.IndustryCode[:2]; {
	case d == "62" || d == "61":
		boost = 50
	case manufacturing(d):
		boost = 5
	}
	return c.utilityCount(map[subject.Type]float64{subject.TypeEnterprise: 0.02, subject.TypeIndividual: 0.01,
		subject.TypeInstitution: 0.3}, boost)
}

func fillUtility(c *ctx) {
	u := c.tariff
	m := monthOf(c.picked[c.k])
	c.subject()
	c.set("ACCOUNT_NO", fmt.Sprintf("%s%010d", c.f.county[:2], (uint64(c.f.idx)*7919+u.salt)%10_000_000_000))
	c.setDate("PERIOD", m)
	season := 1 + 0.25*math.Cos(float64(m.Month()-1)/6*math.Pi) // winter peak
	usage := math.Round(u.median*float64(max(1, c.f.staff))*season*c.r.logNormal(1, 0.35)*10) / 10
	c.set("USAGE", fmt.Sprint(usage))
	if c.tariff == elec {
		c.set("CAPACITY", fmt.Sprint(50*(1+c.f.staff/10)))
	}
	due := int64(math.Round(usage * u.unit))
	c.setMoney("AMOUNT", due)
	paid := due
	if c.r.chance(math.Min(0.5, 0.03*c.f.risk)) {
		paid = due * int64(c.r.IntN(80)) / 100
	}
	c.setMoney("PAID", paid)
	c.setMoney("ARREARS", due-paid)
	c.set("ADDRESS", c.f.Address)
}
