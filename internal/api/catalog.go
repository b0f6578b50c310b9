// SPDX-License-Identifier: Apache-2.0

package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/httpx"
)

// maxSupplementBody bounds a supplementary catalog upload. The national
// base catalog is about 130 KB; a local supplement is a fraction of it.
const maxSupplementBody = 4 << 20

// getCatalog answers GET /api/v1/catalog.
func (h *Handler) getCatalog(w http.ResponseWriter, r *http.Request) error {
	c, version, err := h.catalog.Current(r.Context())
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toCatalogResponse(c, version))
}

// getCatalogItem answers GET /api/v1/catalog/items/{code}.
func (h *Handler) getCatalogItem(w http.ResponseWriter, r *http.Request) error {
	c, version, err := h.catalog.Current(r.Context())
	if err != nil {
		return err
	}
	it, err := c.Item(r.PathValue("code"))
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toItemResponse(it, version))
}

// addCatalogItem answers POST /api/v1/catalog/items. The body is one item
// in the catalog file format, decoded strictly (unknown keys are errors).
func (h *Handler) addCatalogItem(w http.ResponseWriter, r *http.Request) error {
	var in catalog.Item
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	c, version, err := h.catalog.AddItem(r.Context(), in)
	if err != nil {
		return err
	}
	it, err := c.Item(in.Code)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/catalog/items/"+it.Code)
	return httpx.JSON(w, http.StatusCreated, toItemResponse(it, version))
}

// addCatalogSupplement answers POST /api/v1/catalog/supplements. The body
// is a local supplementary catalog (地方补充目录) in the catalog file
// format, read by the same loader as a file given on the command line.
func (h *Handler) addCatalogSupplement(w http.ResponseWriter, r *http.Request) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return apperr.Invalidf("request body must be application/json, not %s", ct)
	}
	sup, err := catalog.Load(http.MaxBytesReader(w, r.Body, maxSupplementBody))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return apperr.Invalidf("request body is larger than %d bytes", maxSupplementBody)
	}
	if err != nil {
		return err
	}
	c, version, err := h.catalog.AddSupplement(r.Context(), sup)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusCreated, toCatalogResponse(c, version))
}
