// SPDX-License-Identifier: Apache-2.0

package source_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/generate"
	"github.com/xinrong/xinrong/internal/ingest/source"
)

// TestGeneratedProvince reads every file of a generated demo province,
// with its declared encoding and by detection, and checks what the
// manifest promises: the row count, the broken rows a reader can see
// (wrong column counts), none it should not, headers the catalog knows.
func TestGeneratedProvince(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a province")
	}
	dir := t.TempDir()
	m, err := generate.Run(context.Background(), generate.Options{Enterprises: 300, Out: dir, Seed: 7, BadRows: 0.1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	formats, seen := map[string]int{}, map[string]int{}
	for _, f := range m.Files {
		formats[f.Format+"/"+f.Encoding]++
		it, err := cat.Item(f.Item)
		if err != nil {
			t.Fatal(err)
		}
		for _, declared := range []bool{true, false} {
			opts := source.Options{}
			if declared {
				opts = source.Options{Format: source.Format(f.Format), Encoding: source.Encoding(f.Encoding)}
			}
			rows, few, many, other := readFile(t, filepath.Join(dir, filepath.FromSlash(f.Path)), f, opts, it)
			seen["rows"], seen["too_few"], seen["too_many"] = seen["rows"]+rows, seen["too_few"]+few, seen["too_many"]+many
			if rows != f.Rows || few != f.BadRows["too_few_columns"] || many != f.BadRows["too_many_columns"] || other != 0 {
				t.Errorf("%s (declared %v): rows %d too few %d too many %d other errors %d; manifest %d rows, bad %v",
					f.Path, declared, rows, few, many, other, f.Rows, f.BadRows)
			}
		}
	}
	if seen["too_few"] == 0 || seen["too_many"] == 0 {
		t.Errorf("no broken rows seen: %v", seen)
	}
	t.Logf("%d files: %v; read twice: %v", len(m.Files), formats, seen)
}

func readFile(t *testing.T, path string, f generate.File, opts source.Options, it catalog.Item) (rows, few, many, other int) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r, err := source.Open(fh, f.Bytes, opts)
	if err != nil {
		t.Fatalf("%s: %v", f.Path, err)
	}
	defer r.Close()
	info := r.Info()
	if info.Format != source.Format(f.Format) || f.Format != "xlsx" && info.Encoding != source.Encoding(f.Encoding) {
		t.Errorf("%s: found %+v, manifest %s %s", f.Path, info, f.Format, f.Encoding)
	}
	for _, h := range r.Header() {
		if _, ok := it.Resolve(h); !ok {
			t.Errorf("%s: column %q is not a field of %s", f.Path, h, it.Code)
		}
	}
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		rows++
		var re *source.RowError
		switch {
		case row.Err == nil:
		case errors.As(row.Err, &re) && re.Kind == source.KindColumns && re.Got < re.Want:
			few++
		case errors.As(row.Err, &re) && re.Kind == source.KindColumns:
			many++
		default:
			other++
			t.Logf("%s: %v", f.Path, row.Err)
		}
	}
	if done, total := r.Progress(); done != total && total > 0 {
		t.Errorf("%s: progress %d of %d at the end", f.Path, done, total)
	}
	return rows, few, many, other
}
