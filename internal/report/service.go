// SPDX-License-Identifier: Apache-2.0

package report

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/id"
)

// Service issues reports and checks their authenticity.
type Service struct {
	store   Store
	gate    Gate
	catalog Catalog
	signer  note.Signer
	vkey    string
	node    string
	now     func() time.Time
	evals   Evaluations
	notes   Annotations
}

// Annotations gives notes shown beside the enterprise in every report,
// such as a court-approved bankruptcy restructuring (破产重整). The rights
// service implements it.
type Annotations func(ctx context.Context, uscc string) ([]string, error)

// SetAnnotations makes reports carry the enterprise's annotations in their
// notes. It is called once while the node is built.
func (s *Service) SetAnnotations(f Annotations) { s.notes = f }

// Evaluations gives the enterprise's latest credit evaluation as a report
// shows it to the caller of the view (nil when it has none yet). The app
// adapts the score service to it.
type Evaluations func(ctx context.Context, v *gate.View) (*Evaluation, error)

// SetEvaluations makes reports carry the latest credit evaluation. It is
// called once while the node is built.
func (s *Service) SetEvaluations(f Evaluations) { s.evals = f }

// Options configure a Service.
type Options struct {
	Secret []byte           // the node secret, sealing the signing key
	Origin string           // names the key on first start, e.g. "credit.example.gov.cn/report"
	Node   string           // the node's name, printed on reports
	Now    func() time.Time // clock; nil means time.Now
}

// New returns the report service, creating the report key on first start.
func New(ctx context.Context, store Store, g Gate, cat Catalog, opt Options) (*Service, error) {
	signer, vkey, err := loadSigner(ctx, store, opt)
	if err != nil {
		return nil, err
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Service{store: store, gate: g, catalog: cat, signer: signer, vkey: vkey, node: opt.Node, now: opt.Now}, nil
}

// VerifierKey returns the signed-note key that checks reports offline.
func (s *Service) VerifierKey() string { return s.vkey }

// Ask is a request for a report.
type Ask struct {
	Subject string // unified code or legacy identifier
	Purpose string // required of institutions
	Format  string // json, html or pdf: recorded in the register
}

// Issue builds, signs and registers a report through the gate. The
// register entry and the audit leaf commit together before the report is
// returned.
func (s *Service) Issue(ctx context.Context, ask Ask) (*Report, error) {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return nil, apperr.Unauthenticatedf("请先登录 / please sign in")
	}
	switch ask.Format {
	case "":
		ask.Format = "json"
	case "json", "html", "pdf":
	default:
		return nil, apperr.Invalidf("format: 应为 json、html 或 pdf / must be json, html or pdf")
	}
	orgName := p.OrgName
	if orgName == "" && p.OrgID != "" {
		if o, err := s.store.FindOrganizationByID(ctx, p.OrgID); err == nil {
			orgName = o.Name
		}
	}
	if orgName == "" {
		orgName = s.node
	}
	issued := s.now().UTC().Truncate(time.Microsecond)
	number := newNumber(issued)
	cat, _, err := s.catalog.Current(ctx)
	if err != nil {
		return nil, err
	}
	var r *Report
	seal := func(v *gate.View) (gate.Sealed, error) {
		r = Build(v, cat, Meta{Number: number, Node: s.node, IssuedAt: issued, OrgName: orgName})
		if s.evals != nil {
			ev, err := s.evals(ctx, v)
			if err != nil {
				return gate.Sealed{}, err
			}
			r.Evaluation = ev
		}
		if s.notes != nil {
			ns, err := s.notes(ctx, v.Subject.USCC)
			if err != nil {
				return gate.Sealed{}, err
			}
			r.Notes = append(ns, r.Notes...)
		}
		if err := sign(r, s.signer); err != nil {
			return gate.Sealed{}, err
		}
		entry := Issued{Number: number, Hash: r.Hash, IssuedAt: issued, Edition: r.Edition, RequesterOrgID: p.OrgID,
			Purpose: v.Purpose, Format: ask.Format, Signature: r.Signature}
		return gate.Sealed{Details: map[string]string{"report": number, "hash": r.Hash, "format": ask.Format},
			Write: func(ctx context.Context, tx consent.Tx, idx int64) error {
				t, ok := txOf(tx)
				if !ok {
					return errors.New("report: the store cannot register reports")
				}
				entry.AuditIndex = idx
				return t.InsertIssuedReport(ctx, entry)
			}}, nil
	}
	v, err := s.gate.Release(ctx, gate.Request{Action: gate.ActionReport, Subject: ask.Subject, Purpose: ask.Purpose}, seal)
	if err != nil {
		return nil, err
	}
	r.AuditIndex = v.AuditIndex
	return r, nil
}

// newNumber returns a report number: XR-, the issue date in Beijing time,
// and ten characters of a random sortable ID.
func newNumber(t time.Time) string {
	u := id.New()
	return fmt.Sprintf("XR-%s-%s", t.In(shanghai).Format("20060102"), u[len(u)-10:])
}

// Authenticity is the answer to "is this report genuine?": nothing about
// the enterprise, only whether the node issued a report with this number
// and hash, and when.
type Authenticity struct {
	Number    string    `json:"number"`
	Authentic bool      `json:"authentic"`
	IssuedAt  time.Time `json:"issued_at,omitzero"`
	Edition   string    `json:"edition,omitempty"`
	Node      string    `json:"node"`
	Message   string    `json:"message"`
}

// Check says whether the node issued report number with content hash.
func (s *Service) Check(ctx context.Context, number, hash string) (Authenticity, error) {
	a := Authenticity{Number: number, Node: s.node}
	e, err := s.store.FindIssuedReport(ctx, number)
	switch {
	case apperr.Is(err, apperr.NotFound):
		a.Message = "本平台未出具该编号的报告 / this node issued no report with this number"
		return a, nil
	case err != nil:
		return a, err
	case e.Hash != normHash(hash):
		a.Message = "报告编号存在，但哈希不符：报告内容已被改动 / the number exists but the hash differs: the report was altered"
		return a, nil
	}
	a.Authentic, a.IssuedAt, a.Edition = true, e.IssuedAt, e.Edition
	a.Message = "报告真实有效，为本平台出具 / authentic: issued by this node"
	return a, nil
}
