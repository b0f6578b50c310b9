// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// RegionLevel is the tier of a GB/T 2260 division.
type RegionLevel string

// Levels. National is only the special code 100000 (national registration).
const (
	LevelNational   RegionLevel = "national"
	LevelProvince   RegionLevel = "province"
	LevelPrefecture RegionLevel = "prefecture"
	LevelCounty     RegionLevel = "county"
)

// RegionStatus says where a region code was found.
type RegionStatus string

// Statuses returned by RegionTable.Lookup.
const (
	RegionCurrent    RegionStatus = "current"    // in force at 2024-12-31
	RegionHistorical RegionStatus = "historical" // used between 1981 and 2024, since retired or re-used
	RegionNational   RegionStatus = "national"   // 100000, registered by a national authority
	RegionUnknown    RegionStatus = "unknown"    // in no edition we hold
)

// NationalRegion is the code positions 3–8 carry for national registrations.
const NationalRegion = "100000"

// Successor is a code that took over all or part of a region's territory,
// with the year of the transfer when the table gives one (else 0).
type Successor struct {
	Code string `json:"code"`
	Year int    `json:"year,omitempty"`
}

// Region is one GB/T 2260 division as it was while its code meant it.
type Region struct {
	Code         string      `json:"code"`
	Name         string      `json:"name"`
	Level        RegionLevel `json:"level"`
	Parent       string      `json:"parent,omitempty"` // best effort for retired codes
	Province     string      `json:"province,omitempty"`
	ProvinceName string      `json:"province_name,omitempty"`
	Since        int         `json:"since,omitempty"` // year the code took this meaning
	Until        int         `json:"until,omitempty"` // year it was retired or changed; 0 if current
	Successors   []Successor `json:"successors,omitempty"`
}

// RegionTable holds the current GB/T 2260 list and every code used since
// 1981, so that codes issued under a since-retired region still resolve.
type RegionTable struct {
	current map[string]Region
	history map[string][]Region // newest first
}

var regionsOnce = sync.OnceValue(loadRegions)

// Regions returns the GB/T 2260 registry, loaded on first use.
func Regions() *RegionTable { return regionsOnce() }

// Lookup resolves a six-digit code: the current division if the code is in
// force, else its most recent former meaning, else RegionUnknown with only
// Code set.
func (t *RegionTable) Lookup(code string) (Region, RegionStatus) {
	if code == NationalRegion {
		return Region{Code: NationalRegion, Name: "全国", Level: LevelNational}, RegionNational
	}
	if r, ok := t.current[code]; ok {
		return r, RegionCurrent
	}
	if h := t.history[code]; len(h) > 0 {
		return h[0], RegionHistorical
	}
	return Region{Code: code}, RegionUnknown
}

// History returns the former meanings of a code, newest first. A code in
// force may have had others before (e.g. 350111 was 郊区 until 1995).
func (t *RegionTable) History(code string) []Region { return slices.Clone(t.history[code]) }

// Name returns the name of a code ("" if unknown), current meaning first.
func (t *RegionTable) Name(code string) string { r, _ := t.Lookup(code); return r.Name }

// Len returns the number of divisions in force.
func (t *RegionTable) Len() int { return len(t.current) }

var levelNames = map[string]RegionLevel{
	"province": LevelProvince, "prefecture": LevelPrefecture, "county": LevelCounty,
	"省级": LevelProvince, "地级": LevelPrefecture, "县级": LevelCounty,
}

func loadRegions() *RegionTable {
	t := &RegionTable{current: map[string]Region{}, history: map[string][]Region{}}
	readCSV("gbt2260_2024.csv", func(r map[string]string) {
		t.current[r["code"]] = Region{Code: r["code"], Name: r["name"], Level: mustLevel(r["level"]),
			Parent: r["parent"], Province: r["code"][:2] + "0000"}
	})
	// The history file has Chinese headers: 代码, 一级行政区, 二级行政区, 名称,
	// 级别, 状态 (在用/变更/弃用), 启用时间, 变更/弃用时间, 新代码.
	readCSV("gbt2260_history.csv", func(r map[string]string) {
		code := r["代码"]
		g := Region{Code: code, Name: r["名称"], Level: mustLevel(r["级别"]), Province: code[:2] + "0000",
			Since: atoiYear(r["启用时间"]), Until: atoiYear(r["变更/弃用时间"]), Successors: parseSuccessors(r["新代码"])}
		if r["状态"] == "在用" {
			c, ok := t.current[code]
			if !ok {
				panic(fmt.Sprintf("subject: region %s in force in history but not in the current list", code))
			}
			c.Since, c.Successors = g.Since, g.Successors
			t.current[code] = c
			return
		}
		t.history[code] = append(t.history[code], g)
	})
	for code, h := range t.history {
		slices.SortFunc(h, func(a, b Region) int { return cmp.Compare(b.Until, a.Until) })
		for i := range h {
			h[i].Parent = t.guessParent(h[i])
		}
		t.history[code] = h
	}
	for code, r := range t.current {
		r.ProvinceName = t.current[r.Province].Name
		t.current[code] = r
	}
	for _, h := range t.history {
		for i := range h {
			h[i].ProvinceName = t.current[h[i].Province].Name
		}
	}
	return t
}

// guessParent derives a retired code's parent from its digits: the
// prefecture xxxx00 if that code ever existed, else the province.
func (t *RegionTable) guessParent(r Region) string {
	if r.Level == LevelProvince {
		return ""
	}
	if p := r.Code[:4] + "00"; r.Level == LevelCounty && p != r.Code {
		if _, ok := t.current[p]; ok {
			return p
		}
		if _, ok := t.history[p]; ok {
			return p
		}
	}
	return r.Province
}

func mustLevel(s string) RegionLevel {
	l, ok := levelNames[s]
	if !ok {
		panic(fmt.Sprintf("subject: unknown region level %q", s))
	}
	return l
}

func atoiYear(s string) int {
	n, _ := strconv.Atoi(s) // empty means "not yet": 0
	return n
}

// parseSuccessors reads "350102[1995];350111".
func parseSuccessors(s string) []Successor {
	if s == "" {
		return nil
	}
	var out []Successor
	for _, part := range strings.Split(s, ";") {
		code, year, _ := strings.Cut(part, "[")
		out = append(out, Successor{Code: code, Year: atoiYear(strings.TrimSuffix(year, "]"))})
	}
	return out
}

// FullName names a division with the divisions above it ("宁夏回族自治区
// 银川市 兴庆区"), as it was when the code was in force. A code in no
// edition is returned as it is.
func (t *RegionTable) FullName(code string) string {
	if code == "" {
		return ""
	}
	r, st := t.Lookup(code)
	if st == RegionUnknown || r.Name == "" {
		return code
	}
	parts := []string{r.Name}
	for p, depth := r.Parent, 0; p != "" && depth < 3; depth++ {
		pr, pst := t.Lookup(p)
		if pst == RegionUnknown || pr.Name == "" {
			break
		}
		if pr.Name != "市辖区" && pr.Name != "县" {
			parts = append([]string{pr.Name}, parts...)
		}
		p = pr.Parent
	}
	return strings.Join(parts, " ")
}
