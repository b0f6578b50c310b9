// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"
	"hash/fnv"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/xinrong/xinrong/internal/subject"
)

// tradeName draws a 字号 of n characters. Repeated characters (鑫鑫) are
// allowed: registries hold plenty of them.
func (g *Generator) tradeName(r *rng, n int) string {
	var b strings.Builder
	for range n {
		b.WriteRune(g.trade[r.IntN(len(g.trade))])
	}
	return b.String()
}

// tradeLen is 2 characters mostly; a name that was already taken is
// re-drawn longer, as applicants do when the registry refuses a name.
func tradeLen(r *rng, attempt int) int {
	switch {
	case attempt > 0:
		return 3 + attempt/4
	case r.chance(0.1):
		return 3
	}
	return 2
}

// name builds the registered name of enterprise f at the given attempt
// (0 first; higher attempts after a clash). It draws from its own stream so
// that a retry changes nothing else about the enterprise.
func (g *Generator) name(f *firm, attempt int, r *rng) string {
	r.at(g.seed, streamName+uint64(attempt)<<8, uint64(f.idx))
	div := f.IndustryCode[:2]
	pl := f.place.name
	if attempt >= 16 { // practically unreachable; guarantees termination
		return g.name(f, 0, r) + fmt.Sprintf("（%d）", attempt)
	}
	switch f.Type {
	case subject.TypeIndividual:
		if c, ok := g.prov.county(f.place.county); ok && strings.HasSuffix(c.name, "区") && r.chance(0.6) {
			pl = strings.TrimPrefix(c.name, g.prefName(c.code)) // 兴庆区鑫源便利店
		}
		words := shopWords[f.IndustryCode]
		if len(words) == 0 {
			words = shopWords[f.IndustryCode[:3]]
		}
		if len(words) == 0 {
			words = shopWords[div]
		}
		if len(words) == 0 {
			words = []string{"经营部", "商行", "服务部"}
		}
		return pl + g.tradeName(r, tradeLen(r, attempt)) + pick(r, words)
	case subject.TypeCooperative:
		words := g.coop[div]
		if len(words) == 0 {
			words = []string{"农业"}
		}
		return pl + g.tradeName(r, tradeLen(r, attempt)) + pick(r, words) + "专业合作社"
	case subject.TypeSocialOrg:
		if div == "95" { // 社会团体: 银川市餐饮行业协会
			sector := pick(r, sectors)
			if attempt > 0 {
				sector = g.tradeName(r, tradeLen(r, attempt-1)) + sector
			}
			return pl + sector + pick(r, socialWords["95"])
		}
		return pl + g.tradeName(r, tradeLen(r, attempt)) + pick(r, socialWords[div])
	case subject.TypeInstitution:
		w := pick(r, institutionWords[div])
		if strings.Contains(w, "%s") {
			w = fmt.Sprintf(w, chineseNumbers[r.IntN(len(chineseNumbers))])
		}
		if attempt > 0 {
			w = g.tradeName(r, tradeLen(r, attempt-1)) + w
		}
		return pl + w
	}
	words := companyWords[div]
	if len(words) == 0 {
		words = []string{"商贸", "科技"}
	}
	form := pick(r, companyForms)
	if f.RegisteredCapitalFen < 500_0000_00 && form == "股份有限公司" {
		form = "有限公司" // a 股份公司 with less than 500万 capital is rare
	}
	return pl + g.tradeName(r, tradeLen(r, attempt)) + pick(r, words) + form
}

// prefName is the prefecture part of a district's place name.
func (g *Generator) prefName(county string) string {
	for _, p := range g.prov.prefectures {
		if p.code[:4] == county[:4] {
			return p.name
		}
	}
	return g.prov.name
}

// nameHash keys the set of names already taken.
func nameHash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// resolveNames walks all N enterprises once in index order and records
// which ones clash with an earlier name, and at which attempt they become
// unique. Only clashes are kept (a few per thousand), so Enterprise(i)
// stays random-access afterwards. The walk holds one 64-bit hash per name
// (about 20 MB for a million) and frees it before returning.
func (g *Generator) resolveNames() {
	seen := make(map[uint64]struct{}, g.n)
	g.retries = map[int32]uint8{}
	f, r := &firm{}, newRNG()
	for i := 0; i < g.n; i++ {
		g.draft(f, i, r)
		for attempt := 0; ; attempt++ {
			h := nameHash(g.name(f, attempt, r))
			if _, dup := seen[h]; !dup {
				seen[h] = struct{}{}
				if attempt > 0 {
					g.retries[int32(i)] = uint8(attempt)
				}
				break
			}
		}
	}
	if g.n >= 100_000 {
		seen = nil
		debug.FreeOSMemory() // give the set's pages back before the files are written
	}
}

// provinceCoopWords drops the specialities of other provinces (枸杞 and
// 滩羊 are Ningxia's).
func provinceCoopWords(province string) map[string][]string {
	out := map[string][]string{}
	for div, ws := range coopWords {
		for _, w := range ws {
			if province != "64" && (strings.HasPrefix(w, "枸杞") || strings.HasPrefix(w, "滩羊")) {
				continue
			}
			out[div] = append(out[div], w)
		}
	}
	return out
}

// uniqueRunes returns the characters of rs without repeats, in order.
func uniqueRunes(rs []rune) []rune {
	var out []rune
	for _, r := range rs {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}
