// SPDX-License-Identifier: Apache-2.0

package usage

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
)

// Row is one line of a provider's usage feedback, with names.
type Row struct {
	Count
	ProviderName string
	OrgName      string
	OrgKind      access.OrgKind
	ItemName     string
	ItemNameEN   string
}

// Feedback is one month of usage (信息使用情况反馈) for the providers a
// caller may see.
type Feedback struct {
	Month     string
	Providers []ingest.Provider // the providers covered
	Rows      []Row
	Total     int64 // sum of the rows' accesses
}

var monthRE = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)

// ParseMonth checks a YYYY-MM month; empty means the current month in
// Asia/Shanghai. Returns apperr.Invalid.
func ParseMonth(m string, now time.Time) (string, error) {
	m = strings.TrimSpace(m)
	if m == "" {
		return Month(now), nil
	}
	if !monthRE.MatchString(m) {
		return "", apperr.Invalidf("month: 月份格式应为 YYYY-MM / month must be YYYY-MM")
	}
	return m, nil
}

// Usage returns a month of usage feedback for the caller's providers, or
// for one of them (provider non-empty). Returns Forbidden for a caller
// who reads no usage or names a provider it may not see, Invalid for a
// bad month.
func (s *Service) Usage(ctx context.Context, month, provider string) (Feedback, error) {
	month, err := ParseMonth(month, time.Now())
	if err != nil {
		return Feedback{}, err
	}
	visible, err := s.VisibleProviders(ctx)
	if err != nil {
		return Feedback{}, err
	}
	if provider = strings.TrimSpace(provider); provider != "" {
		i := slices.IndexFunc(visible, func(p ingest.Provider) bool { return p.Code == provider })
		if i < 0 {
			return Feedback{}, apperr.Forbiddenf("usage: 无权查看数据提供单位 %s 的使用情况 / you may not read the usage of provider %s", provider, provider)
		}
		visible = visible[i : i+1]
	}
	fb := Feedback{Month: month, Providers: visible}
	if len(visible) == 0 {
		return fb, nil
	}
	codes := make([]string, len(visible))
	names := map[string]string{}
	for i, p := range visible {
		codes[i], names[p.Code] = p.Code, p.Name
	}
	counts, err := s.store.FindUsage(ctx, month, codes)
	if err != nil {
		return Feedback{}, err
	}
	cat, _, err := s.catalog.Current(ctx)
	if err != nil {
		return Feedback{}, err
	}
	orgs := &orgNames{store: s.store}
	for _, c := range counts {
		o, err := orgs.get(ctx, c.OrgID)
		if err != nil {
			return Feedback{}, err
		}
		it := itemOf(cat, c.Item)
		fb.Rows = append(fb.Rows, Row{Count: c, ProviderName: names[c.Provider], OrgName: o.Name, OrgKind: o.Kind,
			ItemName: it.Name, ItemNameEN: it.NameEN})
		fb.Total += c.Accesses
	}
	return fb, nil
}

// ActionOf returns the gate action of a count's Action.
func (c Count) ActionOf() gate.Action { return gate.Action(c.Action) }
