// SPDX-License-Identifier: Apache-2.0

package web

import (
	"bytes"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/score/scorecard"
)

// maxScoreFitUpload bounds the labelled file an operator may fit on; the
// fit holds it in memory.
const maxScoreFitUpload = 64 << 20

// scoreFitPage is the data of the operator_scorecard template: the form,
// and after a fit the card with its figures and its JSON for download.
type scoreFitPage struct {
	Target, Bad, Date, Test, Seed string
	Problem                       string
	Card                          *scorecard.Card
	CardJSON                      string
	Rows                          []scoreFitRow
}

// scoreFitRow is one range of the card as the table shows it.
type scoreFitRow struct {
	Feature, IV, Range, Share, BadRate, WoE, Points string
	Missing                                         bool
}

// cardRows lays the card out one range a line, skipping missing ranges
// the fit population never used.
func cardRows(c *scorecard.Card) []scoreFitRow {
	var out []scoreFitRow
	f2 := func(f float64, p int) string { return strconv.FormatFloat(f, 'f', p, 64) }
	for _, f := range c.Features {
		add := func(b scorecard.Bin, missing bool) {
			out = append(out, scoreFitRow{Feature: f.Name, IV: f2(f.IV, 3), Range: b.Label, Share: f2(100*b.Share, 1) + "%",
				BadRate: f2(100*b.BadRate, 1) + "%", WoE: f2(b.WoE, 3), Points: f2(b.Points, 2), Missing: missing})
		}
		for _, b := range f.Bins {
			add(b, false)
		}
		if f.Missing.Count > 0 {
			add(f.Missing, true)
		}
	}
	return out
}

var errScoreFitOperator = apperr.Forbiddenf("scorecard: only the credit centre's operators fit scorecards / 仅征信中心操作员可拟合评分卡")

// scoreFitter checks that the user is one of the credit centre's operators:
// fitting reads whole labelled data files, which only the centre holds.
func scoreFitter(r *http.Request) error {
	p, _ := access.PrincipalFrom(r.Context())
	if !p.IsOrgKind(access.OrgOperator) {
		return errScoreFitOperator
	}
	return nil
}

// showScoreFit shows the upload form.
func (h *Handler) showScoreFit(w http.ResponseWriter, r *http.Request) error {
	if err := scoreFitter(r); err != nil {
		return err
	}
	return h.renderScoreFit(w, r, http.StatusOK, scoreFitPage{Test: "0.3", Seed: "1"})
}

func (h *Handler) renderScoreFit(w http.ResponseWriter, r *http.Request, status int, pg scoreFitPage) error {
	v := h.newView(r, &pg)
	v.Nav = "op-scorecard"
	return h.render(w, r, status, "operator_scorecard", v)
}

// fitScorecard fits a card on the uploaded CSV and shows it. A refused
// file or choice shows the form again with the reason.
func (h *Handler) fitScorecard(w http.ResponseWriter, r *http.Request) error {
	if err := scoreFitter(r); err != nil {
		return err
	}
	if r.MultipartForm == nil {
		r.Body = http.MaxBytesReader(w, r.Body, maxScoreFitUpload+1<<20)
		if err := r.ParseMultipartForm(8 << 20); err != nil {
			return apperr.E(apperr.Invalid, "scorecard: upload a CSV file / 请上传 CSV 文件", err)
		}
	}
	mf := r.MultipartForm
	val := func(k string) string {
		if vs := mf.Value[k]; len(vs) > 0 {
			return strings.TrimSpace(vs[0])
		}
		return ""
	}
	pg := scoreFitPage{Target: val("target"), Bad: val("bad"), Date: val("date"), Test: val("test"), Seed: val("seed")}
	refuse := func(err error) error {
		if apperr.CodeOf(err) != apperr.Invalid {
			return err
		}
		pg.Problem = apperr.Message(err)
		return h.renderScoreFit(w, r, http.StatusUnprocessableEntity, pg)
	}
	o := scorecard.Options{Target: pg.Target, Bad: pg.Bad, DateColumn: pg.Date}
	var err error
	if o.TestFraction, err = strconv.ParseFloat(orDefault(pg.Test, "0.3"), 64); err != nil {
		return refuse(apperr.Invalidf("scorecard: the held-out share must be a number / 留出比例须为数字"))
	}
	if o.Seed, err = strconv.ParseUint(orDefault(pg.Seed, "1"), 10, 64); err != nil {
		return refuse(apperr.Invalidf("scorecard: the seed must be a whole number / 随机种子须为整数"))
	}
	if o.Target == "" {
		return refuse(apperr.Invalidf("scorecard: name the outcome column / 请填写目标列"))
	}
	fhs := mf.File["file"]
	if len(fhs) == 0 {
		return refuse(apperr.Invalidf("scorecard: choose a CSV file / 请选择 CSV 文件"))
	}
	if fhs[0].Size > maxScoreFitUpload {
		return refuse(apperr.Invalidf("scorecard: the file is larger than 64 MiB / 文件超过 64 MiB"))
	}
	src, err := fhs[0].Open()
	if err != nil {
		return err
	}
	defer src.Close()
	tab, err := scorecard.LoadCSV(src)
	if err != nil {
		return refuse(err)
	}
	o.DataFile = filepath.Base(fhs[0].Filename)
	card, err := scorecard.Fit(tab, o)
	if err != nil {
		return refuse(err)
	}
	var buf bytes.Buffer
	if err := card.WriteJSON(&buf); err != nil {
		return err
	}
	pg.Card, pg.CardJSON, pg.Rows = card, buf.String(), cardRows(card)
	return h.renderScoreFit(w, r, http.StatusOK, pg)
}

// downloadScorecard sends back the card shown on the page as a file. The
// card travels in the form rather than in server state, so it is loaded
// and checked strictly before it is sent.
func (h *Handler) downloadScorecard(w http.ResponseWriter, r *http.Request) error {
	if err := scoreFitter(r); err != nil {
		return err
	}
	card, err := scorecard.Load(strings.NewReader(r.PostFormValue("card")))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := card.WriteJSON(&buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", `attachment; filename="scorecard.json"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(buf.Bytes())
	return err
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
