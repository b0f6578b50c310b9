// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/notekey"
)

// SelfReports holds the rules of self-reported information: who may
// submit and contest, the signed credit commitment, and the finding that
// turns a false commitment into a negative record.
type SelfReports struct {
	store  SelfReportStore
	cat    Catalog
	rec    Recorder
	log    Auditor
	signer note.Signer
	vkey   string
	opt    SelfReportOptions

	mu       sync.Mutex
	provided bool // the node's own providers are registered
}

// SelfReportOptions configure SelfReports.
type SelfReportOptions struct {
	Secret []byte // the node secret; it seals the commitment signing key
	Origin string // names the signing key when first created
	// Centre is the name recorded as the body that found a commitment
	// false (认定单位); "信用中心" if empty.
	Centre string
	Now    func() time.Time
}

// NewSelfReports returns the service, creating the commitment signing key
// on first start.
func NewSelfReports(ctx context.Context, store SelfReportStore, cat Catalog, rec Recorder, log Auditor, opt SelfReportOptions) (*SelfReports, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Centre == "" {
		opt.Centre = "信用中心"
	}
	signer, vkey, err := notekey.Load(ctx, store, opt.Secret, commitmentKey, opt.Origin)
	if err != nil {
		return nil, err
	}
	return &SelfReports{store: store, cat: cat, rec: rec, log: log, signer: signer, vkey: vkey, opt: opt}, nil
}

// VerifierKey returns the signed-note verifier key that checks commitments.
func (s *SelfReports) VerifierKey() string { return s.vkey }

func (s *SelfReports) clock() time.Time { return s.opt.Now().UTC().Truncate(time.Microsecond) }

// NewSelfReport is what an enterprise submits: the kind and its fields by
// catalog field code (the enterprise's code, name and the commitment
// number are filled in by the platform).
type NewSelfReport struct {
	Kind SelfReportKind
	Data map[string]string
}

var reservedFields = map[string]bool{"USCC": true, "NAME": true, "COMMITMENT_NO": true}

// Submit records a submission with its signed commitment and collects it
// as a record of the kind's catalog item. Enterprise accounts only.
// Returns Forbidden, Invalid (kind, fields) or the collection's error.
func (s *SelfReports) Submit(ctx context.Context, in NewSelfReport) (SelfReport, error) {
	p, err := principal(ctx)
	if err != nil {
		return SelfReport{}, err
	}
	if !p.IsOrgKind(access.OrgEnterprise) || !p.HasAny(enterpriseRoles...) {
		return SelfReport{}, apperr.Forbiddenf("rights: 只有企业本身可以自愿填报 / only an enterprise reports about itself")
	}
	ki, ok := kindOf(in.Kind)
	if !ok {
		return SelfReport{}, apperr.Invalidf("kind: 填报类型 %q 无效 / unknown kind %q", in.Kind, in.Kind)
	}
	org, err := s.store.FindOrganizationByID(ctx, p.OrgID)
	if err != nil {
		return SelfReport{}, fmt.Errorf("rights: caller organization: %w", err)
	}
	cat, _, err := s.cat.Current(ctx)
	if err != nil {
		return SelfReport{}, err
	}
	it, err := cat.Item(ki.Item)
	if err != nil {
		return SelfReport{}, apperr.E(apperr.Unavailable, "rights: 目录中没有自愿填报信息项 / the catalog has no self-report item", err)
	}
	data := map[string]string{}
	for k, v := range in.Data {
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		if reservedFields[k] {
			return SelfReport{}, apperr.Invalidf("%s: 由平台填写 / filled in by the platform", k)
		}
		data[k] = v
	}
	id := newID()
	row := map[string]string{"USCC": org.Code, "NAME": org.Name, "COMMITMENT_NO": id}
	for k, v := range data {
		row[k] = v
	}
	if unknown := it.UnknownKeys(row); len(unknown) > 0 {
		return SelfReport{}, apperr.Invalidf("%s: 不是该类填报的字段 / not a field of this kind", unknown[0])
	}
	if errs := it.ValidateRow(row); len(errs) > 0 {
		return SelfReport{}, apperr.Invalidf("%s", errs[0].Error())
	}
	now := s.clock()
	text := commitmentTexts[ki.Kind]
	c := Commitment{ID: id, USCC: org.Code, Kind: ki.Kind, Version: text.Version, TextSHA256: text.SHA256(),
		Account: p.ID(), Username: p.Username, Time: now, SubmissionHash: SubmissionDigest(ki.Kind, data)}
	signed, err := signCommitment(c, s.signer)
	if err != nil {
		return SelfReport{}, err
	}
	recordID, err := s.collect(ctx, SelfReportProvider, ki.Item, "selfreport:"+id, row, org.Code, id)
	if err != nil {
		return SelfReport{}, err
	}
	sr := SelfReport{ID: id, USCC: org.Code, OrgID: org.ID, Kind: ki.Kind, Item: ki.Item, RecordID: recordID, Data: data,
		CommitmentVersion: text.Version, Commitment: signed, SubmissionHash: c.SubmissionHash, Status: SelfReportActive,
		SubmittedBy: p.ID(), CreatedAt: now, UpdatedAt: now}
	err = s.store.SelfReportTx(ctx, func(tx SelfReportTx) error {
		if err := tx.CreateSelfReport(ctx, sr); err != nil {
			return fmt.Errorf("rights: create self-report: %w", err)
		}
		return s.apply(ctx, tx, p, sr, "selfreport.submitted/v1", "自愿填报信息已提交并附信用承诺书 "+id+" / self-reported information submitted with commitment "+id,
			map[string]string{"commitment": text.Version}, org.ID)
	})
	return sr, err
}

