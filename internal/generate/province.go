// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/subject"
)

// place is a registering authority's region as it appears in positions 3–8
// of a code, with the place name enterprises registered there put in front
// of their names.
type place struct {
	code   string // GB/T 2260 code written into the USCC
	name   string // name prefix: 银川市兴庆区, 永宁县, 宁夏
	county string // a current county whose territory it covers (addresses, ID numbers)
	until  int    // retirement year of a historical code, 0 if in force
}

// province is the demo province: its counties weighted by how many market
// entities they plausibly hold, its prefectures and its retired codes.
type province struct {
	code, name, short string
	self              place
	counties          []place
	countyW           weighted
	prefectures       []place
	retired           []place
}

// shortNames are the names provinces use in enterprise names (宁夏…有限公司).
var shortNames = map[string]string{
	"11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古", "21": "辽宁", "22": "吉林",
	"23": "黑龙江", "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西",
	"37": "山东", "41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南",
	"50": "重庆", "51": "四川", "52": "贵州", "53": "云南", "54": "西藏", "61": "陕西", "62": "甘肃",
	"63": "青海", "64": "宁夏", "65": "新疆", "71": "台湾", "81": "香港", "82": "澳门",
}

// loadProvince reads the province from the subject package's GB/T 2260
// registry. The registry has no listing call, so every code of the form
// PPxxxx is looked up: 10,000 map lookups, done once per run.
func loadProvince(code string) (*province, error) {
	reg := subject.Regions()
	r, st := reg.Lookup(code)
	if st != subject.RegionCurrent || r.Level != subject.LevelProvince {
		return nil, apperr.Invalidf("--region %s 不是现行省级行政区划代码 / %s is not a current province code (GB/T 2260)", code, code)
	}
	p := &province{code: code, name: r.Name, short: shortNames[code[:2]]}
	if p.short == "" {
		p.short = strings.TrimSuffix(r.Name, "省")
	}
	p.self = place{code: code, name: p.short, county: ""}
	municipality := strings.HasSuffix(r.Name, "市")
	var w []float64
	capital := ""
	for n := 100; n <= 9999; n++ {
		c := fmt.Sprintf("%s%04d", code[:2], n)
		rr, st := reg.Lookup(c)
		switch {
		case st == subject.RegionCurrent && rr.Level == subject.LevelPrefecture && !strings.Contains(rr.Name, "直辖"):
			if capital == "" {
				capital = c
			}
			p.prefectures = append(p.prefectures, place{code: c, name: rr.Name})
		case st == subject.RegionCurrent && rr.Level == subject.LevelCounty:
			pref := reg.Name(rr.Parent)
			if rr.Parent == code || strings.Contains(pref, "直辖") {
				pref = ""
			}
			name := rr.Name
			switch {
			case municipality:
				name = r.Name + name
			case strings.HasSuffix(name, "区"):
				name = pref + name // districts are named with their city: 银川市兴庆区
			}
			p.counties = append(p.counties, place{code: c, name: name, county: c})
			w = append(w, countyWeight(rr, capital, municipality))
		case st == subject.RegionHistorical && rr.Level != subject.LevelProvince && rr.Until > firstYear+1:
			p.retired = append(p.retired, place{code: c, until: rr.Until})
		}
	}
	if len(p.counties) == 0 {
		return nil, apperr.Invalidf("--region %s 下没有县级行政区划 / %s has no counties", code, code)
	}
	p.countyW = newWeighted(w)
	for i := range p.prefectures {
		p.prefectures[i].county = p.firstCounty(p.prefectures[i].code[:4])
	}
	p.self.county = p.counties[0].code
	p.resolveRetired()
	return p, nil
}

// countyWeight is a plausible relative number of market entities: the
// capital's urban districts hold most shops and companies, other districts
// fewer, county-level cities and counties fewer still. Real counts are not
// in the registry; the ratios follow the shape of provincial statistics.
func countyWeight(r subject.Region, capital string, municipality bool) float64 {
	urban := strings.HasSuffix(r.Name, "区")
	switch {
	case municipality && urban && r.Code[4:6] < "10":
		return 4
	case urban && r.Parent == capital:
		return 4
	case urban:
		return 2
	case strings.HasSuffix(r.Name, "市"):
		return 1.5
	}
	return 1
}

// firstCounty returns the first current county whose code starts with prefix.
func (p *province) firstCounty(prefix string) string {
	for _, c := range p.counties {
		if strings.HasPrefix(c.code, prefix) {
			return c.code
		}
	}
	return p.counties[0].code
}

// county returns the current county with the given code.
func (p *province) county(code string) (place, bool) {
	for _, c := range p.counties {
		if c.code == code {
			return c, true
		}
	}
	return place{}, false
}

// resolveRetired names each retired code after the current county that took
// over its territory (following successors, 642121 吴忠县 → 642101 → 640302
// 利通区), since enterprises registered there now carry that place in their
// names. Codes that lead to no current county (abolished prefectures) are
// dropped: no enterprise name could plausibly carry them.
func (p *province) resolveRetired() {
	reg := subject.Regions()
	var out []place
	for _, rp := range p.retired {
		code := rp.code
		for step := 0; step < 6; step++ {
			if c, ok := p.county(code); ok {
				rp.name, rp.county = c.name, c.code
				out = append(out, rp)
				break
			}
			h := reg.History(code)
			if len(h) == 0 || len(h[0].Successors) == 0 {
				break
			}
			code = h[0].Successors[len(h[0].Successors)-1].Code
		}
	}
	p.retired = out
}

// pickCounty draws a county by weight.
func (p *province) pickCounty(r *rng) place { return p.counties[p.countyW.draw(r)] }

// pickPrefecture returns a prefecture, the capital twice as often as any
// other; a municipality has none, so its own level is used.
func (p *province) pickPrefecture(r *rng) place {
	if len(p.prefectures) == 0 {
		return p.self
	}
	if r.chance(0.35) {
		return p.prefectures[0]
	}
	return pick(r, p.prefectures)
}
