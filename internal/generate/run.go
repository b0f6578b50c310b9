// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
)

// Options say what Run generates.
type Options struct {
	Enterprises int
	Out         string  // output directory; created if missing
	Seed        uint64  // same seed, same bytes
	BadRows     float64 // fraction of rows per file replaced by broken ones, 0–0.5
	Region      string  // GB/T 2260 province code; "" means DefaultRegion
	// Catalog is the catalog the files follow; nil means catalog.Default().
	Catalog *catalog.Catalog
	// Items limits the files to these item codes (tests, benchmarks); nil
	// means every item of the catalog.
	Items []string

	utf8Only bool // tests: write every CSV in UTF-8 to compare with GB18030 files
}

// fileState is what Run keeps per file while writing: counters and the
// sequences document numbers are drawn from.
type fileState struct {
	sink     sink
	rows     int
	bad      [numBadKinds]int
	noMaster int
	foreign  int
	seq      map[string]int
}

// next returns the next number of a sequence (文号, 案号 …). Our firms are
// a sample of what an agency handles, so each sequence starts at an offset
// and advances by a few, derived from its key: 宁0104执1 would look fake.
func (s *fileState) next(key string) int {
	h := fnv.New32a()
	h.Write([]byte(key))
	x := int(h.Sum32())
	s.seq[key]++
	return 1 + x%300 + (s.seq[key]-1)*(1+x/300%6)
}

// Run writes the demo province into opt.Out: one file per catalog item in
// its provider's format, and manifest.json. It streams: one enterprise at
// a time is in memory, whatever Enterprises is. progress, if not nil,
// receives a counter line.
func Run(ctx context.Context, opt Options, progress io.Writer) (Manifest, error) {
	if opt.BadRows < 0 || opt.BadRows > 0.5 {
		return Manifest{}, apperr.Invalidf("--bad-rows 应在 0 至 0.5 之间 / --bad-rows must be between 0 and 0.5")
	}
	if opt.Out == "" {
		return Manifest{}, apperr.Invalidf("需要输出目录 --out / --out is required")
	}
	g, err := New(opt.Seed, opt.Enterprises, opt.Region)
	if err != nil {
		return Manifest{}, err
	}
	cat := opt.Catalog
	if cat == nil {
		if cat, err = catalog.Default(); err != nil {
			return Manifest{}, err
		}
	}
	plans, err := g.plans(cat, opt.Items)
	if err != nil {
		return Manifest{}, err
	}
	for _, p := range plans {
		if opt.utf8Only {
			p.enc = EncodingUTF8
		}
	}
	states, err := g.openSinks(opt.Out, plans)
	defer func() {
		for _, s := range states {
			if s != nil && s.sink != nil {
				s.sink.close()
			}
		}
	}()
	if err != nil {
		return Manifest{}, err
	}
	if progress != nil {
		fmt.Fprint(progress, "准备企业名称 / making names unique…")
	}
	g.namesOnce.Do(g.resolveNames) // one pass over all N before any file row
	w := &writer{g: g, plans: plans, states: states, bad: opt.BadRows}
	prog := newProgress(progress, g.n)
	for i := 0; i < g.n; i++ {
		if i&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return Manifest{}, err
			}
		}
		if err := w.enterprise(i); err != nil {
			return Manifest{}, err
		}
		prog.update(i+1, false)
	}
	prog.update(g.n, true)
	m := Manifest{Generator: "xinrong generate", Version: Version, Seed: opt.Seed, Enterprises: g.n,
		Region: g.prov.code, RegionName: g.prov.name, AsOf: asOf.Format("2006-01-02"), Created: createdAt(opt.Seed),
		BadRowRate: opt.BadRows, Catalog: cat.Hash, BadRowKinds: BadKinds()}
	for i, p := range plans {
		s := states[i]
		sum, size, err := s.sink.close()
		s.sink = nil
		if err != nil {
			return Manifest{}, err
		}
		m.Files = append(m.Files, p.manifestFile(s, sum, size))
	}
	return m, writeManifest(opt.Out, m)
}