// collect pushes one row as the node's own provider and returns the ID of
// the record it became (found by its commitment number).
func (s *SelfReports) collect(ctx context.Context, provider, item, key string, row map[string]string, uscc, commitmentNo string) (string, error) {
	if err := s.ensureProviders(ctx); err != nil {
		return "", err
	}
	b, err := s.rec.Push(ctx, ingest.PushInput{Provider: provider, Item: item, IdempotencyKey: key, Rows: []map[string]string{row}})
	if err != nil {
		return "", fmt.Errorf("rights: collect %s: %w", item, err)
	}
	if b.Accepted+b.Updated+b.Duplicate == 0 {
		return "", apperr.Invalidf("rights: 记录未被采集（企业不在主体库中或内容无效）/ the record was not collected (enterprise unknown to the node, or invalid)")
	}
	recs, err := s.store.CurrentRecords(ctx, uscc, []string{item})
	if err != nil {
		return "", fmt.Errorf("rights: records: %w", err)
	}
	for _, r := range recs {
		if r.Data["COMMITMENT_NO"] == commitmentNo {
			return r.ID, nil
		}
	}
	return "", fmt.Errorf("rights: collected %s record for commitment %s not found", item, commitmentNo)
}

// ensureProviders registers the node's own two providers once per process
// (an upsert, so concurrent processes agree).
func (s *SelfReports) ensureProviders(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.provided {
		return nil
	}
	var items []string
	for _, k := range kindTable {
		items = append(items, k.Item)
	}
	for _, p := range []ingest.Provider{
		{Code: SelfReportProvider, Name: "信息主体自愿填报 / self-reported by the enterprise", Department: "信息主体（企业自报）", Items: items},
		{Code: CreditCentreProvider, Name: s.opt.Centre, Department: "信用中心", Items: []string{FalseCommitmentItem}},
	} {
		if _, err := s.rec.RegisterProvider(ctx, p); err != nil {
			return fmt.Errorf("rights: register provider %s: %w", p.Code, err)
		}
	}
	s.provided = true
	return nil
}

// apply writes the notifications and the audit leaf of a change.
func (s *SelfReports) apply(ctx context.Context, tx SelfReportTx, p access.Principal, sr SelfReport, kind, text string, details map[string]string, to ...string) error {
	at := s.clock()
	if err := tx.AddNotifications(ctx, notices(kind, sr.USCC, sr.ID, text, at, to...)...); err != nil {
		return err
	}
	if details == nil {
		details = map[string]string{}
	}
	details["record"] = sr.RecordID
	details["status"] = string(sr.Status)
	_, err := s.log.Append(ctx, tx, event(kind, p, sr.USCC, sr.Item, sr.ID, at, details))
	return err
}

// mayRead reports whether p may read sr: the enterprise itself, operators,
// and providers (who may contest it) except financial statements, which
// are the enterprise's business secret and released only through the gate
// with its authorization.
func mayRead(p access.Principal, sr SelfReport) bool {
	return p.OrgID == sr.OrgID || isOperator(p) || isProvider(p) && sr.Kind != KindFinancial
}

func isProvider(p access.Principal) bool {
	return p.IsOrgKind(access.OrgProvider) && p.HasAny(providerRoles...)
}

// List returns submissions, newest first: the caller's own for an
// enterprise; any enterprise's (uscc) for operators and providers.
func (s *SelfReports) List(ctx context.Context, uscc string) ([]SelfReport, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	switch {
	case p.IsOrgKind(access.OrgEnterprise) && p.HasAny(enterpriseRoles...):
		org, err := s.store.FindOrganizationByID(ctx, p.OrgID)
		if err != nil {
			return nil, err
		}
		uscc = org.Code
	case isOperator(p), isProvider(p):
	default:
		return nil, apperr.Forbiddenf("rights: 无权查看自愿填报信息 / you may not read self-reported information")
	}
	all, err := s.store.FindSelfReports(ctx, uscc, 500)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, sr := range all {
		if mayRead(p, sr) {
			out = append(out, sr)
		}
	}
	return out, nil
}

// Get returns one submission and its contests. Returns NotFound also for
// a submission the caller may not read.
func (s *SelfReports) Get(ctx context.Context, id string) (SelfReport, []Contest, error) {
	p, err := principal(ctx)
	if err != nil {
		return SelfReport{}, nil, err
	}
	sr, err := s.store.FindSelfReport(ctx, id)
	if err != nil || !mayRead(p, sr) {
		return SelfReport{}, nil, apperr.NotFoundf("rights: 没有自愿填报 %s / no self-report %s", id, id)
	}
	cs, err := s.store.FindContests(ctx, id, "", 100)
	return sr, cs, err
}

// Verify checks a submission's stored commitment with the node's key.
func (s *SelfReports) Verify(ctx context.Context, id string) (Commitment, error) {
	sr, _, err := s.Get(ctx, id)
	if err != nil {
		return Commitment{}, err
	}
	c, err := VerifyCommitment([]byte(sr.Commitment), s.vkey)
	if err != nil {
		return Commitment{}, err
	}
	if c.ID != sr.ID || c.SubmissionHash != SubmissionDigest(sr.Kind, sr.Data) {
		return Commitment{}, fmt.Errorf("%w: the stored submission differs from the signed one", ErrBadCommitment)
	}
	return c, nil
}
