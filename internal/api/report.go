// SPDX-License-Identifier: Apache-2.0

package api

import (
	"context"
	"net/http"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/report"
)

// Reports issues credit reports and checks their authenticity.
// *report.Service implements it.
type Reports interface {
	Issue(ctx context.Context, ask report.Ask) (*report.Report, error)
	Check(ctx context.Context, number, hash string) (report.Authenticity, error)
	VerifierKey() string
}

// Renderers turn an issued report into HTML and PDF; app passes the
// report package's renderers, nil ones answer 406.
type Renderers struct {
	HTML func(w http.ResponseWriter, r *report.Report, lang string) error
	PDF  func(w http.ResponseWriter, r *report.Report, lang string) error
}

type reportRequest struct {
	USCC    string `json:"uscc"`
	Purpose string `json:"purpose"`
	Format  string `json:"format"` // json (default), html or pdf
	Lang    string `json:"lang"`   // zh (default) or en, for html and pdf
}

// issueReport answers POST /api/v1/reports: one standardized credit
// report through the gate, in the format asked for.
func (h *Handler) issueReport(w http.ResponseWriter, r *http.Request) error {
	var in reportRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := checkCode(in.USCC); err != nil {
		return err
	}
	if in.Format == "" {
		in.Format = "json"
	}
	render := map[string]func(http.ResponseWriter, *report.Report, string) error{"html": h.render.HTML, "pdf": h.render.PDF}[in.Format]
	if in.Format != "json" && render == nil {
		return apperr.Invalidf("format: 应为 json、html 或 pdf / must be json, html or pdf")
	}
	rep, err := h.reports.Issue(r.Context(), report.Ask{Subject: in.USCC, Purpose: in.Purpose, Format: in.Format})
	if err != nil {
		return err
	}
	w.Header().Set("X-Report-Number", rep.Number)
	w.Header().Set("X-Report-Hash", rep.Hash)
	if in.Format == "json" {
		b, err := rep.JSON()
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, err = w.Write(append(b, '\n'))
		return err
	}
	return render(w, rep, in.Lang)
}

// checkReport answers GET /api/v1/reports/{number}/authenticity?hash=, for
// anyone holding a report: it says only whether this node issued it.
func (h *Handler) checkReport(w http.ResponseWriter, r *http.Request) error {
	hash := r.URL.Query().Get("hash")
	if len(hash) != 64 {
		return apperr.Invalidf("hash: 应为报告上印的64位十六进制哈希 / the 64 hex digit hash printed on the report")
	}
	a, err := h.reports.Check(r.Context(), r.PathValue("number"), hash)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, a)
}

// reportKey answers GET /api/v1/reports/verifier-key: the signed-note key
// that checks a JSON report offline.
func (h *Handler) reportKey(w http.ResponseWriter, r *http.Request) error {
	return httpx.JSON(w, http.StatusOK, map[string]string{"verifier_key": h.reports.VerifierKey()})
}
