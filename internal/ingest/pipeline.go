// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"context"
	mathbits "math/bits"
	"strings"
	"sync"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/id"
	"github.com/xinrong/xinrong/internal/subject"
)

// RawRow is one row as a reader delivers it, keyed by field code.
type RawRow struct {
	Num    int64
	Values map[string]string
	Err    error // the reader could not make a row of it (ragged, bad encoding)
	// recycle: Values came from rowMaps and goes back once validated.
	recycle bool
}

// checked is a row after validation.
type checked struct {
	num int64
	ok  bool // valid: no rejections
	// norm is the normalized row; dropped after validation (data holds the
	// same values as JSON) unless the item feeds the master: a chunk of
	// maps was most of the live heap and of the collector's work.
	norm    map[string]string
	rejects []Rejection
	code    string // subject code as normalized
	name    string
	data    []byte
	hash    string
	key     string
	srcTime string
	revoked bool
	// filled marks the item's fields (by index) that have a value, for
	// the batch's completeness counts; computed here on the validation
	// goroutines rather than by walking the map in the single decide loop.
	filled fieldSet
}

// processor applies the pipeline to the chunks of one batch.
type processor struct {
	s     *Service
	item  catalog.Item
	batch *Batch
	// known remembers codes already resolved in this batch: big batches
	// name the same enterprises again and again. Bounded, so that memory
	// stays flat whatever the file size.
	known map[string]string
	// sorted is the item's field codes in byte order, for canonicalIn.
	sortOnce sync.Once
	sorted   []string
}

// maxKnown bounds the resolved-code cache (about 100 bytes an entry).
const maxKnown = 200_000

// apply resolves and dedups validated rows and commits the chunk with the
// batch's counters. A Conflict from a concurrent writer is retried.
func (p *processor) apply(ctx context.Context, cs []checked) error {
	if len(cs) == 0 {
		return nil
	}
	if err := p.feedMaster(ctx, cs); err != nil {
		return err
	}
	for attempt := 0; ; attempt++ {
		chunk, err := p.decide(ctx, cs)
		if err != nil {
			return err
		}
		err = p.s.store.CommitChunk(ctx, chunk)
		if err == nil {
			*p.batch = *chunk.Batch
			return nil
		}
		if !apperr.Is(err, apperr.Conflict) || attempt >= 3 {
			return err
		}
	}
}

// check validates rows on several goroutines; order is kept.
func (p *processor) check(rows []RawRow) []checked {
	out := make([]checked, len(rows))
	workers := max(1, p.s.Workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(rows); i += workers {
				out[i] = p.checkRow(rows[i])
				if rows[i].recycle {
					clear(rows[i].Values)
					rowMaps.Put(rows[i].Values)
				}
			}
		}()
	}
	wg.Wait()
	return out
}

func (p *processor) checkRow(r RawRow) checked {
	c := checked{num: r.Num}
	if r.Err != nil {
		zh, en, _ := strings.Cut(r.Err.Error(), " / ")
		if en == "" {
			en = zh
		}
		c.rejects = []Rejection{{Row: r.Num, Reason: "row", Msg: zh, MsgEN: en}}
		return c
	}
	norm, errs := p.item.NormalizeRow(r.Values)
	for _, e := range errs {
		c.rejects = append(c.rejects, Rejection{Row: r.Num, Field: e.Field, Label: e.Label, Reason: string(e.Reason),
			Msg: e.Msg, MsgEN: e.MsgEN, Raw: clip(r.Values[e.Field])})
	}
	c.rejects = append(c.rejects, checkCodes(p.item, r, norm)...)
	if len(c.rejects) > 0 {
		return c
	}
	c.ok = true
	if len(p.item.MasterFields) > 0 {
		c.norm = norm
	}
	c.code = subject.Normalize(norm[p.item.SubjectField])
	c.name = norm[p.item.NameField]
	c.data, c.hash = canonicalIn(norm, p.sortedCodes())
	c.key = keyHash(p.item, norm)
	c.srcTime = sourceTime(p.item, norm)
	c.revoked = p.item.Revoked(norm)
	c.filled = filledFields(p.item, norm)
	return c
}

