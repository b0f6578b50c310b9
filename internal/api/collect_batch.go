// SPDX-License-Identifier: Apache-2.0

package api

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/ingest"
)

// Content types of the exports.
const (
	csvType  = "text/csv; charset=utf-8"
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// intParam reads an optional integer query parameter within [lo, hi].
func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, apperr.Invalidf("%s: 应为 %d 至 %d 的整数 / must be an integer from %d to %d", name, lo, hi, lo, hi)
	}
	return n, nil
}

// listBatches answers GET /api/v1/batches, newest first. A provider's
// staff see their organization's providers' batches only.
func (h *Handler) listBatches(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := intParam(q, "limit", 50, 1, 500)
	if err != nil {
		return err
	}
	f := ingest.BatchFilter{Provider: q.Get("provider"), Item: q.Get("item"), Limit: limit}
	var providers []string // nil: no restriction
	if f.Provider != "" {
		if _, err := h.provider(r.Context(), f.Provider); err != nil {
			return err
		}
	} else if providers, err = h.visibleProviders(r.Context()); err != nil {
		return err
	}
	var batches []ingest.Batch
	if providers == nil {
		if batches, err = h.col.svc.Batches(r.Context(), f); err != nil {
			return err
		}
	}
	for _, code := range providers { // an organization has one provider or a few
		f.Provider = code
		more, err := h.col.svc.Batches(r.Context(), f)
		if err != nil {
			return err
		}
		batches = append(batches, more...)
	}
	slices.SortFunc(batches, func(a, b ingest.Batch) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
	out := batchList{Items: []batchResponse{}}
	for i, b := range batches {
		if i == limit {
			break
		}
		out.Items = append(out.Items, toBatchResponse(b))
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// batch returns a batch the caller may see.
func (h *Handler) batch(ctx context.Context, id string) (ingest.Batch, error) {
	b, err := h.col.svc.Batch(ctx, id)
	if err != nil {
		return b, err
	}
	if _, err := h.provider(ctx, b.Provider); err != nil {
		return ingest.Batch{}, err
	}
	return b, nil
}

// getBatch answers GET /api/v1/batches/{id}.
func (h *Handler) getBatch(w http.ResponseWriter, r *http.Request) error {
	b, err := h.batch(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toBatchResponse(b))
}

// listRejections answers GET /api/v1/batches/{id}/rejections: the first
// limit rejected rows; the exports have them all.
func (h *Handler) listRejections(w http.ResponseWriter, r *http.Request) error {
	limit, err := intParam(r.URL.Query(), "limit", 1000, 1, 10000)
	if err != nil {
		return err
	}
	b, err := h.batch(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := rejectionList{Batch: b.ID, Items: []rejectionResponse{}}
	for rej, err := range h.col.svc.Rejections(r.Context(), b.ID) {
		if err != nil {
			return err
		}
		if len(out.Items) == limit {
			out.Truncated = true
			break
		}
		out.Items = append(out.Items, toRejectionResponse(rej))
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// exportRejections answers GET /api/v1/batches/{id}/rejections.csv and
// .xlsx: every rejected row, streamed from the database.
func (h *Handler) exportRejections(ext string) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		b, err := h.batch(r.Context(), r.PathValue("id"))
		if err != nil {
			return err
		}
		rows := h.col.svc.Rejections(r.Context(), b.ID)
		return h.download(w, r, ext, "rejections-"+b.ID+"."+ext, func(w io.Writer) error {
			var err error
			if ext == "xlsx" {
				_, err = ingest.WriteRejectionsXLSX(w, rows)
			} else {
				_, err = ingest.WriteRejectionsCSV(w, rows)
			}
			return err
		})
	}
}

// download writes an export. An error before the first byte is answered
// as an error; after it the client has a cut file and the error is logged
// here, the boundary. The XLSX writers read all rows before writing, so
// their database errors are still answered.
func (h *Handler) download(w http.ResponseWriter, r *http.Request, ext, name string, write func(io.Writer) error) error {
	setDownload(w, ext, name)
	cw := &countWriter{w: w}
	err := write(cw)
	if err == nil || cw.n == 0 {
		if err != nil {
			w.Header().Del("Content-Disposition")
		}
		return err
	}
	h.log.ErrorContext(r.Context(), "export cut short", "file", name, "request_id", httpx.RequestIDFrom(r.Context()), "error", err)
	return nil
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// setDownload sets the headers of an export.
func setDownload(w http.ResponseWriter, ext, name string) {
	ct := csvType
	if ext == "xlsx" {
		ct = xlsxType
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
}
