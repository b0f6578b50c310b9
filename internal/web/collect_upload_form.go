// SPDX-License-Identifier: Apache-2.0

package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/xinrong/xinrong/internal/apperr"
)

// maxUpload caps one batch file. Provincial feeds of a year of penalties
// are tens of megabytes; a larger file should be split or sent by the
// command line.
const maxUpload = 512 << 20

// uploadForm is the posted upload form. The file itself is spooled to
// path, never held in memory.
type uploadForm struct {
	Provider, Item string
	ExpectedRows   string // as typed, shown again after a refusal
	ExpectedSHA256 string
	FileName       string

	expectedRows int64 // -1 when not given
	path         string
}

var (
	sha256RE    = regexp.MustCompile(`^[0-9a-f]{64}$`)
	errTooLarge = apperr.Invalidf("文件超过 %d MiB，请按月份或地区拆分后分别上传，或使用命令行 xinrong ingest 报送 / "+
		"the file is larger than %d MiB; split it by month or region and upload the parts, or deliver it with `xinrong ingest`", maxUpload>>20, maxUpload>>20)
	errNoFile = apperr.Invalidf("请选择要上传的文件（CSV、XLSX 或 JSONL） / choose a file to upload (CSV, XLSX or JSONL)")
)

// uploadExts are the file types the upload accepts; the content decides
// the format, the name only keeps obvious mistakes (a .docx) out early.
var uploadExts = map[string]bool{".csv": true, ".txt": true, ".xlsx": true, ".jsonl": true, ".ndjson": true, ".json": true}

// receiveUpload reads the multipart form and spools the file under the
// data directory. The page's script sends the CSRF token as a header, so
// the body arrives untouched and is streamed part by part: the fields come
// before the file, and an upload for a provider the user may not deliver
// for is refused before its bytes are written. A plain form post carries
// the token in the body, which the CSRF check has already parsed (small
// parts in memory, the rest in the system temp directory); its file is
// copied from there.
func (h *Handler) receiveUpload(w http.ResponseWriter, r *http.Request, c collector) (uploadForm, error) {
	f := uploadForm{expectedRows: -1}
	if r.MultipartForm != nil {
		mf := r.MultipartForm
		for _, k := range []string{"provider", "item", "expected_rows", "expected_sha256"} {
			if vs := mf.Value[k]; len(vs) > 0 {
				f.set(k, vs[0])
			}
		}
		if err := f.check(c); err != nil {
			return f, err
		}
		fhs := mf.File["file"]
		if len(fhs) == 0 {
			return f, errNoFile
		}
		if fhs[0].Size > maxUpload {
			return f, errTooLarge
		}
		src, err := fhs[0].Open()
		if err != nil {
			return f, err
		}
		defer src.Close()
		err = h.spool(&f, fhs[0].Filename, src)
		return f, err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		return f, apperr.E(apperr.Invalid, "请通过上传页面的表单提交文件 / send the file with the upload page's form", err)
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return f, readErr(err)
		}
		switch name := part.FormName(); name {
		case "file":
			if f.path != "" {
				return f, apperr.Invalidf("一次只能上传一个文件 / upload one file at a time")
			}
			if err := f.check(c); err != nil {
				return f, err
			}
			if err := h.spool(&f, part.FileName(), part); err != nil {
				return f, err
			}
		case "provider", "item", "expected_rows", "expected_sha256":
			b, err := io.ReadAll(io.LimitReader(part, 1<<10))
			if err != nil {
				return f, readErr(err)
			}
			f.set(name, string(b))
		}
		part.Close()
	}
	if f.path == "" {
		return f, errNoFile
	}
	return f, nil
}

func readErr(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return errTooLarge
	}
	return apperr.E(apperr.Invalid, "上传中断，请检查网络后重新上传 / the upload was interrupted; check the connection and upload again", err)
}

func (f *uploadForm) set(name, v string) {
	v = strings.TrimSpace(v)
	switch name {
	case "provider":
		f.Provider = v
	case "item":
		f.Item = v
	case "expected_rows":
		f.ExpectedRows = v
	case "expected_sha256":
		f.ExpectedSHA256 = strings.ToLower(v)
	}
}

