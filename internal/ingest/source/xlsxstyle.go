// SPDX-License-Identifier: Apache-2.0

package source

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// dateKind is what a number format shows a number as.
type dateKind int

const (
	notDate   dateKind = iota
	kDate              // 2023-05-01
	kMonth             // 2023-05
	kDateTime          // 2023-05-01 13:45:00
	kTime              // 13:45:00
)

// isoCodes are the formats dates are rewritten to.
var isoCodes = map[dateKind]string{kDate: "yyyy-mm-dd", kMonth: "yyyy-mm", kDateTime: "yyyy-mm-dd hh:mm:ss", kTime: "hh:mm:ss"}

// normaliseFormats rewrites the workbook's cell formats, in memory only,
// so that the library's formatted values are what the pipeline can parse:
// a number shown as a date comes out as ISO text whatever the provider's
// locale showed (05-01-23, 2023年5月1日), and any other number comes out
// as stored, not as displayed (1234.5, not "1,234.50" nor a rounded
// "1,235"; 0.125, not "12.5%").
func normaliseFormats(f *excelize.File) error {
	ids := map[dateKind]int{}
	for k, code := range isoCodes {
		c := code
		style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &c})
		if err != nil {
			return err
		}
		ids[k] = *f.Styles.CellXfs.Xf[style].NumFmtID
	}
	ss := f.Styles
	custom := map[int]string{}
	if ss.NumFmts != nil {
		for _, n := range ss.NumFmts.NumFmt {
			if n == nil {
				continue
			}
			code := n.FormatCode
			if n.FormatCode16 != "" {
				code = n.FormatCode16
			}
			custom[n.NumFmtID] = code
		}
	}
	ours := map[int]bool{}
	for _, id := range ids {
		ours[id] = true
	}
	for i := range ss.CellXfs.Xf {
		xf := &ss.CellXfs.Xf[i]
		id := 0
		if xf.NumFmtID != nil {
			id = *xf.NumFmtID
		}
		if ours[id] {
			continue
		}
		k := builtinKind(id)
		if code, ok := custom[id]; ok {
			k = classifyFormat(code)
		}
		to := 0 // General
		if k != notDate {
			to = ids[k]
		}
		xf.NumFmtID = &to
	}
	return nil
}

// builtinKind classifies the built-in formats, including the ones Excel
// shows as 2023年5月1日 or 13时45分 in a Chinese locale (27–36, 50–58).
func builtinKind(id int) dateKind {
	switch {
	case id >= 14 && id <= 17, id >= 27 && id <= 31, id == 36, id >= 50 && id <= 54, id == 57, id == 58:
		return kDate
	case id == 22:
		return kDateTime
	case id >= 18 && id <= 21, id >= 32 && id <= 35, id == 45, id == 47, id == 55, id == 56:
		return kTime
	}
	return notDate // 46 is [h]:mm:ss, a duration
}

// classifyFormat reads the first section of a format code, ignoring
// quoted text, escapes, padding and [colour]/[$-804] blocks. Elapsed time
// ([h]) is a duration, not a date.
func classifyFormat(code string) dateKind {
	var b strings.Builder
loop:
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				break loop
			}
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				break loop
			}
			if in := strings.ToLower(code[i+1 : i+j]); strings.Trim(in, "hms") == "" && in != "" {
				return notDate
			}
			i += j
		case ';':
			break loop
		default:
			b.WriteByte(c)
		}
	}
	s := strings.ToLower(b.String())
	if strings.Contains(s, "general") || strings.Contains(s, "@") {
		return notDate
	}
	for _, ampm := range []string{"am/pm", "a/p", "e+", "e-"} {
		s = strings.ReplaceAll(s, ampm, "")
	}
	y, m, d := strings.ContainsRune(s, 'y'), strings.ContainsRune(s, 'm'), strings.ContainsRune(s, 'd')
	h, sec := strings.ContainsRune(s, 'h'), strings.ContainsRune(s, 's')
	date := y || d || m && !h && !sec
	switch {
	case date && (h || sec):
		return kDateTime
	case h || sec:
		return kTime
	case y && m && !d:
		return kMonth
	case date:
		return kDate
	}
	return notDate
}
