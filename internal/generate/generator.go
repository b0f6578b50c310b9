// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"
	"iter"
	"strings"
	"sync"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/subject"
)

// DefaultRegion is 宁夏回族自治区, the demo province.
const DefaultRegion = "640000"

// Generator produces the enterprises of one demo province. Enterprise i
// depends only on (seed, i, region) and on which earlier names it clashed
// with, so the same enterprises come back without reading any file. A
// Generator is safe for concurrent use.
type Generator struct {
	seed       uint64
	n          int
	prov       *province
	industry   *industryPicker
	codes      codeSpaces
	kindW      weighted
	years      map[subject.Type]choice[int]
	surnameW   weighted
	trade      []rune
	coop       map[string][]string
	areaCode   string
	addrPrefix map[string]string // county code → 银川市兴庆区

	pool      sync.Pool // *rng
	namesOnce sync.Once
	retries   map[int32]uint8 // enterprises whose first name was taken
}

// New returns the generator of n enterprises of the province with the
// given GB/T 2260 code ("" for DefaultRegion).
// Returns apperr.Invalid for an unknown province or a negative n.
func New(seed uint64, n int, region string) (*Generator, error) {
	if region == "" {
		region = DefaultRegion
	}
	if n < 0 || n > maxEnterprises {
		return nil, apperr.Invalidf("企业数应在 0 至 %d 之间 / enterprises must be between 0 and %d", maxEnterprises, maxEnterprises)
	}
	prov, err := loadProvince(region)
	if err != nil {
		return nil, err
	}
	ind, err := newIndustryPicker()
	if err != nil {
		return nil, err
	}
	g := &Generator{seed: seed, n: n, prov: prov, industry: ind, codes: newCodeSpaces(seed),
		surnameW: surnameWeights(region[:2]), trade: uniqueRunes(tradeChars),
		coop: provinceCoopWords(region[:2]), areaCode: areaCodes[region[:2]],
		years: map[subject.Type]choice[int]{}, addrPrefix: map[string]string{}}
	if g.areaCode == "" {
		g.areaCode = "010"
	}
	w := make([]float64, len(kinds))
	for i, k := range kinds {
		w[i] = k.share
		from := firstYear
		if k.typ == subject.TypeCooperative {
			from = 2007 // 农民专业合作社法 took effect on 2007-07-01
		}
		if _, ok := g.years[k.typ]; !ok {
			g.years[k.typ] = yearChoice(k.growth, from)
		}
	}
	g.kindW = newWeighted(w)
	for _, c := range prov.counties {
		name := c.name
		if !strings.HasSuffix(name, "区") && !strings.HasPrefix(name, prov.name) {
			name = g.prefName(c.code) + name // 银川市永宁县
		}
		g.addrPrefix[c.code] = name
	}
	g.pool.New = func() any { return newRNG() }
	return g, nil
}

// maxEnterprises bounds N so that the code spaces stay bijective.
const maxEnterprises = 10_000_000

// Len returns the number of enterprises.
func (g *Generator) Len() int { return g.n }

// Region returns the province's GB/T 2260 code.
func (g *Generator) Region() string { return g.prov.code }

// Enterprise returns enterprise i (0 ≤ i < Len). The first call walks all
// names once to make them unique (about a second per million).
func (g *Generator) Enterprise(i int) subject.Subject {
	var f firm
	g.firm(&f, i)
	return f.Subject
}

// All yields every enterprise with its index, in index order.
func (g *Generator) All() iter.Seq2[int, subject.Subject] {
	return func(yield func(int, subject.Subject) bool) {
		var f firm
		for i := 0; i < g.n; i++ {
			g.firm(&f, i)
			if !yield(i, f.Subject) {
				return
			}
		}
	}
}

// Enterprises yields the n enterprises of the province that Run writes
// into the registration file for the same seed, without any file.
// Returns apperr.Invalid for an unknown province.
func Enterprises(seed uint64, n int, region string) (iter.Seq[subject.Subject], error) {
	g, err := New(seed, n, region)
	if err != nil {
		return nil, err
	}
	return func(yield func(subject.Subject) bool) {
		for _, s := range g.All() {
			if !yield(s) {
				return
			}
		}
	}, nil
}

// firm fills f with enterprise i, name included.
func (g *Generator) firm(f *firm, i int) {
	if i < 0 || i >= g.n {
		panic(fmt.Sprintf("generate: enterprise %d out of range [0, %d)", i, g.n))
	}
	g.namesOnce.Do(g.resolveNames)
	r := g.pool.Get().(*rng)
	defer g.pool.Put(r)
	g.draft(f, i, r)
	f.Name = g.name(f, int(g.retries[int32(i)]), r)
}
