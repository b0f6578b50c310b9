// SPDX-License-Identifier: Apache-2.0

package ingest_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/ingest"
)

// abnormalCSV is a small file of the abnormal-operations list.
func (e *env) abnormalCSV(dates ...string) string {
	s := "企业名称,统一社会信用代码/注册号,列入经营异常名录原因,列入日期,作出决定机关（列入）\n"
	for i, d := range dates {
		s += e.names[i] + "," + e.codes[i] + ",未按规定期限公示年度报告," + d + ",银川市兴庆区市场监督管理局\n"
	}
	return s
}

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// TestUploads_ResumeThenCollect sends a file in pieces through two
// Uploads over one directory, as two processes would, with a stale offset
// and an oversized piece refused on the way, and collects it: the batch is
// the one a direct collection of the same file finds.
func TestUploads_ResumeThenCollect(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, 5)
	dir := t.TempDir()
	a, b := ingest.NewUploads(dir), ingest.NewUploads(dir)
	content := e.abnormalCSV("2023-05-01", "2023-06-01", "2023-13-01", "2023-07-01")
	up, err := e.svc.StartUpload(ctx, a, ingest.Upload{Provider: "P-SCJG-640000", Item: "ABN.JYYC", Size: int64(len(content)),
		SHA256: strings.ToUpper(sum(content)), FileName: `C:\报送\异常名录.csv`, ExpectedRows: 4})
	if err != nil {
		t.Fatal(err)
	}
	if up.FileName != "异常名录.csv" || up.Offset != 0 {
		t.Fatalf("started %+v", up)
	}
	cut1, cut2 := 100, 250
	if up, err = a.Append(up.ID, 0, strings.NewReader(content[:cut1])); err != nil || up.Offset != int64(cut1) {
		t.Fatalf("piece 1: %+v %v", up, err)
	}
	if _, err := b.Append(up.ID, 0, strings.NewReader(content[cut1:cut2])); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("stale offset: err=%v, want Conflict", err)
	}
	if _, err := b.Append(up.ID, int64(cut1), strings.NewReader(content[cut1:]+"more")); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("beyond the size: err=%v, want Invalid", err)
	}
	if up, err = b.Append(up.ID, int64(cut1), strings.NewReader(content[cut1:cut2])); err != nil || up.Offset != int64(cut2) {
		t.Fatalf("piece 2: %+v %v", up, err)
	}
	if _, err := e.svc.IngestUpload(ctx, a, up.ID); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("incomplete upload collected: err=%v, want Conflict", err)
	}
	if up, err = a.Append(up.ID, int64(cut2), strings.NewReader(content[cut2:])); err != nil || up.Offset != up.Size {
		t.Fatalf("piece 3: %+v %v", up, err)
	}
	batch, err := e.svc.IngestUpload(ctx, b, up.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := counts(batch), [7]int64{4, 3, 0, 0, 0, 1, 0}; got != want {
		t.Fatalf("counts %v, want %v", got, want)
	}
	if rec, ok := batch.Reconcile(); !ok || !rec.RowsMatch || !rec.HashMatch {
		t.Fatalf("reconciliation %+v %v", rec, ok)
	}
	if _, err := os.Stat(filepath.Join(dir, up.ID+".part")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("data file kept after collection: %v", err)
	}
	again, err := e.svc.IngestUpload(ctx, a, up.ID)
	if err != nil || again.ID != batch.ID {
		t.Fatalf("completing again: %s %v, want batch %s", again.ID, err, batch.ID)
	}
	if _, err := a.Append(up.ID, up.Size, strings.NewReader("x")); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("append after completion: err=%v, want Conflict", err)
	}
	path := filepath.Join(t.TempDir(), "same.csv")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	direct, err := e.svc.IngestFile(ctx, ingest.FileInput{Provider: "P-SCJG-640000", Item: "ABN.JYYC", Path: path})
	if err != nil || direct.ID != batch.ID {
		t.Fatalf("the same file collected directly: %s %v, want batch %s", direct.ID, err, batch.ID)
	}
}

func TestUploads_ErrChecksumMismatchCollectsNothing(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, 2)
	ups := ingest.NewUploads(t.TempDir())
	content := e.abnormalCSV("2023-05-01")
	up, err := e.svc.StartUpload(ctx, ups, ingest.Upload{Provider: "P-SCJG-640000", Item: "ABN.JYYC", Size: int64(len(content)), SHA256: sum("other")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ups.Append(up.ID, 0, strings.NewReader(content)); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.IngestUpload(ctx, ups, up.ID); !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.Message(err), "SHA-256") {
		t.Fatalf("err=%v, want Invalid naming SHA-256", err)
	}
	if bs, err := e.svc.Batches(ctx, ingest.BatchFilter{}); err != nil || len(bs) != 0 {
		t.Fatalf("batches after a refused upload: %d %v", len(bs), err)
	}
}

