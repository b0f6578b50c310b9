// SPDX-License-Identifier: Apache-2.0

package gate

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
)

// Gate decides, masks and logs every release of enterprise information.
type Gate struct {
	store      Store
	subjects   Subjects
	catalog    Catalog
	consent    Consent
	agreements Agreements
	audit      Auditor
	marks      Marks // optional
	rules      Rules
	now        func() time.Time
	group      group     // releases waiting for their transaction
	fields     fieldSets // fields by item and level, for the catalog in force
}

// Deps are the services the gate asks.
type Deps struct {
	Store      Store
	Subjects   Subjects
	Catalog    Catalog
	Consent    Consent
	Agreements Agreements
	Audit      Auditor
	Marks      Marks // optional: objections and credit repair
}

// Options configure a Gate.
type Options struct {
	Rules Rules            // masking rules; nil means DefaultRules
	Now   func() time.Time // clock; nil means time.Now
}

// New returns the gate. It refuses masking rules that do not validate.
func New(d Deps, opt Options) (*Gate, error) {
	if opt.Rules == nil {
		opt.Rules = DefaultRules()
	}
	if err := opt.Rules.Validate(); err != nil {
		return nil, err
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Gate{store: d.Store, subjects: d.Subjects, catalog: d.Catalog, consent: d.Consent,
		agreements: d.Agreements, audit: d.Audit, marks: d.Marks, rules: opt.Rules, now: opt.Now}, nil
}

// Seal is called with the view before the access is logged. It may return
// further details for the audit leaf (a report's number and hash) and a
// write to make in the gate's transaction (the issued report's register
// entry). An error aborts the release: nothing is logged or returned.
type Seal func(v *View) (Sealed, error)

// Sealed is what a Seal adds to the gate's transaction.
type Sealed struct {
	Details map[string]string
	// Write runs in the transaction after the audit leaf was appended at
	// index idx; its error rolls the release back.
	Write func(ctx context.Context, tx consent.Tx, idx int64) error
}

// Release passes one request through the gate. It returns the view only
// after the access's audit leaf (and any one-time authorization's use)
// has committed. A refusal is logged as a denied access and returned as
// apperr.Forbidden naming the reason; an unknown enterprise is NotFound.
// Verifications go through Answer instead.
func (g *Gate) Release(ctx context.Context, req Request, seal Seal) (*View, error) {
	if req.Action == ActionVerify {
		return nil, fmt.Errorf("gate: verifications go through Answer, never Release")
	}
	v, err := g.prepare(ctx, req)
	if err != nil {
		return nil, err
	}
	return v, g.commit(ctx, v, req, seal)
}

// Answered is what leaves the gate after a verification: the answer's own
// details, never a record.
type Answered struct {
	At             time.Time
	Details        map[string]string
	Authorizations []string
	AuditIndex     int64
}

// Answer passes a yes/no question (数据核验) through the gate. eval sees the
// records of the named items, including verify_only ones the caller may
// never read, and returns the answer as details (e.g. "result": "yes");
// only those details leave, after the audit leaf has committed.
// Institutions need their agreement to cover every item and the
// enterprise's authorization for any item that is not public.
func (g *Gate) Answer(ctx context.Context, req Request, eval func(v *View) (map[string]string, error)) (Answered, error) {
	req.Action = ActionVerify
	if len(req.Items) == 0 {
		return Answered{}, apperr.Invalidf("items: 核验须指明信息项 / a verification names its items")
	}
	v, err := g.prepare(ctx, req)
	if err != nil {
		return Answered{}, err
	}
	var out map[string]string
	err = g.commit(ctx, v, req, func(v *View) (Sealed, error) {
		var err error
		out, err = eval(v)
		return Sealed{Details: out}, err
	})
	if err != nil {
		return Answered{}, err
	}
	return Answered{At: v.At, Details: out, Authorizations: v.Authorizations, AuditIndex: v.AuditIndex}, nil
}

// prepare decides a request and reads what it releases.
func (g *Gate) prepare(ctx context.Context, req Request) (*View, error) {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return nil, apperr.Unauthenticatedf("请先登录 / please sign in")
	}
	if !req.Action.Valid() || req.Action == actionSearch || req.Action == ActionAccessLog {
		return nil, fmt.Errorf("gate: unknown action %q", req.Action)
	}
	at := req.At
	if at.IsZero() {
		at = g.now()
	}
	at = at.UTC().Truncate(time.Microsecond)
	s, err := g.subjects.Get(ctx, req.Subject)
	if err != nil {
		return nil, err
	}
	cat, ver, err := g.catalog.Current(ctx)
	if err != nil {
		return nil, err
	}
	items, err := selectItems(cat, req.Items)
	if err != nil {
		return nil, err
	}
	c, err := g.decide(ctx, p, s, req, at)
	if err != nil {
		return nil, g.refuse(ctx, p, s, req, c.purpose, err)
	}
	v := &View{Action: req.Action, Principal: p, Subject: s, Purpose: c.purpose, At: at,
		CatalogVersion: ver, Self: c.self, quota: c.quota}
	var read []string
	for _, it := range items {
		iv := g.itemView(cat, it, c.grantOf(it))
		if len(req.Items) > 0 && !iv.Shown() {
			return nil, g.refuse(ctx, p, s, req, c.purpose, apperr.Forbiddenf("%s：%s", it.Name, iv.Withheld))
		}
		if iv.Shown() {
			read = append(read, it.Code)
		}
		v.Items = append(v.Items, iv)
	}
	if err := g.fill(ctx, v, read, c.insider); err != nil {
		return nil, err
	}
	return v, nil
}

