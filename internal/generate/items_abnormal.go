// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"time"

	"github.com/xinrong/xinrong/internal/subject"
)

// The four statutory reasons for listing (企业经营异常名录管理暂行办法
// 第四条), each with the registry's long wording that many files carry
// instead of the short label.
var abnormalReasons = [4][2]string{
	{"未按规定期限公示年度报告", "未依照《企业信息公示暂行条例》第八条规定的期限公示年度报告的"},
	{"未在责令期限内公示有关企业信息", "未在市场监督管理部门依照《企业信息公示暂行条例》第十条规定责令的期限内公示有关企业信息的"},
	{"公示企业信息隐瞒真实情况、弄虚作假", "公示企业信息隐瞒真实情况、弄虚作假的"},
	{"通过登记的住所或者经营场所无法联系", "通过登记的住所或者经营场所无法联系的"},
}

// listing is one entry of the abnormal-operation list.
type listing struct {
	reason int
	in     time.Time
}

// listings returns the firm's entries: one for each annual report it
// missed (listed in July, after the 30 June deadline), and rarely one for
// another reason. Individual businesses are marked too (经营异常状态).
func (c *ctx) listings() []listing {
	f := c.f
	var out []listing
	if f.Type == subject.TypeEnterprise || f.Type == subject.TypeCooperative || f.Type == subject.TypeIndividual {
		for _, y := range reportYears {
			deadline := time.Date(y+1, 6, 30, 0, 0, 0, 0, time.UTC)
			owed := f.RegisteredAt.Year() <= y && (f.closedAt.IsZero() || f.closedAt.After(deadline))
			if owed && c.g.missedReport(f, y) {
				out = append(out, listing{0, deadline.AddDate(0, 0, c.r.between(1, 20))})
			}
		}
		if c.risky(0.004) == 1 {
			reason := 3
			if c.r.chance(0.2) {
				reason = 1 + c.r.IntN(2)
			}
			out = append(out, listing{reason, c.lastYears(3)})
		}
	}
	return out
}

func countAbnormal(c *ctx) int {
	c.entries = c.listings()
	return len(c.entries)
}

func fillAbnormal(c *ctx) {
	f := c.f
	e := c.entries[c.k]
	c.set("NAME", f.Name)
	code := f.USCC
	if f.regNo != "" && c.r.chance(0.1) { // old systems still key on the 注册号
		code = f.regNo
	}
	c.set("UNITY_CREDIT_CODE", code)
	c.set("IN_REASON", abnormalReasons[e.reason][c.r.IntN(2)])
	c.setDate("IN_DATE", e.in)
	organ := c.regAuthority().name
	c.set("IN_ORGAN", organ)
	out := e.in.AddDate(0, c.r.between(1, 14), c.r.IntN(28))
	if c.r.chance(0.4) && out.Before(asOf) && f.Status == subject.StatusActive {
		if e.reason == 3 {
			c.set("OUT_REASON", "提出通过登记的住所或者经营场所可以重新取得联系，申请移出")
		} else {
			c.set("OUT_REASON", "补报未报年份的年度报告并公示，申请移出")
		}
		c.setDate("OUT_DATE", out)
		c.set("OUT_ORGAN", organ)
	} else {
		c.set("OUT_REASON", "")
		c.set("OUT_DATE", "")
		c.set("OUT_ORGAN", "")
	}
	c.set("TYPE", "经营异常")
}
