// SPDX-License-Identifier: Apache-2.0

package web

import (
	"strconv"
	"strings"
	"time"
)

// chinaTime is China Standard Time. China has kept UTC+8 without daylight
// saving since 1991, so a fixed zone is exact for every date we show and
// needs no tzdata on the host.
var chinaTime = time.FixedZone("CST", 8*60*60)

// formatDate shows t's calendar day in China ("2024-05-01"), or "" for the
// zero time.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(chinaTime).Format("2006-01-02")
}

// formatDateTime shows t to the minute in China ("2024-05-01 14:05").
func formatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(chinaTime).Format("2006-01-02 15:04")
}

// formatFen writes an amount of fen as yuan with thousands separators and
// two decimals: 123456789 → "1,234,567.89". Integer arithmetic only, so
// amounts beyond float precision stay exact.
func formatFen(fen int64) string {
	neg := fen < 0
	u := uint64(fen)
	if neg {
		u = uint64(-(fen + 1)) + 1 // safe for math.MinInt64
	}
	yuan, cents := u/100, u%100
	s := groupThousands(strconv.FormatUint(yuan, 10))
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString(s)
	b.WriteByte('.')
	if cents < 10 {
		b.WriteByte('0')
	}
	b.WriteString(strconv.FormatUint(cents, 10))
	return b.String()
}

// formatCount writes a count with thousands separators.
func formatCount(n int) string {
	if n < 0 {
		return "-" + groupThousands(strconv.Itoa(-n))
	}
	return groupThousands(strconv.Itoa(n))
}

// groupThousands puts a comma every three digits from the right.
func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	lead := len(digits) % 3
	if lead > 0 {
		b.WriteString(digits[:lead])
	}
	for i := lead; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}
