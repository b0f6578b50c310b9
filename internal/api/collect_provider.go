// SPDX-License-Identifier: Apache-2.0

package api

import (
	"net/http"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/ingest"
)

// listProviders answers GET /api/v1/providers: every provider for an
// operator, the organization's own for a provider's staff.
func (h *Handler) listProviders(w http.ResponseWriter, r *http.Request) error {
	all, err := h.col.svc.Providers(r.Context())
	if err != nil {
		return err
	}
	sc := scopeOf(r.Context())
	out := providerList{Items: []providerResponse{}}
	for _, p := range all {
		if sc.sees(p) {
			out.Items = append(out.Items, toProviderResponse(p))
		}
	}
	return httpx.JSON(w, http.StatusOK, out)
}

type providerList struct {
	Items []providerResponse `json:"items"`
}

// providerRequest registers a provider or replaces its registration.
type providerRequest struct {
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	Department string   `json:"department"`
	Region     string   `json:"region"`
	OrgID      string   `json:"org_id"`
	Items      []string `json:"items"`
	PullURL    string   `json:"pull_url"`
}

// registerProvider answers POST /api/v1/providers: 201 for a new provider,
// 200 when an existing registration was replaced.
func (h *Handler) registerProvider(w http.ResponseWriter, r *http.Request) error {
	var in providerRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	_, err := h.col.svc.Provider(r.Context(), in.Code)
	existed := err == nil
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return err
	}
	p, err := h.col.svc.RegisterProvider(r.Context(), ingest.Provider{Code: in.Code, Name: in.Name, Department: in.Department,
		Region: in.Region, OrgID: in.OrgID, Items: in.Items, PullURL: in.PullURL})
	if err != nil {
		return err
	}
	if p, err = h.col.svc.Provider(r.Context(), p.Code); err != nil { // with its stored times
		return err
	}
	status := http.StatusCreated
	if existed {
		status = http.StatusOK
	}
	w.Header().Set("Location", "/api/v1/providers/"+p.Code)
	return httpx.JSON(w, status, toProviderResponse(p))
}

// getProvider answers GET /api/v1/providers/{code}.
func (h *Handler) getProvider(w http.ResponseWriter, r *http.Request) error {
	p, err := h.provider(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toProviderResponse(p))
}

// mappingBody is a column mapping template: the provider's column name →
// catalog field code.
type mappingBody struct {
	Provider string            `json:"provider"`
	Item     string            `json:"item"`
	Columns  map[string]string `json:"columns"`
}

type mappingRequest struct {
	Columns map[string]string `json:"columns"`
}

// getMapping answers GET /api/v1/providers/{code}/items/{item}/mapping.
func (h *Handler) getMapping(w http.ResponseWriter, r *http.Request) error {
	p, err := h.provider(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	m, err := h.col.svc.Mapping(r.Context(), p.Code, r.PathValue("item"))
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, mappingBody{Provider: p.Code, Item: r.PathValue("item"), Columns: m})
}

// putMapping answers PUT /api/v1/providers/{code}/items/{item}/mapping,
// replacing the template whole.
func (h *Handler) putMapping(w http.ResponseWriter, r *http.Request) error {
	p, err := h.provider(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	var in mappingRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	item := r.PathValue("item")
	if err := h.col.svc.SaveMapping(r.Context(), p.Code, item, in.Columns); err != nil {
		return err
	}
	m, err := h.col.svc.Mapping(r.Context(), p.Code, item)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, mappingBody{Provider: p.Code, Item: item, Columns: m})
}
