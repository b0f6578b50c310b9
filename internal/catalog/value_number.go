// SPDX-License-Identifier: Apache-2.0

package catalog

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// maxDigits keeps decimals within NUMERIC(38) on either database.
const maxDigits = 38

var groupedRE = regexp.MustCompile(`^\d{1,3}(,\d{3})+$`)

// decimal is a number read exactly from text: digits, never a float.
type decimal struct {
	neg  bool
	int  string // no leading zeros; "" is zero
	frac string // no trailing zeros
}

// String returns the canonical form: no leading or trailing zeros, no "-0".
func (d decimal) String() string {
	s := d.int
	if s == "" {
		s = "0"
	}
	if d.frac != "" {
		s += "." + d.frac
	}
	if d.neg && (d.int != "" || d.frac != "") {
		s = "-" + s
	}
	return s
}

// readDecimal reads an optionally signed decimal with an optional fraction and
// optional thousands separators (1,234.5), as spreadsheets export them.
func readDecimal(s string) (decimal, *FieldError) {
	var d decimal
	s = asciiFold(s)
	switch {
	case strings.HasPrefix(s, "-"):
		d.neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	ip, fp, _ := strings.Cut(s, ".")
	if strings.Contains(ip, ",") {
		if !groupedRE.MatchString(ip) {
			return d, fail(ReasonFormat, "千分位分隔符位置不对", "misplaced thousands separator")
		}
		ip = strings.ReplaceAll(ip, ",", "")
	}
	if (ip == "" && fp == "") || !allDigits(ip) || !allDigits(fp) {
		return d, fail(ReasonFormat, "不是有效的数字", "not a valid number")
	}
	d.int = strings.TrimLeft(ip, "0")
	d.frac = strings.TrimRight(fp, "0")
	if len(d.int)+len(d.frac) > maxDigits {
		return d, failf(ReasonRange, "数字超过 %d 位", "more than %d digits", maxDigits)
	}
	return d, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func parseDecimal(s string) (string, *FieldError) {
	d, err := readDecimal(s)
	if err != nil {
		return "", err
	}
	return d.String(), nil
}

// parseInt accepts 12 and also 12.0, which spreadsheets write for integers.
func parseInt(s string) (string, *FieldError) {
	d, err := readDecimal(s)
	if err != nil {
		return "", err
	}
	if d.frac != "" {
		return "", fail(ReasonFormat, "应为整数", "must be a whole number")
	}
	return toInt64(d.neg, d.int)
}

func toInt64(neg bool, digits string) (string, *FieldError) {
	if digits == "" {
		return "0", nil
	}
	if neg {
		digits = "-" + digits
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return "", fail(ReasonRange, "数值超出范围", "number out of range")
	}
	return strconv.FormatInt(n, 10), nil
}

// moneyUnits maps each money type to the power of ten from its unit to 分
// and the unit suffix a provider may append.
var moneyUnits = map[Type]struct {
	exp            int
	suffix, zh, en string
}{
	TypeMoneyFen:  {0, "分", "分", "fen"},
	TypeMoneyYuan: {2, "元", "元", "yuan"},
	TypeMoneyWan:  {6, "万元", "万元", "10,000 yuan (万元)"},
}

// parseMoney converts an amount in the field's unit to integer 分 exactly:
// 0.2 万元 = 2000 元 = 200000 分. More decimals than 分 can hold is an error,
// never a rounding.
func parseMoney(s string, t Type) (string, *FieldError) {
	u := moneyUnits[t]
	s = strings.TrimSpace(strings.TrimSuffix(s, u.suffix))
	if t == TypeMoneyWan {
		s = strings.TrimSpace(strings.TrimSuffix(s, "万"))
	}
	if strings.HasSuffix(s, "元") || strings.HasSuffix(s, "分") || strings.HasSuffix(s, "万") {
		return "", fail(ReasonFormat, fmt.Sprintf("金额单位应为%s，请换算后填写数字", u.zh),
			fmt.Sprintf("amount must be in %s; convert it and send a number", u.en))
	}
	d, err := readDecimal(s)
	if err != nil {
		return "", err
	}
	if len(d.frac) > u.exp {
		return "", fail(ReasonPrecision, fmt.Sprintf("金额只能精确到分（以%s计最多 %d 位小数）", u.zh, u.exp),
			fmt.Sprintf("amount is finer than 1 fen (at most %d decimals in %s)", u.exp, u.en))
	}
	return toInt64(d.neg, strings.TrimLeft(d.int+d.frac+strings.Repeat("0", u.exp-len(d.frac)), "0"))
}
