// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"context"
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/id"
)

// Bounds of resumable uploads.
const (
	MaxUploadSize  = 2 << 30  // one file
	MaxUploadTotal = 16 << 30 // declared size of all unfinished uploads together
	uploadTTL      = 48 * time.Hour
	lockStale      = 2 * time.Hour // a lock older than this was left by a dead process
)

// Upload is a batch file sent in pieces (断点续传), so that a provider on
// a poor line does not start a 2 GB file again after each break. Its state
// lives in a JSON sidecar next to the data in the uploads directory, not in
// the database: several processes sharing one PostgreSQL database must
// therefore share the uploads directory too (one volume, or NFS with
// working O_EXCL), or pin an upload's requests to one process.
type Upload struct {
	ID           string    `json:"id"`
	Provider     string    `json:"provider"`
	Item         string    `json:"item"`
	FileName     string    `json:"file_name"`
	Format       string    `json:"format,omitempty"`
	Encoding     string    `json:"encoding,omitempty"`
	ExpectedRows int64     `json:"expected_rows"`    // -1 when the provider states none
	Size         int64     `json:"size"`             // declared when the upload is created
	SHA256       string    `json:"sha256,omitempty"` // declared, checked on completion
	Offset       int64     `json:"offset"`           // bytes received and synced to disk
	Batch        string    `json:"batch,omitempty"`  // set once collected
	Digest       []byte    `json:"digest"`           // SHA-256 state over the first Offset bytes
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Uploads keeps resumable uploads in a directory.
type Uploads struct {
	dir string
	now func() time.Time
}

// NewUploads returns the uploads kept in dir, created on first use.
func NewUploads(dir string) *Uploads { return &Uploads{dir: dir, now: time.Now} }

var uploadIDRE = regexp.MustCompile(`^[0-9A-Z]{26}$`)
var sha256RE = regexp.MustCompile(`^[0-9a-f]{64}$`)

func (u *Uploads) path(id, ext string) string { return filepath.Join(u.dir, id+ext) }

// Create starts an upload of in.Size bytes. Expired uploads are removed
// first, and the upload is refused with apperr.Unavailable when the
// unfinished ones would exceed MaxUploadTotal.
func (u *Uploads) Create(in Upload) (Upload, error) {
	in.SHA256 = strings.ToLower(strings.TrimSpace(in.SHA256))
	in.FileName = CleanFileName(in.FileName)
	switch {
	case in.Size <= 0 || in.Size > MaxUploadSize:
		return Upload{}, apperr.Invalidf("size: 文件大小应为 1–%d 字节 / size must be 1–%d bytes", MaxUploadSize, MaxUploadSize)
	case in.SHA256 != "" && !sha256RE.MatchString(in.SHA256):
		return Upload{}, apperr.Invalidf("sha256: 应为64位十六进制 / must be 64 hex digits")
	case in.ExpectedRows < -1:
		return Upload{}, apperr.Invalidf("expected_rows: 不能为负数 / must not be negative")
	}
	if err := CheckFileOptions(in.Format, in.Encoding); err != nil {
		return Upload{}, err
	}
	if err := os.MkdirAll(u.dir, 0o750); err != nil {
		return Upload{}, fmt.Errorf("ingest: uploads directory: %w", err)
	}
	pending, err := u.sweep()
	if err != nil {
		return Upload{}, err
	}
	if pending+in.Size > MaxUploadTotal {
		return Upload{}, apperr.E(apperr.Unavailable, "上传区已满，请稍后再试 / the upload area is full; try again later", nil)
	}
	digest, _ := sha256.New().(encoding.BinaryMarshaler).MarshalBinary()
	now := u.now().UTC()
	up := Upload{ID: id.New(), Provider: in.Provider, Item: in.Item, FileName: in.FileName, Format: in.Format, Encoding: in.Encoding,
		ExpectedRows: in.ExpectedRows, Size: in.Size, SHA256: in.SHA256, Digest: digest, CreatedAt: now, UpdatedAt: now}
	f, err := os.OpenFile(u.path(up.ID, ".part"), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640)
	if err != nil {
		return Upload{}, fmt.Errorf("ingest: create upload: %w", err)
	}
	if err := f.Close(); err != nil {
		return Upload{}, fmt.Errorf("ingest: create upload: %w", err)
	}
	return up, u.save(&up)
}

// Get returns an upload, or apperr.NotFound.
func (u *Uploads) Get(id string) (Upload, error) {
	if !uploadIDRE.MatchString(id) {
		return Upload{}, apperr.NotFoundf("没有上传 %s / no upload %s", id, id)
	}
	b, err := os.ReadFile(u.path(id, ".json"))
	if errors.Is(err, fs.ErrNotExist) {
		return Upload{}, apperr.NotFoundf("没有上传 %s（或已过期）/ no upload %s (or it expired)", id, id)
	}
	if err != nil {
		return Upload{}, fmt.Errorf("ingest: read upload %s: %w", id, err)
	}
	var up Upload
	if err := json.Unmarshal(b, &up); err != nil {
		return Upload{}, fmt.Errorf("ingest: read upload %s: %w", id, err)
	}
	return up, nil
}

// Append writes body at offset, which must be the upload's current offset
// (apperr.Conflict otherwise, naming the right one), and returns the upload
// with its new offset. Bytes received before a broken connection are kept:
// the client asks for the offset and goes on from there. A body that goes
// beyond the declared size is refused whole.
func (u *Uploads) Append(id string, offset int64, body io.Reader) (Upload, error) {
	unlock, err := u.lock(id)
	if err != nil {
		return Upload{}, err
	}
	defer unlock()
	up, err := u.Get(id)
	if err != nil {
		return Upload{}, err
	}
	if up.Batch != "" {
		return up, apperr.Conflictf("上传 %s 已完成 / upload %s is already complete", id, id)
	}
	if offset != up.Offset {
		return up, apperr.Conflictf("Upload-Offset 应为 %d，而不是 %d / Upload-Offset must be %d, not %d", up.Offset, offset, up.Offset, offset)
	}
	h := sha256.New()
	if err := h.(encoding.BinaryUnmarshaler).UnmarshalBinary(up.Digest); err != nil {
		return up, fmt.Errorf("ingest: upload %s digest: %w", id, err)
	}
	f, err := os.OpenFile(u.path(id, ".part"), os.O_WRONLY, 0)
	if err != nil {
		return up, fmt.Errorf("ingest: open upload %s: %w", id, err)
	}
	defer f.Close()
	// Bytes past the offset are from a write whose state was never saved.
	if err := f.Truncate(up.Offset); err != nil {
		return up, fmt.Errorf("ingest: upload %s: %w", id, err)
	}
	if _, err := f.Seek(up.Offset, io.SeekStart); err != nil {
		return up, fmt.Errorf("ingest: upload %s: %w", id, err)
	}
	n, cerr := io.Copy(io.MultiWriter(f, h), io.LimitReader(body, up.Size-up.Offset+1))
	if up.Offset+n > up.Size {
		_ = f.Truncate(up.Offset)
		return up, apperr.Invalidf("数据超出声明的大小 %d 字节 / the data goes beyond the declared size of %d bytes", up.Size, up.Size)
	}
	if err := f.Sync(); err != nil {
		return up, fmt.Errorf("ingest: upload %s: %w", id, err)
	}
	up.Offset += n
	up.Digest, _ = h.(encoding.BinaryMarshaler).MarshalBinary()
	up.UpdatedAt = u.now().UTC()
	if err := u.save(&up); err != nil {
		return up, err
	}
	if cerr != nil {
		return up, apperr.E(apperr.Invalid, fmt.Sprintf("请求体读取中断，已保存到 %d 字节 / the body broke off; kept %d bytes", up.Offset, up.Offset), cerr)
	}
	return up, nil
}

// StartUpload begins a resumable upload once the provider is known to be
// registered for the item, so that nobody sends 2 GB to learn it is not.
func (s *Service) StartUpload(ctx context.Context, ups *Uploads, in Upload) (Upload, error) {
	if _, _, err := s.admit(ctx, in.Provider, in.Item); err != nil {
		return Upload{}, err
	}
	return ups.Create(in)
}

// IngestUpload collects a finished upload as a batch file: its size must
// be complete and its content must match the declared SHA-256. Completing
// it again returns the same batch; an interrupted collection resumes.
func (s *Service) IngestUpload(ctx context.Context, ups *Uploads, id string) (Batch, error) {
	unlock, err := ups.lock(id)
	if err != nil {
		return Batch{}, err
	}
	defer unlock()
	up, err := ups.Get(id)
	if err != nil {
		return Batch{}, err
	}
	if up.Batch != "" {
		return s.Batch(ctx, up.Batch)
	}
	if up.Offset != up.Size {
		return Batch{}, apperr.Conflictf("上传 %s 只收到 %d / %d 字节 / upload %s has %d of %d bytes", id, up.Offset, up.Size, id, up.Offset, up.Size)
	}
	h := sha256.New()
	if err := h.(encoding.BinaryUnmarshaler).UnmarshalBinary(up.Digest); err != nil {
		return Batch{}, fmt.Errorf("ingest: upload %s digest: %w", id, err)
	}
	if sum := hex.EncodeToString(h.Sum(nil)); up.SHA256 != "" && sum != up.SHA256 {
		return Batch{}, apperr.Invalidf("文件的 SHA-256 为 %s，与声明的 %s 不符，请重新上传 / the file's SHA-256 is %s, not the declared %s; upload it again",
			sum, up.SHA256, sum, up.SHA256)
	}
	b, err := s.IngestFile(ctx, FileInput{Provider: up.Provider, Item: up.Item, Path: ups.path(id, ".part"), Name: up.FileName,
		Format: up.Format, Encoding: up.Encoding, ExpectedRows: up.ExpectedRows, ExpectedSHA256: up.SHA256})
	if b.ID == "" || b.Status == BatchProcessing {
		return b, err // not started, or interrupted: completing again resumes
	}
	up.Batch, up.UpdatedAt = b.ID, ups.now().UTC()
	if serr := ups.save(&up); serr != nil {
		return b, serr
	}
	_ = os.Remove(ups.path(id, ".part")) // the batch holds what counts; the sidecar answers a repeated completion
	return b, err
}
