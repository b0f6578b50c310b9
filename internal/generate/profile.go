// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"github.com/xinrong/xinrong/internal/subject"
)

// Tags the generator puts on subjects. They drive which enterprises appear
// in the 科技研发 files and which the demo offers to banks as first-loan
// candidates.
const (
	TagSmallMicro  = "小微企业"
	TagHighTech    = "高新技术企业"
	TagTechSME     = "科技型中小企业"
	TagSpecialized = "专精特新"
	TagFirstLoan   = "首贷户候选"
)

// drawStatus closes a few percent of entities: older ones more often.
// Cancelled (注销) is about twice as common as revoked (吊销).
func (g *Generator) drawStatus(r *rng, f *firm) {
	f.Status = subject.StatusActive
	age := float64(asOf.Year() - f.RegisteredAt.Year())
	u := r.Float64()
	switch {
	case u < 0.012+0.0022*age:
		f.Status = subject.StatusCancelled
	case u < 0.016+0.0032*age:
		f.Status = subject.StatusRevoked
	case u < 0.0185+0.0032*age:
		f.Status = subject.StatusSuspended
	default:
		return
	}
	from := f.RegisteredAt.AddDate(1, 0, 0)
	if from.After(asOf) {
		from = f.RegisteredAt
	}
	f.closedAt = daysBetween(r, from, asOf)
}

// drawSize sets registered capital, staff and yearly revenue. Capital is
// log-normal: individual businesses declare a few 万元, companies 10万 to
// 5000万 with a median near 100万 (most since the 2014 subscription
// reform declare round sums they never pay in).
func (g *Generator) drawSize(r *rng, f *firm) {
	var yuan, staff, rev float64
	switch f.Type {
	case subject.TypeIndividual:
		yuan = clamp(r.logNormal(30_000, 1.1), 5_000, 3_000_000)
		staff = float64(1 + r.IntN(3)*r.IntN(2))
		rev = r.logNormal(150_000, 0.9)
	case subject.TypeEnterprise:
		yuan = clamp(r.logNormal(1_000_000, 1.6), 100_000, 50_000_000)
		if r.chance(0.01) {
			yuan = clamp(r.logNormal(200_000_000, 0.8), 50_000_000, 1_000_000_000) // the odd large company
		}
		staff = clamp(r.logNormal(6, 1.1)*(1+yuan/20_000_000), 1, 3000)
		rev = staff * r.logNormal(250_000, 0.8)
	case subject.TypeCooperative:
		yuan = clamp(r.logNormal(500_000, 1.2), 10_000, 20_000_000)
		staff = clamp(r.logNormal(6, 0.6), 5, 200)
		rev = r.logNormal(400_000, 1.0)
	case subject.TypeInstitution:
		yuan = r.logNormal(1_000_000, 1.0)
		staff = clamp(r.logNormal(40, 0.9), 3, 2000)
		rev = staff * 120_000
	default:
		yuan = r.logNormal(100_000, 1.0)
		staff = clamp(r.logNormal(8, 0.8), 1, 500)
		rev = staff * r.logNormal(80_000, 0.6)
	}
	f.RegisteredCapitalFen = niceAmount(yuan)
	f.staff = int(staff)
	f.revenue = int64(rev) * 100
}

// drawCodes assigns the unified code and the legacy identifiers: entities
// registered before the 2015 三证合一 reform kept their 组织机构代码 in
// positions 9–17 and still appear in old files under their 15-digit 注册号
// and 税务登记号. Individual businesses were given new "MA" codes.
func (g *Generator) drawCodes(r *rng, f *firm) {
	i := uint64(f.idx)
	y := f.RegisteredAt.Year()
	pre := y < 2016
	region := f.place.code
	switch {
	case g.prov.code[:2] == "35" && f.Type == subject.TypeEnterprise && (y == 2014 || y == 2015) && r.chance(0.02):
		f.USCC = g.codes.pilotCode(i, region)
		f.pilot = true
		f.Flags = []subject.Flag{subject.FlagPilotCode}
	case pre && f.Type != subject.TypeIndividual:
		f.USCC = uscc(f.dept, f.cat, region, g.codes.orgBaseDigits(i))
		f.orgCode = f.USCC[8:17]
	default:
		f.USCC = uscc(f.dept, f.cat, region, g.codes.orgBaseMA(i))
	}
	if pre && f.dept == '9' && r.chance(0.85) {
		kind := byte('0')
		switch f.Type {
		case subject.TypeIndividual:
			kind = '6'
		case subject.TypeEnterprise:
			kind = "0123"[r.IntN(4)]
		}
		f.regNo = g.codes.regNo15(i, region, kind)
		f.Aliases = append(f.Aliases, subject.Alias{Kind: subject.AliasRegNo15, Value: f.regNo})
	}
	if f.orgCode != "" {
		f.Aliases = append(f.Aliases, subject.Alias{Kind: subject.AliasOrgCode9, Value: f.orgCode})
		if f.Type == subject.TypeEnterprise && r.chance(0.6) {
			f.Aliases = append(f.Aliases, subject.Alias{Kind: subject.AliasTaxNo15, Value: f.county + f.orgCode})
		}
	}
}

// techDivision reports whether a 大类 is one where 高新技术企业 are found:
// manufacturing, IT and scientific services.
func techDivision(div string) bool {
	return div >= "13" && div <= "43" || div >= "63" && div <= "65" || div >= "73" && div <= "75"
}

// drawTags tags companies at rates close to the published ones: nearly
// all are small or micro; about 1% are 高新技术企业, a few per thousand
// 专精特新; a fifth have never borrowed and are first-loan candidates.
func (g *Generator) drawTags(r *rng, f *firm) {
	active := f.Status == subject.StatusActive
	age := asOf.Year() - f.RegisteredAt.Year()
	switch f.Type {
	case subject.TypeEnterprise:
		if f.staff < 100 && f.revenue < 100_000_000_00 {
			f.Tags = append(f.Tags, TagSmallMicro)
		}
		tech := techDivision(f.IndustryCode[:2]) && active && age >= 1
		high := tech && r.chance(0.045)
		if high {
			f.Tags = append(f.Tags, TagHighTech)
		}
		if tech && (high && r.chance(0.8) || r.chance(0.06)) {
			f.Tags = append(f.Tags, TagTechSME)
		}
		if tech && f.IndustryCode[:2] <= "43" && age >= 2 && (high && r.chance(0.15) || r.chance(0.01)) {
			f.Tags = append(f.Tags, TagSpecialized)
		}
		if active && r.chance(0.22) {
			f.Tags = append(f.Tags, TagFirstLoan)
		}
	case subject.TypeIndividual, subject.TypeCooperative:
		if active && r.chance(0.08) {
			f.Tags = append(f.Tags, TagFirstLoan)
		}
	}
}
