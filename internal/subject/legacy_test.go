// SPDX-License-Identifier: Apache-2.0

package subject

import "testing"

func TestComputeRegNo15Check(t *testing.T) {
	// Vectors: a widely cited sample number and one from a public parser's
	// comments; both also pass python-stdnum's ISO 7064 MOD 11,10.
	for _, tt := range []struct {
		first14 string
		want    byte
	}{
		{"11010800000001", '6'},
		{"14000010002828", '6'},
		{"44030019218149", '6'},
	} {
		if got, err := ComputeRegNo15Check(tt.first14); err != nil || got != tt.want {
			t.Errorf("ComputeRegNo15Check(%s)=%q,%v, want %q", tt.first14, got, err, tt.want)
		}
	}
	// ISO 7064 MOD 11,10 textbook vector, independent of length: 79462 → 3.
	if got, want := regNoCheck("79462"), byte('3'); got != want {
		t.Fatalf("regNoCheck(79462)=%q, want %q", got, want)
	}
	if _, err := ComputeRegNo15Check("1101080000000A"); err == nil {
		t.Fatal("letter accepted")
	}
}

func TestLegacyKind(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want AliasKind
	}{
		{"110108000000016", AliasRegNo15},
		{"110108000000017", AliasRegNo15}, // bad check is still a registration number
		{"19218149-0", AliasOrgCode9},
		{"71526726X", AliasOrgCode9},
		{"44030071526726X", AliasTaxNo15},
		{"440300192181490", AliasTaxNo15}, // all digits, fails GS 15 but its last nine pass GB 11714
		{"914403001922038216", ""},
		{"12345", ""},
		{"ABCDEF192181490", ""},
	} {
		if got := LegacyKind(tt.in); got != tt.want {
			t.Errorf("LegacyKind(%q)=%q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCheckLegacy(t *testing.T) {
	for _, tt := range []struct {
		name  string
		kind  AliasKind
		in    string
		valid bool
		want  string // problems as in describe
	}{
		{"RegNoOK", "", "110108000000016", true, ""},
		{"RegNoBadCheckIsWarning", AliasRegNo15, "110108000000017", true,
			"legacy_check@15 第15位校验码应为 6，实为 7（GS 15-2006），按原号保留 / check digit 15 should be '6' but is '7' (GS 15-2006); kept as issued"},
		{"RegNoLetters", AliasRegNo15, "11010800000001A", false,
			`length@0 15位工商注册号应为15位数字，实为 "11010800000001A" / a 15-digit business registration number must be 15 digits, got "11010800000001A"`},
		{"OrgWithDash", "", "19218149-0", true, ""},
		{"OrgX", AliasOrgCode9, "71526726-X", true, ""},
		{"OrgBadCheck", AliasOrgCode9, "192181491", false,
			"org_check@9 第9位组织机构代码校验码应为 0，实为 1 / check character 9 (organization code) should be '0' but is '1'"},
		{"TaxOK", AliasTaxNo15, "44030071526726X", true, ""},
		{"TaxBadOrg", AliasTaxNo15, "440300715267260", false,
			"org_check@15 第15位组织机构代码校验码应为 X，实为 0 / check character 15 (organization code) should be 'X' but is '0'"},
		{"Unknown", "", "hello", false,
			"legacy_id@0 无法识别为工商注册号、组织机构代码或税务登记号 / not a registration number, organization code or tax registration number"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := CheckLegacy(tt.kind, tt.in)
			if v.Valid != tt.valid {
				t.Fatalf("valid=%v, want %v (%v)", v.Valid, tt.valid, v.Problems)
			}
			if got := describe(v.Problems); got != tt.want {
				t.Fatalf("problems:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
	v := CheckLegacy("", "44030071526726X")
	if v.RegionCode != "440300" || v.OrgCode != "71526726X" {
		t.Fatalf("region=%q org=%q", v.RegionCode, v.OrgCode)
	}
}
