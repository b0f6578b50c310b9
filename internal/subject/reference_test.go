// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"slices"
	"testing"

	"github.com/xinrong/xinrong/internal/apperr"
)

// TestReferenceData loads every embedded table (a bad file panics) and
// checks the counts data/README.md states.
func TestReferenceData(t *testing.T) {
	if got, want := Regions().Len(), 34+333+2846; got != want {
		t.Errorf("regions in force=%d, want %d", got, want)
	}
	if got, want := Industries().Len(), 20+97+473+1381; got != want {
		t.Errorf("industries=%d, want %d", got, want)
	}
	if got, want := Categories().Len(), 36; got != want {
		t.Errorf("categories=%d, want %d", got, want)
	}
}

func TestRegions_Lookup(t *testing.T) {
	for _, tt := range []struct {
		code, name, parent, province string
		level                        RegionLevel
		status                       RegionStatus
		until                        int
		successors                   []Successor
	}{
		{"350100", "福州市", "350000", "福建省", LevelPrefecture, RegionCurrent, 0, nil},
		{"110000", "北京市", "", "北京市", LevelProvince, RegionCurrent, 0, nil},
		{"350182", "长乐市", "350100", "福建省", LevelCounty, RegionHistorical, 2017, []Successor{{"350112", 0}}},
		{"110103", "崇文区", "110000", "北京市", LevelCounty, RegionHistorical, 2010, []Successor{{"110101", 0}}},
		{"100000", "全国", "", "", LevelNational, RegionNational, 0, nil},
		{"999999", "", "", "", "", RegionUnknown, 0, nil},
	} {
		r, st := Regions().Lookup(tt.code)
		if r.Name != tt.name || r.Parent != tt.parent || r.ProvinceName != tt.province || r.Level != tt.level ||
			st != tt.status || r.Until != tt.until || !slices.Equal(r.Successors, tt.successors) {
			t.Errorf("Lookup(%s)=%+v,%s", tt.code, r, st)
		}
	}
	// 350111 is 晋安区 now and was 郊区 until 1995.
	if r, st := Regions().Lookup("350111"); r.Name != "晋安区" || st != RegionCurrent || r.Since != 1995 {
		t.Errorf("Lookup(350111)=%+v,%s", r, st)
	}
	h := Regions().History("350111")
	if len(h) != 1 || h[0].Name != "郊区" || h[0].Since != 1983 || h[0].Until != 1995 || len(h[0].Successors) != 5 {
		t.Errorf("History(350111)=%+v", h)
	}
	// 350102 is in force but ceded territory to 350111 in 1995.
	if r, _ := Regions().Lookup("350102"); !slices.Equal(r.Successors, []Successor{{"350111", 1995}}) {
		t.Errorf("350102 successors=%v", r.Successors)
	}
	if n := testing.AllocsPerRun(100, func() { Regions().Lookup("350182") }); n != 0 {
		t.Errorf("Lookup allocs=%v, want 0", n)
	}
}

func TestIndustries(t *testing.T) {
	chain := Industries().Chain("0111")
	var codes []string
	for _, in := range chain {
		codes = append(codes, in.Code)
	}
	if got, want := codes, []string{"A", "01", "011", "0111"}; !slices.Equal(got, want) {
		t.Fatalf("Chain(0111)=%v, want %v", got, want)
	}
	if chain[3].Name != "稻谷种植" || chain[3].Level != IndustryClass || chain[0].Level != IndustrySection || chain[3].Section != "A" {
		t.Fatalf("Chain(0111) leaf=%+v", chain[3])
	}
	for _, tt := range []struct {
		code, name string
		ok         bool
	}{
		{"A", "农、林、牧、渔业", true},
		{"96", "基层群众自治组织及其他组织", true},
		{"9610", "社区居民自治组织", true},
		{"a0111", "稻谷种植", true}, // section letter prefix, any case
		{" 7212 ", "投资与资产管理", true},
		{"B0111", "", false}, // wrong section
		{"0000", "", false},
		{"U", "", false},
	} {
		in, ok := Industries().Lookup(tt.code)
		if ok != tt.ok || in.Name != tt.name {
			t.Errorf("Lookup(%q)=%q,%v, want %q,%v", tt.code, in.Name, ok, tt.name, tt.ok)
		}
	}
	if err := Industries().Validate("B0111"); !apperr.Is(err, apperr.Invalid) ||
		apperr.Message(err) != "行业代码 B0111 的门类应为 A / industry code B0111 belongs to section A, not B" {
		t.Fatalf("Validate(B0111)=%v", err)
	}
	if err := Industries().Validate("C3011"); err != nil {
		t.Fatalf("Validate(C3011)=%v", err)
	}
}

func TestCategories(t *testing.T) {
	for _, tt := range []struct {
		pair, dept, name string
		typ              Type
		ok               bool
	}{
		{"91", "市场监管", "企业", TypeEnterprise, true},
		{"92", "市场监管", "个体工商户", TypeIndividual, true},
		{"93", "市场监管", "农民专业合作社", TypeCooperative, true},
		{"11", "机构编制", "机关", TypeGovernment, true},
		{"12", "机构编制", "事业单位", TypeInstitution, true},
		{"53", "民政", "基金会", TypeSocialOrg, true},
		{"N1", "农业", "组级集体经济组织", TypeOther, true},
		{"Y1", "其他", "其他", TypeOther, true},
		{"54", "民政", "", TypeSocialOrg, false}, // new 民政 category: still a social organization
		{"94", "市场监管", "", TypeOther, false},
		{"G1", "", "", TypeOther, false},
	} {
		c, ok := Categories().Lookup(tt.pair)
		if c.DeptName != tt.dept || c.Name != tt.name || c.Type != tt.typ || ok != tt.ok || c.Code != tt.pair {
			t.Errorf("Lookup(%s)=%+v,%v", tt.pair, c, ok)
		}
	}
}
