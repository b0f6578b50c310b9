// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/subject"
)

// Restructuring is a bankruptcy restructuring annotation (破产重整): a
// court approved the enterprise's restructuring plan or settlement
// (重整计划/和解协议), which allows credit repair of the records it
// covers. It is shown beside the enterprise on its self-query page,
// profile and reports.
type Restructuring struct {
	ID         string
	USCC       string
	Court      string
	CaseNo     string // the court's case number, e.g. （2026）宁01破1号
	ApprovedOn string // YYYY-MM-DD, the date of the ruling
	Note       string
	CreatedBy  string
	CreatedAt  time.Time
}

// NewRestructuring is what an operator or a provider records.
type NewRestructuring struct {
	USCC, Court, CaseNo, ApprovedOn, Note string
}

var forbiddenChanges = apperr.Forbiddenf("rights: 无权查看变更 / you may not read rights changes")

// AddRestructuring records a 破产重整 annotation. Operators and the staff
// of providers (the court delivers judgments) may. Returns Forbidden or
// Invalid.
func (s *Service) AddRestructuring(ctx context.Context, in NewRestructuring) (Restructuring, error) {
	p, err := principal(ctx)
	if err != nil {
		return Restructuring{}, err
	}
	if !isOperator(p) && !(p.IsOrgKind(access.OrgProvider) && p.HasAny(providerRoles...)) {
		return Restructuring{}, apperr.Forbiddenf("rights: 只有信用中心或数据提供单位可以添加破产重整标注 / only operators or providers add restructuring annotations")
	}
	in.USCC = strings.ToUpper(strings.TrimSpace(in.USCC))
	if v := subject.Check(in.USCC, subject.CheckOptions{}); !v.Valid {
		return Restructuring{}, apperr.Invalidf("uscc: 统一社会信用代码无效 / invalid unified social credit code")
	}
	for _, f := range []struct{ name, v string }{{"court", in.Court}, {"case_no", in.CaseNo}} {
		if err := textField(f.name, f.v, 200); err != nil {
			return Restructuring{}, err
		}
	}
	if _, err := time.Parse(time.DateOnly, strings.TrimSpace(in.ApprovedOn)); err != nil {
		return Restructuring{}, apperr.Invalidf("approved_on: 日期格式应为 YYYY-MM-DD / must be a date YYYY-MM-DD")
	}
	if len([]rune(in.Note)) > 1000 {
		return Restructuring{}, apperr.Invalidf("note: 不超过 1000 字 / at most 1000 characters")
	}
	now := s.clock()
	x := Restructuring{ID: newID(), USCC: in.USCC, Court: strings.TrimSpace(in.Court), CaseNo: strings.TrimSpace(in.CaseNo),
		ApprovedOn: strings.TrimSpace(in.ApprovedOn), Note: strings.TrimSpace(in.Note), CreatedBy: p.ID(), CreatedAt: now}
	err = s.inTx(ctx, func(tx Tx) error {
		if err := tx.AddRestructuring(ctx, x); err != nil {
			return fmt.Errorf("rights: add restructuring: %w", err)
		}
		text := "已添加破产重整标注：" + x.Court + " " + x.CaseNo + " / bankruptcy restructuring annotation added"
		if err := tx.AddNotifications(ctx, notices("restructuring.added/v1", x.USCC, x.ID, text, now, OperatorsInbox)...); err != nil {
			return err
		}
		if err := tx.AddChange(ctx, Change{Kind: ChangeRestructuring, USCC: x.USCC, CaseID: x.ID, Outcome: "restructuring", CreatedAt: now}); err != nil {
			return err
		}
		ev := audit.Event{Kind: "restructuring.added/v1", Time: now, Actor: audit.ActorOf(p), Subject: x.USCC,
			Outcome: audit.OutcomeOK, Details: map[string]string{"case": x.ID, "case_no": x.CaseNo, "approved_on": x.ApprovedOn}}
		_, err := s.log.Append(ctx, tx, ev)
		return err
	})
	return x, err
}

// Restructurings returns the enterprise's 破产重整 annotations, newest
// first. They are court rulings made public, shown to anyone signed in
// who may see the enterprise.
func (s *Service) Restructurings(ctx context.Context, uscc string) ([]Restructuring, error) {
	if _, err := principal(ctx); err != nil {
		return nil, err
	}
	xs, err := s.store.FindRestructurings(ctx, strings.ToUpper(strings.TrimSpace(uscc)))
	if err != nil {
		return nil, fmt.Errorf("rights: restructurings: %w", err)
	}
	return xs, nil
}

// ReportNotes are the notes every report about the enterprise carries:
// its 破产重整 annotations (report.Annotations). A court ruling is public,
// so no caller check is needed beyond the gate the report already passed.
func (s *Service) ReportNotes(ctx context.Context, uscc string) ([]string, error) {
	xs, err := s.store.FindRestructurings(ctx, uscc)
	if err != nil {
		return nil, fmt.Errorf("rights: restructurings: %w", err)
	}
	var out []string
	for _, x := range xs {
		n := fmt.Sprintf("破产重整：%s于%s裁定批准重整计划（案号%s） / Bankruptcy restructuring approved by %s on %s (case %s)",
			x.Court, x.ApprovedOn, x.CaseNo, x.Court, x.ApprovedOn, x.CaseNo)
		if x.Note != "" {
			n += "；" + x.Note
		}
		out = append(out, n)
	}
	return out, nil
}
