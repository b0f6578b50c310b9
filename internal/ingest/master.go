// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"context"
	"iter"
	"strconv"
	"time"

	"github.com/xinrong/xinrong/internal/subject"
)

// MasterImporter registers and updates enterprises in bulk.
// *subject.Service implements it.
type MasterImporter interface {
	Import(ctx context.Context, src iter.Seq[subject.Subject], progress func(subject.ImportResult)) (subject.ImportResult, error)
}

// feedMaster registers or updates the enterprises that a registration
// item's valid rows describe, before those rows are resolved, so that the
// market regulator's registration file is what builds the master. Rows the
// master refuses are rejected with its reason.
func (p *processor) feedMaster(ctx context.Context, cs []checked) error {
	mf := p.item.MasterFields
	if len(mf) == 0 || p.s.Master == nil {
		return nil
	}
	var idx []int
	var subs []subject.Subject
	for i := range cs {
		if !cs[i].ok {
			continue
		}
		subs = append(subs, toSubject(cs[i].norm, cs[i].code, mf))
		idx = append(idx, i)
	}
	res, err := p.s.Master.Import(ctx, func(yield func(subject.Subject) bool) {
		for _, s := range subs {
			if !yield(s) {
				return
			}
		}
	}, nil)
	if err != nil {
		return err
	}
	for _, e := range res.Errors {
		c := &cs[idx[e.Row-1]]
		c.ok, c.norm = false, nil
		c.rejects = append(c.rejects, Rejection{Row: c.num, Field: p.item.SubjectField, Reason: "master",
			Msg: "主体库拒绝：" + e.Reason, MsgEN: "refused by the enterprise master: " + e.Reason})
	}
	return nil
}

// toSubject maps a normalized registration row to a subject.
func toSubject(norm map[string]string, code string, mf map[string]string) subject.Subject {
	s := subject.Subject{USCC: code, Name: norm[mf["name"]], LegalRep: norm[mf["legal_rep"]],
		IndustryCode: norm[mf["industry"]], Address: norm[mf["address"]]}
	s.Status, _ = subject.ParseStatus(norm[mf["status"]])
	if s.Status == "" {
		s.Status = subject.StatusActive
	}
	if d, err := time.Parse("2006-01-02", norm[mf["registered_at"]]); err == nil {
		s.RegisteredAt = d
	}
	if fen, err := strconv.ParseInt(norm[mf["capital"]], 10, 64); err == nil {
		s.RegisteredCapitalFen = fen
	}
	if r := subject.Normalize(norm[mf["reg_no"]]); r != "" && subject.LegacyKind(r) == subject.AliasRegNo15 {
		s.Aliases = append(s.Aliases, subject.Alias{Kind: subject.AliasRegNo15, Value: r})
	}
	return s
}
