// SPDX-License-Identifier: Apache-2.0

package verify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/id"
	"github.com/xinrong/xinrong/internal/notekey"
)

// Service answers verifications.
type Service struct {
	store     Store
	gate      Gate
	subjects  Subjects
	templates []Template
	programs  map[string]program
	signer    note.Signer
	vkey      string
	limits    Limits
	now       func() time.Time
}

// Options configure a Service.
type Options struct {
	Secret    []byte           // node secret sealing the signing key (≥ 32 bytes)
	Origin    string           // key name for a new signing key, e.g. "host/path/verify"
	Now       func() time.Time // clock; nil means time.Now
	Limits    Limits           // zero fields take the defaults
	Templates []Template       // nil means Builtin
}

// New checks the templates against the catalog in force, compiles their
// rules and loads (or on first start creates) the receipt signing key. A
// template that does not fit the catalog or a rule that does not compile
// is an error: the node does not start with a question it cannot answer.
func New(ctx context.Context, store Store, g Gate, subjects Subjects, cat Catalog, opt Options) (*Service, error) {
	c, _, err := cat.Current(ctx)
	if err != nil {
		return nil, fmt.Errorf("verify: catalog: %w", err)
	}
	if opt.Templates == nil {
		opt.Templates = Builtin
	}
	ts, err := bind(opt.Templates, c)
	if err != nil {
		return nil, err
	}
	env, err := newEnv()
	if err != nil {
		return nil, fmt.Errorf("verify: CEL environment: %w", err)
	}
	progs := make(map[string]program, len(ts))
	for _, t := range ts {
		if progs[t.Code], err = compile(env, t); err != nil {
			return nil, err
		}
	}
	signer, vkey, err := notekey.Load(ctx, store, opt.Secret, signingKey, opt.Origin)
	if err != nil {
		return nil, err
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Service{store: store, gate: g, subjects: subjects, templates: ts, programs: progs, signer: signer,
		vkey: vkey, limits: opt.Limits.withDefaults(), now: opt.Now}, nil
}

// Templates returns the published templates, with the values each enum
// set parameter accepts.
func (s *Service) Templates() []Template { return slices.Clone(s.templates) }

// Template returns one template, or apperr.NotFound.
func (s *Service) Template(code string) (Template, error) {
	for _, t := range s.templates {
		if t.Code == code {
			return t, nil
		}
	}
	return Template{}, apperr.NotFoundf("没有核验模板 %q / no verification template %q", code, code)
}

// VerifierKey returns the key that checks receipts offline.
func (s *Service) VerifierKey() string { return s.vkey }

// Verify answers one question about an enterprise: the guards first (daily
// limits, threshold walking), then the gate (role, agreement,
// authorization, audit leaf), which runs the template's rule over the
// enterprise's records. Returns Invalid (template parameters), NotFound
// (template or enterprise), TooMany (a daily limit), or Forbidden (the
// gate's refusal, or threshold walking).
func (s *Service) Verify(ctx context.Context, ask Ask) (Answer, error) {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return Answer{}, apperr.Unauthenticatedf("请先登录 / please sign in")
	}
	t, err := s.Template(ask.Template)
	if err != nil {
		return Answer{}, err
	}
	params, err := ParseParams(t, ask.Params)
	if err != nil {
		return Answer{}, err
	}
	subj, err := s.subjects.Get(ctx, ask.USCC)
	if err != nil {
		return Answer{}, err
	}
	now := s.now().UTC()
	rec := AskRecord{ID: id.New(), OrgID: p.OrgID, UserID: p.ID(), USCC: subj.USCC, Template: t.Code,
		ParamsHash: params.Hash(), Purpose: ask.Purpose, Day: now.In(chinaTime).Format(time.DateOnly), AskedAt: now}
	details := map[string]string{"template": t.Code, "params_hash": rec.ParamsHash, "verification_id": rec.ID}
	req := gate.Request{Action: gate.ActionVerify, Subject: subj.USCC, Items: t.Items, Purpose: ask.Purpose, At: now, Details: details}
	if err := s.guard(ctx, rec); err != nil {
		if apperr.Is(err, apperr.TooMany) || apperr.Is(err, apperr.Forbidden) {
			return Answer{}, s.gate.Deny(ctx, req, err) // the enterprise sees the refused attempt too
		}
		return Answer{}, err
	}
	var result bool
	ans, err := s.gate.Answer(ctx, req,
		func(v *gate.View) (map[string]string, error) {
			a, err := activationOf(v, t, params)
			if err != nil {
				return nil, err
			}
			if result, err = s.programs[t.Code].eval(a); err != nil {
				return nil, fmt.Errorf("verify: template %s: %w", t.Code, err)
			}
			return map[string]string{"template": t.Code, "params_hash": rec.ParamsHash, "result": resultWord(result)}, nil
		})
	finish := context.WithoutCancel(ctx)
	if err != nil {
		outcome := OutcomeRefused
		if !apperr.Is(err, apperr.Forbidden) {
			outcome = OutcomeFailed
		}
		return Answer{}, errors.Join(err, s.store.FinishAsk(finish, rec.ID, outcome, "", 0))
	}
	r := Receipt{ID: rec.ID, Template: t.Code, ParamsHash: rec.ParamsHash, Enterprise: subj.USCC, Institution: p.OrgID,
		Purpose: ask.Purpose, Result: result, AsOf: ans.At, AuditIndex: ans.AuditIndex}
	note, err := sign(r, s.signer)
	if err != nil {
		return Answer{}, err
	}
	if err := s.store.FinishAsk(finish, rec.ID, OutcomeAnswered, resultWord(result), ans.AuditIndex); err != nil {
		return Answer{}, err
	}
	return Answer{Result: result, Template: t.Code, AsOf: ans.At, Receipt: note, AuditIndex: ans.AuditIndex}, nil
}

// activationOf gives the rule the records the gate read, typed, and an
// empty list for an item without records. Records the gate marks hidden
// (revoked by their provider, past publicity) are left out whoever asks,
// so that an operator's answer is the bank's answer.
func activationOf(v *gate.View, t Template, params Params) (activation, error) {
	a := activation{records: make(map[string][]map[string]any, len(t.Items)), params: params.vals, asOf: v.At}
	for _, code := range t.Items {
		a.records[code] = []map[string]any{}
	}
	for _, iv := range v.Items {
		list := a.records[iv.Item.Code]
		for _, r := range iv.Records {
			if r.Hidden != "" {
				continue // revoked or past publicity: shown to insiders only, and no longer in force
			}
			tr, err := typedRecord(iv.Item, r.Data)
			if err != nil {
				return activation{}, err
			}
			list = append(list, tr)
		}
		a.records[iv.Item.Code] = list
	}
	return a, nil
}

// Alerts returns threshold-walking alerts for the credit centre's
// operators. Returns Forbidden for anyone else.
func (s *Service) Alerts(ctx context.Context, f AlertFilter) ([]Alert, error) {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return nil, apperr.Unauthenticatedf("请先登录 / please sign in")
	}
	if p.Kind != access.PrincipalSystem && !p.HasAny(access.RoleOperator, access.RoleOperatorAdmin) {
		return nil, apperr.Forbiddenf("仅运营方可查看核验告警 / only the credit centre's operators see verification alerts")
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	f.Limit = min(f.Limit, 1000)
	return s.store.VerifyAlerts(ctx, f)
}
