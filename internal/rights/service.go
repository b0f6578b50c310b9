// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
)

// Service holds the rules of objections and credit repair: who may file
// and decide, the steps and their time limits in working days, and the
// marks the gate puts on records. Every change is written with its record
// mark, notifications and audit leaf in one transaction.
type Service struct {
	store   Store
	catalog Catalog
	log     Auditor
	cal     *Calendar
	opt     Options
	// out delivers notifications outside the app on channels; events
	// reads the audit log for the institutions to tell of a change.
	out      Deliverer
	channels []string
	events   EventReader
}

// Options configure a Service. Zero limits take the defaults, the
// practice of public credit platforms (受理2个、平台自查2个、报送单位核查10个
// 工作日; 信用修复10个工作日).
type Options struct {
	AcceptDays    int // the platform accepts or rejects an objection
	SelfCheckDays int // the platform checks its own processing
	ProviderDays  int // the provider checks the record
	RepairDays    int // the provider decides a repair application
	// Calendar adds or replaces years of the built-in working-day
	// calendar, for the years the State Council publishes after a release.
	Calendar []CalendarFile
	// Now is the clock (time.Now if nil).
	Now func() time.Time
	// Deliverer sends notifications by e-mail and SMS; when nil, Delivery
	// chooses: "log" (the default: LogDeliverer on Log) or "off".
	Deliverer Deliverer
	Delivery  string
	// Channels are the outside channels tried for every notification
	// (default e-mail and SMS).
	Channels []string
	Log      *slog.Logger
	// Events reads the audit log to find the institutions that received a
	// changed record; when nil, the Auditor is used if it can read.
	Events EventReader
	// Evaluations gives the latest credit evaluation, shown on the
	// self-query page and open to objection; nil when the node does not
	// evaluate.
	Evaluations Evaluations
}

// New returns the service.
func New(store Store, cat Catalog, log Auditor, opt Options) *Service {
	for _, d := range []struct {
		v   *int
		def int
	}{{&opt.AcceptDays, 2}, {&opt.SelfCheckDays, 2}, {&opt.ProviderDays, 10}, {&opt.RepairDays, 10}} {
		if *d.v <= 0 {
			*d.v = d.def
		}
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Channels == nil {
		opt.Channels = []string{"email", "sms"}
	}
	if opt.Events == nil {
		opt.Events, _ = log.(EventReader)
	}
	base, _ := ParseCalendar(calendarJSON)
	return &Service{store: store, catalog: cat, log: log, cal: NewCalendar(append([]CalendarFile{base}, opt.Calendar...)...), opt: opt,
		out: deliverer(opt), channels: opt.Channels, events: opt.Events}
}

// Calendar returns the working-day calendar in use.
func (s *Service) Calendar() *Calendar { return s.cal }

// RecordMarks implements gate.Marks: the marks on the enterprise's
// records, in one indexed read.
func (s *Service) RecordMarks(ctx context.Context, uscc string) (map[string]gate.Mark, error) {
	m, err := s.store.RecordMarks(ctx, uscc)
	if err != nil {
		return nil, fmt.Errorf("rights: record marks: %w", err)
	}
	return m, nil
}

var _ gate.Marks = (*Service)(nil)

func (s *Service) clock() time.Time { return s.opt.Now().UTC().Truncate(time.Microsecond) }

var (
	enterpriseRoles = []access.Role{access.RoleEnterpriseAdmin, access.RoleEnterpriseStaff}
	operatorRoles   = []access.Role{access.RoleOperator, access.RoleOperatorAdmin}
	providerRoles   = []access.Role{access.RoleProviderAdmin, access.RoleProviderSubmitter}
)

func principal(ctx context.Context) (access.Principal, error) {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return p, apperr.E(apperr.Unauthenticated, "rights: 请先登录 / sign in first", nil)
	}
	return p, nil
}

func isOperator(p access.Principal) bool {
	return p.IsOrgKind(access.OrgOperator) && p.HasAny(operatorRoles...)
}

// ownRecord returns the caller's enterprise code and the current record
// id about it. Another enterprise's record does not exist for the caller.
func (s *Service) ownRecord(ctx context.Context, p access.Principal, recordID string) (string, ingest.Record, error) {
	if !p.IsOrgKind(access.OrgEnterprise) || !p.HasAny(enterpriseRoles...) {
		return "", ingest.Record{}, apperr.Forbiddenf("rights: 只有信息主体企业本身可以提出 / only the enterprise the record is about may file")
	}
	org, err := s.store.FindOrganizationByID(ctx, p.OrgID)
	if err != nil {
		return "", ingest.Record{}, fmt.Errorf("rights: caller organization: %w", err)
	}
	recs, err := s.store.CurrentRecords(ctx, org.Code, nil)
	if err != nil {
		return "", ingest.Record{}, fmt.Errorf("rights: records: %w", err)
	}
	for _, r := range recs {
		if r.ID == recordID {
			return org.Code, r, nil
		}
	}
	return "", ingest.Record{}, apperr.NotFoundf("rights: 本企业没有记录 %s / no record %s about your enterprise", recordID, recordID)
}

// providerOrg returns the organization of the provider that delivered r.
func (s *Service) providerOrg(ctx context.Context, r ingest.Record) (string, error) {
	pr, err := s.store.FindProvider(ctx, r.Provider)
	if apperr.Is(err, apperr.NotFound) {
		return "", nil // decided by operators on the provider's behalf
	}
	if err != nil {
		return "", fmt.Errorf("rights: provider %s: %w", r.Provider, err)
	}
	return pr.OrgID, nil
}

// event is the audit record of a change to a case.
func event(kind string, p access.Principal, uscc, item, caseID string, at time.Time, details map[string]string) audit.Event {
	actor := audit.ActorOf(p)
	if details == nil {
		details = map[string]string{}
	}
	details["case"] = caseID
	return audit.Event{Kind: kind, Time: at, Actor: actor, Subject: uscc, Items: []string{item},
		Outcome: audit.OutcomeOK, Details: details}
}

// notices addresses one text to each organization (skipping empty ones).
func notices(kind, uscc, caseID, text string, at time.Time, orgs ...string) []Notification {
	var out []Notification
	seen := map[string]bool{}
	for _, o := range orgs {
		if o == "" || seen[o] {
			continue
		}
		seen[o] = true
		out = append(out, Notification{ID: newID(), OrgID: o, USCC: uscc, Kind: kind, CaseID: caseID, Text: text, CreatedAt: at})
	}
	return out
}
