// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"regexp"
	"slices"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Provider is a data providing unit (数据提供单位) registered on the node,
// with the catalog items it is responsible for. A provider may deliver only
// those items.
type Provider struct {
	Code       string   // stable code, e.g. P-SCJG-640000
	Name       string   // 宁夏回族自治区市场监督管理厅
	Department string   // the kind of department: 市场监督管理局, 税务局 …
	Region     string   // GB/T 2260 code of the provider's area
	OrgID      string   // its organization on the node, when its staff log in
	Items      []string // catalog item codes it delivers
	// PullURL, when set, is polled by the pull connector (接口调用).
	PullURL   string
	CreatedAt time.Time
	UpdatedAt time.Time
}

var providerCodeRE = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]{1,63}$`)

// Validate checks the provider's fields.
func (p *Provider) Validate() error {
	if !providerCodeRE.MatchString(p.Code) {
		return apperr.Invalidf("code: 数据提供单位代码应为大写字母、数字、-、_，2–64位 / provider code must be 2–64 of A-Z 0-9 - _ (got %q)", p.Code)
	}
	if p.Name == "" {
		return apperr.Invalidf("name: 数据提供单位名称不能为空 / provider name is required")
	}
	if len(p.Items) == 0 {
		return apperr.Invalidf("items: 至少登记一个信息项 / register at least one catalog item")
	}
	return nil
}

// Delivers reports whether the provider is registered for item.
func (p *Provider) Delivers(item string) bool { return slices.Contains(p.Items, item) }
