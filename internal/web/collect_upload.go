// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/ingest"
)

// uploadPage is the data of the collect_upload template.
type uploadPage struct {
	collectBase
	Providers []uploadProvider
	Form      uploadForm
	MaxSize   string
	NoOwn     bool   // a provider user whose organization is linked to no provider
	Problem   string // what went wrong with the last upload, in the page's language
}

// uploadProvider is a provider the user may deliver for, with its items.
type uploadProvider struct {
	Code, Name string
	Selected   bool
	Items      []option
}

// ingestTimeout bounds how long one uploaded file may take to collect once
// it is on disk. Collection goes on if the browser gives up waiting: the
// batch then appears in the list when it is done.
const ingestTimeout = time.Hour

// showUpload shows the upload form with the providers the user may
// deliver for and, per provider, only the items registered for it.
func (h *Handler) showUpload(w http.ResponseWriter, r *http.Request) error {
	c, err := h.deliverer(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	return h.renderUpload(w, r, c, http.StatusOK, uploadForm{Provider: q.Get("provider"), Item: q.Get("item")}, "")
}

func (h *Handler) renderUpload(w http.ResponseWriter, r *http.Request, c collector, status int, f uploadForm, problem string) error {
	cat, err := h.deps.Catalog.Current(r.Context())
	if err != nil {
		return err
	}
	v := h.collectView(r, "upload", nil)
	if len(c.providers) == 1 && f.Provider == "" {
		f.Provider = c.providers[0].Code
	}
	p := uploadPage{collectBase: c.base("upload"), Form: f, MaxSize: formatCount(maxUpload>>20) + " MiB",
		NoOwn: len(c.providers) == 0, Problem: problem}
	for _, pr := range c.providers {
		up := uploadProvider{Code: pr.Code, Name: pr.Name, Selected: pr.Code == f.Provider}
		for _, it := range pr.Items {
			up.Items = append(up.Items, option{Value: it, Label: itemLabel(v, cat, it) + " (" + it + ")", Selected: up.Selected && it == f.Item})
		}
		p.Providers = append(p.Providers, up)
	}
	v.Data = &p
	return h.render(w, r, status, "collect_upload", v)
}

// upload receives a batch file, collects it and sends the browser to its
// receipt. The upload script asks for 201 with a Location (it cannot see a
// redirect); the plain form gets a 303. A refused upload shows the form
// again with what to change.
func (h *Handler) upload(w http.ResponseWriter, r *http.Request) error {
	c, err := h.deliverer(r)
	if err != nil {
		return err
	}
	f, err := h.receiveUpload(w, r, c)
	defer f.discard()
	if err != nil {
		return h.uploadRefused(w, r, c, f, err)
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), ingestTimeout)
	defer cancel()
	start := time.Now()
	b, err := h.deps.Collect.IngestFile(ctx, ingest.FileInput{Provider: f.Provider, Item: f.Item, Path: f.path, Name: f.FileName,
		ExpectedRows: f.expectedRows, ExpectedSHA256: f.ExpectedSHA256})
	switch {
	case err != nil && b.ID == "":
		return h.uploadRefused(w, r, c, f, err)
	case err != nil && !apperr.Is(err, apperr.Invalid):
		return err
	}
	// A file that could not be read as a whole is a failed batch whose
	// receipt says why; it is shown like any other.
	target := batchURL(b.ID)
	if resentSince(b, start) {
		target += "?resent=1"
	}
	if r.Header.Get(uploadHeader) != "" {
		w.Header().Set("Location", target)
		w.WriteHeader(http.StatusCreated)
		return nil
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
	return nil
}

// deliverer returns the user if they may upload batches.
func (h *Handler) deliverer(r *http.Request) (collector, error) {
	c, err := h.collectorFor(r, false)
	if err == nil && !c.delivers {
		err = errNoDelivery
	}
	return c, err
}

// uploadHeader marks an upload sent by the page's script.
const uploadHeader = "X-Upload"

// uploadRefused shows the form again with the reason the upload was
// refused, for client errors; anything else is an error page.
func (h *Handler) uploadRefused(w http.ResponseWriter, r *http.Request, c collector, f uploadForm, err error) error {
	status := httpx.Status(err)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		status, err = http.StatusRequestEntityTooLarge, errTooLarge
	}
	if status >= 500 {
		return err
	}
	v := h.newView(r, nil)
	return h.renderUpload(w, r, c, status, f, pickLang(apperr.Message(err), v.Lang))
}
