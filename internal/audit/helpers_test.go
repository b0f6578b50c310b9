// SPDX-License-Identifier: Apache-2.0

package audit_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

var (
	secret = []byte("0123456789abcdef0123456789abcdef")
	t0     = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
)

// MustLog opens a fresh store of the selected backend and the audit
// service over it.
func MustLog(tb testing.TB) (*sqlstore.Store, *audit.Service) {
	tb.Helper()
	s := storetest.Open(tb)
	svc, err := audit.New(context.Background(), s, audit.Options{Secret: secret, Origin: "test.example/audit"})
	if err != nil {
		tb.Fatal(err)
	}
	return s, svc
}

// event returns the i-th test event: a bank's query about one of ten
// enterprises.
func event(i int) audit.Event {
	return audit.Event{Kind: "subject.viewed/v1", Time: t0.Add(time.Duration(i) * time.Second),
		Actor:   audit.Actor{Kind: "user", ID: fmt.Sprintf("U%d", i%3), OrgID: fmt.Sprintf("BANK%d", i%2), OrgKind: "institution", Role: "institution_query_officer"},
		Subject: fmt.Sprintf("9144030019220382%02d", i%10), Items: []string{"tax.rating", "court.judgment"},
		Purpose: "loan_precheck", Authorization: fmt.Sprintf("C%d", i), RequestID: fmt.Sprintf("req-%d", i),
		Outcome: audit.OutcomeOK, Details: map[string]string{"n": fmt.Sprint(i)}}
}

// MustAppend appends events [from, from+n) in one transaction.
func MustAppend(tb testing.TB, s *sqlstore.Store, svc *audit.Service, from, n int) []int64 {
	tb.Helper()
	evs := make([]audit.Event, n)
	for i := range evs {
		evs[i] = event(from + i)
	}
	var idx []int64
	err := s.Tx(context.Background(), func(tx *sqlstore.Tx) error {
		var err error
		idx, err = svc.Append(context.Background(), tx, evs...)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return idx
}

// MustVerify runs Verify with the secret and fails unless it is clean.
func MustVerify(tb testing.TB, s *sqlstore.Store, svc *audit.Service) audit.Report {
	tb.Helper()
	rep, err := audit.Verify(context.Background(), s, audit.VerifyOptions{Secret: secret, VerifierKey: svc.VerifierKey()})
	if err != nil {
		tb.Fatal(err)
	}
	if !rep.OK() {
		tb.Fatalf("verify: %v", rep.Problems)
	}
	return rep
}

// exec runs a raw statement behind the log's back (tamper tests).
func exec(tb testing.TB, s *sqlstore.Store, q string, args ...any) {
	tb.Helper()
	err := s.Tx(context.Background(), func(tx *sqlstore.Tx) error {
		_, err := tx.Exec(context.Background(), q, args...)
		return err
	})
	if err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
}
