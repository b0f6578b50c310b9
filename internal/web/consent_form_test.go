// SPDX-License-Identifier: Apache-2.0

package web

import (
	"testing"
	"time"
)

func TestTermsForm_Dates(t *testing.T) {
	now := time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC) // 11:00 in China
	tm, err := termsForm{ValidFrom: "2026-11-22", ValidUntil: "2026-12-01"}.terms(now)
	if err != nil {
		t.Fatal(err)
	}
	if !tm.ValidFrom.IsZero() {
		t.Errorf("today's start %v, want now (zero)", tm.ValidFrom)
	}
	if got, want := tm.ValidUntil, time.Date(2026, 12, 1, 16, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("until %v, want the end of 1 December in China (%v)", got, want)
	}
	tm, err = termsForm{ValidFrom: "2026-11-25", ValidUntil: "2026-12-01"}.terms(now)
	if err != nil || !tm.ValidFrom.Equal(time.Date(2026, 11, 24, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("future start %v, %v", tm.ValidFrom, err)
	}
	for _, f := range []termsForm{{ValidUntil: ""}, {ValidUntil: "2026/12/01"}, {ValidUntil: "2026-12-01", ValidFrom: "soon"}} {
		if _, err := f.terms(now); err == nil {
			t.Errorf("%+v accepted", f)
		}
	}
}

func FuzzTermsFormDates(f *testing.F) {
	f.Add("2026-11-25", "2026-12-01")
	f.Add("", "2026-02-30")
	f.Fuzz(func(t *testing.T, from, until string) {
		tm, err := termsForm{ValidFrom: from, ValidUntil: until}.terms(time.Now())
		if err != nil {
			return
		}
		// The authorization ends with the named day in China, never on another.
		if got := tm.ValidUntil.Add(-time.Nanosecond).In(chinaTime).Format(time.DateOnly); got != until {
			t.Fatalf("until %q ends on %s", until, got)
		}
	})
}
