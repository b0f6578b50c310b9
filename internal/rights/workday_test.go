// SPDX-License-Identifier: Apache-2.0

package rights_test

import (
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/rights"
)

func cst(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, rights.Shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

func TestAddWorkdays(t *testing.T) {
	cal := rights.DefaultCalendar()
	for _, tc := range []struct {
		name string
		from time.Time
		n    int
		want string // end of the last working day, Asia/Shanghai
	}{
		{"ordinary week, Friday to Monday", cst("2026-11-20 09:00"), 1, "2026-11-24 00:00"},
		{"2025 国庆: Tuesday before the holiday", cst("2025-09-30 10:00"), 2, "2025-10-11 00:00"},
		{"2025 adjusted working Saturday 10-11", cst("2025-10-10 16:00"), 1, "2025-10-12 00:00"},
		{"2025 adjusted working Sunday 09-28", cst("2025-09-26 16:00"), 1, "2025-09-29 00:00"},
		{"2026 国庆 and 中秋: provider check of 10 days", cst("2026-09-18 11:00"), 10, "2026-10-10 00:00"},
		{"2026 国庆: 2 days", cst("2026-09-30 10:00"), 2, "2026-10-10 00:00"},
		{"2026 adjusted working Saturday 10-10", cst("2026-10-09 10:00"), 1, "2026-10-11 00:00"},
		{"2026 春节: adjusted working Saturday 02-14", cst("2026-02-13 10:00"), 1, "2026-02-15 00:00"},
		{"2026 春节: 9 days off", cst("2026-02-14 10:00"), 1, "2026-02-25 00:00"},
		{"filed at night UTC, already the holiday in Beijing", time.Date(2025, 9, 30, 17, 0, 0, 0, time.UTC), 1, "2025-10-10 00:00"},
		{"zero days: end of the same day", cst("2026-03-03 10:00"), 0, "2026-03-04 00:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cal.AddWorkdays(tc.from, tc.n)
			if got.Location() != time.UTC {
				t.Errorf("location %v, want UTC", got.Location())
			}
			if got, want := got.In(rights.Shanghai).Format("2006-01-02 15:04"), tc.want; got != want {
				t.Fatalf("AddWorkdays(%v, %d) = %s, want %s", tc.from, tc.n, got, want)
			}
		})
	}
}

func TestIsWorkday(t *testing.T) {
	cal := rights.DefaultCalendar()
	for day, want := range map[string]bool{
		"2025-10-08": false, "2025-10-11": true, "2025-09-28": true, "2025-01-26": true, "2025-05-05": false,
		"2026-01-04": true, "2026-02-23": false, "2026-02-28": true, "2026-05-09": true, "2026-06-19": false,
		"2026-09-25": false, "2026-10-07": false, "2026-10-08": true, "2026-11-21": false, "2026-11-23": true,
	} {
		if got := cal.IsWorkday(cst(day + " 12:00")); got != want {
			t.Errorf("IsWorkday(%s) = %v, want %v", day, got, want)
		}
	}
	if !cal.Knows(2025) || !cal.Knows(2026) || cal.Knows(2027) {
		t.Errorf("Knows: 2025 %v 2026 %v 2027 %v, want true true false", cal.Knows(2025), cal.Knows(2026), cal.Knows(2027))
	}
}

// TestCalendarOverride: an operator's year replaces or adds a whole year.
func TestCalendarOverride(t *testing.T) {
	f, err := rights.ParseCalendar([]byte(`{"years":{"2027":{"holidays":["2027-01-01"],"workdays":["2027-01-09"]}}}`))
	if err != nil {
		t.Fatal(err)
	}
	svcCal := rights.New(nil, nil, nil, rights.Options{Calendar: []rights.CalendarFile{f}}).Calendar()
	if got, want := svcCal.AddWorkdays(cst("2026-12-31 10:00"), 1).In(rights.Shanghai).Format(time.DateOnly), "2027-01-05"; got != want {
		t.Errorf("over 2027 元旦: %s, want %s", got, want)
	}
	if !svcCal.IsWorkday(cst("2027-01-09 10:00")) || !svcCal.Knows(2026) {
		t.Errorf("2027-01-09 should be a working Saturday and 2026 still known")
	}
	for _, bad := range []string{`{`, `{"years":{"2027":{"holidays":["2026-01-01"]}}}`, `{"years":{"2027":{"workdays":["2027-13-01"]}}}`} {
		if _, err := rights.ParseCalendar([]byte(bad)); err == nil {
			t.Errorf("ParseCalendar(%s): no error", bad)
		}
	}
}

func FuzzParseCalendar(f *testing.F) {
	f.Add([]byte(`{"years":{"2027":{"holidays":["2027-01-01"],"workdays":["2027-01-09"]}}}`))
	f.Add([]byte(`{"years":{"x":{}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		cf, err := rights.ParseCalendar(b)
		if err != nil {
			return
		}
		cal := rights.NewCalendar(cf)
		start := cst("2026-12-30 10:00")
		if end := cal.AddWorkdays(start, 3); !end.After(start) {
			t.Fatalf("deadline %v not after %v", end, start)
		}
	})
}

func BenchmarkAddWorkdays(b *testing.B) {
	cal := rights.DefaultCalendar()
	from := cst("2026-09-18 11:00")
	for b.Loop() {
		cal.AddWorkdays(from, 10)
	}
}
