// SPDX-License-Identifier: Apache-2.0

package consent_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

// TestReceipt_VerifyOffline checks a receipt with nothing but the
// verifier key string, and shows that any edit breaks it.
func TestReceipt_VerifyOffline(t *testing.T) {
	f := MustFixture(t)
	a := f.MustGrant(t, f.terms())
	rcpt, err := f.svc.Receipt(f.as["bank"], a.ID)
	if err != nil {
		t.Fatal(err)
	}
	vkey := f.svc.VerifierKey()
	if !strings.HasPrefix(vkey, "test.example/consent+") {
		t.Fatalf("verifier key %q", vkey)
	}
	r, err := consent.Verify(rcpt, vkey)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if r.ID != a.ID || r.Status != consent.StatusActive || r.EnterpriseUSCC != usccA || r.InstitutionOrgID != f.orgs["bank"].ID ||
		strings.Join(r.Scope, " ") != "PEN.XZCF SOC.CBJF TAX" || r.Purpose != consent.PurposePreLoan || !r.ValidUntil.Equal(a.ValidUntil) {
		t.Fatalf("receipt states %+v, want the terms of %+v", r, a)
	}
	for _, edit := range [][2]string{{"status: active", "status: revoked"}, {"scope: PEN.XZCF", "scope: CUS.JCKE PEN.XZCF"},
		{"purpose: pre_loan", "purpose: post_loan"}, {"valid_until: 2026-03-31", "valid_until: 2027-03-31"}} {
		bad := bytes.Replace(rcpt, []byte(edit[0]), []byte(edit[1]), 1)
		if bytes.Equal(bad, rcpt) {
			t.Fatalf("edit %q did not apply to %s", edit[0], rcpt)
		}
		if _, err := consent.Verify(bad, vkey); !errors.Is(err, consent.ErrBadReceipt) {
			t.Fatalf("edited receipt (%s): %v, want ErrBadReceipt", edit[1], err)
		}
	}
	// Another node's key does not verify this node's receipt.
	other := MustFixture(t)
	if _, err := consent.Verify(rcpt, other.svc.VerifierKey()); !errors.Is(err, consent.ErrBadReceipt) {
		t.Fatalf("other key: %v, want ErrBadReceipt", err)
	}
	if _, err := f.svc.Revoke(f.as["ent"], a.ID); err != nil {
		t.Fatal(err)
	}
	rcpt, err = f.svc.Receipt(f.as["op"], a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r, err := consent.Verify(rcpt, vkey); err != nil || r.Status != consent.StatusRevoked {
		t.Fatalf("revocation receipt: %+v, %v", r, err)
	}
	if _, err := f.svc.Receipt(f.as["bankB"], a.ID); err == nil {
		t.Fatalf("a third institution read the receipt")
	}
}

// TestService_KeyPersists: the receipt key is created once per database
// and only opens with the node secret.
func TestService_KeyPersists(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t)
	log, err := audit.New(ctx, s, audit.Options{Secret: secret, Origin: "test.example/audit"})
	if err != nil {
		t.Fatal(err)
	}
	base, _ := catalog.Default()
	cat, err := catalog.NewService(ctx, s, base)
	if err != nil {
		t.Fatal(err)
	}
	a, err := consent.New(ctx, s, cat, log, consent.Options{Secret: secret, Origin: "one.example/consent"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := consent.New(ctx, s, cat, log, consent.Options{Secret: secret, Origin: "two.example/consent"})
	if err != nil || a.VerifierKey() != b.VerifierKey() {
		t.Fatalf("second start: %v, key %q want %q", err, b.VerifierKey(), a.VerifierKey())
	}
	if a.VerifierKey() == log.VerifierKey() {
		t.Fatalf("the receipt key is the audit key")
	}
	if _, err := consent.New(ctx, s, cat, log, consent.Options{Secret: []byte(strings.Repeat("x", 32))}); err == nil {
		t.Fatalf("another node secret opened the key")
	}
}

// TestParseReceiptBody round-trips a body and refuses malformed ones.
func TestParseReceiptBody(t *testing.T) {
	r := consent.Receipt{ID: "01J", Status: consent.StatusActive, EnterpriseUSCC: usccA, InstitutionOrgID: "I",
		Scope: []string{"TAX"}, Purpose: consent.PurposeOther, PurposeText: "设备融资", Mode: consent.ModeOneTime,
		ValidFrom: t0, ValidUntil: t0.Add(time.Hour), IssuedAt: t0}
	got, err := consent.ParseReceiptBody(r.Body())
	if err != nil || got.Body() != r.Body() {
		t.Fatalf("round trip: %v\n%s\nwant\n%s", err, got.Body(), r.Body())
	}
	for _, bad := range []string{"", r.Body()[1:], strings.Replace(r.Body(), "mode: one_time", "mode: x", 1),
		strings.Replace(r.Body(), "id: ", "ID: ", 1), r.Body() + "extra\n"} {
		if _, err := consent.ParseReceiptBody(bad); err == nil {
			t.Errorf("parsed %q", bad)
		}
	}
}

func FuzzParseReceiptBody(f *testing.F) {
	f.Add(consent.Receipt{ID: "X", Status: consent.StatusActive, Purpose: consent.PurposePreLoan, Mode: consent.ModePeriod}.Body())
	f.Add("xinrong consent receipt v1\n")
	f.Fuzz(func(t *testing.T, body string) {
		r, err := consent.ParseReceiptBody(body)
		if err != nil {
			return
		}
		if _, err := consent.ParseReceiptBody(r.Body()); err != nil {
			t.Fatalf("re-parse of %q: %v", r.Body(), err)
		}
	})
}

func BenchmarkCheck(b *testing.B) {
	f := MustFixture(b)
	for range 20 {
		f.MustGrant(b, f.terms())
	}
	ctx := context.Background()
	for b.Loop() {
		if _, err := f.svc.Check(ctx, f.orgs["bank"].ID, usccA, "TAX.NSE", consent.PurposePreLoan, t0); err != nil {
			b.Fatal(err)
		}
	}
}
