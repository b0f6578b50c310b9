// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"strings"
	"testing"
)

func TestCheck_Valid(t *testing.T) {
	for _, tt := range []struct {
		code, category, region string
		status                 RegionStatus
	}{
		{"914403001922038216", "企业", "深圳市", RegionCurrent},
		{"91440300192181490G", "企业", "深圳市", RegionCurrent},
		{"9144030071526726XG", "企业", "深圳市", RegionCurrent},
		{"91110000600037341L", "企业", "北京市", RegionCurrent},
		{"12440600MB2C07549J", "事业单位", "佛山市", RegionCurrent},
		{"914403000000004570", "企业", "深圳市", RegionCurrent}, // check character '0' from Σ ≡ 0
		{" 9144 0300 1922 0382 16 ", "企业", "深圳市", RegionCurrent},
	} {
		v := Check(tt.code, CheckOptions{})
		if !v.Valid || len(v.Problems) != 0 {
			t.Errorf("Check(%q): valid=%v problems=%v", tt.code, v.Valid, v.Problems)
			continue
		}
		if v.Category.Name != tt.category || v.Region.Name != tt.region || v.RegionStatus != tt.status {
			t.Errorf("Check(%q): category=%q region=%q/%s, want %q %q/%s", tt.code,
				v.Category.Name, v.Region.Name, v.RegionStatus, tt.category, tt.region, tt.status)
		}
		if got, want := v.OrgCode, v.Code[8:17]; got != want {
			t.Errorf("OrgCode=%q, want %q", got, want)
		}
	}
}