// decide resolves subjects and versions and builds the chunk to commit.
func (p *processor) decide(ctx context.Context, cs []checked) (*Chunk, error) {
	b := *p.batch
	b.FieldFill = cloneFill(p.batch.FieldFill)
	chunk := &Chunk{Batch: &b, PrevCommitted: p.batch.CommittedRows}
	var codes, names, keys []string
	for i := range cs {
		if !cs[i].ok {
			continue
		}
		if cs[i].code != "" {
			codes = append(codes, cs[i].code)
		} else {
			names = append(names, cs[i].name)
		}
		keys = append(keys, cs[i].key)
	}
	byCode, err := p.resolve(ctx, codes)
	if err != nil {
		return nil, err
	}
	byName := map[string]string{}
	if len(names) > 0 {
		if byName, err = p.s.subjects.MapSubjectNames(ctx, names); err != nil {
			return nil, err
		}
	}
	versions, err := p.s.store.RecordVersions(ctx, p.item.Code, keys)
	if err != nil {
		return nil, err
	}
	now := p.s.now().UTC()
	fill := make([]int64, 128)
	for i := range cs {
		c := &cs[i]
		b.Received++
		b.CommittedRows = max(b.CommittedRows, c.num)
		if !c.ok {
			b.Rejected++
			for _, r := range c.rejects {
				r.Batch = b.ID
				chunk.Rejections = append(chunk.Rejections, r)
			}
			continue
		}
		if c.filled.ok {
			for w, bits := range c.filled.bits {
				for ; bits != 0; bits &= bits - 1 {
					fill[w<<6+mathbits.TrailingZeros64(bits)]++
				}
			}
		} else {
			for f, v := range c.values() {
				if v != "" {
					b.FieldFill[f]++
				}
			}
		}
		uscc, ok := byCode[c.code]
		if c.code == "" {
			uscc, ok = byName[c.name]
		}
		if !ok {
			b.Quarantined++
			chunk.Quarantine = append(chunk.Quarantine, Quarantined{ID: id.New(), Batch: b.ID, Row: c.num, Item: p.item.Code,
				Provider: b.Provider, SubjectCode: c.code, SubjectName: c.name, Data: c.values(), Status: "open",
				Reason: "主体库中未找到该主体 / no enterprise in the master matches the code or name"})
			continue
		}
		p.version(chunk, versions, c, uscc, now)
	}
	for i, n := range fill {
		if n > 0 {
			b.FieldFill[p.item.Fields[i].Code] += n
		}
	}
	return chunk, nil
}

// version decides what a valid, resolved row does to its record.
func (p *processor) version(chunk *Chunk, versions map[string][]VersionRef, c *checked, uscc string, now time.Time) {
	b := chunk.Batch
	vs := versions[c.key]
	var cur *VersionRef
	for i := range vs {
		if vs[i].ContentHash == c.hash {
			b.Duplicate++
			return
		}
		if vs[i].Current {
			cur = &vs[i]
		}
	}
	rec := Record{Item: p.item.Code, USCC: uscc, KeyHash: c.key, ContentHash: c.hash, Status: RecordActive,
		Current: true, Data: c.norm, Raw: c.data, SourceTime: c.srcTime, Provider: b.Provider, Batch: b.ID, Row: c.num,
		ReceivedAt: now, CatalogVer: b.CatalogVersion, Version: len(vs) + 1}
	if c.revoked {
		rec.Status = RecordRevoked
	}
	switch {
	case cur == nil && len(vs) == 0:
		rec.ID = id.New()
	case cur != nil && !newer(c.srcTime, cur.SourceTime):
		rec.ID, rec.Current = cur.ID, false // an older version arriving late: history only
	default:
		rec.ID = vs[0].ID
		if cur != nil {
			if cur.Seq > 0 {
				chunk.Supersede = append(chunk.Supersede, cur.Seq)
			} else {
				chunk.Records[-cur.Seq-1].Current = false
			}
			cur.Current = false
		}
	}
	switch {
	case len(vs) == 0 && !c.revoked:
		b.Accepted++
	case c.revoked && rec.Current:
		b.Revoked++
	default:
		b.Updated++
	}
	chunk.Records = append(chunk.Records, rec)
	// Later rows of this chunk see this version; Seq -n points into chunk.Records.
	versions[c.key] = append(vs, VersionRef{Seq: -int64(len(chunk.Records)), ID: rec.ID, Version: rec.Version,
		ContentHash: rec.ContentHash, SourceTime: rec.SourceTime, Current: rec.Current})
}

// resolve maps codes to USCCs, asking the store only for codes this batch
// has not met yet. Codes that resolve to nothing are not cached: the
// master may learn them (a registration file collected meanwhile).
func (p *processor) resolve(ctx context.Context, codes []string) (map[string]string, error) {
	if p.known == nil {
		p.known = make(map[string]string)
	}
	out := make(map[string]string, len(codes))
	var ask []string
	for _, c := range codes {
		if u, ok := p.known[c]; ok {
			out[c] = u
		} else {
			ask = append(ask, c)
		}
	}
	if len(ask) == 0 {
		return out, nil
	}
	got, err := p.s.subjects.MapSubjectCodes(ctx, ask)
	if err != nil {
		return nil, err
	}
	for c, u := range got {
		out[c] = u
		if len(p.known) < maxKnown {
			p.known[c] = u
		}
	}
	return out, nil
}
