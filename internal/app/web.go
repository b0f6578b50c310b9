// SPDX-License-Identifier: Apache-2.0

package app

import (
	"net/http"
	"strings"

	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/report/pdf"
	"github.com/xinrong/xinrong/internal/web"
)

// mountWeb builds the HTML UI, registers its pages on mux and returns the
// error writer shared by the authentication and CSRF middleware: JSON for
// the API, a page in the user's language for everything else.
func (a *App) mountWeb(mux *http.ServeMux) (httpx.ErrorWriter, error) {
	h, err := web.New(web.Deps{
		Sessions:      a.Access,
		Organizations: a.Access,
		Subjects:      a.Subjects,
		Catalog:       webCatalog{a.Catalog},
		Collect:       a.Ingest, MasterSize: a.Subjects, DataDir: a.Config.DataDir,
		Consent: a.Consent, Usage: a.Usage, Register: a.Register, SelfReports: a.SelfReports, Rights: a.Rights,
		Gate: a.Gate, Reports: a.Reports, RenderPDF: pdf.Write, Scores: a.Score,
		NodeName:      a.Config.NodeName,
		Region:        a.Config.NodeRegion,
		DefaultLang:   a.Config.Lang,
		Log:           a.Log,
		SecureCookies: a.Config.SecureCookies,
	})
	if err != nil {
		return nil, err
	}
	h.Routes(mux)
	return func(w http.ResponseWriter, r *http.Request, status int, err error) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			httpx.WriteJSONError(w, r, status, err)
			return
		}
		h.WriteError(w, r, status, err)
	}, nil
}
