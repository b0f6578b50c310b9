// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/rights"
	"github.com/xinrong/xinrong/internal/score"
)

// Rights is what the pages need for the enterprise's self-query, its
// objections and repair applications, the inboxes of providers and
// operators, and notifications. *rights.Service implements it and decides
// who may do what.
type Rights interface {
	OwnCode(ctx context.Context) (string, error)
	History(ctx context.Context, v *gate.View) (map[string][]rights.Version, error)
	File(ctx context.Context, in rights.NewObjection) (rights.Objection, error)
	Apply(ctx context.Context, in rights.NewRepair) (rights.Repair, error)
	Accept(ctx context.Context, id, selfCheck string) (rights.Objection, error)
	Reject(ctx context.Context, id, reason string) (rights.Objection, error)
	Decide(ctx context.Context, id string, out rights.Outcome, note string) (rights.Objection, error)
	DecideRepair(ctx context.Context, id string, grant bool, note string) (rights.Repair, error)
	GetObjection(ctx context.Context, id string) (rights.Objection, error)
	GetRepair(ctx context.Context, id string) (rights.Repair, error)
	ListObjections(ctx context.Context, f rights.Filter) ([]rights.Objection, error)
	ListRepairs(ctx context.Context, f rights.Filter) ([]rights.Repair, error)
	Notifications(ctx context.Context, limit int) ([]rights.Notification, error)
	MarkRead(ctx context.Context, ids []string) (int, error)
	Restructurings(ctx context.Context, uscc string) ([]rights.Restructuring, error)
	AddRestructuring(ctx context.Context, in rights.NewRestructuring) (rights.Restructuring, error)
	EarliestRepair(ctx context.Context, r ingest.Record) (time.Time, bool, error)
	Evaluation(ctx context.Context) (score.Evaluation, bool, error)
	Explain(e score.Evaluation, lang string) string
}

var _ Rights = (*rights.Service)(nil)

var errRightsOff = apperr.E(apperr.Unavailable, "本节点未启用自查、异议和信用修复 / self-query, objections and repair are not enabled on this node", nil)

// Paths of the rights pages.
const (
	selfQueryPath = "/my/selfquery"
	inboxPath     = "/rights/inbox"
	noticesPath   = "/notifications"
)

func (h *Handler) rightsOn() error {
	if h.deps.Rights == nil {
		return errRightsOff
	}
	return nil
}

// caseView is an objection or repair application as the pages list it.
type caseView struct {
	ID, Kind, RecordID, Item, ItemName, USCC string
	Status                                   rights.Status
	StatusLabel                              string
	Outcome                                  string
	Reasons, Evidence, Note                  string
	DueAt, CreatedAt                         time.Time
	Escalated, Open, Overdue                 bool
	Links                                    []string // attachments
	// What the caller may do now.
	MayAccept, MayReject, MayDecide, MayDecideRepair bool
}

func objectionCase(o rights.Objection, lang string, now time.Time) caseView {
	c := caseView{ID: o.ID, Kind: "objection", RecordID: o.RecordID, Item: o.Item, USCC: o.USCC, Status: o.Status,
		StatusLabel: o.Status.Label(lang), Reasons: o.Reasons, Evidence: o.Evidence, Note: o.OutcomeNote,
		DueAt: o.DueAt, CreatedAt: o.CreatedAt, Escalated: o.Escalated, Open: o.Status.Open()}
	if o.Outcome != "" {
		c.Outcome = o.Outcome.Label(lang)
	}
	if c.Note == "" {
		c.Note = o.Note
	}
	c.Overdue = c.Open && !now.Before(o.DueAt)
	c.Links = evidenceLinks(o.ID, o.Evidence)
	return c
}

func repairCase(x rights.Repair, lang string, now time.Time) caseView {
	c := caseView{ID: x.ID, Kind: "repair", RecordID: x.RecordID, Item: x.Item, USCC: x.USCC, Status: x.Status,
		StatusLabel: x.Status.Label(lang), Reasons: x.Commitment, Evidence: x.Evidence, Note: x.DecisionNote,
		DueAt: x.DueAt, CreatedAt: x.CreatedAt, Escalated: x.Escalated, Open: x.Status.Open()}
	c.Overdue = c.Open && !now.Before(x.DueAt)
	c.Links = evidenceLinks(x.ID, x.Evidence)
	return c
}
