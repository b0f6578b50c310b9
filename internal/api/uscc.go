// SPDX-License-Identifier: Apache-2.0

package api

import (
	"net/http"
	"strconv"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/subject"
)

// maxCheckCodes bounds one batch check: a caller with more codes sends
// several requests, so that one request cannot hold a worker for long.
const maxCheckCodes = 1000

// verdictResponse is what the API says about one code. It is derived from
// the code alone and holds no enterprise data.
type verdictResponse struct {
	Input        string            `json:"input"`
	Code         string            `json:"code"`
	Valid        bool              `json:"valid"`
	Pilot        bool              `json:"pilot"`
	Problems     []problemResponse `json:"problems"`
	Category     *categoryResponse `json:"category,omitempty"`
	Region       *regionBrief      `json:"region,omitempty"`
	RegionStatus string            `json:"region_status,omitempty"`
	OrgCode      string            `json:"org_code,omitempty"`
}

type problemResponse struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Pos      int    `json:"pos"`
	Found    string `json:"found,omitempty"`
	Expected string `json:"expected,omitempty"`
	Zh       string `json:"zh"`
	En       string `json:"en"`
}

type categoryResponse struct {
	Code       string `json:"code"`
	DeptName   string `json:"dept_name"`
	DeptNameEn string `json:"dept_name_en"`
	Name       string `json:"name"`
	NameEn     string `json:"name_en"`
	Type       string `json:"type"`
}

func toProblems(ps []subject.Problem) []problemResponse {
	out := make([]problemResponse, 0, len(ps))
	for _, p := range ps {
		out = append(out, problemResponse{Code: p.Code, Severity: string(p.Severity), Pos: p.Pos,
			Found: p.Found, Expected: p.Expected, Zh: p.Zh, En: p.En})
	}
	return out
}

func toVerdictResponse(input string, v subject.Verdict) verdictResponse {
	out := verdictResponse{Input: input, Code: v.Code, Valid: v.Valid, Pilot: v.Pilot, Problems: toProblems(v.Problems)}
	if len(v.Code) != subject.USCCLen {
		return out // too short or long: positions mean nothing
	}
	c := v.Category
	out.Category = &categoryResponse{Code: c.Code, DeptName: c.DeptName, DeptNameEn: c.DeptNameEn,
		Name: c.Name, NameEn: c.NameEn, Type: string(c.Type)}
	out.Region = &regionBrief{Code: v.Region.Code, Name: v.Region.Name}
	out.RegionStatus = string(v.RegionStatus)
	out.OrgCode = v.OrgCode
	return out
}

// checkUSCC answers GET /api/v1/uscc/{code}: the verdict on one code,
// always 200, since an invalid code is an answer, not a failed request.
func (h *Handler) checkUSCC(w http.ResponseWriter, r *http.Request) error {
	pilot, err := boolParam(r, "accept_pilot")
	if err != nil {
		return err
	}
	code := r.PathValue("code")
	v := subject.Check(code, subject.CheckOptions{AcceptPilot: pilot})
	return httpx.JSON(w, http.StatusOK, toVerdictResponse(code, v))
}

type checkRequest struct {
	Codes       []string `json:"codes"`
	AcceptPilot bool     `json:"accept_pilot"`
}

type checkResponse struct {
	Verdicts []verdictResponse `json:"verdicts"`
	Valid    int               `json:"valid"`
	Invalid  int               `json:"invalid"`
}

// checkUSCCBatch answers POST /api/v1/uscc:check: one verdict per code, in
// the order given.
func (h *Handler) checkUSCCBatch(w http.ResponseWriter, r *http.Request) error {
	var in checkRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	if len(in.Codes) == 0 || len(in.Codes) > maxCheckCodes {
		return apperr.Invalidf("codes: 需要1至%d个代码 / give between 1 and %d codes", maxCheckCodes, maxCheckCodes)
	}
	out := checkResponse{Verdicts: make([]verdictResponse, 0, len(in.Codes))}
	for _, c := range in.Codes {
		v := subject.Check(c, subject.CheckOptions{AcceptPilot: in.AcceptPilot})
		if v.Valid {
			out.Valid++
		} else {
			out.Invalid++
		}
		out.Verdicts = append(out.Verdicts, toVerdictResponse(c, v))
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// boolParam reads an optional true/false query parameter.
func boolParam(r *http.Request, name string) (bool, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, apperr.Invalidf("%s: 应为 true 或 false / must be true or false", name)
	}
	return b, nil
}
