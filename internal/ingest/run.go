// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/id"
)

// start finds the batch with the key or creates it. A finished batch is
// returned as it is (the same receipt, nothing changes); an unfinished one
// is resumed after its last committed row.
func (s *Service) start(ctx context.Context, b *Batch) (resume bool, err error) {
	for attempt := 0; attempt < 3; attempt++ {
		old, err := s.store.FindBatchByKey(ctx, b.Provider, b.Item, b.Key)
		if err == nil {
			if old.SHA256 != b.SHA256 && b.Channel == ChannelPush {
				return false, apperr.Conflictf("幂等键 %s 已用于内容不同的批次 / idempotency key %s was used for a batch with different content", b.Key, b.Key)
			}
			*b = old
			return old.Status == BatchProcessing, nil
		}
		if !apperr.Is(err, apperr.NotFound) {
			return false, err
		}
		b.ID, b.Status, b.CreatedAt = id.New(), BatchProcessing, s.now().UTC()
		if b.FieldFill == nil {
			b.FieldFill = map[string]int64{}
		}
		err = s.store.CreateBatch(ctx, b)
		if err == nil {
			return true, nil
		}
		if !apperr.Is(err, apperr.Conflict) {
			return false, err
		}
		// Another process created it between our look and our insert.
	}
	return false, apperr.E(apperr.Unavailable, "batch is being created by another process", nil)
}

// rowSource yields rows keyed by field code, in row order.
type rowSource interface {
	Next() (RawRow, error)         // io.EOF at the end
	Progress() (done, total int64) // how far reading has got
}

// checkedChunk is a run of rows validated and ready to apply.
type checkedChunk struct {
	cs          []checked
	done, total int64
}

// run feeds rows to the pipeline in chunks, skipping rows already
// committed, and finishes the batch. Reading and validating the next chunk
// (on Workers goroutines) overlaps with resolving and committing the
// previous one, so that the database writer is never idle waiting for
// parsing.
func (s *Service) run(ctx context.Context, p *processor, src rowSource, progress func(b Batch, done, total int64)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Unbuffered: the reader prepares the next chunk while this one is
	// applied and hands it over when asked, so that at most two chunks are
	// in memory.
	ready := make(chan checkedChunk)
	var readErr error
	go func() {
		defer close(ready)
		readErr = s.read(ctx, p, src, ready)
	}()
	for c := range ready {
		if err := p.apply(ctx, c.cs); err != nil {
			cancel()
			for range ready { // let the reader finish
			}
			return err
		}
		if progress != nil {
			progress(*p.batch, c.done, c.total)
		}
	}
	if readErr != nil {
		if errors.Is(readErr, context.Canceled) || errors.Is(readErr, context.DeadlineExceeded) {
			return readErr
		}
		return s.fail(context.WithoutCancel(ctx), p.batch, readErr)
	}
	p.batch.Status, p.batch.FinishedAt = BatchDone, s.now().UTC()
	return s.store.FinishBatch(ctx, p.batch)
}

// checkRun is how many rows are read before they are validated (on
// Workers goroutines) and added to the chunk. A chunk is larger; validating
// it piecemeal keeps only a few thousand raw rows (a map each) alive.
const checkRun = 5000

// read reads and validates chunks and sends them on out.
func (s *Service) read(ctx context.Context, p *processor, src rowSource, out chan<- checkedChunk) error {
	size := max(1, s.ChunkSize)
	skip := p.batch.CommittedRows
	run := min(size, checkRun)
	rows := make([]RawRow, 0, run)
	var cs []checked
	check := func() {
		cs = append(cs, p.check(rows)...)
		clear(rows)
		rows = rows[:0]
	}
	send := func() error {
		if len(rows) > 0 {
			check()
		}
		if len(cs) == 0 {
			return nil
		}
		done, total := src.Progress()
		c := checkedChunk{cs: cs, done: done, total: total}
		cs = nil
		select {
		case out <- c:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		r, err := src.Next()
		if errors.Is(err, io.EOF) {
			return send()
		}
		if err != nil {
			return err
		}
		if r.Num <= skip {
			continue
		}
		if cs == nil {
			cs = make([]checked, 0, size)
		}
		rows = append(rows, r)
		if len(rows) == run || len(cs)+len(rows) == size {
			check()
		}
		if len(cs) == size {
			if err := send(); err != nil {
				return err
			}
		}
	}
}

// fail marks a batch that cannot be read any further. Rows committed
// before stay; the error names the file's problem.
func (s *Service) fail(ctx context.Context, b *Batch, cause error) error {
	b.Status, b.Error, b.FinishedAt = BatchFailed, apperr.Message(cause), s.now().UTC()
	if b.Error == "internal error" {
		b.Error = cause.Error()
	}
	if err := s.store.FinishBatch(ctx, b); err != nil {
		return err
	}
	return apperr.E(apperr.Invalid, fmt.Sprintf("批次 %s 无法继续读取 / batch %s cannot be read further: %s", b.ID, b.ID, b.Error), cause)
}
