// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"math"
	"time"

	"github.com/xinrong/xinrong/internal/subject"
)

// draft fills f with enterprise i, everything but the name. All draws come
// from the (seed, enterprise, i) stream in a fixed order; change the order
// and every demo province changes.
func (g *Generator) draft(f *firm, i int, r *rng) {
	r.at(g.seed, streamEnterprise, uint64(i))
	*f = firm{idx: i}
	k := kinds[g.kindW.draw(r)]
	f.dept, f.cat, f.Type = k.dept, k.cat, k.typ

	year := g.years[f.Type].draw(r)
	f.place = g.pickPlace(r, f)
	if f.place.until > 0 {
		f.retired = true
		year = r.between(firstYear, f.place.until-1)
	}
	f.RegisteredAt = dateIn(r, year)
	f.RegionCode = f.place.code
	f.county = f.place.county

	switch {
	case f.dept == '5' && f.cat == '1':
		f.IndustryCode = pick(r, g.industry.classes["95"])
	default:
		f.IndustryCode = g.industry.pick(r, f.Type)
		for f.dept == '5' && f.IndustryCode[:2] == "95" {
			f.IndustryCode = g.industry.pick(r, f.Type)
		}
	}
	g.drawStatus(r, f)
	g.drawSize(r, f)

	f.LegalRep = g.personName(r)
	f.repMale = r.chance(0.72) // most registered representatives are men
	f.repAge = asOf.Year() - year + r.between(24, 55)
	if f.repAge > 85 {
		f.repAge = 85 - r.IntN(10)
	}
	born := time.Date(asOf.Year()-f.repAge, time.Month(r.between(1, 12)), r.between(1, 28), 0, 0, 0, 0, time.UTC)
	f.repID = idNumber(r, f.county, born, f.repMale)
	if f.Type == subject.TypeEnterprise && r.chance(0.4) {
		f.phone = landline(r, g.areaCode)
	} else {
		f.phone = mobile(r)
	}
	g.drawCodes(r, f)
	g.drawTags(r, f)
	f.Address = address(r, g.addrPrefix[f.county])
	f.risk = math.Exp(0.9*r.NormFloat64() - 0.405) // log-normal, mean 1
	if f.Status == subject.StatusRevoked {
		f.risk *= 3 // revoked firms are the ones that stopped answering
	}
}

// pickPlace chooses the registering authority's region for the type.
func (g *Generator) pickPlace(r *rng, f *firm) place {
	p := g.prov
	u := r.Float64()
	if len(p.retired) > 0 && f.Type != subject.TypeInstitution && u < retiredRate {
		return pick(r, p.retired)
	}
	u = r.Float64()
	switch f.Type {
	case subject.TypeEnterprise:
		if u < 0.08 {
			return p.self
		}
		if u < 0.38 {
			return p.pickPrefecture(r)
		}
	case subject.TypeSocialOrg:
		if u < 0.3 {
			return p.pickPrefecture(r)
		}
	case subject.TypeInstitution:
		if u < 0.4 {
			return p.pickPrefecture(r)
		}
	}
	return p.pickCounty(r)
}
