// SPDX-License-Identifier: Apache-2.0

package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/verify/psi"
)

// PSI is what the API needs from list matching by private set
// intersection (名单比对). *psi.Service implements it; it asks the gate
// and applies the limits, the API only moves bytes.
type PSI interface {
	// Open starts a run. Returns NotFound, Invalid, Forbidden or TooMany.
	Open(ctx context.Context, list string, n int) (psi.Session, error)
	// MaxBatch returns the number of elements a session takes. Returns NotFound.
	MaxBatch(ctx context.Context, id string) (int, error)
	// Evaluate raises the blinded set to the list key. Returns NotFound,
	// Conflict, Invalid or Forbidden.
	Evaluate(ctx context.Context, id string, blinded psi.Elements) (psi.Elements, error)
	// EncryptedList returns the session's encrypted list. Returns NotFound.
	EncryptedList(ctx context.Context, id string) (psi.Elements, error)
}

var _ PSI = (*psi.Service)(nil)

var errNoPSI = apperr.E(apperr.Unavailable, "本节点未启用名单比对 / list matching is not enabled on this node", nil)

// psiListsResponse is the answer of GET /api/v1/psi/lists.
type psiListsResponse struct {
	Items []psi.List `json:"items"`
}

// listPSILists answers GET /api/v1/psi/lists.
func (h *Handler) listPSILists(w http.ResponseWriter, r *http.Request) error {
	if h.psi == nil {
		return errNoPSI
	}
	return httpx.JSON(w, http.StatusOK, psiListsResponse{Items: psi.Lists()})
}

// psiSessionRequest is the body of POST /api/v1/psi/lists/{list}/sessions.
type psiSessionRequest struct {
	Elements int `json:"elements"`
}

// openPSISession answers POST /api/v1/psi/lists/{list}/sessions.
func (h *Handler) openPSISession(w http.ResponseWriter, r *http.Request) error {
	if h.psi == nil {
		return errNoPSI
	}
	var in psiSessionRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	s, err := h.psi.Open(r.Context(), r.PathValue("list"), in.Elements)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusCreated, s)
}

// evaluatePSI answers POST /api/v1/psi/sessions/{id}/blinded: the body is
// the blinded set in psi's wire format, the answer the same elements
// raised to the list key, in order.
func (h *Handler) evaluatePSI(w http.ResponseWriter, r *http.Request) error {
	if h.psi == nil {
		return errNoPSI
	}
	id := r.PathValue("id")
	n, err := h.psi.MaxBatch(r.Context(), id)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, psi.EncodedSize(n))
	in, err := psi.ReadElements(r.Body, n)
	if err != nil {
		return err
	}
	out, err := h.psi.Evaluate(r.Context(), id, in)
	if err != nil {
		return err
	}
	return writeElements(w, out)
}

// getPSIList answers GET /api/v1/psi/sessions/{id}/list: the session's
// list version encrypted under the list key, sorted.
func (h *Handler) getPSIList(w http.ResponseWriter, r *http.Request) error {
	if h.psi == nil {
		return errNoPSI
	}
	enc, err := h.psi.EncryptedList(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeElements(w, enc)
}

func writeElements(w http.ResponseWriter, e psi.Elements) error {
	w.Header().Set("Content-Type", psi.ContentType)
	w.Header().Set("Content-Length", strconv.FormatInt(psi.EncodedSize(e.Len()), 10))
	w.WriteHeader(http.StatusOK)
	return psi.WriteElements(w, e)
}
