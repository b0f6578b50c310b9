// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"math"
	"time"

	"github.com/xinrong/xinrong/internal/subject"
)

// itemGen makes the records of one catalog item for one enterprise.
type itemGen struct {
	// count returns how many records the enterprise has (usually 0).
	count func(c *ctx) int
	// fill sets the fields of record c.k it knows; every field it leaves
	// unset is filled from the field's type by genericFill.
	fill func(c *ctx)
}

// masterItem is the registration item: one row per enterprise, the file
// the enterprise master is loaded from.
const masterItem = "REG.JBXX"

// generators are the realistic generators of the well-known items. Other
// items (and fields these do not set) get generic values from their types.
var generators = map[string]itemGen{
	"REG.JBXX": {one, fillRegBasic}, "REG.GDCZ": {countShareholders, fillShareholder},
	"REG.ZYRY": {countOfficers, fillOfficer}, "REG.BGJL": {countChanges, fillChange},
	"REG.NB":   {countAnnualReports, fillAnnualReport},
	"LIC.XZXK": {countLicences, fillLicence}, "PEN.XZCF": {countPenalties, fillPenalty},
	"ABN.JYYC": {countAbnormal, fillAbnormal},
	"JUD.MSPJ": {countJudgments, fillJudgment}, "JUD.BZXR": {countEnforced, fillEnforced},
	"JUD.ZBAJ": {countTerminated, fillTerminated}, "JUD.XZGXF": {countHighSpend, fillHighSpend},
	"DIS.SXBZXR": {countDishonest, fillDishonest},
	"TAX.LEVEL":  {countTaxLevel, fillTaxLevel}, "HON.ANSR": {countTaxA, fillTaxA},
	"TAX.NSE": {countTaxPaid, fillTaxPaid}, "TAX.QS": {countTaxArrears, fillTaxArrears},
	"SOC.CBJF": {countSocial, fillSocial}, "SOC.QF": {countSocialArrears, fillSocialArrears},
	"SOC.GJJ":  {countFund, fillFund},
	"UTL.ELEC": {countElec, fillUtility}, "UTL.WATER": {countWater, fillUtility}, "UTL.GAS": {countGas, fillUtility},
	"IPR.ZL": {countPatents, fillPatent}, "IPR.SB": {countMarks, fillMark}, "IPR.ZZQ": {countCopyrights, fillCopyright},
	"RND.GXJS": {countHighTech, fillHighTech}, "RND.KJXZX": {countTechSME, fillTechSME},
	"RND.ZJTX": {countSpecialized, fillSpecialized}, "RND.YFFY": {countRD, fillRD},
	"CUS.XYDJ": {countCustoms, fillCustoms}, "CUS.JCKE": {countTrade, fillTrade},
	"DIS.ZDSSWF": {countTaxOffender, fillTaxOffender}, "DIS.ZFCG": {countProcurement, fillProcurement},
	"DIS.AQSC": {countSafety, fillSafety}, "DIS.YZWF": {countSeriousIllegal, fillSeriousIllegal},
	"DIS.QXNMG": {countWageArrears, fillWageArrears}, "HON.BZ": {countHonour, fillHonour},
	"HON.SHXY": {countContract, fillContract}, "POL.CZBT": {countGrant, fillGrant}, "POL.TX": {countInterest, fillInterest},
	"POL.SSYH": {countRelief, fillRelief}, "EST.DJ": {countProperty, fillProperty}, "EST.DYDJ": {countMortgage, fillMortgage},
	"EST.CFDJ": {countSeizure, fillSeizure}, "IPR.ZYDJ": {countPledge, fillPledge},
}

func one(*ctx) int { return 1 }

// risky returns 1 with probability p scaled by the firm's risk, else 0.
func (c *ctx) risky(p float64) int {
	if c.r.chance(math.Min(0.9, p*c.f.risk)) {
		return 1
	}
	return 0
}

// is reports whether the firm has one of the types.
func (c *ctx) is(ts ...subject.Type) bool {
	for _, t := range ts {
		if c.f.Type == t {
			return true
		}
	}
	return false
}

// alive reports whether the firm existed and was open on t.
func (c *ctx) alive(t time.Time) bool {
	return !c.f.RegisteredAt.After(t) && (c.f.closedAt.IsZero() || c.f.closedAt.After(t))
}

// since returns a date between the later of the firm's registration and
// from, and the earlier of its closing and asOf.
func (c *ctx) since(from time.Time) time.Time {
	if c.f.RegisteredAt.After(from) {
		from = c.f.RegisteredAt
	}
	to := asOf
	if !c.f.closedAt.IsZero() && c.f.closedAt.Before(to) {
		to = c.f.closedAt
	}
	return daysBetween(c.r, from, to)
}

// lastYears is a date in the last n years of the firm's life.
func (c *ctx) lastYears(n int) time.Time { return c.since(asOf.AddDate(-n, 0, 0)) }

// lastMonths are the 12 months ending with asOf's, first day of each.
var lastMonths = func() []time.Time {
	out := make([]time.Time, 12)
	for i := range out {
		out[i] = time.Date(asOf.Year(), asOf.Month()-time.Month(11-i), 1, 0, 0, 0, 0, time.UTC)
	}
	return out
}()

// months returns the last twelve months (shared; do not modify).
func months() []time.Time { return lastMonths }

// monthOf returns month k (0–11) of the last twelve.
func monthOf(k int) time.Time { return lastMonths[k] }

// lb returns the 行政相对人类别 of a firm for the 双公示 columns.
func lb(f *firm) string {
	if f.Type == subject.TypeIndividual {
		return "个体工商户"
	}
	return "法人及非法人组织"
}

// wan converts 万元 to fen.
func wan(x float64) int64 { return int64(math.Round(x * 1_000_000)) }