func TestCheck_Errors(t *testing.T) {
	for _, tt := range []struct {
		name, code string
		want       []string // "code@pos zh / en" of every problem, in order
	}{
		{"ErrUSCCCheck", "914403001922038217", []string{
			"uscc_check@18 第18位校验码应为 6，实为 7 / check character 18 should be '6' but is '7'"}},
		{"ErrOrgCheck", "91440300192181491G", []string{
			"org_check@17 第17位组织机构代码校验码应为 0，实为 1 / check character 17 (organization code) should be '0' but is '1'",
			"uscc_check@18 第18位校验码应为 K，实为 G / check character 18 should be 'K' but is 'G'"}},
		{"ErrLength", "9144030019220382", []string{
			"length@0 统一社会信用代码应为18位，实为 16 位 / code should have 18 characters but has 16"}},
		{"ErrLengthLegacy", "110108000000016", []string{
			"length@0 统一社会信用代码应为18位，实为 15 位 / code should have 18 characters but has 15",
			"legacy_id@0 看起来是15位工商注册号，请提供18位统一社会信用代码 / looks like a 15-digit business registration number; supply the 18-character code"}},
		{"ErrCharsetS", "91440300S92203821X", []string{
			"charset@9 第9位字符 S 不在代码字符集内（不使用 I、O、S、V、Z） / character 9 'S' is not in the code alphabet (I, O, S, V and Z are never used)"}},
		{"ErrCharsetRegion", "9144A300192203821X", []string{
			"charset@5 第5位应为数字，实为 A / character 5 should be a digit but is 'A'"}},
		{"ErrCharsetMany", "Z1440300192203821V", []string{
			"charset@1 第1位字符 Z 不在代码字符集内（不使用 I、O、S、V、Z） / character 1 'Z' is not in the code alphabet (I, O, S, V and Z are never used)",
			"charset@18 第18位字符 V 不在代码字符集内（不使用 I、O、S、V、Z） / character 18 'V' is not in the code alphabet (I, O, S, V and Z are never used)"}},
		{"ErrEmpty", "  ", []string{
			"length@0 统一社会信用代码应为18位，实为 0 位 / code should have 18 characters but has 0"}},
		{"ErrNonASCII", "91440300192203821中", []string{
			"charset@18 第18位字符 中 不在代码字符集内（不使用 I、O、S、V、Z） / character 18 '中' is not in the code alphabet (I, O, S, V and Z are never used)"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := Check(tt.code, CheckOptions{AcceptPilot: true})
			if v.Valid {
				t.Fatalf("Check(%q) valid", tt.code)
			}
			if got, want := describe(v.Problems), strings.Join(tt.want, "\n"); got != want {
				t.Fatalf("problems:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestCheck_ForbiddenLetters(t *testing.T) {
	valid := "914403001922038216"
	for _, c := range "IOSVZ" {
		for _, pos := range []int{0, 1, 8, 15, 17} {
			code := valid[:pos] + string(c) + valid[pos+1:]
			if v := Check(code, CheckOptions{}); v.Valid || !v.Has(ProblemCharset) {
				t.Errorf("Check(%s): valid=%v problems=%v, want charset error", code, v.Valid, v.Problems)
			}
		}
	}
}

func TestCheck_Warnings(t *testing.T) {
	mk := func(dept, cat byte, region string) string {
		code, err := Make(dept, cat, region, "MA2B3C4D")
		if err != nil {
			t.Fatal(err)
		}
		return code
	}
	for _, tt := range []struct {
		name, code string
		want       string
		status     RegionStatus
	}{
		{"UnknownDept", mk('G', '1', "440300"),
			"dept_unknown@1 第1位登记管理部门代码 G 未收录 / registration department 'G' (character 1) is not in the reference table", RegionCurrent},
		{"UnknownCategory", mk('9', '4', "440300"),
			"dept_unknown@2 第2位机构类别 4 在登记管理部门 9（市场监管）下未收录 / category '4' (character 2) is not listed under department '9' (market regulation)", RegionCurrent},
		{"UnknownRegion", mk('9', '1', "999999"),
			"region_unknown@3 第3–8位行政区划码 999999 不在 GB/T 2260 现行或历史代码中 / region code 999999 (characters 3–8) is in neither the current nor the historical GB/T 2260 list", RegionUnknown},
		{"RetiredRegionIsFine", mk('9', '1', "350182"), "", RegionHistorical},
		{"NationalIsFine", mk('9', '1', "100000"), "", RegionNational},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := Check(tt.code, CheckOptions{})
			if !v.Valid {
				t.Fatalf("Check(%s) invalid: %v", tt.code, v.Problems)
			}
			if got := describe(v.Warnings()); got != tt.want {
				t.Fatalf("warnings:\n%s\nwant:\n%s", got, tt.want)
			}
			if v.RegionStatus != tt.status {
				t.Fatalf("region status=%s, want %s", v.RegionStatus, tt.status)
			}
		})
	}
}

func TestCheck_Pilot(t *testing.T) {
	for _, code := range []string{"91350100M0001TGQXM", "91350203M0001QKT19"} {
		strict := Check(code, CheckOptions{})
		if strict.Valid || !strict.Pilot || strict.Err() == nil {
			t.Fatalf("strict Check(%s): valid=%v pilot=%v", code, strict.Valid, strict.Pilot)
		}
		if p := strict.Errors(); len(p) != 1 || p[0].Code != ProblemPilot || !strings.Contains(p[0].Zh, "疑似福建早期试点代码") ||
			!strings.Contains(p[0].En, "looks like an early Fujian pilot code") {
			t.Fatalf("strict errors=%v", p)
		}
		imp := Check(code, CheckOptions{AcceptPilot: true})
		if !imp.Valid || !imp.Pilot || imp.Err() != nil {
			t.Fatalf("import Check(%s): valid=%v pilot=%v", code, imp.Valid, imp.Pilot)
		}
		if w := imp.Warnings(); len(w) != 1 || w[0].Code != ProblemPilot || w[0].Pos != 18 {
			t.Fatalf("import warnings=%v", w)
		}
		if got, want := imp.Flags(), []Flag{FlagPilotCode}; len(got) != 1 || got[0] != want[0] {
			t.Fatalf("flags=%v, want %v", got, want)
		}
	}
	v := Check("91350100M0001TGQXM", CheckOptions{AcceptPilot: true})
	if got, want := v.Warnings()[0].String(), "第18位校验码应为 1，实为 M；符合福建早期试点代码特征，按试点代码接受，须人工核实 / "+
		"check character 18 should be '1' but is 'M'; accepted as an early Fujian pilot code, verify manually"; got != want {
		t.Fatalf("message=%q, want %q", got, want)
	}
	// Outside the pattern a wrong position 18 stays a plain error even in import mode.
	for _, code := range []string{
		"91440300M0001TGQXM", // not Fujian
		"91350100B0001TGQXM", // position 9 not 'M' (position 17 passes)
		"91350100M0001TGQ1M", // position 17 fails too
	} {
		v := Check(code, CheckOptions{AcceptPilot: true})
		if v.Valid || v.Pilot || !v.Has(ProblemUSCCCheck) {
			t.Errorf("Check(%s): valid=%v pilot=%v problems=%v, want uscc_check error", code, v.Valid, v.Pilot, v.Problems)
		}
	}
}

func describe(ps []Problem) string {
	var lines []string
	for _, p := range ps {
		lines = append(lines, p.Code+"@"+itoa(p.Pos)+" "+p.String())
	}
	return strings.Join(lines, "\n")
}

func itoa(n int) string {
	if n >= 10 {
		return itoa(n/10) + string(rune('0'+n%10))
	}
	return string(rune('0' + n))
}

var benchCodes = []string{"914403001922038216", "91440300192181490G", "9144030071526726XG", "91110000600037341L", "12440600MB2C07549J"}

func BenchmarkCheck(b *testing.B) {
	Check(benchCodes[0], CheckOptions{}) // load the tables outside the timer
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if v := Check(benchCodes[i%len(benchCodes)], CheckOptions{}); !v.Valid {
			b.Fatal("invalid")
		}
	}
}
