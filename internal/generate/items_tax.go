// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"math"
	"time"

	"github.com/xinrong/xinrong/internal/subject"
)

// evalYear is the tax-credit evaluation year the files carry; results are
// published in April of the next year.
var evalYear = asOf.Year() - 1

// taxLevel is the firm's 纳税信用级别 for evalYear, or "" if it was not
// evaluated. The published national shape is roughly A 12%, B 52%, M 28%,
// C 5%, D 3%; new firms are M, risky ones C or D. Both TAX.LEVEL and
// HON.ANSR (A-level taxpayers) read it, so they agree.
func (g *Generator) taxLevel(f *firm) string {
	if f.Type != subject.TypeEnterprise && f.Type != subject.TypeCooperative {
		return ""
	}
	end := time.Date(evalYear, 12, 31, 0, 0, 0, 0, time.UTC)
	if f.RegisteredAt.Year() >= evalYear || !f.closedAt.IsZero() && f.closedAt.Before(end) {
		return ""
	}
	r := g.pool.Get().(*rng)
	defer g.pool.Put(r)
	r.at(g.seed, streamMisc+101, uint64(f.idx))
	u := r.Float64()
	pD := math.Min(0.3, 0.025*f.risk)
	pC := pD + math.Min(0.3, 0.045*f.risk)
	pA := pC + math.Min(0.4, 0.1/math.Sqrt(f.risk)) // E[1/√risk] ≈ 1.3
	pM := pA + 0.28
	if f.RegisteredAt.Year() == evalYear-1 {
		pM = pA + 0.7 // a year old: usually no full year of data
	}
	switch {
	case u < pD:
		return "D"
	case u < pC:
		return "C"
	case u < pA:
		return "A"
	case u < pM:
		return "M"
	}
	return "B"
}

func countTaxLevel(c *ctx) int {
	if c.g.taxLevel(c.f) == "" {
		return 0
	}
	return 1
}

func fillTaxLevel(c *ctx) {
	c.subject()
	c.setInt("EVAL_YEAR", evalYear)
	c.setEnum("LEVEL", c.g.taxLevel(c.f))
	c.set("TAX_ORG", c.g.agencyAt(taxation, c.f.county).name)
	c.setDate("EVAL_DATE", time.Date(evalYear+1, 4, c.r.between(1, 25), 0, 0, 0, 0, time.UTC))
}

func countTaxA(c *ctx) int {
	if c.g.taxLevel(c.f) != "A" {
		return 0
	}
	return 1
}

func fillTaxA(c *ctx) {
	c.subject()
	c.setInt("EVAL_YEAR", evalYear)
	c.set("TAX_ORG", c.g.agencyAt(taxation, c.f.county).name)
	c.setDate("PUBLISH_DATE", time.Date(evalYear+1, 4, c.r.between(10, 30), 0, 0, 0, 0, time.UTC))
	c.setBool("REVOKED", false)
}

// taxPeriod is one filing: VAT monthly for general taxpayers (revenue of
// 500万 or more), quarterly for small-scale ones; corporate income tax
// prepaid quarterly by general taxpayers.
type taxPeriod struct {
	from, to time.Time
	vat      bool
	monthly  bool
}

func (c *ctx) taxPeriods() []taxPeriod {
	f := c.f
	if f.Type != subject.TypeEnterprise {
		return nil
	}
	general := f.revenue >= 500_0000_00
	var out []taxPeriod
	for _, m := range months() {
		end := m.AddDate(0, 1, -1)
		if general && c.alive(end) {
			out = append(out, taxPeriod{m, end, true, true})
		}
		if m.Month()%3 == 1 {
			qEnd := m.AddDate(0, 3, -1)
			if !c.alive(qEnd) {
				continue
			}
			if !general {
				out = append(out, taxPeriod{m, qEnd, true, false})
			} else {
				out = append(out, taxPeriod{m, qEnd, false, false})
			}
		}
	}
	return out
}

func countTaxPaid(c *ctx) int {
	c.periods = c.taxPeriods()
	return len(c.periods)
}

func fillTaxPaid(c *ctx) {
	p := c.periods[c.k]
	f := c.f
	c.subject()
	months := 3.0
	if p.monthly {
		c.setEnum("PERIOD_TYPE", "M")
		months = 1
	} else {
		c.setEnum("PERIOD_TYPE", "Q")
	}
	c.setDate("PERIOD_FROM", p.from)
	c.setDate("PERIOD_TO", p.to)
	sales := float64(f.revenue) / 12 * months * c.r.logNormal(1, 0.3)
	sales = math.Round(sales)
	var paid float64
	switch {
	case !p.vat:
		c.set("TAX_TYPE", "企业所得税")
		paid = sales * 0.06 * 0.05 // small low-profit firms: 5% effective on a thin margin
	case p.monthly:
		c.set("TAX_TYPE", "增值税")
		paid = sales * 0.03
	default:
		c.set("TAX_TYPE", "增值税")
		if sales > 300_000_00 { // small-scale firms under 30万 a quarter are exempt
			paid = sales * 0.01
		}
	}
	c.setMoney("TAX_PAID", int64(math.Round(paid)))
	c.setMoney("SALES", int64(sales))
}

func countTaxArrears(c *ctx) int {
	if !c.is(subject.TypeEnterprise, subject.TypeIndividual) {
		return 0
	}
	return c.risky(0.006)
}

func fillTaxArrears(c *ctx) {
	c.subject()
	c.set("LEGAL_REP", c.f.LegalRep)
	c.set("TAX_TYPE", pick(c.r, []string{"增值税", "增值税", "企业所得税", "城镇土地使用税", "房产税", "印花税"}))
	bal := niceAmount(c.r.logNormal(30_000, 1.3))
	c.setMoney("BALANCE", bal)
	c.setMoney("CURRENT", bal/int64(c.r.between(1, 4)))
	c.set("TAX_ORG", c.g.agencyAt(taxation, c.f.county).name)
	q := c.lastYears(2)
	ann := time.Date(q.Year(), (q.Month()-1)/3*3+1, 15, 0, 0, 0, 0, time.UTC) // announced quarterly
	if ann.Before(c.f.RegisteredAt) {
		ann = c.f.RegisteredAt
	}
	c.setDate("ANNOUNCE_DATE", ann)
	if cl := ann.AddDate(0, c.r.between(1, 9), 0); c.r.chance(0.3) && cl.Before(asOf) {
		c.setDate("CLEAR_DATE", cl)
	} else {
		c.set("CLEAR_DATE", "")
	}
}
