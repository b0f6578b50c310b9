// SPDX-License-Identifier: Apache-2.0

package api

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/ingest"
)

// maxFileUpload bounds a file sent in one request. Larger files, and any
// file on a line that breaks, go through the resumable uploads.
const maxFileUpload = 512 << 20

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// uploadBatch answers POST /api/v1/providers/{code}/items/{item}/batches:
// one file in multipart/form-data (field file), streamed to a temporary
// file in the uploads directory, never held in memory, and collected.
func (h *Handler) uploadBatch(w http.ResponseWriter, r *http.Request) error {
	p, err := h.provider(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	if h.col.uploads == nil {
		return errNoUploads
	}
	extendDeadlines(w)
	r.Body = http.MaxBytesReader(w, r.Body, maxFileUpload+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		return apperr.Invalidf("请求体应为 multipart/form-data，文件放在 file 字段 / the body must be multipart/form-data with the file in field file")
	}
	in := ingest.FileInput{Provider: p.Code, Item: r.PathValue("item"), ExpectedRows: -1}
	defer func() {
		if in.Path != "" {
			_ = os.Remove(in.Path)
		}
	}()
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return apperr.E(apperr.Invalid, "multipart 请求体无法读取 / the multipart body could not be read", err)
		}
		if part.FormName() == "file" {
			if in.Path != "" {
				return apperr.Invalidf("file: 每次只能上传一个文件 / send one file per request")
			}
			if in.Path, _, err = h.col.uploads.Spool(part, maxFileUpload); err != nil {
				return err
			}
			in.Name = ingest.CleanFileName(part.FileName())
			continue
		}
		if err := formField(part, &in); err != nil {
			return err
		}
	}
	if in.Path == "" {
		return apperr.Invalidf("file: 缺少文件 / the file field is missing")
	}
	if err := ingest.CheckFileOptions(in.Format, in.Encoding); err != nil {
		return err
	}
	b, err := h.col.svc.IngestFile(r.Context(), in)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toFileReceipt(b))
}

// formField reads one of the small fields that may go with the file.
func formField(part *multipart.Part, in *ingest.FileInput) error {
	name := part.FormName()
	raw, err := io.ReadAll(io.LimitReader(part, 257))
	if err != nil {
		return apperr.E(apperr.Invalid, "multipart 请求体无法读取 / the multipart body could not be read", err)
	}
	v := strings.TrimSpace(string(raw))
	if len(raw) > 256 {
		return apperr.Invalidf("%s: 值过长 / value too long", name)
	}
	switch name {
	case "format":
		in.Format = strings.ToLower(v)
	case "encoding":
		in.Encoding = strings.ToLower(v)
	case "expected_rows":
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return apperr.Invalidf("expected_rows: 应为非负整数 / must be a non-negative integer")
		}
		in.ExpectedRows = n
	case "expected_sha256":
		in.ExpectedSHA256 = strings.ToLower(v)
		if !sha256Hex.MatchString(in.ExpectedSHA256) {
			return apperr.Invalidf("expected_sha256: 应为64位十六进制 / must be 64 hex digits")
		}
	default:
		return apperr.Invalidf("未知字段 %q；可用 file、format、encoding、expected_rows、expected_sha256 / unknown field %q; use file, format, encoding, expected_rows, expected_sha256",
			name, name)
	}
	return nil
}

// longRequest is how long a file delivery may take: sending 512 MB on a
// slow line and collecting it outlast the server's default timeouts,
// which are kept short for everything else.
const longRequest = time.Hour

// extendDeadlines lifts the server's read and write deadlines for this
// request only. Writers that have no deadlines (tests) are left as they are.
func extendDeadlines(w http.ResponseWriter) {
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(longRequest))
	_ = rc.SetWriteDeadline(time.Now().Add(longRequest))
}