// selectItems returns the named items, or every item in force.
func selectItems(cat *catalog.Catalog, codes []string) ([]catalog.Item, error) {
	if len(codes) == 0 {
		var out []catalog.Item
		for _, it := range cat.Items {
			if !it.Deprecated {
				out = append(out, it)
			}
		}
		return out, nil
	}
	out := make([]catalog.Item, 0, len(codes))
	for _, code := range codes {
		it, err := cat.Item(code)
		if err != nil {
			return nil, apperr.Invalidf("items: 未知信息项 %q / unknown item %q", code, code)
		}
		out = append(out, it)
	}
	return out, nil
}

const verifyOnlyText = "仅提供核验，不提供明细 / available to verification only, never as detail"

// itemView applies a grant to an item: which fields go out, and why the
// rest do not.
func (g *Gate) itemView(cat *catalog.Catalog, it catalog.Item, gr grant) ItemView {
	iv := ItemView{Item: it, Level: gr.level, VerifyOnly: it.Disclosure == catalog.VerifyOnly}
	if gr.auth != nil {
		iv.AuthorizationID = gr.auth.ID
	}
	if !iv.Shown() {
		iv.Withheld = gr.reason
		if iv.Withheld == "" {
			iv.Withheld = verifyOnlyText
		}
		return iv
	}
	var partial bool
	iv.Fields, partial = g.fields.of(cat, it, gr.level)
	if partial {
		iv.Withheld = "部分字段未获授权或仅供核验 / some fields need an authorization or serve verification only"
	}
	return iv
}

// fill reads the current records of the released items and projects them.
func (g *Gate) fill(ctx context.Context, v *View, read []string, insider bool) error {
	if len(read) == 0 {
		return nil
	}
	recs, err := g.store.CurrentRecords(ctx, v.Subject.USCC, read)
	if err != nil {
		return err
	}
	var marks map[string]Mark
	if g.marks != nil {
		if marks, err = g.marks.RecordMarks(ctx, v.Subject.USCC); err != nil {
			return err
		}
	}
	pos := make(map[string]int, len(v.Items))
	for i, iv := range v.Items {
		pos[iv.Item.Code] = i
	}
	for _, r := range recs {
		i, ok := pos[r.Item]
		if !ok || !v.Items[i].Shown() {
			continue // never released: the store returned more than asked
		}
		iv := &v.Items[i]
		if out, ok := project(iv.Item, iv.Fields, r, marks[r.ID], g.rules, insider, v.At); ok {
			iv.Records = append(iv.Records, out)
		}
	}
	return nil
}

// providersOf lists the providers whose records the view released, so
// that each provider can be told how its data was used (信息使用情况反馈).
// The list is cut to fit a detail value.
func providersOf(v *View) string {
	seen := map[string]bool{}
	var ps []string
	for _, iv := range v.Items {
		for _, r := range iv.Records {
			if !seen[r.Provider] && r.Hidden == "" {
				seen[r.Provider] = true
				ps = append(ps, r.Provider)
			}
		}
	}
	slices.Sort(ps)
	out := strings.Join(ps, ",")
	for len(out) > 1000 {
		ps = ps[:len(ps)-1]
		out = strings.Join(ps, ",")
	}
	return out
}
