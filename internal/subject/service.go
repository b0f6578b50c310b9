// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Service keeps the enterprise master: registration, bulk import, lookup
// and search.
type Service struct {
	store Store
}

// NewService returns a Service over store.
func NewService(store Store) *Service { return &Service{store: store} }

// Register adds one subject. The code is normalized and checked; a pilot
// code or an unknown region is accepted only with its warning recorded as
// a flag on the subject. Returns apperr.Invalid naming the field, or
// apperr.Conflict if the code is already registered.
func (s *Service) Register(ctx context.Context, in Subject) (Subject, Verdict, error) {
	v := in.Derive(CheckOptions{AcceptPilot: true})
	if err := in.Validate(); err != nil {
		return Subject{}, v, err
	}
	in.ID = ""
	if err := s.store.CreateSubject(ctx, &in); err != nil {
		return Subject{}, v, err
	}
	return in, v, nil
}

// Get returns a subject by its unified code, or by a legacy identifier
// (15-digit registration number, 9-character organization code) when that
// identifies exactly one subject.
func (s *Service) Get(ctx context.Context, code string) (Subject, error) {
	c := Normalize(code)
	if c == "" {
		return Subject{}, apperr.Invalidf("请提供统一社会信用代码 / a unified social credit code is required")
	}
	if len(c) == USCCLen {
		sub, err := s.store.FindSubjectByUSCC(ctx, c)
		if err == nil || !apperr.Is(err, apperr.NotFound) {
			return sub, err
		}
	}
	subs, err := s.store.FindSubjectsByAlias(ctx, c)
	if err != nil {
		return Subject{}, err
	}
	switch len(subs) {
	case 0:
		return Subject{}, apperr.NotFoundf("未找到代码为 %s 的主体 / no subject with code %s", c, c)
	case 1:
		return subs[0], nil
	}
	return Subject{}, apperr.Conflictf("代码 %s 对应多个主体 / code %s identifies %d subjects", c, c, len(subs))
}

// Search finds subjects by any part of the name or by code, with filters.
func (s *Service) Search(ctx context.Context, f Filter) (Page, error) {
	f.Query = strings.TrimSpace(f.Query)
	if f.Limit <= 0 {
		f.Limit = 20
	}
	if f.Limit > 200 {
		return Page{}, apperr.Invalidf("limit: 每页最多200条 / at most 200 per page")
	}
	if c := Normalize(f.Query); len(c) == USCCLen && Check(c, CheckOptions{AcceptPilot: true}).Valid {
		sub, err := s.store.FindSubjectByUSCC(ctx, c)
		if apperr.Is(err, apperr.NotFound) {
			return Page{}, nil
		}
		if err != nil {
			return Page{}, err
		}
		return Page{Subjects: []Subject{sub}}, nil
	}
	if f.Query != "" && len(QueryTokens(f.Query)) == 0 {
		return Page{}, apperr.Invalidf("q: 请输入名称中的文字或数字 / the query needs letters or digits")
	}
	if f.Type != "" && !f.Type.Valid() {
		return Page{}, apperr.Invalidf("type: 未知类型 %q / unknown type %q", f.Type, f.Type)
	}
	return s.store.SearchSubjects(ctx, f)
}

// Count returns the number of subjects in the master.
func (s *Service) Count(ctx context.Context) (int, error) { return s.store.CountSubjects(ctx) }

// RowError is why one input row of an import was rejected.
type RowError struct {
	Row    int    // 1-based position in the input
	USCC   string // as given
	Reason string // names the field, in Chinese and English
}

func (e RowError) String() string { return fmt.Sprintf("row %d (%s): %s", e.Row, e.USCC, e.Reason) }

// ImportResult counts what an import did with every row it read.
type ImportResult struct {
	Read, Inserted, Updated, Rejected, Warned int
	Errors                                    []RowError // first MaxImportErrors rejections
}

// MaxImportErrors caps the rejections an ImportResult lists.
const MaxImportErrors = 1000

// ImportChunk is how many subjects go to the store per transaction: big
// enough to amortise the commit, small enough to keep a SQLite write lock
// short.
const ImportChunk = 5000

// Import registers or updates subjects in bulk. Every row ends as inserted,
// updated or rejected (with its reason); a bad row never stops the rest.
// progress, if not nil, is called after each chunk.
func (s *Service) Import(ctx context.Context, src iter.Seq[Subject], progress func(ImportResult)) (ImportResult, error) {
	var res ImportResult
	batch := make([]Subject, 0, ImportChunk)
	seen := make(map[string]int, ImportChunk) // USCC → index in batch: last one wins
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		ins, upd, err := s.store.UpsertSubjects(ctx, batch)
		if err != nil {
			return err
		}
		res.Inserted += ins
		res.Updated += upd
		batch = batch[:0]
		clear(seen)
		if progress != nil {
			progress(res)
		}
		return nil
	}
	for in := range src {
		res.Read++
		given := in.USCC
		v := in.Derive(CheckOptions{AcceptPilot: true})
		if err := in.Validate(); err != nil {
			res.Rejected++
			if len(res.Errors) < MaxImportErrors {
				res.Errors = append(res.Errors, RowError{Row: res.Read, USCC: given, Reason: apperr.Message(err)})
			}
			continue
		}
		if len(v.Warnings()) > 0 {
			res.Warned++
		}
		if i, dup := seen[in.USCC]; dup {
			batch[i] = in // a later row for the same code in one chunk replaces the earlier
			res.Updated++
			continue
		}
		seen[in.USCC] = len(batch)
		batch = append(batch, in)
		if len(batch) == ImportChunk {
			if err := flush(); err != nil {
				return res, err
			}
		}
	}
	return res, flush()
}
