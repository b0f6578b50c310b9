// SPDX-License-Identifier: Apache-2.0

package source

import (
	"bytes"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/xinrong/xinrong/internal/apperr"
)

// got is everything a reader returned, rows copied.
type got struct {
	r      Reader
	header []string
	rows   []Row
	err    error // the error that ended reading, nil at io.EOF
}

// readAll opens data and reads it to the end.
func readAll(t testing.TB, data []byte, opts Options) got {
	t.Helper()
	r, err := Open(bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return drain(t, r)
}

func drain(t testing.TB, r Reader) got {
	t.Helper()
	g := got{r: r, header: r.Header()}
	defer r.Close()
	for {
		row, err := r.Next()
		if err == io.EOF {
			return g
		}
		if err != nil {
			g.err = err
			return g
		}
		if len(g.rows) > 0 && row.Num <= g.rows[len(g.rows)-1].Num {
			t.Fatalf("row %d after row %d", row.Num, g.rows[len(g.rows)-1].Num)
		}
		row.Values = slices.Clone(row.Values)
		g.rows = append(g.rows, row)
	}
}

// openErr opens data expecting a file error with the given cause.
func openErr(t *testing.T, data []byte, opts Options, cause error, contains string) {
	t.Helper()
	_, err := Open(bytes.NewReader(data), int64(len(data)), opts)
	if err == nil {
		t.Fatalf("Open succeeded, want %v", cause)
	}
	if !errors.Is(err, cause) || apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("Open: %v, want an Invalid error caused by %v", err, cause)
	}
	if !strings.Contains(err.Error(), contains) {
		t.Fatalf("Open: %q does not mention %q", err, contains)
	}
}

// kind returns the row error's kind, or "".
func kind(r Row) ErrKind {
	var e *RowError
	if errors.As(r.Err, &e) {
		return e.Kind
	}
	if r.Err != nil {
		return "?"
	}
	return ""
}

func gb(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func join(vals []string) string { return strings.Join(vals, "|") }

func readDir(dir string) ([]string, error) {
	es, err := os.ReadDir(dir)
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names, err
}
