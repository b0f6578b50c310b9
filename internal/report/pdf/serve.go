// SPDX-License-Identifier: Apache-2.0

package pdf

import (
	"bytes"
	"net/http"

	"github.com/xinrong/xinrong/internal/report"
)

// Serve writes the report as a PDF download. The PDF is rendered fully
// first, so that an error gives an error page rather than half a file.
func Serve(w http.ResponseWriter, r *report.Report, lang string) error {
	var b bytes.Buffer
	if err := Write(&b, r, lang); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+r.Number+`.pdf"`)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusCreated)
	_, err := b.WriteTo(w)
	return err
}
