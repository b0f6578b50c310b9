// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"math"
	"slices"
	"testing"

	"github.com/xinrong/xinrong/internal/subject"
)

// mustNew returns a generator or stops the test.
func mustNew(tb testing.TB, seed uint64, n int, region string) *Generator {
	tb.Helper()
	g, err := New(seed, n, region)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

func TestEnterprises_ValidAndUnique(t *testing.T) {
	const n = 20000
	g := mustNew(t, 7, n, "")
	names := map[string]int{}
	codes := map[string]int{}
	for i, s := range g.All() {
		pilot := s.HasFlag(subject.FlagPilotCode)
		if v := subject.Check(s.USCC, subject.CheckOptions{AcceptPilot: pilot}); !v.Valid {
			t.Fatalf("enterprise %d: %s invalid: %+v", i, s.USCC, v.Problems)
		}
		s.Derive(subject.CheckOptions{AcceptPilot: pilot})
		if err := s.Validate(); err != nil {
			t.Fatalf("enterprise %d (%s %s): %v", i, s.USCC, s.Name, err)
		}
		if j, dup := names[s.Name]; dup {
			t.Fatalf("name %q used by %d and %d", s.Name, j, i)
		}
		names[s.Name] = i
		if j, dup := codes[s.USCC]; dup {
			t.Fatalf("code %s used by %d and %d", s.USCC, j, i)
		}
		codes[s.USCC] = i
		if got, want := s.Type, subject.TypeFromCode(s.USCC); got != want {
			t.Fatalf("enterprise %d: type %s, code says %s", i, got, want)
		}
	}
	if got := len(names); got != n {
		t.Fatalf("got %d enterprises, want %d", got, n)
	}
}

func TestEnterprises_Rates(t *testing.T) {
	const n = 20000
	g := mustNew(t, 11, n, "")
	count := map[string]float64{}
	for _, s := range g.All() {
		count[string(s.Type)]++
		if _, st := subject.Regions().Lookup(s.RegionCode); st == subject.RegionHistorical {
			count["retired"]++
		}
		if s.Status != subject.StatusActive {
			count["closed"]++
		}
		if y := s.RegisteredAt.Year(); y >= 2016 {
			count["recent"]++
		}
		for _, a := range s.Aliases {
			count[string(a.Kind)]++
		}
		for _, tag := range s.Tags {
			if s.Type == subject.TypeEnterprise {
				count[tag]++
			}
		}
		if in, ok := subject.Industries().Lookup(s.IndustryCode); !ok || in.Level != subject.IndustryClass {
			t.Fatalf("%s: industry %q is not a GB/T 4754 class", s.Name, s.IndustryCode)
		}
		if s.Type == subject.TypeEnterprise && (s.RegisteredCapitalFen < 10_0000_00 || s.RegisteredCapitalFen > 10_0000_0000_00) {
			t.Fatalf("%s: capital %d fen out of range", s.Name, s.RegisteredCapitalFen)
		}
	}
	ent := count[string(subject.TypeEnterprise)]
	for _, tc := range []struct {
		what     string
		got      float64
		lo, hi   float64
		fraction bool
	}{
		{"individual businesses", count[string(subject.TypeIndividual)] / n, 0.65, 0.69, true},
		{"companies", ent / n, 0.29, 0.33, true},
		{"co-ops", count[string(subject.TypeCooperative)] / n, 0.008, 0.016, true},
		{"social orgs and institutions", (count[string(subject.TypeSocialOrg)] + count[string(subject.TypeInstitution)]) / n, 0.004, 0.012, true},
		{"retired region codes", count["retired"] / n, 0.014, 0.026, true},
		{"closed (注销/吊销/歇业)", count["closed"] / n, 0.02, 0.12, true},
		{"registered since 2016", count["recent"] / n, 0.6, 0.9, true},
		{"小微企业 among companies", count[TagSmallMicro] / ent, 0.85, 1, true},
		{"高新技术企业 among companies", count[TagHighTech] / ent, 0.003, 0.025, true},
		{"专精特新 among companies", count[TagSpecialized] / ent, 0.0005, 0.01, true},
		{"首贷户候选 among companies", count[TagFirstLoan], 0.12 * ent, 0.3 * ent, false},
		{"15-digit 注册号", count[string(subject.AliasRegNo15)] / n, 0.05, 0.4, true},
		{"组织机构代码", count[string(subject.AliasOrgCode9)] / n, 0.02, 0.2, true},
	} {
		if tc.got < tc.lo || tc.got > tc.hi || math.IsNaN(tc.got) {
			t.Errorf("%s: %.4f, want between %.4f and %.4f", tc.what, tc.got, tc.lo, tc.hi)
		}
	}
}

func TestEnterprise_RandomAccessMatchesSequence(t *testing.T) {
	g := mustNew(t, 3, 3000, "")
	var all []subject.Subject
	for _, s := range g.All() {
		all = append(all, s)
	}
	for _, i := range []int{0, 1, 999, 2999, 1500} {
		if got, want := g.Enterprise(i), all[i]; got.USCC != want.USCC || got.Name != want.Name || !slices.Equal(got.Tags, want.Tags) {
			t.Fatalf("Enterprise(%d) = %s %s, sequence has %s %s", i, got.USCC, got.Name, want.USCC, want.Name)
		}
	}
	// A generator built afresh, and one for more enterprises, agree on the
	// enterprises they share (names aside: a clash can only come later).
	h := mustNew(t, 3, 5000, "")
	for i := 0; i < 3000; i += 97 {
		if got, want := h.Enterprise(i).USCC, all[i].USCC; got != want {
			t.Fatalf("N=5000 enterprise %d = %s, N=3000 gave %s", i, got, want)
		}
	}
	seq, err := Enterprises(3, 3000, DefaultRegion)
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	for s := range seq {
		if s.USCC != all[i].USCC || s.Name != all[i].Name {
			t.Fatalf("Enterprises()[%d] = %s, want %s", i, s.USCC, all[i].USCC)
		}
		i++
	}
}

func TestEnterprises_OtherProvinces(t *testing.T) {
	for _, region := range []string{"350000", "110000", "420000", "460000"} {
		g := mustNew(t, 5, 30000, region)
		pilots := 0
		for i, s := range g.All() {
			if s.RegionCode[:2] != region[:2] {
				t.Fatalf("%s: enterprise %d registered in %s", region, i, s.RegionCode)
			}
			v := subject.Check(s.USCC, subject.CheckOptions{AcceptPilot: true})
			if !v.Valid {
				t.Fatalf("%s: %s invalid: %+v", region, s.USCC, v.Problems)
			}
			if v.Pilot {
				pilots++
				if !s.HasFlag(subject.FlagPilotCode) {
					t.Fatalf("%s: pilot code %s not flagged", region, s.USCC)
				}
				if strict := subject.Check(s.USCC, subject.CheckOptions{}); strict.Valid {
					t.Fatalf("pilot code %s passes the strict check", s.USCC)
				}
			}
		}
		if got := pilots > 0; got != (region == "350000") {
			t.Errorf("%s: %d Fujian pilot codes", region, pilots)
		}
	}
	if _, err := New(1, 10, "640100"); err == nil {
		t.Fatal("a prefecture code was accepted as the province")
	}
}
