// SPDX-License-Identifier: Apache-2.0

package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static
var staticFS embed.FS

// asset is one embedded static file, addressed by a URL that contains a
// hash of its content so that it can be cached for a year and still change
// the moment a new release changes the file.
type asset struct {
	name  string // app.css
	url   string // /static/app.3f2a9c1b0d4e.css
	ctype string
	etag  string
	body  []byte
}

// assets is every static file, by plain name and by hashed file name.
type assets struct {
	byName   map[string]*asset
	byHashed map[string]*asset
}

// loadAssets hashes every file under static/.
func loadAssets() (*assets, error) {
	a := &assets{byName: map[string]*asset{}, byHashed: map[string]*asset{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		h := hex.EncodeToString(sum[:6])
		name := strings.TrimPrefix(p, "static/")
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + h + ext
		ct := mime.TypeByExtension(ext)
		if ct == "" {
			ct = "application/octet-stream"
		}
		as := &asset{name: name, url: "/static/" + hashed, ctype: ct, etag: `"` + h + `"`, body: body}
		a.byName[name], a.byHashed[hashed] = as, as
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: static assets: %w", err)
	}
	for _, need := range []string{"app.css", "app.js", "favicon.svg"} {
		if a.byName[need] == nil {
			return nil, fmt.Errorf("web: static asset %s is missing", need)
		}
	}
	return a, nil
}

// URL returns the content-hash URL of a static file. Templates call it
// through the view; an unknown name is a programming error caught at start
// by the render-every-page test.
func (a *assets) URL(name string) (string, error) {
	if as := a.byName[name]; as != nil {
		return as.url, nil
	}
	return "", fmt.Errorf("web: no static asset %q", name)
}

// immutable is the cache lifetime of hashed assets: the URL changes when
// the content does.
const immutable = "public, max-age=31536000, immutable"

// serveStatic serves GET /static/{file} for hashed names only; an old hash
// after an upgrade is a 404, which the browser fixes by reloading the page.
func (h *Handler) serveStatic(w http.ResponseWriter, r *http.Request) {
	as := h.assets.byHashed[r.PathValue("file")]
	if as == nil {
		h.writeError(w, r, http.StatusNotFound, nil)
		return
	}
	w.Header().Set("Cache-Control", immutable)
	w.Header().Set("Content-Type", as.ctype)
	w.Header().Set("ETag", as.etag)
	http.ServeContent(w, r, as.name, time.Time{}, bytes.NewReader(as.body))
}
