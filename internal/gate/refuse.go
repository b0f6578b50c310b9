// SPDX-License-Identifier: Apache-2.0

package gate

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/subject"
)

// Deny logs a refusal decided beside the gate (a verification's limits
// against bisection) as a denied access, so that the enterprise sees the
// attempt too, and returns why.
func (g *Gate) Deny(ctx context.Context, req Request, why error) error {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return why
	}
	s, err := g.subjects.Get(ctx, req.Subject)
	if err != nil {
		return why
	}
	return g.log(ctx, p, s, req, req.Purpose, why)
}

// refuse logs a denied access and returns why; errors other than a
// refusal (a database failure) are returned unlogged.
func (g *Gate) refuse(ctx context.Context, p access.Principal, s subject.Subject, req Request, purpose string, why error) error {
	if !apperr.Is(why, apperr.Forbidden) {
		return why
	}
	return g.log(ctx, p, s, req, purpose, why)
}

func (g *Gate) log(ctx context.Context, p access.Principal, s subject.Subject, req Request, purpose string, why error) error {
	if purpose == "" {
		purpose = req.Purpose
	}
	details := maps.Clone(req.Details)
	if details == nil {
		details = map[string]string{}
	}
	details["reason"] = reasonOf(why)
	ev := g.event(p, s.USCC, req.Action, purpose, g.now(), audit.OutcomeDenied, details)
	ev.Items, ev.RequestID = req.Items, httpx.RequestIDFrom(ctx)
	return g.appendDenied(ctx, ev, why)
}

// appendDenied writes a refusal's leaf in its own transaction and returns
// why, or the failure to log it.
func (g *Gate) appendDenied(ctx context.Context, ev audit.Event, why error) error {
	err := g.store.ConsentTx(ctx, func(tx consent.Tx) error {
		_, err := g.audit.Append(ctx, tx, ev)
		return err
	})
	if err != nil {
		return fmt.Errorf("gate: log refusal: %w", err)
	}
	return why
}

// reasonOf is the refusal's message, cut to fit a detail value: it names
// the rule that refused, never a value.
func reasonOf(why error) string {
	msg := why.Error()
	if e, ok := errors.AsType[*apperr.Error](why); ok {
		msg = e.Msg
	}
	if r := []rune(msg); len(r) > 300 {
		msg = string(r[:300])
	}
	return msg
}

// event builds the audit event of an access.
func (g *Gate) event(p access.Principal, uscc string, a Action, purpose string, at time.Time, o audit.Outcome, details map[string]string) audit.Event {
	return audit.Event{Kind: a.Kind(), Time: at, Subject: uscc, Purpose: purpose, Outcome: o, Details: details,
		Actor: audit.ActorOf(p)}
}

// Searched logs a search of the enterprise register (查询) as an event of
// its own: who searched, with which filter, and how many enterprises it
// named. A hit list holds names and codes only; details stay with Release.
func (g *Gate) Searched(ctx context.Context, filter string, hits int) error {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return apperr.Unauthenticatedf("请先登录 / please sign in")
	}
	if r := []rune(filter); len(r) > 300 {
		filter = string(r[:300])
	}
	ev := g.event(p, "", actionSearch, "", g.now(), audit.OutcomeOK, map[string]string{"filter": filter, "hits": fmt.Sprint(hits)})
	ev.RequestID = httpx.RequestIDFrom(ctx)
	return g.store.ConsentTx(ctx, func(tx consent.Tx) error {
		_, err := g.audit.Append(ctx, tx, ev)
		return err
	})
}

// AccessLogRead logs that the caller read the access log of an enterprise
// (who looked at its information, when, why). Staff of the credit centre
// do so to handle an objection or a complaint; that reading is an access
// like any other, and the enterprise sees it in its own log.
func (g *Gate) AccessLogRead(ctx context.Context, uscc string) error {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return apperr.Unauthenticatedf("请先登录 / please sign in")
	}
	ev := g.event(p, uscc, ActionAccessLog, PurposeOperation, g.now(), audit.OutcomeOK, nil)
	ev.RequestID = httpx.RequestIDFrom(ctx)
	return g.store.ConsentTx(ctx, func(tx consent.Tx) error {
		_, err := g.audit.Append(ctx, tx, ev)
		return err
	})
}
