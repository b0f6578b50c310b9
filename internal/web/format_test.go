// SPDX-License-Identifier: Apache-2.0

package web

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestFormatFen(t *testing.T) {
	for _, tc := range []struct {
		fen  int64
		want string
	}{
		{0, "0.00"},
		{5, "0.05"},
		{100, "1.00"},
		{123456, "1,234.56"},
		{100000000, "1,000,000.00"},
		{123456789, "1,234,567.89"},
		{-123456789, "-1,234,567.89"},
		{-7, "-0.07"},
		{math.MaxInt64, "92,233,720,368,547,758.07"},
		{math.MinInt64, "-92,233,720,368,547,758.08"},
	} {
		if got := formatFen(tc.fen); got != tc.want {
			t.Errorf("formatFen(%d)=%q, want %q", tc.fen, got, tc.want)
		}
	}
}

func TestFormatCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -12345: "-12,345"} {
		if got := formatCount(n); got != want {
			t.Errorf("formatCount(%d)=%q, want %q", n, got, want)
		}
	}
}

func TestFormatDate_ChinaTime(t *testing.T) {
	// 16:30 UTC is half past midnight the next day in Beijing.
	utc := time.Date(2024, 4, 30, 16, 30, 0, 0, time.UTC)
	if got, want := formatDate(utc), "2024-05-01"; got != want {
		t.Fatalf("formatDate=%q, want %q", got, want)
	}
	if got, want := formatDateTime(utc), "2024-05-01 00:30"; got != want {
		t.Fatalf("formatDateTime=%q, want %q", got, want)
	}
	// Summer and winter give the same offset: China has no daylight saving.
	if got, want := formatDateTime(time.Date(2024, 7, 1, 4, 0, 0, 0, time.UTC)), "2024-07-01 12:00"; got != want {
		t.Fatalf("formatDateTime=%q, want %q", got, want)
	}
	if got := formatDate(time.Time{}); got != "" {
		t.Fatalf("zero time formatted as %q", got)
	}
}

func FuzzFormatFen(f *testing.F) {
	for _, s := range []int64{0, 1, -1, 99, 100, 123456789, math.MinInt64, math.MaxInt64} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, fen int64) {
		s := formatFen(fen)
		digits := strings.NewReplacer(",", "", ".", "", "-", "").Replace(s)
		if strings.TrimLeft(digits, "0123456789") != "" || len(s) < 4 || s[len(s)-3] != '.' {
			t.Fatalf("formatFen(%d)=%q is not a grouped amount", fen, s)
		}
		if (fen < 0) != strings.HasPrefix(s, "-") {
			t.Fatalf("formatFen(%d)=%q has the wrong sign", fen, s)
		}
	})
}

func BenchmarkFormatFen(b *testing.B) {
	for b.Loop() {
		_ = formatFen(123456789012)
	}
}