// plans lays out the files, the registration item first so that each
// enterprise's master row is decided before its other records.
func (g *Generator) plans(cat *catalog.Catalog, only []string) ([]*filePlan, error) {
	var out []*filePlan
	for _, it := range cat.Items {
		if it.Deprecated || only != nil && !slices.Contains(only, it.Code) {
			continue
		}
		out = append(out, g.newPlan(it))
	}
	slices.SortStableFunc(out, func(a, b *filePlan) int {
		return boolInt(b.item.Code == masterItem) - boolInt(a.item.Code == masterItem)
	})
	if len(out)*maxEnterprises+maxEnterprises > maSpace {
		return nil, fmt.Errorf("generate: %d items leave no room for unknown-subject codes", len(out))
	}
	for i, p := range out {
		p.no = i
	}
	return out, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// openSinks creates every file with its header.
func (g *Generator) openSinks(dir string, plans []*filePlan) ([]*fileState, error) {
	states := make([]*fileState, len(plans))
	for i, p := range plans {
		path := filepath.Join(dir, filepath.FromSlash(p.path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return states, fmt.Errorf("generate: %w", err)
		}
		types := make([]catalog.Type, len(p.item.Fields))
		for j, f := range p.item.Fields {
			types[j] = f.Type
		}
		var s sink
		var err error
		switch p.format {
		case FormatXLSX:
			s, err = newXLSXSink(path, sheetName(p.item.Name), p.headerRow(), types, createdAt(g.seed))
		case FormatJSONL:
			s, err = newJSONLSink(path, p.headerRow(), types)
		default:
			s, err = newCSVSink(path, p.enc, p.headerRow())
		}
		if err != nil {
			return states, err
		}
		states[i] = &fileState{sink: s, seq: map[string]int{}}
	}
	return states, nil
}

// layoutName spells a Go time layout the way people write date formats.
var layoutName = strings.NewReplacer("2006", "YYYY", "01", "MM", "02", "DD", "1", "M", "2", "D")

// sheetName fits an item name into Excel's 31-character sheet names.
func sheetName(s string) string {
	r := []rune(s)
	if len(r) > 31 {
		r = r[:31]
	}
	return string(r)
}

func (p *filePlan) manifestFile(s *fileState, sum string, size int64) File {
	f := File{Path: p.path, Provider: p.prov.Code, ProviderName: p.prov.Name, Item: p.item.Code, ItemName: p.item.Name,
		Format: p.format, Encoding: p.enc, Header: p.header, DateStyle: layoutName.Replace(p.style.date), Rows: s.rows,
		RowsWithoutMaster: s.noMaster, Bytes: size, SHA256: sum}
	if p.format != FormatCSV {
		f.Encoding = EncodingUTF8
	}
	for _, pr := range p.pairs {
		f.DatePairs = append(f.DatePairs, [2]string{p.item.Fields[pr[0]].Code, p.item.Fields[pr[1]].Code})
	}
	for k, n := range s.bad {
		if n > 0 {
			if f.BadRows == nil {
				f.BadRows = map[string]int{}
			}
			f.BadRows[BadKind(k).String()] = n
		}
	}
	return f
}

// progress prints a one-line counter that rewrites itself with \r, at most
// four times a second, so that a terminal is not flooded.
type progress struct {
	w     io.Writer
	total int
	start time.Time
	last  time.Time
}

func newProgress(w io.Writer, total int) *progress {
	now := time.Now()
	return &progress{w: w, total: total, start: now, last: now}
}

// update is cheap enough to call for every enterprise.
func (p *progress) update(done int, final bool) {
	if p == nil || p.w == nil {
		return
	}
	if !final && (done&1023 != 0 || time.Since(p.last) < 250*time.Millisecond) {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "\r生成 / generating: %s / %s enterprises  %.1f s", groupDigits(done), groupDigits(p.total),
		time.Since(p.start).Seconds())
	if final {
		fmt.Fprintln(p.w)
	}
}

// groupDigits writes 1234567 as 1,234,567.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
