// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/feed"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/report"
	"github.com/xinrong/xinrong/internal/rights"
	"github.com/xinrong/xinrong/internal/score"
	"github.com/xinrong/xinrong/internal/subject"
	"github.com/xinrong/xinrong/internal/usage"
	"github.com/xinrong/xinrong/internal/verify"
	"github.com/xinrong/xinrong/internal/verify/psi"
)

// Store implements every domain's Store interface.
var (
	_ catalog.Store          = (*Store)(nil)
	_ subject.Store          = (*Store)(nil)
	_ subject.Resolver       = (*Store)(nil)
	_ ingest.Store           = (*Store)(nil)
	_ access.Store           = (*Store)(nil)
	_ audit.Store            = (*Store)(nil)
	_ consent.Store          = (*Store)(nil)
	_ onboard.Store          = (*Store)(nil)
	_ gate.Store             = (*Store)(nil)
	_ gate.QuotaTx           = (*Tx)(nil)
	_ verify.Store           = (*Store)(nil)
	_ report.Store           = (*Store)(nil)
	_ report.Tx              = (*Tx)(nil)
	_ feed.Store             = (*Store)(nil)
	_ usage.Store            = (*Store)(nil)
	_ rights.Store           = (*Store)(nil)
	_ rights.Tx              = (*Tx)(nil)
	_ rights.SelfReportStore = (*Store)(nil)
	_ rights.SelfReportTx    = (*Tx)(nil)
	_ rights.RegisterStore   = (*Store)(nil)
	_ rights.RegisterTx      = (*Tx)(nil)
	_ score.Store            = (*Store)(nil)
	_ psi.Store              = (*Store)(nil)
)
