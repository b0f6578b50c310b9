// SPDX-License-Identifier: Apache-2.0

package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/ingest"
)

// Resumable uploads (断点续传), a small subset of the tus protocol: create
// the upload with its size, PATCH the bytes in pieces each at the offset
// the server holds, ask for the offset after a break, then complete it to
// collect the file. The OpenAPI document describes the exchange.

// offsetContentType is the body type of a PATCH, as in tus.
const offsetContentType = "application/offset+octet-stream"

// uploadRequest starts a resumable upload.
type uploadRequest struct {
	Provider     string `json:"provider"`
	Item         string `json:"item"`
	Size         int64  `json:"size"`
	SHA256       string `json:"sha256"`
	FileName     string `json:"file_name"`
	Format       string `json:"format"`
	Encoding     string `json:"encoding"`
	ExpectedRows *int64 `json:"expected_rows"`
}

// uploadResponse is an upload's state.
type uploadResponse struct {
	ID        string    `json:"id"`
	Provider  string    `json:"provider"`
	Item      string    `json:"item"`
	FileName  string    `json:"file_name"`
	Size      int64     `json:"size"`
	Offset    int64     `json:"offset"`
	SHA256    string    `json:"sha256"`
	Complete  bool      `json:"complete"` // every byte received
	Batch     string    `json:"batch"`    // set once collected
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func toUploadResponse(u ingest.Upload) uploadResponse {
	return uploadResponse{ID: u.ID, Provider: u.Provider, Item: u.Item, FileName: u.FileName, Size: u.Size, Offset: u.Offset,
		SHA256: u.SHA256, Complete: u.Offset == u.Size, Batch: u.Batch, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

// writeUpload answers with the upload's state and the tus headers.
func writeUpload(w http.ResponseWriter, status int, u ingest.Upload) error {
	w.Header().Set("Upload-Offset", strconv.FormatInt(u.Offset, 10))
	w.Header().Set("Upload-Length", strconv.FormatInt(u.Size, 10))
	return httpx.JSON(w, status, toUploadResponse(u))
}

// createUpload answers POST /api/v1/uploads.
func (h *Handler) createUpload(w http.ResponseWriter, r *http.Request) error {
	var in uploadRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	p, err := h.provider(r.Context(), in.Provider)
	if apperr.Is(err, apperr.NotFound) {
		return apperr.Invalidf("provider: 数据提供单位 %s 未登记 / provider %s is not registered", in.Provider, in.Provider)
	}
	if err != nil {
		return err
	}
	if h.col.uploads == nil {
		return errNoUploads
	}
	rows := int64(-1)
	if in.ExpectedRows != nil {
		rows = *in.ExpectedRows
	}
	u, err := h.col.svc.StartUpload(r.Context(), h.col.uploads, ingest.Upload{Provider: p.Code, Item: in.Item, Size: in.Size,
		SHA256: in.SHA256, FileName: in.FileName, Format: in.Format, Encoding: in.Encoding, ExpectedRows: rows})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/uploads/"+u.ID)
	return writeUpload(w, http.StatusCreated, u)
}

// upload returns an upload the caller may write: its provider must be
// one the caller may see.
func (h *Handler) upload(ctx context.Context, id string) (ingest.Upload, error) {
	if h.col.uploads == nil {
		return ingest.Upload{}, errNoUploads
	}
	u, err := h.col.uploads.Get(id)
	if err != nil {
		return u, err
	}
	if _, err := h.provider(ctx, u.Provider); err != nil {
		return ingest.Upload{}, err
	}
	return u, nil
}

// getUpload answers GET /api/v1/uploads/{id}: where to go on from.
func (h *Handler) getUpload(w http.ResponseWriter, r *http.Request) error {
	u, err := h.upload(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeUpload(w, http.StatusOK, u)
}

// patchUpload answers PATCH /api/v1/uploads/{id}: the body is appended at
// Upload-Offset, which must be the offset the server holds (409 with the
// right one otherwise).
func (h *Handler) patchUpload(w http.ResponseWriter, r *http.Request) error {
	u, err := h.upload(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, offsetContentType) {
		return apperr.Invalidf("Content-Type 应为 %s / Content-Type must be %s", offsetContentType, offsetContentType)
	}
	off, err := strconv.ParseInt(r.Header.Get("Upload-Offset"), 10, 64)
	if err != nil || off < 0 {
		return apperr.Invalidf("Upload-Offset 请求头应为非负整数 / the Upload-Offset header must be a non-negative integer")
	}
	extendDeadlines(w)
	body := http.MaxBytesReader(w, r.Body, u.Size-u.Offset+1) // Append refuses what goes beyond the size
	u, err = h.col.uploads.Append(u.ID, off, body)
	if apperr.Is(err, apperr.Conflict) {
		w.Header().Set("Upload-Offset", strconv.FormatInt(u.Offset, 10))
	}
	if err != nil {
		return err
	}
	return writeUpload(w, http.StatusOK, u)
}

// completeUpload answers POST /api/v1/uploads/{id}/complete: the file is
// checked against its declared size and SHA-256 and collected. Completing
// again returns the same receipt.
func (h *Handler) completeUpload(w http.ResponseWriter, r *http.Request) error {
	u, err := h.upload(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	extendDeadlines(w)
	b, err := h.col.svc.IngestUpload(r.Context(), h.col.uploads, u.ID)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toFileReceipt(b))
}