func TestUploads_ErrStart(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, 1)
	ups := ingest.NewUploads(t.TempDir())
	for name, in := range map[string]ingest.Upload{
		"Empty":         {Size: 0},
		"TooLarge":      {Size: ingest.MaxUploadSize + 1},
		"BadSHA":        {Size: 5, SHA256: "abc"},
		"BadFormat":     {Size: 5, Format: "xls"},
		"BadEncoding":   {Size: 5, Encoding: "latin1"},
		"NegativeRows":  {Size: 5, ExpectedRows: -2},
		"UnknownItem":   {Size: 5, Item: "NOPE.X"},
		"NotDelivering": {Size: 5, Item: "TAX.LEVEL"},
	} {
		t.Run(name, func(t *testing.T) {
			if in.Item == "" {
				in.Item = "ABN.JYYC"
			}
			in.Provider = "P-SCJG-640000"
			_, err := e.svc.StartUpload(ctx, ups, in)
			if code := apperr.CodeOf(err); code != apperr.Invalid && code != apperr.Forbidden {
				t.Fatalf("err=%v, want Invalid or Forbidden", err)
			}
		})
	}
}

// TestUploads_Bounds: the declared sizes of unfinished uploads are bounded
// together, expired uploads free their share, a broken body keeps what
// arrived, and a lock left by a dead process does not block for ever.
func TestUploads_Bounds(t *testing.T) {
	dir := t.TempDir()
	ups := ingest.NewUploads(dir)
	var ids []string
	for total := int64(0); total+ingest.MaxUploadSize <= ingest.MaxUploadTotal; total += ingest.MaxUploadSize {
		up, err := ups.Create(ingest.Upload{Provider: "P", Item: "I", Size: ingest.MaxUploadSize})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, up.ID)
	}
	if _, err := ups.Create(ingest.Upload{Provider: "P", Item: "I", Size: 1}); !apperr.Is(err, apperr.Unavailable) {
		t.Fatalf("over the total: err=%v, want Unavailable", err)
	}
	age(t, dir, ids[0], 72*time.Hour)
	up, err := ups.Create(ingest.Upload{Provider: "P", Item: "I", Size: 10})
	if err != nil {
		t.Fatalf("after one expired: %v", err)
	}
	if _, err := ups.Get(ids[0]); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("expired upload still there: %v", err)
	}
	got, err := ups.Append(up.ID, 0, io.MultiReader(strings.NewReader("abcd"), errReader{}))
	if !apperr.Is(err, apperr.Invalid) || got.Offset != 4 {
		t.Fatalf("broken body: offset %d err=%v, want 4 and Invalid", got.Offset, err)
	}
	lock := filepath.Join(dir, up.ID+".lock")
	if err := os.WriteFile(lock, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ups.Append(up.ID, 4, strings.NewReader("ef")); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("while locked: err=%v, want Conflict", err)
	}
	old := time.Now().Add(-3 * time.Hour)
	if err := os.Chtimes(lock, old, old); err != nil {
		t.Fatal(err)
	}
	if got, err := ups.Append(up.ID, 4, strings.NewReader("ef")); err != nil || got.Offset != 6 {
		t.Fatalf("after a stale lock: %+v %v", got, err)
	}
	if _, err := ups.Get("../../etc/passwd"); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("path as ID: err=%v, want NotFound", err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

// age moves an upload's last change back by d, as if it were left alone.
func age(t *testing.T, dir, id string, d time.Duration) {
	t.Helper()
	p := filepath.Join(dir, id+".json")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	m["updated_at"] = time.Now().Add(-d).UTC().Format(time.RFC3339Nano)
	b, _ = json.Marshal(m)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestSpool(t *testing.T) {
	ups := ingest.NewUploads(filepath.Join(t.TempDir(), "uploads"))
	path, n, err := ups.Spool(strings.NewReader("0123456789"), 10)
	if err != nil || n != 10 {
		t.Fatalf("spool: %d %v", n, err)
	}
	if b, _ := os.ReadFile(path); string(b) != "0123456789" {
		t.Fatalf("spooled %q", b)
	}
	if _, _, err := ups.Spool(strings.NewReader("0123456789x"), 10); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("over the limit: err=%v, want Invalid", err)
	}
	if _, _, err := ups.Spool(io.MultiReader(strings.NewReader("01"), errReader{}), 10); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("broken body: err=%v, want Invalid", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Fatalf("spool left %d files, want the one kept", len(entries))
	}
	if got := ingest.CleanFileName(`..\..\a/b/报送.csv`); got != "报送.csv" {
		t.Fatalf("CleanFileName=%q", got)
	}
}
