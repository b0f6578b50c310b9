// SPDX-License-Identifier: Apache-2.0

package app

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/config"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

// TestApp_UsageJob: the node registers usage.aggregate, and running it
// moves the cursor to the end of the log; a second run finds nothing new.
func TestApp_UsageJob(t *testing.T) {
	ctx := context.Background()
	a := &App{Config: config.Default(), Log: slog.New(slog.DiscardHandler), Store: storetest.Open(t),
		Secret: []byte(strings.Repeat("k", 40)), holder: "test"}
	if err := a.buildServices(ctx); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(a.JobNames(), "usage.aggregate") {
		t.Fatalf("jobs %v", a.JobNames())
	}
	code, err := subject.Make('9', '1', "640104", "MA7J0B01")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Subjects.Register(ctx, subject.Subject{USCC: code, Name: "宁夏作业测试有限公司", Status: subject.StatusActive}); err != nil {
		t.Fatal(err)
	}
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	if _, err := a.Gate.Release(sys, gate.Request{Action: gate.ActionProfile, Subject: code}, nil); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := a.RunJob(ctx, "usage.aggregate"); err != nil {
			t.Fatal(err)
		}
	}
	size, err := a.Audit.Size(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cur, err := a.Store.UsageCursor(ctx); err != nil || cur != size || size == 0 {
		t.Fatalf("cursor %d (%v), log size %d", cur, err, size)
	}
}

// TestApp_PSIWarmJob: the node builds the encrypted platform lists ahead
// of the first list matching of the day.
func TestApp_PSIWarmJob(t *testing.T) {
	ctx := context.Background()
	a := &App{Config: config.Default(), Log: slog.New(slog.DiscardHandler), Store: storetest.Open(t),
		Secret: []byte(strings.Repeat("k", 40)), holder: "test"}
	if err := a.buildServices(ctx); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(a.JobNames(), "psi.warm") {
		t.Fatalf("jobs %v", a.JobNames())
	}
	if err := a.RunJob(ctx, "psi.warm"); err != nil {
		t.Fatal(err)
	}
}
