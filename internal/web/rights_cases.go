// SPDX-License-Identifier: Apache-2.0

package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/rights"
)

// maxEvidence bounds one evidence file: a scanned decision or receipt.
const maxEvidence = 5 << 20

// evidenceTypes are the sniffed content types accepted as evidence.
var evidenceTypes = map[string]string{"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}

// evidenceRef is how an attachment is named in a case's evidence text; the
// file itself is kept under DataDir/evidence by its SHA-256.
var evidenceRef = regexp.MustCompile(`sha256:([0-9a-f]{64})`)

// fileObjection files the enterprise's objection from the self-query page:
// reasons, written evidence and an optional file (PDF or image, sniffed by
// content, at most 5 MiB).
func (h *Handler) fileObjection(w http.ResponseWriter, r *http.Request) error {
	return h.caseForm(w, r, func(form map[string]string, ref string) (string, error) {
		o, err := h.deps.Rights.File(r.Context(), rights.NewObjection{RecordID: form["record_id"], EvaluationID: form["evaluation_id"], Reasons: form["reasons"],
			Evidence: joinEvidence(form["evidence"], ref)})
		return "objection#case-" + o.ID, err
	})
}

// applyRepair files an application for credit repair with the evidence of
// the corrected failure and the credit commitment, which must be signed.
func (h *Handler) applyRepair(w http.ResponseWriter, r *http.Request) error {
	return h.caseForm(w, r, func(form map[string]string, ref string) (string, error) {
		if form["commit"] != "yes" {
			return "", apperr.Invalidf("请阅读并签署信用承诺书 / read and sign the credit commitment")
		}
		x, err := h.deps.Rights.Apply(r.Context(), rights.NewRepair{RecordID: form["record_id"], Evidence: joinEvidence(form["evidence"], ref),
			Commitment: form["commitment"]})
		return "repair#case-" + x.ID, err
	})
}

// caseForm reads a multipart case form, keeps its file and runs file; a
// refusal the enterprise can fix shows the self-query page again with the
// reason beside the record's form.
func (h *Handler) caseForm(w http.ResponseWriter, r *http.Request, file func(form map[string]string, ref string) (string, error)) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxEvidence+64<<10)
	if err := r.ParseMultipartForm(maxEvidence + 64<<10); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return apperr.E(apperr.Invalid, fmt.Sprintf("附件不能超过 %d MiB / the attachment may be at most %d MiB", maxEvidence>>20, maxEvidence>>20), err)
		}
		return apperr.Invalidf("表单无效 / bad form")
	}
	form := map[string]string{}
	for _, k := range []string{"record_id", "evaluation_id", "reasons", "evidence", "commitment", "commit"} {
		form[k] = r.PostForm.Get(k)
	}
	again := func(status int, msg string) error {
		return h.renderSelfQuery(w, r, status, selfQueryPage{Problem: msg, ProblemRecord: form["record_id"] + form["evaluation_id"], Form: form})
	}
	ref, err := h.keepEvidence(r)
	if err != nil {
		return h.refused(r, err, again)
	}
	done, err := file(form, ref)
	if err != nil {
		return h.refused(r, err, again)
	}
	http.Redirect(w, r, selfQueryPath+"?done="+done, http.StatusSeeOther)
	return nil
}

func joinEvidence(text, ref string) string {
	text = strings.TrimSpace(text)
	if ref == "" {
		return text
	}
	if text == "" {
		return ref
	}
	return text + "\n" + ref
}

// keepEvidence stores the uploaded file, if any, and returns the reference
// written into the case's evidence. The content decides the type, never
// the name or the browser's header.
func (h *Handler) keepEvidence(r *http.Request) (string, error) {
	f, hdr, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) {
		return "", nil
	}
	if err != nil {
		return "", apperr.Invalidf("附件无效 / bad attachment")
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxEvidence+1))
	if err != nil {
		return "", apperr.Invalidf("附件无效 / bad attachment")
	}
	if len(b) == 0 {
		return "", nil
	}
	if len(b) > maxEvidence {
		return "", apperr.Invalidf("附件不能超过 %d MiB / the attachment may be at most %d MiB", maxEvidence>>20, maxEvidence>>20)
	}
	ct := http.DetectContentType(b)
	ext, ok := evidenceTypes[ct]
	if !ok {
		return "", apperr.Invalidf("附件只能是 PDF、PNG 或 JPEG / the attachment must be a PDF, PNG or JPEG")
	}
	sum := sha256.Sum256(b)
	hexsum := hex.EncodeToString(sum[:])
	dir := h.evidenceDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("web: evidence dir: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, hexsum+ext), b, 0o600); err != nil {
		return "", fmt.Errorf("web: keep evidence: %w", err)
	}
	name := strings.Map(func(r rune) rune {
		if r < ' ' || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, filepath.Base(hdr.Filename))
	if len([]rune(name)) > 80 {
		name = string([]rune(name)[:80])
	}
	return fmt.Sprintf("附件 / attachment: %s (%s, %d bytes) sha256:%s", name, ct, len(b), hexsum), nil
}

func (h *Handler) evidenceDir() string {
	if h.deps.DataDir == "" {
		return filepath.Join(os.TempDir(), "xinrong-evidence")
	}
	return filepath.Join(h.deps.DataDir, "evidence")
}

// showEvidence serves an attachment of a case to those who may read the
// case: the enterprise, the provider it is routed to and operators.
func (h *Handler) showEvidence(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	id, sum := r.PathValue("id"), r.PathValue("sum")
	var evidence string
	if o, err := h.deps.Rights.GetObjection(r.Context(), id); err == nil {
		evidence = o.Evidence
	} else if x, err := h.deps.Rights.GetRepair(r.Context(), id); err == nil {
		evidence = x.Evidence
	} else {
		return err
	}
	found := false
	for _, m := range evidenceRef.FindAllStringSubmatch(evidence, -1) {
		found = found || m[1] == sum
	}
	if !found {
		return apperr.NotFoundf("没有此附件 / no such attachment")
	}
	for ct, ext := range evidenceTypes {
		b, err := os.ReadFile(filepath.Join(h.evidenceDir(), sum+ext))
		if err != nil {
			continue
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Disposition", `attachment; filename="`+id+ext+`"`)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "no-store")
		_, err = io.Copy(w, bytes.NewReader(b))
		return err
	}
	return apperr.NotFoundf("附件文件已不在本节点 / the attachment file is no longer on this node")
}

// evidenceLinks returns the attachments named in an evidence text.
func evidenceLinks(caseID, evidence string) []string {
	var out []string
	for _, m := range evidenceRef.FindAllStringSubmatch(evidence, -1) {
		out = append(out, "/rights/evidence/"+caseID+"/"+m[1])
	}
	return out
}
