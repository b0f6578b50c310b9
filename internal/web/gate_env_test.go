// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/report"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/subject"
)

// newGate builds the gate and report service of a test env over the real
// catalog, audit, consent and onboarding services, with the institution
// taken live under an agreement for pre-loan reviews of every category.
func newGate(t *testing.T, store *sqlstore.Store, subj *subject.Service, institutionID, operatorID string) (*gate.Gate, *report.Service) {
	t.Helper()
	ctx := context.Background()
	secret := []byte("web-test-node-secret-0123456789abcdef")
	base, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.NewService(ctx, store, base)
	if err != nil {
		t.Fatal(err)
	}
	log, err := audit.New(ctx, store, audit.Options{Secret: secret, Origin: "web.test/audit"})
	if err != nil {
		t.Fatal(err)
	}
	cons, err := consent.New(ctx, store, cat, log, consent.Options{Secret: secret, Origin: "web.test/consent"})
	if err != nil {
		t.Fatal(err)
	}
	onb := onboard.New(store, access.New(store, access.Options{}), cat, log, onboard.Options{})
	gatetest.GoLive(t, onb, institutionID, operatorID, []string{"pre_loan"}, onboard.Limits{RatePerSecond: 100, Burst: 100, DailyQuota: 10000})
	g, err := gate.New(gate.Deps{Store: store, Subjects: subj, Catalog: cat, Consent: cons, Agreements: onb, Audit: log}, gate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.New(ctx, store, g, cat, report.Options{Secret: secret, Origin: "web.test/report", Node: "宁夏测试节点"})
	if err != nil {
		t.Fatal(err)
	}
	return g, r
}
