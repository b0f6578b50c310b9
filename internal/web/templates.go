// SPDX-License-Identifier: Apache-2.0

package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
)

//go:embed templates
var templateFS embed.FS

// pageNames lists every page the handlers render. New parses each one and
// fails if a file is missing, so a typo cannot reach a user.
var pageNames = []string{
	"login",
	"home",
	"subject_search",
	"subject_profile",
	"reports_verify",
	"catalog",
	"catalog_item",
	"collect_batches",
	"collect_upload",
	"collect_receipt",
	"collect_quarantine",
	"collect_quality",
	"collect_quality_item",
	"my_access",
	"my_authorizations",
	"institution_authorizations",
	"provider_usage",
	"register",
	"register_proof",
	"my_staff",
	"operator_registrations",
	"operator_scorecard",
	"my_self_reports",
	"self_report",
	"self_report_contests",
	"my_selfquery",
	"rights_inbox",
	"notifications",
	"error",
}

// partialNames lists the blocks pages share; each must be defined by a file
// under templates/partials.
var partialNames = []string{"layout", "header", "footer", "pagination", "soon"}

// templates is the parsed registry: one complete template set per page.
type templates struct {
	pages map[string]*template.Template
}

// funcs are the helpers templates may call besides the view's methods.
var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
	"sub": func(a, b int) int { return a - b },
}

// loadTemplates parses the layout and partials once, then each page on a
// clone of them, in the style of miniflux's template engine.
func loadTemplates() (*templates, error) {
	base := template.New("base").Funcs(funcs)
	partials, err := fs.Glob(templateFS, "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	for _, p := range partials {
		b, err := templateFS.ReadFile(p)
		if err != nil {
			return nil, err
		}
		if _, err := base.New(path.Base(p)).Parse(string(b)); err != nil {
			return nil, fmt.Errorf("web: template %s: %w", p, err)
		}
	}
	for _, n := range partialNames {
		if base.Lookup(n) == nil {
			return nil, fmt.Errorf("web: partial template %q is not defined under templates/partials", n)
		}
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, name := range pageNames {
		b, err := templateFS.ReadFile("templates/pages/" + name + ".html")
		if err != nil {
			return nil, fmt.Errorf("web: page template %s is missing: %w", name, err)
		}
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := clone.New(name).Parse(string(b)); err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		for _, block := range []string{"title", "content"} {
			if clone.Lookup(block) == nil {
				return nil, fmt.Errorf("web: page %s does not define %q", name, block)
			}
		}
		t.pages[name] = clone
	}
	return t, nil
}

// execute renders a page into a buffer, so that a template error becomes a
// clean 500 instead of half a page.
func (t *templates) execute(page string, v *view) ([]byte, error) {
	tpl := t.pages[page]
	if tpl == nil {
		return nil, fmt.Errorf("web: no page template %q", page)
	}
	var buf bytes.Buffer
	if err := tpl.ExecuteTemplate(&buf, "layout", v); err != nil {
		return nil, fmt.Errorf("web: render %s: %w", page, err)
	}
	return buf.Bytes(), nil
}

// templateSources returns the text of every template file, for the test
// that checks every message key they use exists.
func templateSources() (map[string]string, error) {
	out := map[string]string{}
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := templateFS.ReadFile(p)
		out[p] = string(b)
		return err
	})
	return out, err
}