// check validates the fields and that the user may deliver the item for
// the provider.
func (f *uploadForm) check(c collector) error {
	if f.Provider == "" || f.Item == "" {
		return apperr.Invalidf("请先选择数据提供单位和信息项，再选择文件 / choose the provider and the item before the file")
	}
	p, ok := c.provider(f.Provider)
	if !ok && c.operator {
		return apperr.Invalidf("数据提供单位 %s 未登记；请从列表中选择，或先登记该单位 / provider %s is not registered; choose one from the list or register it first", f.Provider, f.Provider)
	}
	if !ok {
		return apperr.Forbiddenf("您不能为数据提供单位 %s 报送数据；请选择本单位 / you may not deliver for provider %s; choose your own", f.Provider, f.Provider)
	}
	if !p.Delivers(f.Item) {
		return apperr.Invalidf("%s 未登记报送信息项 %s；请选择列表中的信息项，或联系信用中心登记 / "+
			"%s is not registered for item %s; choose an item from the list or ask the credit centre to register it", p.Name, f.Item, p.Name, f.Item)
	}
	if f.ExpectedRows != "" {
		n, err := strconv.ParseInt(f.ExpectedRows, 10, 64)
		if err != nil || n < 0 {
			return apperr.Invalidf("应报行数须为不小于 0 的整数，可留空 / expected rows must be a whole number of at least 0, or empty")
		}
		f.expectedRows = n
	}
	if f.ExpectedSHA256 != "" && !sha256RE.MatchString(f.ExpectedSHA256) {
		return apperr.Invalidf("SHA-256 校验值应为 64 位十六进制字符，可留空 / the SHA-256 must be 64 hexadecimal characters, or empty")
	}
	return nil
}

// spool writes the file to a temporary file under DataDir/uploads,
// refusing it once it passes maxUpload.
func (h *Handler) spool(f *uploadForm, name string, src io.Reader) error {
	f.FileName = cleanFileName(name)
	if f.FileName == "" {
		return errNoFile
	}
	if !uploadExts[strings.ToLower(filepath.Ext(f.FileName))] {
		return apperr.Invalidf("不支持文件 %s：请上传 CSV、XLSX 或 JSONL 文件（旧版 .xls 请另存为 .xlsx） / "+
			"%s is not supported: upload a CSV, XLSX or JSONL file (save old .xls workbooks as .xlsx)", f.FileName, f.FileName)
	}
	dir, err := h.spoolDir()
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "upload-*.part")
	if err != nil {
		return fmt.Errorf("web: upload: %w", err)
	}
	f.path = tmp.Name()
	n, err := io.Copy(tmp, io.LimitReader(src, maxUpload+1))
	if cerr := tmp.Close(); err == nil && cerr != nil {
		return fmt.Errorf("web: upload: %w", cerr)
	}
	switch {
	case err != nil:
		return readErr(err)
	case n > maxUpload:
		return errTooLarge
	case n == 0:
		return apperr.Invalidf("文件 %s 是空的，请检查后重新导出 / the file %s is empty; export it again", f.FileName, f.FileName)
	}
	return nil
}

// spoolDir is where uploads and downloads are written on their way:
// DataDir/uploads, or the system temp directory on a node without one.
func (h *Handler) spoolDir() (string, error) {
	if h.deps.DataDir == "" {
		return os.TempDir(), nil
	}
	dir := filepath.Join(h.deps.DataDir, "uploads")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("web: spool dir: %w", err)
	}
	return dir, nil
}

// discard removes the spooled file; collection has read it by then.
func (f uploadForm) discard() {
	if f.path != "" {
		os.Remove(f.path)
	}
}

// cleanFileName keeps the base name a browser sent, without control
// characters, cut to 200 characters: it is shown on receipts.
func cleanFileName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	if name == "." || name == "/" {
		return ""
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	if rs := []rune(name); len(rs) > 200 {
		name = string(rs[:200])
	}
	return strings.TrimSpace(name)
}
