// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"
	"slices"

	"github.com/xinrong/xinrong/internal/subject"
)

// divisionMix is the share of each GB/T 4754-2017 大类 among new
// registrations of one subject type. The shapes follow the published
// structure of China's market entities: individual businesses are mostly
// shops, eateries and personal services (F, H, O); companies spread over
// trade, construction, business services, manufacturing and IT; co-ops are
// farms. Percentages, not exact figures.
var divisionMix = map[subject.Type]map[string]float64{
	subject.TypeIndividual: {
		"52": 38, "62": 17, "80": 9, "81": 6, "51": 6, "54": 5, "61": 2, "01": 2, "03": 2,
		"72": 2, "82": 2, "50": 2, "13": 1, "18": 1, "90": 1, "88": 1, "84": 1, "71": 1, "60": 1,
	},
	subject.TypeEnterprise: {
		"51": 17, "52": 6, "72": 10, "71": 1.5, "47": 3, "48": 4, "49": 2, "50": 3, "65": 5, "64": 1.5,
		"75": 5, "74": 2, "73": 0.5, "70": 3.5, "54": 3.5, "58": 0.5, "59": 1, "62": 2.5, "61": 1,
		"01": 2, "03": 1.5, "05": 0.5, "13": 1.5, "14": 1, "15": 0.8, "17": 0.5, "18": 0.5, "26": 1,
		"27": 0.4, "29": 0.5, "30": 1.2, "31": 0.3, "32": 0.3, "33": 1, "34": 0.8, "35": 0.6, "38": 0.6,
		"39": 0.3, "42": 0.3, "44": 1.5, "45": 0.3, "46": 0.3, "77": 1, "78": 0.8, "80": 1.5, "81": 1,
		"82": 0.5, "83": 1.2, "84": 0.5, "86": 0.3, "87": 0.5, "88": 0.5, "89": 0.4, "90": 0.5,
		"06": 0.3, "10": 0.3, "69": 0.4, "67": 0.2,
	},
	subject.TypeCooperative: {"01": 52, "03": 30, "02": 5, "05": 11, "04": 2},
	subject.TypeSocialOrg:   {"83": 55, "84": 10, "85": 10, "88": 8, "89": 5, "95": 12},
	subject.TypeInstitution: {"83": 40, "84": 25, "73": 8, "75": 5, "88": 8, "86": 3, "87": 3, "76": 4, "78": 4},
}

// industryPicker draws a 小类 (4-digit class) for a subject type: a 大类 by
// divisionMix, then one of its classes uniformly.
type industryPicker struct {
	divisions map[subject.Type]choice[string]
	classes   map[string][]string // 大类 → its 小类 codes, ascending
}

func newIndustryPicker() (*industryPicker, error) {
	t := subject.Industries()
	p := &industryPicker{divisions: map[subject.Type]choice[string]{}, classes: map[string][]string{}}
	for _, typ := range []subject.Type{subject.TypeIndividual, subject.TypeEnterprise, subject.TypeCooperative,
		subject.TypeSocialOrg, subject.TypeInstitution} {
		mix := divisionMix[typ]
		divs := make([]string, 0, len(mix))
		for d := range mix {
			divs = append(divs, d)
		}
		slices.Sort(divs) // map order is random; the draw must not be
		w := make([]float64, len(divs))
		for i, d := range divs {
			w[i] = mix[d]
			if _, done := p.classes[d]; done {
				continue
			}
			// The registry has no listing call: try the 100 possible classes.
			for n := 0; n < 100; n++ {
				c := fmt.Sprintf("%s%02d", d, n)
				if in, ok := t.Lookup(c); ok && in.Level == subject.IndustryClass {
					p.classes[d] = append(p.classes[d], c)
				}
			}
			if len(p.classes[d]) == 0 {
				return nil, fmt.Errorf("generate: industry division %s has no classes in GB/T 4754-2017", d)
			}
		}
		p.divisions[typ] = newChoice(divs, w)
	}
	return p, nil
}

// pick returns a 4-digit class code for the type (TypeGovernment and
// TypeOther fall back to the institution mix).
func (p *industryPicker) pick(r *rng, typ subject.Type) string {
	c, ok := p.divisions[typ]
	if !ok {
		c = p.divisions[subject.TypeInstitution]
	}
	return pick(r, p.classes[c.draw(r)])
}
