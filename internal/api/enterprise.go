// SPDX-License-Identifier: Apache-2.0

package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/subject"
)

// searchEnterprises answers GET /api/v1/enterprises: name or code search
// with filters, one page at a time.
func (h *Handler) searchEnterprises(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := subject.Filter{Query: q.Get("q"), RegionCode: q.Get("region"), IndustryCode: q.Get("industry"),
		Type: subject.Type(q.Get("type")), Status: subject.Status(q.Get("status")), Tag: q.Get("tag"), Cursor: q.Get("cursor")}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return apperr.Invalidf("limit: 应为1至200的整数 / must be an integer from 1 to 200")
		}
		f.Limit = n
	}
	if f.Status != "" && !f.Status.Valid() {
		return apperr.Invalidf("status: 未知状态 %q / unknown status %q", f.Status, f.Status)
	}
	page, err := h.subjects.Search(r.Context(), f)
	if err != nil {
		return err
	}
	if err := h.gate.Searched(r.Context(), r.URL.RawQuery, len(page.Subjects)); err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toEnterprisePage(page))
}

// enterpriseRequest registers one enterprise. Type and region default to
// what the code says; status defaults to active (存续), the state of
// nearly every enterprise an operator adds by hand.
type enterpriseRequest struct {
	USCC                 string         `json:"uscc"`
	Name                 string         `json:"name"`
	Type                 string         `json:"type"`
	LegalRep             string         `json:"legal_rep"`
	RegionCode           string         `json:"region_code"`
	IndustryCode         string         `json:"industry_code"`
	Status               string         `json:"status"`
	RegisteredAt         string         `json:"registered_at"` // YYYY-MM-DD
	RegisteredCapitalFen int64          `json:"registered_capital_fen"`
	Address              string         `json:"address"`
	Tags                 []string       `json:"tags"`
	Aliases              []aliasRequest `json:"aliases"`
}

type aliasRequest struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

func (in enterpriseRequest) toDomain() (subject.Subject, error) {
	s := subject.Subject{USCC: in.USCC, Name: in.Name, Type: subject.Type(in.Type), LegalRep: in.LegalRep,
		RegionCode: in.RegionCode, IndustryCode: in.IndustryCode, Status: subject.Status(in.Status),
		RegisteredCapitalFen: in.RegisteredCapitalFen, Address: in.Address, Tags: in.Tags}
	if s.Status == "" {
		s.Status = subject.StatusActive
	}
	if in.RegisteredAt != "" {
		t, err := time.Parse(time.DateOnly, strings.TrimSpace(in.RegisteredAt))
		if err != nil {
			return s, apperr.Invalidf("registered_at: 应为 YYYY-MM-DD 格式的日期 / must be a date as YYYY-MM-DD")
		}
		s.RegisteredAt = t
	}
	for _, a := range in.Aliases {
		s.Aliases = append(s.Aliases, subject.Alias{Kind: subject.AliasKind(a.Kind), Value: a.Value})
	}
	return s, nil
}

// createEnterprise answers POST /api/v1/enterprises.
func (h *Handler) createEnterprise(w http.ResponseWriter, r *http.Request) error {
	var in enterpriseRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	s, err := in.toDomain()
	if err != nil {
		return err
	}
	s, v, err := h.subjects.Register(r.Context(), s)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/enterprises/"+s.USCC)
	return httpx.JSON(w, http.StatusCreated, createdEnterprise{Enterprise: toEnterpriseResponse(s), Warnings: toProblems(v.Warnings())})
}
