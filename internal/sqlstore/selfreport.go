// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"encoding/json"
	"time"

	"github.com/xinrong/xinrong/internal/rights"
)

const selfReportCols = `id, uscc, org_id, kind, item_code, record_id, data, commitment_version, commitment, submission_hash,
	status, submitted_by, created_at, updated_at`

const contestCols = `id, self_report_id, uscc, org_id, filed_by, reason, status, decision_note, decided_by, created_at, decided_at`

func scanSelfReport(r accessScanner) (rights.SelfReport, error) {
	var x rights.SelfReport
	var data string
	err := r.Scan(&x.ID, &x.USCC, &x.OrgID, &x.Kind, &x.Item, &x.RecordID, &data, &x.CommitmentVersion, &x.Commitment,
		&x.SubmissionHash, &x.Status, &x.SubmittedBy, scanTime{&x.CreatedAt}, scanTime{&x.UpdatedAt})
	if err == nil {
		err = json.Unmarshal([]byte(data), &x.Data)
	}
	return x, err
}

func scanContest(r accessScanner) (rights.Contest, error) {
	var c rights.Contest
	err := r.Scan(&c.ID, &c.SelfReportID, &c.USCC, &c.OrgID, &c.FiledBy, &c.Reason, &c.Status, &c.DecisionNote,
		&c.DecidedBy, scanTime{&c.CreatedAt}, scanTime{&c.DecidedAt})
	return c, err
}

// SelfReportTx implements rights.SelfReportStore.
func (s *Store) SelfReportTx(ctx context.Context, fn func(tx rights.SelfReportTx) error) error {
	return s.Tx(ctx, func(tx *Tx) error { return fn(tx) })
}

// CreateSelfReport implements rights.SelfReportTx.
func (tx *Tx) CreateSelfReport(ctx context.Context, r rights.SelfReport) error {
	data, err := json.Marshal(r.Data)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO self_reports (`+selfReportCols+`) VALUES (`+placeholders(14)+`)`,
		r.ID, r.USCC, r.OrgID, r.Kind, r.Item, r.RecordID, string(data), r.CommitmentVersion, r.Commitment,
		r.SubmissionHash, r.Status, r.SubmittedBy, ts(r.CreatedAt), ts(r.UpdatedAt))
	return tx.s.wrap("create self-report", err)
}

// SetSelfReportStatus implements rights.SelfReportTx.
func (tx *Tx) SetSelfReportStatus(ctx context.Context, id string, st rights.SelfReportStatus, at time.Time) error {
	return tx.updated(ctx, "set self-report status "+id, `UPDATE self_reports SET status = ?, updated_at = ? WHERE id = ?`, st, ts(at), id)
}

// CreateContest implements rights.SelfReportTx.
func (tx *Tx) CreateContest(ctx context.Context, c rights.Contest) error {
	_, err := tx.Exec(ctx, `INSERT INTO self_report_contests (`+contestCols+`) VALUES (`+placeholders(11)+`)`,
		c.ID, c.SelfReportID, c.USCC, c.OrgID, c.FiledBy, c.Reason, c.Status, c.DecisionNote, c.DecidedBy, ts(c.CreatedAt), ts(c.DecidedAt))
	return tx.s.wrap("create contest", err)
}

// FindContestForUpdate implements rights.SelfReportTx.
func (tx *Tx) FindContestForUpdate(ctx context.Context, id string) (rights.Contest, error) {
	c, err := scanContest(tx.QueryRow(ctx, tx.forUpdate("SELECT "+contestCols+" FROM self_report_contests WHERE id = ?"), id))
	return c, tx.s.wrap("find contest "+id, err)
}

// UpdateContest implements rights.SelfReportTx.
func (tx *Tx) UpdateContest(ctx context.Context, c rights.Contest) error {
	return tx.updated(ctx, "update contest "+c.ID, `UPDATE self_report_contests SET status = ?, decision_note = ?, decided_by = ?,
		decided_at = ? WHERE id = ?`, c.Status, c.DecisionNote, c.DecidedBy, ts(c.DecidedAt), c.ID)
}

// FindSelfReport implements rights.SelfReportStore.
func (s *Store) FindSelfReport(ctx context.Context, id string) (rights.SelfReport, error) {
	r, err := scanSelfReport(s.queryRow(ctx, "SELECT "+selfReportCols+" FROM self_reports WHERE id = ?", id))
	return r, s.wrap("find self-report "+id, err)
}

// FindSelfReports implements rights.SelfReportStore.
func (s *Store) FindSelfReports(ctx context.Context, uscc string, limit int) ([]rights.SelfReport, error) {
	q, args := "SELECT "+selfReportCols+" FROM self_reports", []any{}
	if uscc != "" {
		q, args = q+" WHERE uscc = ?", append(args, uscc)
	}
	rows, err := s.query(ctx, q+" ORDER BY created_at DESC, id DESC LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, s.wrap("find self-reports", err)
	}
	defer rows.Close()
	var out []rights.SelfReport
	for rows.Next() {
		r, err := scanSelfReport(rows)
		if err != nil {
			return nil, s.wrap("find self-reports", err)
		}
		out = append(out, r)
	}
	return out, s.wrap("find self-reports", rows.Err())
}

// FindContest implements rights.SelfReportStore.
func (s *Store) FindContest(ctx context.Context, id string) (rights.Contest, error) {
	c, err := scanContest(s.queryRow(ctx, "SELECT "+contestCols+" FROM self_report_contests WHERE id = ?", id))
	return c, s.wrap("find contest "+id, err)
}

// FindContests implements rights.SelfReportStore.
func (s *Store) FindContests(ctx context.Context, selfReportID string, status rights.ContestStatus, limit int) ([]rights.Contest, error) {
	q, args := "SELECT "+contestCols+" FROM self_report_contests WHERE 1 = 1", []any{}
	if selfReportID != "" {
		q, args = q+" AND self_report_id = ?", append(args, selfReportID)
	}
	if status != "" {
		q, args = q+" AND status = ?", append(args, status)
	}
	rows, err := s.query(ctx, q+" ORDER BY created_at DESC, id DESC LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, s.wrap("find contests", err)
	}
	defer rows.Close()
	var out []rights.Contest
	for rows.Next() {
		c, err := scanContest(rows)
		if err != nil {
			return nil, s.wrap("find contests", err)
		}
		out = append(out, c)
	}
	return out, s.wrap("find contests", rows.Err())
}
