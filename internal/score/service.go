// SPDX-License-Identifier: Apache-2.0

package score

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/xinrong/xinrong/internal/id"
)

// Service evaluates enterprises with the model in force and keeps their
// evaluations.
type Service struct {
	store  Store
	model  *Compiled
	models map[string]*Compiled // by version, for the texts of older evaluations
	opt    Options
}

// Options tune a Service.
type Options struct {
	Workers int              // evaluation goroutines; 0 means GOMAXPROCS
	Readers int              // ranges of codes read at once; 0 means GOMAXPROCS
	Chunk   int              // evaluations per write transaction; 0 means 5000
	Now     func() time.Time // clock; nil means time.Now
	// Older are earlier model versions, so that their evaluations keep
	// their reason texts.
	Older []*Compiled
}

// New returns the service evaluating with model.
func New(store Store, model *Compiled, opt Options) *Service {
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Readers <= 0 {
		opt.Readers = runtime.GOMAXPROCS(0)
	}
	if opt.Chunk <= 0 {
		opt.Chunk = 5000
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	s := &Service{store: store, model: model, opt: opt, models: map[string]*Compiled{model.Version(): model}}
	for _, m := range opt.Older {
		if _, ok := s.models[m.Version()]; !ok {
			s.models[m.Version()] = m
		}
	}
	return s
}

// Model returns the model in force.
func (s *Service) Model() *Compiled { return s.model }

// Summary is the outcome of a run.
type Summary struct {
	Model       string           `json:"model"`
	Enterprises int64            `json:"enterprises"`
	Changed     int64            `json:"changed"`
	Grades      map[string]int64 `json:"grades"`
	Order       []string         `json:"-"` // the grades, best first
	Elapsed     time.Duration    `json:"elapsed"`
}

// Progress is told how far a run is, about once a second.
type Progress func(done, changed int64)

// FollowCursor names score.follow's cursor.
const FollowCursor = "score.follow"

// RunAll re-evaluates every enterprise in one streaming pass: a reader
// goroutine, Workers evaluators and one writer committing Chunk rows per
// transaction (SQLite has one writer). Only changed results are written.
// The follow job's cursor moves to where the pass started, so that it does
// not redo the pass's work.
func (s *Service) RunAll(ctx context.Context, progress Progress) (Summary, error) {
	start := time.Now()
	headCur, err := s.head(ctx)
	if err != nil {
		return Summary{}, err
	}
	at := s.opt.Now().UTC()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan []*Subject, 2*s.opt.Workers)
	saves := make(chan []Save, 2*s.opt.Workers)
	var done, changed atomic.Int64
	grades := make([]map[string]int64, s.opt.Workers)
	var wg sync.WaitGroup
	for w := range s.opt.Workers {
		grades[w] = map[string]int64{}
		wg.Go(func() {
			for batch := range work {
				out := s.evaluateBatch(batch, at, grades[w])
				done.Add(int64(len(batch)))
				if len(out) > 0 {
					changed.Add(int64(len(out)))
					select {
					case saves <- out:
					case <-ctx.Done():
						return
					}
				}
			}
		})
	}
	writeErr := make(chan error, 1)
	go func() { writeErr <- s.write(ctx, saves) }()
	stopTick := s.tick(progress, &done, &changed)
	readErr := s.read(ctx, work)
	wg.Wait()
	close(saves)
	werr := <-writeErr
	stopTick()
	if readErr != nil {
		return Summary{}, fmt.Errorf("score: run: %w", readErr)
	}
	if werr != nil {
		return Summary{}, fmt.Errorf("score: run: %w", werr)
	}
	if err := s.advance(ctx, headCur); err != nil {
		return Summary{}, err
	}
	return s.summary(done.Load(), changed.Load(), grades, start), nil
}

// read streams every enterprise to work, in batches, from Readers ranges of
// codes read at once (the scan is mostly the database engine's work), and
// closes work when all are read.
func (s *Service) read(ctx context.Context, work chan<- []*Subject) error {
	defer close(work)
	ranges, err := s.store.SplitSubjects(ctx, s.opt.Readers)
	if err != nil {
		return err
	}
	errs := make(chan error, len(ranges))
	for _, r := range ranges {
		go func() {
			batch := make([]*Subject, 0, 256)
			err := s.store.ScanSubjects(ctx, s.model.Items(), r, func(sub *Subject) error {
				batch = append(batch, sub)
				if len(batch) == cap(batch) {
					select {
					case work <- batch:
					case <-ctx.Done():
						return ctx.Err()
					}
					batch = make([]*Subject, 0, 256)
				}
				return nil
			})
			if err == nil && len(batch) > 0 {
				select {
				case work <- batch:
				case <-ctx.Done():
					err = ctx.Err()
				}
			}
			errs <- err
		}()
	}
	var first error
	for range ranges {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// head is the cursor at the newest change now.
func (s *Service) head(ctx context.Context) (Cursor, error) {
	_, c, err := s.store.ScoreChanges(ctx, Cursor{}, 0)
	return c, err
}

// advance moves the follow cursor forward to c, never back.
func (s *Service) advance(ctx context.Context, c Cursor) error {
	cur, err := s.store.ScoreCursor(ctx, FollowCursor)
	if err != nil {
		return err
	}
	if c.RecordSeq < cur.RecordSeq {
		c.RecordSeq = cur.RecordSeq
	}
	c.RightsSeq = max(c.RightsSeq, cur.RightsSeq)
	return s.store.SetScoreCursor(ctx, FollowCursor, c)
}

func (s *Service) tick(progress Progress, done, changed *atomic.Int64) func() {
	if progress == nil {
		return func() {}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				progress(done.Load(), changed.Load())
				return
			case <-t.C:
				progress(done.Load(), changed.Load())
			}
		}
	})
	return func() { close(stop); wg.Wait() }
}

