// SPDX-License-Identifier: Apache-2.0

package verify

import (
	"testing"
	"time"
)

func TestReceiptBody_RoundTrip(t *testing.T) {
	r := Receipt{ID: "01J0000000000000000000000A", Template: "tax_grade_in", ParamsHash: "sha256:ab", Enterprise: "91640104MA7X000018",
		Institution: "01J0000000000000000000000B", Purpose: "pre_loan", Result: true,
		AsOf: time.Date(2026, 3, 1, 8, 0, 0, 123000, time.UTC), AuditIndex: 42}
	got, err := ParseReceiptBody(r.Body())
	if err != nil {
		t.Fatal(err)
	}
	if got != r {
		t.Fatalf("parsed %+v, want %+v", got, r)
	}
}

// FuzzParseReceiptBody: any text either is refused or parses to a receipt
// whose body is the text itself.
func FuzzParseReceiptBody(f *testing.F) {
	f.Add(Receipt{ID: "a", Template: "t", AsOf: time.Unix(0, 0)}.Body())
	f.Add("xinrong verification receipt v1\n")
	f.Fuzz(func(t *testing.T, body string) {
		r, err := ParseReceiptBody(body)
		if err != nil {
			return
		}
		if got := r.Body(); got != body {
			t.Fatalf("body %q parsed and re-written as %q", body, got)
		}
	})
}
