// SPDX-License-Identifier: Apache-2.0

package source

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// dateKind is what a number format shows a number as.
type dateKind byte

const (
	notDate   dateKind = iota
	kDate              // 2023-05-01
	kMonth             // 2023-05
	kDateTime          // 2023-05-01 13:45:00
	kTime              // 13:45:00
)

var isoLayouts = [...]string{kDate: "2006-01-02", kMonth: "2006-01", kDateTime: "2006-01-02 15:04:05", kTime: "15:04:05"}

// noFormat is a format ID that neither excelize's built-in table nor any
// workbook defines: excelize then returns the stored value unformatted.
const noFormat = -1

// normaliseFormats rewrites the workbook's cell formats, in memory only.
//
// A number shown as a date must come out as ISO text whatever the
// provider's locale showed (05-01-23, 2023年5月1日). Excelize can format
// dates, but at ~28 µs a cell, too slow for 50,000-row sheets. So each
// date format becomes `0.000000000"<marker>"`: excelize prints the serial
// number with a private-use character saying which kind of date it was,
// cheaply, and fromMarked turns that into ISO text. Text typed into a
// date-formatted cell is left alone by the format, as Excel leaves it.
//
// Any other number comes out as stored, not as displayed (1234.5, not
// "1,234.50" nor a rounded "1,235"; 0.125, not "12.5%"): the displayed
// text can lose digits, and the pipeline parses numbers itself.
//
// Without a cellXfs table no cell has a format and there is nothing to do.
func normaliseFormats(f *excelize.File) error {
	if f.Styles == nil || f.Styles.CellXfs == nil {
		return nil
	}
	var ids [kTime + 1]int
	for k := kDate; k <= kTime; k++ {
		code := `0.000000000"` + string(rune(0xE000+int(k))) + `"`
		style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			return err
		}
		ids[k] = *f.Styles.CellXfs.Xf[style].NumFmtID
	}
	ss := f.Styles
	custom := map[int]string{}
	if ss.NumFmts != nil {
		for _, n := range ss.NumFmts.NumFmt {
			if n != nil {
				custom[n.NumFmtID] = n.FormatCode
				if n.FormatCode16 != "" {
					custom[n.NumFmtID] = n.FormatCode16
				}
			}
		}
	}
	for i := range ss.CellXfs.Xf {
		xf := &ss.CellXfs.Xf[i]
		id := 0
		if xf.NumFmtID != nil {
			id = *xf.NumFmtID
		}
		if id == ids[kDate] || id == ids[kMonth] || id == ids[kDateTime] || id == ids[kTime] {
			continue
		}
		k := builtinKind(id)
		if code, ok := custom[id]; ok {
			k = classifyFormat(code)
		}
		to := noFormat
		if k != notDate {
			to = ids[k]
		}
		xf.NumFmtID = &to
	}
	return nil
}

// fromMarked turns a value printed with a date marker into ISO text; any
// other value is returned as it is. A serial outside 0001–9999 is not a
// date Excel can show: it comes out as a plain number.
func fromMarked(v string, date1904 bool) string {
	n := len(v)
	if n < 4 || v[n-3] != 0xEE || v[n-2] != 0x80 || v[n-1] <= 0x80 || v[n-1] > 0x80+byte(kTime) {
		return v
	}
	k := dateKind(v[n-1] - 0x80)
	x, err := strconv.ParseFloat(v[:n-3], 64)
	if err != nil {
		return v[:n-3]
	}
	if !(x >= 0 && x < 2958466) {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	days := math.Floor(x)
	secs := math.Round((x - days) * 86400)
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case days < 61:
		base = base.AddDate(0, 0, 1) // Excel counts a 29 February 1900 that never was
	}
	t := base.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
	return t.Format(isoLayouts[k])
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
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				break loop
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				break loop
			}
			if in := strings.ToLower(code[i+1 : i+j]); in != "" && strings.Trim(in, "hms") == "" {
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
	for _, x := range []string{"am/pm", "a/p", "e+", "e-"} {
		s = strings.ReplaceAll(s, x, "")
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
