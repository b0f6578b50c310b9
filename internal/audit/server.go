// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Server serves the public audit endpoints: the latest checkpoint, tiles in
// the C2SP tlog-tiles layout, and inclusion and consistency proofs. Nothing
// it serves is personal: leaves hold only keyed hashes and IDs.
type Server struct {
	tree *Tree
	log  *slog.Logger
}

// NewServer returns the public endpoints over tree.
func NewServer(tree *Tree, log *slog.Logger) *Server { return &Server{tree: tree, log: log} }

// Routes registers every public audit route on mux, one per line.
func (s *Server) Routes(mux *http.ServeMux) {
	mux.Handle("GET /audit/checkpoint", public(s.checkpoint))
	mux.Handle("GET /audit/tile/{path...}", public(s.tile))
	mux.Handle("GET /audit/proof/inclusion", public(s.inclusion))
	mux.Handle("GET /audit/proof/consistency", public(s.consistency))
}

// public lets verifiers running in a browser on another site (a
// regulator's or a witness's page) read the endpoints: everything here is
// public and no cookie is ever used.
func public(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		h(w, r)
	})
}

// checkpoint serves the latest signed checkpoint as a signed note.
func (s *Server) checkpoint(w http.ResponseWriter, r *http.Request) {
	c, err := s.tree.Checkpoint(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(c.Note)
}

// tile serves a hash tile or an entry bundle. Full tiles never change, so
// caches may keep them for good; partial tiles are replaced as the log grows.
func (s *Server) tile(w http.ResponseWriter, r *http.Request) {
	t, err := ParseTilePath("tile/" + r.PathValue("path"))
	if err != nil {
		s.fail(w, r, apperr.E(apperr.NotFound, "no such tile", err))
		return
	}
	data, err := s.tree.ReadTile(r.Context(), t)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	if t.W == 1<<TileHeight {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=10")
	}
	_, _ = w.Write(data)
}

// inclusionJSON is the response of /audit/proof/inclusion; hashes are
// standard base64, as in checkpoints.
type inclusionJSON struct {
	Index    int64       `json:"index"`
	Size     int64       `json:"size"`
	LeafHash tlog.Hash   `json:"leaf_hash"`
	RootHash tlog.Hash   `json:"root_hash"`
	Proof    []tlog.Hash `json:"proof"`
}

// consistencyJSON is the response of /audit/proof/consistency.
type consistencyJSON struct {
	Old         int64       `json:"old"`
	Size        int64       `json:"size"`
	OldRootHash tlog.Hash   `json:"old_root_hash"`
	RootHash    tlog.Hash   `json:"root_hash"`
	Proof       []tlog.Hash `json:"proof"`
}

func (s *Server) inclusion(w http.ResponseWriter, r *http.Request) {
	index, err1 := queryInt(r, "index")
	size, err2 := queryInt(r, "size")
	if err := errors.Join(err1, err2); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.tree.ProveInclusion(r.Context(), index, size)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.json(w, inclusionJSON{Index: p.Index, Size: p.Size, LeafHash: p.LeafHash, RootHash: p.Root, Proof: nonNil(p.Proof)})
}

func (s *Server) consistency(w http.ResponseWriter, r *http.Request) {
	old, err1 := queryInt(r, "old")
	size, err2 := queryInt(r, "size")
	if err := errors.Join(err1, err2); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.tree.ProveConsistency(r.Context(), old, size)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.json(w, consistencyJSON{Old: p.Old, Size: p.Size, OldRootHash: p.OldRoot, RootHash: p.Root, Proof: nonNil(p.Proof)})
}

func nonNil(p []tlog.Hash) []tlog.Hash {
	if p == nil {
		return []tlog.Hash{}
	}
	return p
}

// queryInt reads a required non-negative integer query parameter.
func queryInt(r *http.Request, name string) (int64, error) {
	v, err := strconv.ParseInt(r.URL.Query().Get(name), 10, 64)
	if err != nil || v < 0 {
		return 0, apperr.Invalidf("query parameter %s must be a non-negative integer", name)
	}
	return v, nil
}

func (s *Server) json(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=60")
	_ = json.NewEncoder(w).Encode(v)
}

// fail writes an error as text: these endpoints are read by programs
// (tlog clients, witnesses) that look at the status only.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	switch apperr.CodeOf(err) {
	case apperr.Invalid:
		status = http.StatusBadRequest
	case apperr.NotFound:
		status = http.StatusNotFound
	case apperr.Unavailable:
		status = http.StatusServiceUnavailable
	}
	if status >= 500 && s.log != nil {
		s.log.ErrorContext(r.Context(), "audit endpoint failed", "path", r.URL.Path, "error", err)
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(apperr.Message(err) + "\n"))
}
