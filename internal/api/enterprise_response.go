// SPDX-License-Identifier: Apache-2.0

package api

import (
	"time"

	"github.com/xinrong/xinrong/internal/subject"
)

// enterpriseResponse is an enterprise as the API shows it: the registration
// facts the market regulator publishes (公示信息) and the platform's own
// markers. It lists its fields one by one so that a field added to
// subject.Subject reaches no client until someone decides it may. The
// legal representative's name is left out: for individual businesses it
// is a natural person's name, and masking belongs to the gate.
type enterpriseResponse struct {
	USCC                 string          `json:"uscc"`
	Name                 string          `json:"name"`
	Type                 string          `json:"type"`
	TypeLabel            string          `json:"type_label"`
	Status               string          `json:"status"`
	StatusLabel          string          `json:"status_label"`
	Region               *regionBrief    `json:"region,omitempty"`
	Industry             *industryBrief  `json:"industry,omitempty"`
	RegisteredAt         string          `json:"registered_at,omitempty"` // YYYY-MM-DD
	RegisteredCapitalFen int64           `json:"registered_capital_fen,omitempty"`
	Address              string          `json:"address,omitempty"`
	Tags                 []string        `json:"tags"`
	Aliases              []aliasResponse `json:"aliases"`
	Flags                []string        `json:"flags"`
	CreatedAt            time.Time       `json:"created_at"`
	UpdatedAt            time.Time       `json:"updated_at"`
}

type aliasResponse struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

func toEnterpriseResponse(s subject.Subject) enterpriseResponse {
	out := enterpriseResponse{USCC: s.USCC, Name: s.Name, Type: string(s.Type), TypeLabel: s.Type.Label(),
		Status: string(s.Status), StatusLabel: s.Status.Label(), RegisteredCapitalFen: s.RegisteredCapitalFen,
		Address: s.Address, Tags: []string{}, Aliases: []aliasResponse{}, Flags: []string{},
		CreatedAt: s.CreatedAt.UTC(), UpdatedAt: s.UpdatedAt.UTC()}
	if s.RegionCode != "" {
		out.Region = &regionBrief{Code: s.RegionCode, Name: subject.Regions().Name(s.RegionCode)}
	}
	if s.IndustryCode != "" {
		in, _ := subject.Industries().Lookup(s.IndustryCode)
		out.Industry = &industryBrief{Code: s.IndustryCode, Name: in.Name, Level: string(in.Level)}
	}
	if !s.RegisteredAt.IsZero() {
		out.RegisteredAt = s.RegisteredAt.UTC().Format(time.DateOnly)
	}
	out.Tags = append(out.Tags, s.Tags...)
	for _, a := range s.Aliases {
		out.Aliases = append(out.Aliases, aliasResponse{Kind: string(a.Kind), Value: a.Value})
	}
	for _, f := range s.Flags {
		out.Flags = append(out.Flags, string(f))
	}
	return out
}

// enterprisePage is one page of a search. NextCursor is empty on the last
// page; pass it back as cursor for the next one.
type enterprisePage struct {
	Items      []enterpriseResponse `json:"items"`
	NextCursor string               `json:"next_cursor"`
}

func toEnterprisePage(p subject.Page) enterprisePage {
	out := enterprisePage{Items: make([]enterpriseResponse, 0, len(p.Subjects)), NextCursor: p.Next}
	for _, s := range p.Subjects {
		out.Items = append(out.Items, toEnterpriseResponse(s))
	}
	return out
}

// createdEnterprise answers a registration: the enterprise and the
// warnings its code was accepted with (a Fujian pilot code, a region in no
// GB/T 2260 edition), which are also kept as flags.
type createdEnterprise struct {
	Enterprise enterpriseResponse `json:"enterprise"`
	Warnings   []problemResponse  `json:"warnings"`
}
