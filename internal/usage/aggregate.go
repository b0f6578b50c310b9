// SPDX-License-Identifier: Apache-2.0

package usage

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
)

// JobName is the background job that fills the usage table, and its lease.
const JobName = "usage.aggregate"

// shanghai is the time zone months are counted in: China has one, without
// daylight saving time.
var shanghai = time.FixedZone("CST", 8*3600)

// Month returns the month of t in Asia/Shanghai, as YYYY-MM.
func Month(t time.Time) string { return t.In(shanghai).Format("2006-01") }

// RunJob aggregates under the job's lease, so that of several processes
// sharing the database one does the work. It returns the number of audit
// leaves read; 0 when another process holds the lease.
func (s *Service) RunJob(ctx context.Context, leases Leases, holder string) (int64, error) {
	ok, err := leases.TryLease(ctx, JobName, holder, 10*time.Minute)
	if err != nil || !ok {
		return 0, err
	}
	defer func() { _ = leases.ReleaseLease(context.WithoutCancel(ctx), JobName, holder) }()
	return s.Aggregate(ctx)
}

// Aggregate reads the audit log from the stored cursor to its end, one
// batch per transaction, and adds the batches' counts to the usage
// table. Each batch moves the cursor and adds its counts atomically: a
// crash loses at most the batch in flight, which the next run reads
// again, and a run that finds the cursor moved by another process stops.
// It returns the number of leaves read.
func (s *Service) Aggregate(ctx context.Context) (int64, error) {
	all, err := s.providers.Providers(ctx)
	if err != nil {
		return 0, fmt.Errorf("usage: aggregate: providers: %w", err)
	}
	items := make(map[string][]string, len(all))
	for _, p := range all {
		items[p.Code] = p.Items
	}
	var total int64
	for {
		n, err := s.aggregateBatch(ctx, items)
		total += n
		if err != nil || n == 0 {
			return total, err
		}
	}
}

// aggregateBatch aggregates the next batch and returns its length; 0 when
// the log has nothing new or another process moved the cursor.
func (s *Service) aggregateBatch(ctx context.Context, items map[string][]string) (int64, error) {
	from, err := s.store.UsageCursor(ctx)
	if err != nil {
		return 0, err
	}
	size, err := s.log.Size(ctx)
	if err != nil {
		return 0, err
	}
	if from >= size {
		return 0, nil
	}
	to := min(size, from+int64(s.batch))
	recs, err := s.log.Events(ctx, audit.Reader{OrgKind: "operator"}, audit.Query{Before: to, Limit: int(to - from)})
	if err != nil {
		return 0, fmt.Errorf("usage: aggregate [%d, %d): %w", from, to, err)
	}
	slices.SortFunc(recs, func(a, b audit.Record) int { return cmp.Compare(a.Index, b.Index) })
	if int64(len(recs)) != to-from || (len(recs) > 0 && recs[0].Index != from) {
		// The log has no gaps (audit.Service.Append); a hole means a
		// damaged log, which `xinrong audit verify` reports.
		return 0, fmt.Errorf("usage: aggregate: audit leaves [%d, %d) are not all readable (%d found)", from, to, len(recs))
	}
	err = s.store.AddUsage(ctx, from, to, Tally(recs, items))
	if apperr.Is(err, apperr.Conflict) {
		return 0, nil // another process aggregated this batch
	}
	if err != nil {
		return 0, err
	}
	return to - from, nil
}

// Tally counts, for each provider whose records an access released, the
// access once per item of the access the provider delivers (items maps
// provider codes to their registered items). Refused accesses released
// nothing and are not counted. A provider no longer registered has its
// accesses counted under every item of the access.
func Tally(recs []audit.Record, items map[string][]string) []Count {
	type key struct{ month, provider, org, item, purpose, action string }
	sums := map[key]int64{}
	for _, rec := range recs {
		ev := rec.Event
		a, ok := actions[ev.Kind]
		ps := ev.Details["providers"]
		if !ok || ev.Outcome != audit.OutcomeOK || ps == "" {
			continue
		}
		month := Month(ev.Time)
		for _, prov := range strings.Split(ps, ",") {
			its := ev.Items
			if reg, known := items[prov]; known {
				its = slices.DeleteFunc(slices.Clone(ev.Items), func(it string) bool { return !slices.Contains(reg, it) })
			}
			for _, it := range its {
				sums[key{month, prov, ev.Actor.OrgID, it, ev.Purpose, string(a)}]++
			}
		}
	}
	out := make([]Count, 0, len(sums))
	for k, n := range sums {
		out = append(out, Count{Month: k.month, Provider: k.provider, OrgID: k.org, Item: k.item, Purpose: k.purpose,
			Action: k.action, Accesses: n})
	}
	slices.SortFunc(out, compareCounts)
	return out
}

// compareCounts orders counts by their key, so that writes take row locks
// in one order and exports list rows in a stable one.
func compareCounts(a, b Count) int {
	return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Provider, b.Provider), cmp.Compare(a.OrgID, b.OrgID),
		cmp.Compare(a.Item, b.Item), cmp.Compare(a.Purpose, b.Purpose), cmp.Compare(a.Action, b.Action))
}
