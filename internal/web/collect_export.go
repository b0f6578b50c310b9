// SPDX-License-Identifier: Apache-2.0

package web

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/xinrong/xinrong/internal/ingest"
)

// Downloads of rejected rows for people who work in spreadsheets. The
// files are written by internal/ingest (UTF-8 BOM for Excel, formula
// injection defused, XLSX through excelize's stream writer); the pages
// only decide who may have them and how they are named. The quality
// figures are downloaded from the API (qualityExport), which applies the
// same scope to the same session.

// Content types of the downloads.
const (
	ctypeCSV  = "text/csv; charset=utf-8"
	ctypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// downloadRejections sends every rejected value of a batch as CSV or as a
// workbook. The file is written to a temporary file first: a failure
// half-way is then still an error page, and the browser gets a
// Content-Length, so a cut download cannot pass for a whole one.
func (h *Handler) downloadRejections(xlsx bool) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		b, err := h.rejectionsBatch(r)
		if err != nil {
			return err
		}
		dir, err := h.spoolDir()
		if err != nil {
			return err
		}
		tmp, err := os.CreateTemp(dir, "export-*.part")
		if err != nil {
			return fmt.Errorf("web: export: %w", err)
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		bw := bufio.NewWriterSize(tmp, 64<<10)
		rows := h.deps.Collect.Rejections(r.Context(), b.ID)
		name, ctype := "rejections-"+b.ID+".csv", ctypeCSV
		if xlsx {
			name, ctype = "rejections-"+b.ID+".xlsx", ctypeXLSX
			_, err = ingest.WriteRejectionsXLSX(bw, rows)
		} else {
			_, err = ingest.WriteRejectionsCSV(bw, rows)
		}
		if err == nil {
			err = bw.Flush()
		}
		if err == nil {
			_, err = tmp.Seek(0, io.SeekStart)
		}
		if err != nil {
			return fmt.Errorf("web: export rejections of %s: %w", b.ID, err)
		}
		attachment(w, ctype, name)
		http.ServeContent(w, r, name, time.Time{}, tmp)
		return nil
	}
}

// rejectionsBatch returns the batch of a download, if the user may see it.
func (h *Handler) rejectionsBatch(r *http.Request) (ingest.Batch, error) {
	c, err := h.collectorFor(r, false)
	if err != nil {
		return ingest.Batch{}, err
	}
	return h.visibleBatch(r, c, r.PathValue("id"))
}

// attachment sets the headers of a download. Names are ASCII (IDs and
// dates), so no RFC 5987 encoding is needed.
func attachment(w http.ResponseWriter, ctype, name string) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store") // credit data
}
