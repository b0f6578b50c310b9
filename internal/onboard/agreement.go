// SPDX-License-Identifier: Apache-2.0

package onboard

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Limits are the institution's traffic limits under its agreement.
type Limits struct {
	RatePerSecond int // sustained requests per second
	Burst         int // requests allowed at once above the rate
	DailyQuota    int // enterprise queries per day (Asia/Shanghai)
}

// Validate checks every limit is positive: an agreement without a quota
// would let an institution read the whole register in a day.
func (l Limits) Validate() error {
	if l.RatePerSecond < 1 || l.RatePerSecond > 10000 || l.Burst < 1 || l.Burst > 10000 {
		return apperr.Invalidf("limits: 每秒速率与突发量须在1–10000之间 / rate_per_second and burst must be 1–10000")
	}
	if l.DailyQuota < 1 || l.DailyQuota > 100_000_000 {
		return apperr.Invalidf("limits.daily_quota: 每日配额须在1–100000000之间 / must be 1–100000000")
	}
	return nil
}

// Agreement is the data sharing agreement (数据共享协议) in force or
// awaiting signature.
type Agreement struct {
	Version    int
	Categories []string // catalog category codes: every item in them
	Items      []string // further single catalog item codes
	Purposes   []string // purpose codes the institution may declare
	From       time.Time
	Until      time.Time
	Limits     Limits
	ApprovedBy string // operator user
	ApprovedAt time.Time
	// Commitment is the credit commitment (信用承诺书) text the
	// institution signed; empty until signed.
	Commitment string
	SignedBy   string // institution administrator user
	SignedAt   time.Time
}

// Signed reports whether the institution has signed this version.
func (a *Agreement) Signed() bool { return a != nil && !a.SignedAt.IsZero() }

// InTerm reports whether t falls in [From, Until).
func (a *Agreement) InTerm(t time.Time) bool {
	return !t.Before(a.From) && t.Before(a.Until)
}

// Covers reports whether the agreement covers the item, whose catalog
// category is category.
func (a *Agreement) Covers(item, category string) bool {
	return slices.Contains(a.Items, item) || slices.Contains(a.Categories, category)
}

// NewAgreement is the terms the credit centre approves.
type NewAgreement struct {
	Categories []string
	Items      []string
	Purposes   []string
	From       time.Time
	Until      time.Time
	Limits     Limits
}

var purposeRE = regexp.MustCompile(`^[a-z][a-z0-9_]{1,47}$`)

// Validate checks the fields that need no catalog; the service checks the
// codes against the catalog in force.
func (n *NewAgreement) Validate() error {
	if len(n.Categories)+len(n.Items) == 0 {
		return apperr.Invalidf("categories: 至少需要一个信息类别或信息项 / at least one category or item is required")
	}
	if len(n.Purposes) == 0 {
		return apperr.Invalidf("purposes: 至少需要一个查询用途 / at least one purpose is required")
	}
	for i, p := range n.Purposes {
		n.Purposes[i] = strings.TrimSpace(p)
		if !purposeRE.MatchString(n.Purposes[i]) {
			return apperr.Invalidf("purposes[%d]: 用途代码 %q 格式无效 / %q must be a lower-case code like loan_precheck", i, p, p)
		}
	}
	slices.Sort(n.Purposes)
	n.Purposes = slices.Compact(n.Purposes)
	slices.Sort(n.Categories)
	n.Categories = slices.Compact(n.Categories)
	slices.Sort(n.Items)
	n.Items = slices.Compact(n.Items)
	if n.From.IsZero() || !n.Until.After(n.From) {
		return apperr.Invalidf("until: 协议期限须晚于起始日 / the term must end after it starts")
	}
	return n.Limits.Validate()
}

// validateCommitment checks the signed credit commitment text.
func validateCommitment(s string) (string, error) {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) < 10 || utf8.RuneCountInString(s) > 5000 {
		return "", apperr.Invalidf("commitment: 信用承诺书须为10–5000字 / the credit commitment must be 10–5000 characters")
	}
	return s, nil
}
