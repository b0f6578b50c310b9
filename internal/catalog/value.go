// SPDX-License-Identifier: Apache-2.0

package catalog

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Parse checks one raw value a provider sent for f and returns its normalized
// form: trimmed text; dates as YYYY-MM-DD; months as YYYY-MM; datetimes as
// RFC 3339 UTC (China Standard Time assumed when no zone is given); integers
// and decimals in canonical form; every money type as integer 分 (exact, no
// floating point: "0.2" 万元 is "200000"); bools as true/false; enums as their
// stored Value (several joined by ";" in catalog order); codes upper-case.
// An empty or all-space value returns "" and no error: whether it may be empty
// is ValidateRow's question. Errors are *FieldError, in Chinese and English.
// Codes (uscc, region, industry, id_number, phone) are checked for shape only;
// check digits are the subject package's business.
func (f Field) Parse(raw string) (string, error) {
	v, err := f.parse(raw)
	if err != nil {
		return "", err
	}
	return v, nil
}

// parse is Parse with a concrete error type, so callers never meet a typed
// nil inside an error interface.
func (f Field) parse(raw string) (string, *FieldError) {
	s := strings.TrimFunc(raw, unicode.IsSpace)
	if s == "" {
		return "", nil
	}
	if !utf8.ValidString(s) {
		return "", f.fail(ReasonFormat, "不是有效的 UTF-8 文本", "not valid UTF-8 text")
	}
	var (
		out string
		err *FieldError
	)
	switch f.Type {
	case TypeString, TypeText:
		out, err = parseText(s, f.Type == TypeText)
	case TypeDate:
		out, err = parseDate(s, f.OpenEnded)
	case TypeMonth:
		out, err = parseMonth(s)
	case TypeDateTime:
		out, err = parseDateTime(s)
	case TypeInt:
		out, err = parseInt(s)
	case TypeDecimal:
		out, err = parseDecimal(s)
	case TypeMoneyFen, TypeMoneyYuan, TypeMoneyWan:
		out, err = parseMoney(s, f.Type)
	case TypeBool:
		out, err = parseBool(s)
	case TypeEnum:
		out, err = f.parseEnum(s)
	case TypeUSCC, TypeRegion, TypeIndustry, TypeIDNumber, TypePhone:
		out, err = parseCode(s, f.Type)
	default:
		err = fail(ReasonFormat, "字段类型未知："+string(f.Type), "unknown field type "+string(f.Type))
	}
	if err == nil && f.MaxLen > 0 && utf8.RuneCountInString(out) > f.MaxLen {
		err = failf(ReasonTooLong, "超过最大长度 %d 个字符", "longer than %d characters", f.MaxLen)
	}
	if err != nil {
		err.Field, err.Label = f.Code, f.Name
		return "", err
	}
	return out, nil
}

func (f Field) fail(r Reason, zh, en string) *FieldError {
	e := fail(r, zh, en)
	e.Field, e.Label = f.Code, f.Name
	return e
}

// parseText rejects control characters, which only appear when a file was
// decoded with the wrong encoding or a binary column was exported as text.
func parseText(s string, multiline bool) (string, *FieldError) {
	for _, r := range s {
		if r == '\t' || (multiline && (r == '\n' || r == '\r')) {
			continue
		}
		if unicode.IsControl(r) {
			return "", fail(ReasonFormat, "含有控制字符（文件编码可能有误）",
				"contains control characters (wrong file encoding?)")
		}
	}
	return s, nil
}

func parseBool(s string) (string, *FieldError) {
	switch strings.ToLower(asciiFold(s)) {
	case "是", "1", "true", "y", "yes":
		return "true", nil
	case "否", "0", "false", "n", "no":
		return "false", nil
	}
	return "", fail(ReasonFormat, "应为 是/否、1/0、true/false 或 Y/N", "must be 是/否, 1/0, true/false or Y/N")
}

// parseEnum accepts a value, its label or an alias. A multiple field also
// accepts several separated by ; , | / or 、; the whole string is tried
// first because some labels contain 、.
func (f Field) parseEnum(s string) (string, *FieldError) {
	if v, ok := f.enumValue(s); ok {
		return v, nil
	}
	if !f.Multiple {
		return "", f.enumError(s)
	}
	picked := map[string]bool{}
	parts := strings.FieldsFunc(asciiFold(s), func(r rune) bool { return strings.ContainsRune(";,|/、", r) })
	for _, p := range parts {
		p = strings.TrimFunc(p, unicode.IsSpace)
		v, ok := f.enumValue(p)
		if !ok {
			return "", f.enumError(p)
		}
		picked[v] = true
	}
	var out []string
	for _, ev := range f.Enum { // catalog order, so equal sets store equal text
		if picked[ev.Value] {
			out = append(out, ev.Value)
		}
	}
	if len(out) == 0 {
		return "", f.enumError(s)
	}
	return strings.Join(out, ";"), nil
}

func (f Field) enumValue(s string) (string, bool) {
	v, ok := f.enumIndex()[foldKey(s)]
	return v, ok
}

func (f Field) enumError(s string) *FieldError {
	allowed := make([]string, 0, len(f.Enum))
	for _, ev := range f.Enum {
		allowed = append(allowed, ev.DisplayLabel())
	}
	list := strings.Join(allowed, "/")
	if len([]rune(s)) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return failf(ReasonEnum, "%q 不是允许的取值（%s）", "%q is not an allowed value (%s)", s, list)
}
