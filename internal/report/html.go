// SPDX-License-Identifier: Apache-2.0

package report

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"io"
	"net/http"
	"time"
)

//go:embed html/report.html.tmpl
var htmlSource string

//go:embed html/report.css
var css string

var htmlTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"t": func(lang, zh, en string) string {
		if lang == "en" && en != "" {
			return en
		}
		return zh
	},
	"local": func(t time.Time) string { return t.In(shanghai).Format("2006-01-02 15:04:05") },
}).Parse(htmlSource))

// StyleCSP is the Content-Security-Policy a served HTML report needs: the
// node's strict policy, with the report's own style block allowed by its
// hash (a downloaded report is one self-contained file).
func StyleCSP() string {
	sum := sha256.Sum256([]byte(css))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; img-src 'self' data:; " +
		"base-uri 'none'; frame-ancestors 'none'; form-action 'none'"
}

// WriteHTML renders the report as one self-contained HTML document in
// lang ("zh" or "en" for headings; data values are as issued).
func WriteHTML(w io.Writer, r *Report, lang string) error {
	if lang != "en" {
		lang = "zh"
	}
	var b bytes.Buffer // render fully first: a template error must not leave half a report
	if err := htmlTmpl.Execute(&b, struct {
		R    *Report
		Lang string
		CSS  template.CSS
	}{r, lang, template.CSS(css)}); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// ServeHTML writes the report as an HTML response with its own CSP.
func ServeHTML(w http.ResponseWriter, r *Report, lang string) error {
	var b bytes.Buffer
	if err := WriteHTML(&b, r, lang); err != nil {
		return err
	}
	w.Header().Set("Content-Security-Policy", StyleCSP())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusCreated)
	_, err := w.Write(b.Bytes())
	return err
}
