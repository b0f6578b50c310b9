// SPDX-License-Identifier: Apache-2.0

package web

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/report"
)

// issueReport issues a credit report about the enterprise of the path
// through the gate and answers it as one self-contained HTML document or
// a PDF download. The form comes from the profile page.
func (h *Handler) issueReport(w http.ResponseWriter, r *http.Request) error {
	if h.deps.Reports == nil {
		return apperr.E(apperr.Unavailable, "信用报告服务未启用 / reports are not available on this node", nil)
	}
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("表单无效 / bad form")
	}
	format, lang := r.PostForm.Get("format"), r.PostForm.Get("lang")
	if format != "pdf" {
		format = "html"
	}
	if format == "pdf" && h.deps.RenderPDF == nil {
		return apperr.E(apperr.Unavailable, "本节点未启用 PDF 报告 / PDF reports are not available on this node", nil)
	}
	if !validLang(lang) {
		lang = requestLang(r, h.deps.DefaultLang)
	}
	rep, err := h.deps.Reports.Issue(r.Context(), report.Ask{Subject: r.PathValue("code"),
		Purpose: r.PostForm.Get("purpose"), Format: format})
	if err != nil {
		return err
	}
	if format == "html" {
		return report.ServeHTML(w, rep, lang)
	}
	var b bytes.Buffer // render fully first: a half-written PDF is worse than an error page
	if err := h.deps.RenderPDF(&b, rep, lang); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+rep.Number+`.pdf"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err = b.WriteTo(w)
	return err
}

// verifyPage is the data of the reports_verify template.
type verifyPage struct {
	Number, Hash string
	Checked      bool
	Result       report.Authenticity
}

// verifyReport lets anyone holding a report check it by number and hash:
// the answer says only whether this node issued it and when.
func (h *Handler) verifyReport(w http.ResponseWriter, r *http.Request) error {
	if h.deps.Reports == nil {
		return apperr.E(apperr.Unavailable, "信用报告服务未启用 / reports are not available on this node", nil)
	}
	q := r.URL.Query()
	p := verifyPage{Number: strings.TrimSpace(q.Get("number")), Hash: strings.TrimSpace(q.Get("hash"))}
	if p.Number != "" || p.Hash != "" {
		if len(p.Hash) != 64 || p.Number == "" {
			return apperr.Invalidf("请填写报告编号和报告上印的64位哈希 / enter the report number and the 64-digit hash printed on the report")
		}
		res, err := h.deps.Reports.Check(r.Context(), p.Number, p.Hash)
		if err != nil {
			return err
		}
		p.Checked, p.Result = true, res
	}
	return h.render(w, r, http.StatusOK, "reports_verify", h.newView(r, p))
}
