// SPDX-License-Identifier: Apache-2.0

package api

import (
	"net/http"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/subject"
)

// regionBrief names a region where another resource refers to one.
type regionBrief struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// regionResponse is one GB/T 2260 division and what its code meant before.
type regionResponse struct {
	Code         string            `json:"code"`
	Name         string            `json:"name"`
	Level        string            `json:"level"`
	Status       string            `json:"status"`
	Parent       string            `json:"parent,omitempty"`
	Province     string            `json:"province,omitempty"`
	ProvinceName string            `json:"province_name,omitempty"`
	Since        int               `json:"since,omitempty"`
	Until        int               `json:"until,omitempty"`
	Successors   []successorResp   `json:"successors"`
	History      []regionHistoryIt `json:"history"`
}

type successorResp struct {
	Code string `json:"code"`
	Year int    `json:"year,omitempty"`
}

type regionHistoryIt struct {
	Name   string `json:"name"`
	Level  string `json:"level"`
	Parent string `json:"parent,omitempty"`
	Since  int    `json:"since,omitempty"`
	Until  int    `json:"until,omitempty"`
}

func toSuccessors(ss []subject.Successor) []successorResp {
	out := make([]successorResp, 0, len(ss))
	for _, s := range ss {
		out = append(out, successorResp{Code: s.Code, Year: s.Year})
	}
	return out
}

func toRegionResponse(g subject.Region, st subject.RegionStatus, history []subject.Region) regionResponse {
	out := regionResponse{Code: g.Code, Name: g.Name, Level: string(g.Level), Status: string(st), Parent: g.Parent,
		Province: g.Province, ProvinceName: g.ProvinceName, Since: g.Since, Until: g.Until,
		Successors: toSuccessors(g.Successors), History: []regionHistoryIt{}}
	for _, x := range history {
		if x.Since == g.Since && x.Until == g.Until && x.Name == g.Name {
			continue // the meaning already shown at the top
		}
		out.History = append(out.History, regionHistoryIt{Name: x.Name, Level: string(x.Level), Parent: x.Parent, Since: x.Since, Until: x.Until})
	}
	return out
}

// getRegion answers GET /api/v1/regions/{code}: the division a six-digit
// code names now or, for a retired code, most recently, with its history.
func (h *Handler) getRegion(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	if len(code) != 6 || !digits(code) {
		return apperr.Invalidf("code: 行政区划代码应为6位数字 / a region code has 6 digits")
	}
	t := subject.Regions()
	g, st := t.Lookup(code)
	if st == subject.RegionUnknown {
		return apperr.NotFoundf("行政区划代码 %s 不在 GB/T 2260 中 / region code %s is in no edition of GB/T 2260", code, code)
	}
	return httpx.JSON(w, http.StatusOK, toRegionResponse(g, st, t.History(code)))
}

// industryResponse is one GB/T 4754-2017 code with its chain of parents.
type industryResponse struct {
	Code    string          `json:"code"`
	Name    string          `json:"name"`
	Level   string          `json:"level"`
	Section string          `json:"section"`
	Parent  string          `json:"parent,omitempty"`
	Remark  string          `json:"remark,omitempty"`
	Chain   []industryBrief `json:"chain"`
}

type industryBrief struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Level string `json:"level,omitempty"`
}

// getIndustry answers GET /api/v1/industries/{code}: a section letter or a
// 2-, 3- or 4-digit code (a leading section letter is accepted).
func (h *Handler) getIndustry(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	t := subject.Industries()
	in, ok := t.Lookup(code)
	if !ok {
		if c := t.Normalize(code); len(c) > 2 && !digits(c[:1]) {
			if _, known := t.Lookup(c[1:]); known {
				return t.Validate(code) // wrong section letter: the error names the right one
			}
		}
		return apperr.NotFoundf("行业代码 %q 不在 GB/T 4754-2017 中 / industry code %q is not in GB/T 4754-2017", code, code)
	}
	out := industryResponse{Code: in.Code, Name: in.Name, Level: string(in.Level), Section: in.Section,
		Parent: in.Parent, Remark: in.Remark, Chain: []industryBrief{}}
	for _, c := range t.Chain(in.Code) {
		out.Chain = append(out.Chain, industryBrief{Code: c.Code, Name: c.Name, Level: string(c.Level)})
	}
	return httpx.JSON(w, http.StatusOK, out)
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
