// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"strings"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Alphabet is the GB 32100-2015 character set in value order: character i
// has value i (0–30). I, O, S, V and Z are never used because they are
// easily confused with 1, 0, 5, U and 2.
const Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// USCCLen is the length of a 统一社会信用代码.
const USCCLen = 18

// check18Weights are 3^(i-1) mod 31 for positions 1–17 (ISO 7064 MOD 31-3).
var check18Weights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// orgWeights are the GB 11714 weights for the 8 body characters.
var orgWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// usccValue maps a byte to its GB 32100 value, or -1. orgValue maps a byte to
// its GB 11714 value over the full Latin alphabet (A=10 … Z=35), or -1: the
// two tables differ from 'J' on, which is why mixing them gives wrong checks.
var usccValue, orgValue = func() (u, o [256]int8) {
	for i := range u {
		u[i], o[i] = -1, -1
	}
	for i := 0; i < len(Alphabet); i++ {
		u[Alphabet[i]] = int8(i)
	}
	for c := '0'; c <= '9'; c++ {
		o[c] = int8(c - '0')
	}
	for c := 'A'; c <= 'Z'; c++ {
		o[c] = int8(c - 'A' + 10)
	}
	return u, o
}()

// Normalize returns s in the form codes are stored and compared in: spaces
// (including U+3000 and zero-width spaces) and dashes removed, full-width
// ASCII mapped to half-width, ASCII letters upper-cased. Other characters are
// kept so that Check can name them. An already normal string is returned as
// is, without allocating.
func Normalize(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII block
			r -= 0xFEE0
		}
		switch {
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		case isDropped(r):
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isDropped reports whether r is a separator people put into codes when
// copying them from licences and spreadsheets.
func isDropped(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', 0x85, 0xA0, 0x3000, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF,
		'-', 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63:
		return true
	}
	return r >= 0x2000 && r <= 0x200A // en/em and other typographic spaces
}

// ComputeCheck18 returns the position-18 check character for the first 17
// characters of a code (ISO 7064 MOD 31-3 over Alphabet).
func ComputeCheck18(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, apperr.Invalidf("需要前17位，实为 %d 位 / need the first 17 characters, got %d",
			utf8.RuneCountInString(first17), utf8.RuneCountInString(first17))
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := usccValue[first17[i]]
		if v < 0 {
			return 0, apperr.Invalidf("第%d位字符 %q 不在代码字符集内 / character %d %q is not in the code alphabet",
				i+1, first17[i], i+1, first17[i])
		}
		sum += int(v) * check18Weights[i]
	}
	return Alphabet[(31-sum%31)%31], nil // 31 means '0'
}

// ComputeOrgCheck returns the GB 11714 check character ('0'–'9' or 'X') for
// the 8 body characters of an organization code, valued over the full Latin
// alphabet.
func ComputeOrgCheck(base8 string) (byte, error) {
	if len(base8) != 8 {
		return 0, apperr.Invalidf("组织机构代码本体应为8位，实为 %d 位 / organization code body must have 8 characters, got %d",
			utf8.RuneCountInString(base8), utf8.RuneCountInString(base8))
	}
	sum := 0
	for i := 0; i < 8; i++ {
		v := orgValue[base8[i]]
		if v < 0 {
			return 0, apperr.Invalidf("组织机构代码第%d位 %q 无效 / organization code character %d %q is invalid",
				i+1, base8[i], i+1, base8[i])
		}
		sum += int(v) * orgWeights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X', nil
	case 11:
		return '0', nil // the "11" some libraries return
	default:
		return byte('0' + c), nil
	}
}

// Make builds a valid code from its parts, computing positions 17 and 18.
// orgBase is the 8-character organization-code body (positions 9–16). It is
// used by the demo generator and tests; real codes are only ever assigned by
// the registering authority.
func Make(dept, cat byte, region, orgBase string) (string, error) {
	if usccValue[dept] < 0 || usccValue[cat] < 0 {
		return "", apperr.Invalidf("登记管理部门或机构类别 %q%q 不在代码字符集内 / department or category %q%q not in the alphabet",
			dept, cat, dept, cat)
	}
	if len(region) != 6 || strings.Trim(region, "0123456789") != "" {
		return "", apperr.Invalidf("行政区划码应为6位数字：%q / region must be 6 digits: %q", region, region)
	}
	if len(orgBase) != 8 {
		return "", apperr.Invalidf("主体标识码本体应为8位：%q / organization code body must have 8 characters: %q", orgBase, orgBase)
	}
	for i := 0; i < 8; i++ {
		if usccValue[orgBase[i]] < 0 {
			return "", apperr.Invalidf("主体标识码第%d位 %q 不在代码字符集内 / organization code character %d %q not in the alphabet",
				i+1, orgBase[i], i+1, orgBase[i])
		}
	}
	oc, err := ComputeOrgCheck(orgBase)
	if err != nil {
		return "", err
	}
	b := make([]byte, 0, USCCLen)
	b = append(b, dept, cat)
	b = append(b, region...)
	b = append(b, orgBase...)
	b = append(b, oc)
	c18, err := ComputeCheck18(string(b))
	if err != nil {
		return "", err
	}
	return string(append(b, c18)), nil
}
