// SPDX-License-Identifier: Apache-2.0

package catalog

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// chinaTime is UTC+8, the zone of every provider's local times. A fixed zone
// needs no tzdata, and China has had no daylight saving since 1991.
var chinaTime = time.FixedZone("CST", 8*3600)

// farFuture is what providers write for "no end" (长期) in a date field.
const farFuture = "2099-12-31"

var (
	// 2019-10-10, 2019/1/5, 2019.01.05, 2019年1月5日, 20191010, each
	// optionally followed by a time of day.
	dateRE = regexp.MustCompile(`^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?|(\d{2})(\d{2}))(?:[ T](.*))?$`)
	// 2024-03, 2024/3, 2024.03, 2024年3月, 202403 (and a full date, whose day is ignored).
	monthRE = regexp.MustCompile(`^(\d{4})(?:[-/.](\d{1,2})|年(\d{1,2})月?|(\d{2}))$`)
	// 15:04, 15:04:05, 15:04:05.123, then an optional Z or ±hh[:]mm zone.
	clockRE  = regexp.MustCompile(`^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?$`)
	longTerm = map[string]bool{"长期": true, "永久": true, "长期有效": true, "无固定期限": true, "9999-12-31": true}
)

const (
	minYear = 1900
	maxYear = 2100
)

func parseDate(s string, openEnded bool) (string, *FieldError) {
	s = asciiFold(s)
	if openEnded && longTerm[s] {
		return farFuture, nil
	}
	t, clock, err := splitDateTime(s)
	if err != nil {
		return "", err
	}
	// Database exports often add 00:00:00; a well-formed time is ignored.
	if clock != "" {
		if _, err := parseClock(clock); err != nil {
			return "", err
		}
	}
	return t.Format(time.DateOnly), nil
}

func parseDateTime(s string) (string, *FieldError) {
	t, clock, err := splitDateTime(asciiFold(s))
	if err != nil {
		return "", err
	}
	if clock == "" {
		return t.UTC().Format(time.RFC3339), nil
	}
	c, err := parseClock(clock)
	if err != nil {
		return "", err
	}
	t = time.Date(t.Year(), t.Month(), t.Day(), c.h, c.m, c.s, 0, c.loc)
	return t.UTC().Format(time.RFC3339), nil
}

type clock struct {
	h, m, s int
	loc     *time.Location
}

// parseClock reads a time of day with an optional zone; without a zone it is
// China time. Fractions of a second are dropped.
func parseClock(s string) (clock, *FieldError) {
	m := clockRE.FindStringSubmatch(s)
	if m == nil {
		return clock{}, fail(ReasonFormat, "时间格式应为 HH:MM:SS，可带时区", "time of day must be HH:MM:SS with an optional zone")
	}
	c := clock{loc: chinaTime}
	c.h, _ = strconv.Atoi(m[1])
	c.m, _ = strconv.Atoi(m[2])
	if m[3] != "" {
		c.s, _ = strconv.Atoi(m[3])
	}
	if c.h > 23 || c.m > 59 || c.s > 59 {
		return clock{}, fail(ReasonRange, "时间超出范围", "time of day out of range")
	}
	switch z := m[4]; {
	case z == "Z":
		c.loc = time.UTC
	case z != "":
		zh, _ := strconv.Atoi(z[1:3])
		zm, _ := strconv.Atoi(z[len(z)-2:])
		if zh > 14 || zm > 59 {
			return clock{}, fail(ReasonRange, "时区超出范围", "time zone offset out of range")
		}
		off := zh*3600 + zm*60
		if z[0] == '-' {
			off = -off
		}
		c.loc = time.FixedZone("", off)
	}
	return c, nil
}

// splitDateTime reads the date part (at midnight, China time) and returns the
// rest, the time of day, unparsed.
func splitDateTime(s string) (time.Time, string, *FieldError) {
	if isoDate(s) {
		t, err := civil(s[0:4], s[5:7], s[8:10])
		if err != nil {
			return time.Time{}, "", err
		}
		if len(s) == 10 {
			return t, "", nil
		}
		return t, strings.TrimSpace(s[11:]), nil
	}
	return splitDateTimeRE(s)
}

// splitDateTimeRE is splitDateTime for every accepted form.
func splitDateTimeRE(s string) (time.Time, string, *FieldError) {
	m := dateRE.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, "", fail(ReasonFormat, "日期格式应为 YYYY-MM-DD、YYYY/MM/DD、YYYYMMDD 或 YYYY年M月D日",
			"date must be YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD or YYYY年M月D日")
	}
	mo, d := firstNonEmpty(m[2], m[4], m[6]), firstNonEmpty(m[3], m[5], m[7])
	t, err := civil(m[1], mo, d)
	if err != nil {
		return time.Time{}, "", err
	}
	return t, strings.TrimSpace(m[8]), nil
}

// isoDate reports whether s starts with YYYY-MM-DD followed by nothing, a
// space or a T: the form nearly every export uses, read here without the
// regular expression (which took a third of a penalty row's validation).
// It accepts exactly what dateRE's first form accepts.
func isoDate(s string) bool {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' || (len(s) > 10 && s[10] != ' ' && s[10] != 'T') {
		return false
	}
	for i := 0; i < 10; i++ {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

func parseMonth(s string) (string, *FieldError) {
	s = asciiFold(s)
	if m := monthRE.FindStringSubmatch(s); m != nil {
		t, err := civil(m[1], firstNonEmpty(m[2], m[3], m[4]), "1")
		if err != nil {
			return "", err
		}
		return t.Format("2006-01"), nil
	}
	if t, _, err := splitDateTime(s); err == nil {
		return t.Format("2006-01"), nil
	}
	return "", fail(ReasonFormat, "月份格式应为 YYYY-MM、YYYYMM 或 YYYY年M月", "month must be YYYY-MM, YYYYMM or YYYY年M月")
}

// civil builds a calendar date and rejects the ones that do not exist
// (2023-02-29) instead of letting time.Date roll them over.
func civil(ys, ms, ds string) (time.Time, *FieldError) {
	y, _ := strconv.Atoi(ys)
	mo, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	if y < minYear || y > maxYear {
		return time.Time{}, failf(ReasonRange, "年份应在 %d 至 %d 之间", "year must be between %d and %d", minYear, maxYear)
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, chinaTime)
	if t.Month() != time.Month(mo) || t.Day() != d {
		return time.Time{}, fail(ReasonRange, fmt.Sprintf("日期 %s-%s-%s 不存在", ys, ms, ds),
			fmt.Sprintf("date %s-%s-%s does not exist", ys, ms, ds))
	}
	return t, nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
