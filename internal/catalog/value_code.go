// SPDX-License-Identifier: Apache-2.0

package catalog

import (
	"regexp"
	"strings"
	"unicode"
)

// usccAlphabet is the GB 32100 character set: digits and upper-case letters
// without I, O, S, V and Z.
const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var (
	// GB/T 4754-2017: a section letter A–T, optionally with a 2–4 digit
	// division/group/class code, or the digits alone.
	industryRE = regexp.MustCompile(`^(?:[A-T]|[A-T]?\d{2,4})$`)
	// 居民身份证号: 18 characters (17 digits and a digit or X) or the old 15
	// digits; providers such as the courts mask the middle with *.
	idNumberRE = regexp.MustCompile(`^(?:[0-9*]{17}[0-9X*]|[0-9*]{15})$`)
	phoneRE    = regexp.MustCompile(`^\+?[0-9()\-]+$`)
)

// parseCode checks the shape of a code and returns it in upper case. The
// subject package owns the real checks (check digits, existing regions);
// the catalog only keeps text that cannot be a code out of the store.
func parseCode(s string, t Type) (string, *FieldError) {
	s = strings.ToUpper(asciiFold(s))
	switch t {
	case TypeUSCC:
		if len(s) != 18 || strings.Trim(s, usccAlphabet) != "" {
			return "", fail(ReasonFormat, "统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）",
				"a unified social credit code is 18 digits or capital letters (no I, O, S, V, Z)")
		}
	case TypeRegion:
		if len(s) != 6 || !allDigits(s) || s == "000000" {
			return "", fail(ReasonFormat, "行政区划代码应为 6 位数字（GB/T 2260）", "a region code is 6 digits (GB/T 2260)")
		}
	case TypeIndustry:
		if !industryRE.MatchString(s) {
			return "", fail(ReasonFormat, "行业代码应为门类字母 A–T 加 2–4 位数字（GB/T 4754）",
				"an industry code is a section letter A–T with 2–4 digits (GB/T 4754)")
		}
	case TypeIDNumber:
		if !idNumberRE.MatchString(s) {
			return "", fail(ReasonFormat, "身份证号应为 18 位（末位可为 X）或 15 位数字，可含 * 遮蔽",
				"an ID card number is 18 characters (last may be X) or 15 digits, * for masked digits")
		}
	case TypePhone:
		s = strings.ReplaceAll(s, " ", "")
		digits := 0
		for _, r := range s {
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		if !phoneRE.MatchString(s) || digits < 7 || digits > 15 {
			return "", fail(ReasonFormat, "电话号码应为 7–15 位数字，可含 +、-、括号",
				"a phone number has 7 to 15 digits, with optional +, - and brackets")
		}
	}
	return s, nil
}

// asciiFold maps full-width ASCII (Ａ１，（）) to half-width and the
// ideographic space to a space: Chinese input methods produce both.
func asciiFold(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == 0x3000:
			return ' '
		}
		return r
	}, s)
}

// foldKey is the form in which enum spellings and column names are compared.
func foldKey(s string) string {
	return strings.ToLower(strings.TrimFunc(asciiFold(s), unicode.IsSpace))
}
