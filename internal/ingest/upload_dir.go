// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/ingest/source"
)

// save writes the upload's sidecar atomically: a reader in another process
// sees the old state or the new, never half of one.
func (u *Uploads) save(up *Upload) error {
	b, err := json.Marshal(up)
	if err != nil {
		return fmt.Errorf("ingest: save upload %s: %w", up.ID, err)
	}
	tmp, err := os.CreateTemp(u.dir, up.ID+".json.*.tmp")
	if err != nil {
		return fmt.Errorf("ingest: save upload %s: %w", up.ID, err)
	}
	_, err = tmp.Write(b)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), u.path(up.ID, ".json"))
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("ingest: save upload %s: %w", up.ID, err)
	}
	return nil
}

// lock takes the upload's lock file, shared by every process using the
// directory, so that two requests never write one upload at once. A lock
// older than lockStale was left by a process that died holding it.
func (u *Uploads) lock(id string) (func(), error) {
	if !uploadIDRE.MatchString(id) {
		return nil, apperr.NotFoundf("没有上传 %s / no upload %s", id, id)
	}
	p := u.path(id, ".lock")
	for attempt := 0; attempt < 2; attempt++ {
		f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640)
		if err == nil {
			_ = f.Close()
			return func() { _ = os.Remove(p) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("ingest: lock upload %s: %w", id, err)
		}
		if st, serr := os.Stat(p); serr == nil && u.now().Sub(st.ModTime()) > lockStale {
			_ = os.Remove(p)
			continue
		}
		break
	}
	return nil, apperr.Conflictf("上传 %s 正在被另一个请求写入，请稍后查询偏移量再继续 / upload %s is being written by another request; ask for its offset and retry",
		id, id)
}

// sweep removes uploads untouched for uploadTTL, and spool files a dead
// process left, and returns the declared size of the unfinished rest.
func (u *Uploads) sweep() (int64, error) {
	entries, err := os.ReadDir(u.dir)
	if err != nil {
		return 0, fmt.Errorf("ingest: uploads directory: %w", err)
	}
	now := u.now()
	var pending int64
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, "spool-") {
			if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > uploadTTL {
				_ = os.Remove(filepath.Join(u.dir, name))
			}
			continue
		}
		id, ok := strings.CutSuffix(name, ".json")
		if !ok || !uploadIDRE.MatchString(id) {
			continue
		}
		up, err := u.Get(id)
		if err != nil {
			continue // being replaced right now, or damaged: not ours to judge here
		}
		if now.Sub(up.UpdatedAt) > uploadTTL {
			for _, ext := range []string{".part", ".json"} {
				_ = os.Remove(u.path(id, ext))
			}
			continue
		}
		if up.Batch == "" {
			pending += up.Size
		}
	}
	return pending, nil
}

// Spool copies r into a new file in the uploads directory, at most max
// bytes (apperr.Invalid beyond), and returns its path, for the caller to
// remove, and its size. The file never passes through memory.
func (u *Uploads) Spool(r io.Reader, max int64) (string, int64, error) {
	if err := os.MkdirAll(u.dir, 0o750); err != nil {
		return "", 0, fmt.Errorf("ingest: uploads directory: %w", err)
	}
	f, err := os.CreateTemp(u.dir, "spool-*.tmp")
	if err != nil {
		return "", 0, fmt.Errorf("ingest: spool: %w", err)
	}
	src := &readErr{r: io.LimitReader(r, max+1)}
	n, err := io.Copy(f, src)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	switch {
	case src.err != nil:
		err = apperr.E(apperr.Invalid, "上传的文件读取中断 / the uploaded file broke off", src.err)
	case err == nil && n > max:
		err = apperr.Invalidf("文件超过 %d 字节，请使用断点续传 / the file is larger than %d bytes; use a resumable upload", max, max)
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return "", 0, err
	}
	return f.Name(), n, nil
}

// readErr remembers a read error, to tell a broken request from a full disk.
type readErr struct {
	r   io.Reader
	err error
}

func (r *readErr) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && err != io.EOF {
		r.err = err
	}
	return n, err
}

// CleanFileName returns the base name of the file name a provider gave,
// for the receipt: no directories, at most 200 bytes of valid UTF-8.
func CleanFileName(s string) string {
	s = strings.TrimSpace(filepath.Base(strings.ReplaceAll(s, `\`, "/")))
	if s == "." || s == "/" || !utf8.ValidString(s) {
		return "upload"
	}
	for len(s) > 200 {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}

// CheckFileOptions checks a declared format and encoding before a file is
// collected: a wrong one would fail the batch, and the failed batch would
// then answer for the same content ever after.
func CheckFileOptions(format, encoding string) error {
	switch source.Format(format) {
	case "", source.FormatCSV, source.FormatXLSX, source.FormatJSONL:
	default:
		return apperr.Invalidf("format: 应为 csv、xlsx 或 jsonl / must be csv, xlsx or jsonl (got %q)", format)
	}
	switch source.Encoding(encoding) {
	case source.EncodingDetect, source.EncodingUTF8, source.EncodingUTF8BOM, source.EncodingGB18030:
	default:
		return apperr.Invalidf("encoding: 应为 utf-8、utf-8-bom 或 gb18030 / must be utf-8, utf-8-bom or gb18030 (got %q)", encoding)
	}
	return nil
}