// evaluateBatch evaluates subjects and returns the results that changed.
func (s *Service) evaluateBatch(batch []*Subject, at time.Time, grades map[string]int64) []Save {
	var out []Save
	var facts []Fact
	for _, sub := range batch {
		facts = facts[:0]
		for _, r := range sub.Records {
			if f, ok := s.model.FactFromJSON(r.Item, r.ID, r.Status, r.Data); ok {
				facts = append(facts, f)
			}
		}
		e := s.model.Evaluate(sub.USCC, facts, sub.Marks, at)
		grades[e.Grade]++
		if sub.Latest != nil && sub.Latest.Digest == e.Digest {
			continue
		}
		e.ID = id.New()
		out = append(out, Save{Evaluation: e, Region: sub.Region, Industry: sub.Industry, Prior: sub.Latest})
	}
	return out
}

// write commits saves in chunks.
func (s *Service) write(ctx context.Context, in <-chan []Save) error {
	var buf []Save
	var err error
	for saves := range in {
		if err != nil {
			continue // drain, so that workers finish
		}
		buf = append(buf, saves...)
		if len(buf) >= s.opt.Chunk {
			err = s.store.SaveEvaluations(ctx, buf)
			buf = buf[:0]
		}
	}
	if err == nil && len(buf) > 0 {
		err = s.store.SaveEvaluations(ctx, buf)
	}
	return err
}

func (s *Service) summary(done, changed int64, grades []map[string]int64, start time.Time) Summary {
	sum := Summary{Model: s.model.Version(), Enterprises: done, Changed: changed, Grades: map[string]int64{}, Elapsed: time.Since(start)}
	for _, g := range grades {
		for k, v := range g {
			sum.Grades[k] += v
		}
	}
	for _, b := range s.model.Model.Scale.Bands {
		if sum.Grades[b.Grade] > 0 {
			sum.Order = append(sum.Order, b.Grade)
		}
	}
	return sum
}

// EvaluateSubjects re-evaluates a few enterprises now (after a new record,
// a correction or a repair) and stores the results that changed.
func (s *Service) EvaluateSubjects(ctx context.Context, codes []string) (Summary, error) {
	start := time.Now()
	subs, err := s.store.LoadSubjects(ctx, codes, s.model.Items())
	if err != nil {
		return Summary{}, err
	}
	grades := map[string]int64{}
	saves := s.evaluateBatch(subs, s.opt.Now().UTC(), grades)
	if len(saves) > 0 {
		if err := s.store.SaveEvaluations(ctx, saves); err != nil {
			return Summary{}, err
		}
	}
	return s.summary(int64(len(subs)), int64(len(saves)), []map[string]int64{grades}, start), nil
}

// Follow is the score.follow job: it re-evaluates the enterprises whose
// records changed (new, corrected, revoked) or whose objections and repairs
// were decided (the rights outbox, rights_changes) since its cursor. One process at a time holds its lease.
func (s *Service) Follow(ctx context.Context, holder string) (Summary, error) {
	total := Summary{Model: s.model.Version(), Grades: map[string]int64{}}
	ok, err := s.store.TryLease(ctx, FollowCursor, holder, 5*time.Minute)
	if err != nil || !ok {
		return total, err
	}
	defer func() { _ = s.store.ReleaseLease(context.WithoutCancel(ctx), FollowCursor, holder) }()
	start := time.Now()
	for range 100 { // bounded per run; the next run carries on
		cur, err := s.store.ScoreCursor(ctx, FollowCursor)
		if err != nil {
			return total, err
		}
		codes, next, err := s.store.ScoreChanges(ctx, cur, 2000)
		if err != nil {
			return total, err
		}
		if len(codes) > 0 {
			sum, err := s.EvaluateSubjects(ctx, codes)
			if err != nil {
				return total, err
			}
			total.Enterprises += sum.Enterprises
			total.Changed += sum.Changed
			for g, n := range sum.Grades {
				total.Grades[g] += n
			}
		}
		if next == cur {
			break
		}
		if err := s.store.SetScoreCursor(ctx, FollowCursor, next); err != nil {
			return total, err
		}
	}
	total.Elapsed = time.Since(start)
	return total, nil
}
