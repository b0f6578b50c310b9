// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"strings"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/subject"
)

// homePage is the data of the home template: the workbench of one kind
// of organization.
type homePage struct {
	Kind      string
	KindLabel string
	Cards     []card
}

// card is one task on the workbench. A card without URL is a module that
// is planned but not built yet, and says so.
type card struct {
	Key string // message keys task.<Key>.title and task.<Key>.desc
	URL string
}

// Paths of the pages that exist, for the cards.
const (
	searchPath  = "/subjects"
	catalogPath = "/catalog"
)

// tasks lists each kind's main tasks in the order its people use them,
// following what the provincial platforms offer each kind of user.
var tasks = map[access.OrgKind][]card{
	access.OrgOperator: {{"search", searchPath}, {"catalog", catalogPath}, {"ingest", collectPath}, {"quarantine", quarantinePath},
		{"quality", qualityPath}, {"scorecard", "/operator/scorecard"}, {"orgs", ""}, {"objections", ""}, {"stats", ""}, {"audit", ""}},
	access.OrgProvider: {{"catalog_provider", catalogPath}, {"submit", uploadPath}, {"receipts", collectPath},
		{"quality_provider", qualityPath}, {"usage", providerUsagePath}},
	access.OrgInstitution: {{"search", searchPath}, {"catalog", catalogPath}, {"inst_authorizations", instAuthPath}, {"reports", ""}, {"verify", ""},
		{"products", ""}, {"applications", ""}, {"monitoring", ""}},
	access.OrgEnterprise: {{"own_profile", ""}, {"catalog", catalogPath}, {"authorizations", myAuthPath}, {"my_access", myAccessPath}, {"needs", ""},
		{"rights", ""}},
	access.OrgRegulator: {{"search", searchPath}, {"catalog", catalogPath}, {"stats", ""}, {"evaluation", ""}},
}

// home shows the signed-in user's workbench.
func (h *Handler) home(w http.ResponseWriter, r *http.Request) error {
	p, _ := access.PrincipalFrom(r.Context())
	v := h.newView(r, nil)
	v.Nav = "home"
	cards, ok := tasks[p.OrgKind]
	if !ok {
		return apperr.Forbiddenf("该账号没有可用的工作台 / this account has no workbench")
	}
	page := homePage{Kind: string(p.OrgKind), KindLabel: p.OrgKind.Label(v.Lang), Cards: append([]card(nil), cards...)}
	if h.deps.Collect == nil {
		// A node without collection shows its cards as coming soon.
		for i, c := range page.Cards {
			if strings.HasPrefix(c.URL, collectPath) {
				page.Cards[i].URL = ""
			}
		}
	}
	for i, c := range page.Cards {
		// Without the services behind them, these cards are coming soon.
		if (c.URL == myAuthPath || c.URL == instAuthPath) && h.deps.Consent == nil ||
			(c.URL == myAccessPath || c.URL == providerUsagePath) && h.deps.Usage == nil {
			page.Cards[i].URL = ""
		}
	}
	if p.OrgKind == access.OrgEnterprise {
		// The enterprise's own profile is its organization code's page,
		// once the code is known and valid.
		org, err := h.deps.Organizations.FindOrganization(r.Context(), p.OrgID)
		if err != nil && !apperr.Is(err, apperr.NotFound) {
			return err
		}
		if subject.Check(org.Code, subject.CheckOptions{AcceptPilot: true}).Valid {
			page.Cards[0].URL = profileURL(org.Code)
		}
	}
	v.Data = page
	return h.render(w, r, http.StatusOK, "home", v)
}
