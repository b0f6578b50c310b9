// SPDX-License-Identifier: Apache-2.0

package ingest_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/generate"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

// A generated province with deliberately broken rows goes through every
// reader (CSV UTF-8 and GB18030, XLSX, JSON Lines) and every header style;
// each file's receipt must match what the generator says it wrote.
func TestIngestFile_GeneratedProvince(t *testing.T) {
	t.Run("MasterFromGenerator", func(t *testing.T) { testGeneratedProvince(t, false) })
	t.Run("MasterFromRegistrationFile", func(t *testing.T) { testGeneratedProvince(t, true) })
}

func testGeneratedProvince(t *testing.T, masterFromFile bool) {
	ctx := context.Background()
	dir := t.TempDir()
	const n, seed = 1500, 7
	m, err := generate.Run(ctx, generate.Options{Enterprises: n, Out: dir, Seed: seed, BadRows: 0.03}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := storetest.Open(t)
	base, _ := catalog.Default()
	cat, err := catalog.NewService(ctx, s, base)
	if err != nil {
		t.Fatal(err)
	}
	subs := subject.NewService(s)
	svc := ingest.NewService(s, cat, s, nil)
	svc.Master = subs
	if !masterFromFile {
		gen, _ := generate.Enterprises(seed, n, "")
		if _, err := subs.Import(ctx, gen, nil); err != nil {
			t.Fatal(err)
		}
	}
	outcome := map[string]string{}
	for _, k := range m.BadRowKinds {
		outcome[k.Kind] = k.Outcome
	}
	providers := map[string]*ingest.Provider{}
	for _, f := range m.Files {
		p := providers[f.Provider]
		if p == nil {
			p = &ingest.Provider{Code: f.Provider, Name: f.ProviderName}
			providers[f.Provider] = p
		}
		p.Items = append(p.Items, f.Item)
	}
	for _, p := range providers {
		if _, err := svc.RegisterProvider(ctx, *p); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range m.Files {
		t.Run(f.Item, func(t *testing.T) {
			in := ingest.FileInput{Provider: f.Provider, Item: f.Item, Path: filepath.Join(dir, filepath.FromSlash(f.Path)),
				ExpectedRows: int64(f.Rows), ExpectedSHA256: f.SHA256}
			b, err := svc.IngestFile(ctx, in)
			if err != nil {
				t.Fatalf("%s: %v", f.Path, err)
			}
			var rejected, quarantined int64
			for kind, c := range f.BadRows {
				switch outcome[kind] {
				case "rejected":
					rejected += int64(c)
				case "quarantined":
					quarantined += int64(c)
				}
			}
			switch {
			case b.Item == "REG.JBXX":
				quarantined = 0 // the registration file builds the master, so it never quarantines
			case masterFromFile:
				quarantined += int64(f.RowsWithoutMaster) // their enterprise's registration row was broken
			}
			if got, want := [3]int64{b.Received, b.Rejected, b.Quarantined}, [3]int64{int64(f.Rows), rejected, quarantined}; got != want {
				var first []ingest.Rejection
				for r := range svc.Rejections(ctx, b.ID) {
					if len(first) < 3 {
						first = append(first, r)
					}
				}
				t.Fatalf("%s (%s %s, %s headers): received/rejected/quarantined %v, want %v; bad rows %v; first rejections %+v",
					f.Path, f.Format, f.Encoding, f.Header, got, want, f.BadRows, first)
			}
			if !b.Settled() || b.Status != ingest.BatchDone {
				t.Fatalf("batch not settled: %+v", b.Counts)
			}
			if r, ok := b.Reconcile(); !ok || !r.RowsMatch || !r.HashMatch {
				t.Fatalf("reconciliation %+v", r)
			}
			again, err := svc.IngestFile(ctx, in)
			if err != nil || again.ID != b.ID || again.Counts != b.Counts {
				t.Fatalf("re-sent file: %v %+v, want the first receipt %+v", err, again.Counts, b.Counts)
			}
		})
	}
	t.Run("Quality", func(t *testing.T) {
		size, _ := subs.Count(ctx)
		qs, err := svc.Quality(ctx, 24*time.Hour, int64(size))
		if err != nil {
			t.Fatal(err)
		}
		if len(qs) != len(m.Files) {
			t.Fatalf("%d quality rows, want one per file (%d)", len(qs), len(m.Files))
		}
		for _, q := range qs {
			if q.Batches != 1 || q.Late {
				t.Fatalf("%s/%s: %+v", q.Provider, q.Item, q)
			}
			if want := float64(q.Rejected) / max(1, float64(q.Received)); q.ErrorRate != want {
				t.Fatalf("%s error rate %v, want %v", q.Item, q.ErrorRate, want)
			}
			if q.Item == "REG.JBXX" {
				if q.Expected != int64(size) || q.Subjects != q.Received-q.Rejected-q.Quarantined ||
					q.CollectionRate != float64(q.Subjects)/float64(size) || masterFromFile && q.CollectionRate != 1 {
					t.Fatalf("registration collection rate: %d of %d = %v", q.Subjects, q.Expected, q.CollectionRate)
				}
				for _, f := range q.Completeness {
					if f.Field == "NAME" && f.Rate != 1 {
						t.Fatalf("required NAME filled %v", f.Rate)
					}
				}
			}
		}
	})
}
