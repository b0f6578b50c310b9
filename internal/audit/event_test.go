// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
)

func TestEvent_Normalize(t *testing.T) {
	ok := goldenEvent()
	bad := func(f func(e *Event)) Event { e := goldenEvent(); f(&e); return e }
	for name, e := range map[string]Event{
		"ErrKindNoVersion":    bad(func(e *Event) { e.Kind = "report.issued" }),
		"ErrKindNoDomain":     bad(func(e *Event) { e.Kind = "login/v1" }),
		"ErrKindUpper":        bad(func(e *Event) { e.Kind = "Report.issued/v1" }),
		"ErrKindVersionZero":  bad(func(e *Event) { e.Kind = "report.issued/v01" }),
		"ErrNoTime":           bad(func(e *Event) { e.Time = time.Time{} }),
		"ErrOutcome":          bad(func(e *Event) { e.Outcome = "maybe" }),
		"ErrActorKind":        bad(func(e *Event) { e.Actor.Kind = "robot" }),
		"ErrSubjectSpace":     bad(func(e *Event) { e.Subject = "9144 0300" }),
		"ErrPurposeText":      bad(func(e *Event) { e.Purpose = "贷款审查" }),
		"ErrLongID":           bad(func(e *Event) { e.RequestID = strings.Repeat("a", 129) }),
		"ErrEmptyItem":        bad(func(e *Event) { e.Items = []string{""} }),
		"ErrTooManyItems":     bad(func(e *Event) { e.Items = make([]string, 257) }),
		"ErrDetailKey":        bad(func(e *Event) { e.Details = map[string]string{"a b": "x"} }),
		"ErrDetailValueUTF8":  bad(func(e *Event) { e.Details = map[string]string{"a": "\xff"} }),
		"ErrDetailValueLarge": bad(func(e *Event) { e.Details = map[string]string{"a": strings.Repeat("x", 1025)} }),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := e.normalize(); !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("err=%v, want Invalid", err)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		n, err := ok.normalize()
		if err != nil {
			t.Fatal(err)
		}
		if got, want := n.Subject, "91440300192203821X"; got != want {
			t.Fatalf("subject=%q, want %q", got, want)
		}
		if got, want := strings.Join(n.Items, ","), "court.judgment,tax.rating"; got != want {
			t.Fatalf("items=%q, want %q", got, want)
		}
		if got := ok.Items[0]; got != "tax.rating" {
			t.Fatalf("normalize changed the caller's items: %v", ok.Items)
		}
	})
	t.Run("OKTimeTruncated", func(t *testing.T) {
		e := goldenEvent()
		e.Time = time.Date(2026, 1, 2, 3, 4, 5, 123456789, time.FixedZone("CST", 8*3600))
		n, err := e.normalize()
		if err != nil {
			t.Fatal(err)
		}
		if got, want := n.Time.Format(timeLayout), "2026-01-01T19:04:05.123456Z"; got != want {
			t.Fatalf("time=%s, want %s", got, want)
		}
	})
}

func TestValidKind(t *testing.T) {
	for k, want := range map[string]bool{
		"report.issued/v1": true, "catalog.item_added/v12": true, "a.b.c/v3": true,
		"login/v1": false, "report.issued/v": false, "report.issued/1": false, "report..x/v1": false,
		".x/v1": false, "report.issued/v1/v2": false, "report.Issued/v1": false, "": false,
	} {
		if got := validKind(k); got != want {
			t.Fatalf("validKind(%q)=%v, want %v", k, got, want)
		}
	}
}
