// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/apperr"
)

// LegacyVerdict is the result of CheckLegacy.
type LegacyVerdict struct {
	Code       string    `json:"code"` // normalized
	Kind       AliasKind `json:"kind"`
	Valid      bool      `json:"valid"`
	Problems   []Problem `json:"problems,omitempty"`
	RegionCode string    `json:"region_code,omitempty"` // first 6 digits of a reg_no15 or tax_no15
	OrgCode    string    `json:"org_code,omitempty"`    // the GB 11714 code inside an org_code9 or tax_no15
}

// LegacyKind guesses which pre-2015 identifier s is: a 9-character
// 组织机构代码 (with or without its dash), a 15-digit 工商注册号, or a
// 15-character 税务登记号 (6-digit region + organization code). An
// all-digit 15-character number is a registration number unless only its
// last nine pass GB 11714, which then makes it a tax number. It returns ""
// for anything else, including an 18-character code.
func LegacyKind(s string) AliasKind {
	c := Normalize(s)
	switch {
	case len(c) == 9 && orgShape(c):
		return AliasOrgCode9
	case len(c) != 15 || !allDigits(c[:6]):
		return ""
	case allDigits(c):
		if regNoCheck(c[:14]) != c[14] && orgCheckOK(c[6:]) {
			return AliasTaxNo15
		}
		return AliasRegNo15
	case orgShape(c[6:]):
		return AliasTaxNo15
	}
	return ""
}

// CheckLegacy validates a legacy identifier of the given kind, or of the
// kind LegacyKind guesses when kind is "". A wrong 工商注册号 check digit is
// only a warning: numbers with bad checks were issued and are still in
// registry data. A wrong 组织机构代码 check is an error, as in Check.
func CheckLegacy(kind AliasKind, s string) LegacyVerdict {
	v := LegacyVerdict{Code: Normalize(s), Kind: kind}
	if v.Kind == "" {
		v.Kind = LegacyKind(v.Code)
	}
	c := v.Code
	switch v.Kind {
	case AliasRegNo15:
		if !v.shape(15, allDigits(c), "15位数字", "15 digits") {
			return v
		}
		v.RegionCode = c[:6]
		if want := regNoCheck(c[:14]); want != c[14] {
			v.add(SeverityWarning, ProblemLegacyCheck, 15, c[14:], string(want),
				fmt.Sprintf("第15位校验码应为 %c，实为 %c（GS 15-2006），按原号保留", want, c[14]),
				fmt.Sprintf("check digit 15 should be '%c' but is '%c' (GS 15-2006); kept as issued", want, c[14]))
		}
	case AliasOrgCode9:
		if !v.shape(9, orgShape(c), "8位数字或大写字母加1位校验码", "8 digits or capital letters and a check character") {
			return v
		}
		v.OrgCode = c
		v.orgCheck(c, 0)
	case AliasTaxNo15:
		if !v.shape(15, len(c) == 15 && allDigits(c[:6]) && orgShape(c[6:]),
			"6位行政区划码加9位组织机构代码", "a 6-digit region and a 9-character organization code") {
			return v
		}
		v.RegionCode, v.OrgCode = c[:6], c[6:]
		v.orgCheck(c[6:], 6)
	default:
		v.add(SeverityError, ProblemLegacyID, 0, c, "",
			"无法识别为工商注册号、组织机构代码或税务登记号",
			"not a registration number, organization code or tax registration number")
	}
	for _, p := range v.Problems {
		if p.Severity == SeverityError {
			return v
		}
	}
	v.Valid = true
	return v
}

// ComputeRegNo15Check returns the 15th digit of a 工商注册号 for its first
// 14 digits (GS 15-2006, ISO 7064 MOD 11,10).
func ComputeRegNo15Check(first14 string) (byte, error) {
	if len(first14) != 14 || !allDigits(first14) {
		return 0, apperr.Invalidf("需要14位数字：%q / need 14 digits: %q", first14, first14)
	}
	return regNoCheck(first14), nil
}

func regNoCheck(digits string) byte {
	p := 10
	for i := 0; i < len(digits); i++ {
		s := (p%11 + int(digits[i]-'0')) % 10
		if s == 0 {
			s = 10
		}
		p = s * 2
	}
	return byte('0' + (11-p%11)%10)
}

func (v *LegacyVerdict) shape(n int, ok bool, zh, en string) bool {
	if got := utf8.RuneCountInString(v.Code); got != n || !ok {
		v.add(SeverityError, ProblemLength, 0, v.Code, zh,
			fmt.Sprintf("%s应为%s，实为 %q", v.Kind.Label(), zh, v.Code),
			fmt.Sprintf("a %s must be %s, got %q", v.Kind.LabelEn(), en, v.Code))
		return false
	}
	return true
}

// orgCheck checks the organization code org, which starts at offset off.
func (v *LegacyVerdict) orgCheck(org string, off int) {
	want, _ := ComputeOrgCheck(org[:8]) // shape checked
	if want != org[8] {
		v.add(SeverityError, ProblemOrgCheck, off+9, org[8:], string(want),
			fmt.Sprintf("第%d位组织机构代码校验码应为 %c，实为 %c", off+9, want, org[8]),
			fmt.Sprintf("check character %d (organization code) should be '%c' but is '%c'", off+9, want, org[8]))
	}
}

func (v *LegacyVerdict) add(sev Severity, code string, pos int, found, expected, zh, en string) {
	v.Problems = append(v.Problems, Problem{Code: code, Severity: sev, Pos: pos, Found: found, Expected: expected, Zh: zh, En: en})
}

func allDigits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// orgShape reports whether s looks like a GB 11714 code: 8 digits or
// capital letters and a check character '0'–'9' or 'X'.
func orgShape(s string) bool {
	if len(s) != 9 {
		return false
	}
	for i := 0; i < 8; i++ {
		if orgValue[s[i]] < 0 {
			return false
		}
	}
	return s[8] == 'X' || s[8] >= '0' && s[8] <= '9'
}

func orgCheckOK(s string) bool {
	want, err := ComputeOrgCheck(s[:8])
	return err == nil && want == s[8]
}
