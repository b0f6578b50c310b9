// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/ingest/source"
)

// FileInput is a batch file to collect.
type FileInput struct {
	Provider, Item string
	Path           string // the file on disk
	Name           string // shown on the receipt; default: the base name of Path
	Format         string // csv, xlsx or jsonl; "" detects
	Encoding       string // utf-8, utf-8-bom or gb18030; "" detects
	// From the provider's manifest, for reconciliation (对账); ExpectedRows
	// -1 when unknown.
	ExpectedRows   int64
	ExpectedSHA256 string
	Mapping        Mapping // the provider's own column names; nil: the saved template, if any
	// Progress, if not nil, is told after each chunk how far the file is read.
	Progress func(b Batch, done, total int64)
}

// IngestFile collects one batch file. Sending the same content again
// returns the first receipt; a batch interrupted by a crash resumes where
// its last chunk was committed. A file that cannot be read as a whole
// (wrong format, no usable header, zip bomb) fails with apperr.Invalid and,
// once a batch exists, a failed batch recording why.
func (s *Service) IngestFile(ctx context.Context, in FileInput) (Batch, error) {
	it, ver, err := s.admit(ctx, in.Provider, in.Item)
	if err != nil {
		return Batch{}, err
	}
	f, err := os.Open(in.Path)
	if err != nil {
		return Batch{}, apperr.E(apperr.Invalid, fmt.Sprintf("无法打开文件 %s / cannot open %s", in.Path, in.Path), err)
	}
	defer f.Close()
	sum, size, err := hashFile(f)
	if err != nil {
		return Batch{}, err
	}
	name := in.Name
	if name == "" {
		name = filepath.Base(in.Path)
	}
	b := Batch{Provider: in.Provider, Item: in.Item, Channel: ChannelFile, FileName: name, Key: "sha256:" + sum, SHA256: sum,
		Format: in.Format, Encoding: in.Encoding, ExpectedRows: in.ExpectedRows, ExpectedSHA256: in.ExpectedSHA256, CatalogVersion: ver}
	if b.ExpectedRows == 0 && in.ExpectedSHA256 == "" {
		b.ExpectedRows = -1
	}
	resume, err := s.start(ctx, &b)
	if err != nil || !resume {
		return b, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return b, err
	}
	r, err := source.Open(f, size, source.Options{Format: source.Format(in.Format), Encoding: source.Encoding(in.Encoding)})
	if err != nil {
		return b, s.fail(ctx, &b, err)
	}
	defer r.Close()
	mapping := in.Mapping
	if mapping == nil {
		if mapping, err = s.store.FindMapping(ctx, in.Provider, in.Item); err != nil && !apperr.Is(err, apperr.NotFound) {
			return b, err
		}
	}
	fs, err := newFileSource(it, r, mapping)
	if err != nil {
		return b, s.fail(ctx, &b, err)
	}
	p := &processor{s: s, item: it, batch: &b}
	return b, s.run(ctx, p, fs, in.Progress)
}

func hashFile(f *os.File) (string, int64, error) {
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, fmt.Errorf("ingest: read file: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// fileSource maps a reader's columns to field codes once and serves rows.
type fileSource struct {
	r     source.Reader
	codes []string // field code per column; "" for a column that means nothing
}

func newFileSource(it catalog.Item, r source.Reader, m Mapping) (*fileSource, error) {
	col := columnMap(it, m)
	fs := &fileSource{r: r}
	// Extra columns (RESOURCE_ID, CHECK_FLAG …) are normal in real feeds:
	// they map to "" and are ignored.
	found := map[string]bool{}
	for _, h := range r.Header() {
		c := col(h)
		fs.codes = append(fs.codes, c)
		found[c] = true
	}
	if !found[it.SubjectField] && !found[it.NameField] {
		return nil, apperr.Invalidf("文件中没有主体代码或名称列（%s / %s），无法识别企业；表头为：%s。请按目录字段代码或中文名称命名列，或保存字段映射模板 / "+
			"the file has no column for the subject's code or name (%s / %s); its header is: %s. Name the columns by catalog field code or Chinese label, or save a mapping template",
			it.SubjectField, it.NameField, strings.Join(r.Header(), ", "), it.SubjectField, it.NameField, strings.Join(r.Header(), ", "))
	}
	return fs, nil
}

// Progress reports how far the file has been read.
func (fs *fileSource) Progress() (int64, int64) { return fs.r.Progress() }

// Next returns the next row keyed by field code.
func (fs *fileSource) Next() (RawRow, error) {
	row, err := fs.r.Next()
	if err != nil {
		return RawRow{}, err
	}
	out := RawRow{Num: row.Num}
	if row.Err != nil {
		out.Err = row.Err // rejected with the reader's reason; reading goes on
		return out, nil
	}
	out.Values, out.recycle = rowMaps.Get().(map[string]string), true
	for i, v := range row.Values {
		if i < len(fs.codes) && fs.codes[i] != "" && v != "" {
			out.Values[fs.codes[i]] = v
		}
	}
	return out, nil
}
