// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"
	"strings"
)

// licence is one kind of administrative licence with the way its numbers
// look (食品经营许可证 JY1…, 道路运输经营许可证 宁交运管许可银字…).
type licence struct {
	name    string // 许可证书名称
	class   string // 许可类别 (普通/特许/认可/核准/登记)
	by      agencyKind
	content []string // 许可内容
	years   int      // validity; 0 = 长期
	share   float64  // of the firms it applies to
	applies func(industry string) bool
	number  func(c *ctx, a agency, y int, seq int) string
}

var licences = []licence{
	{"食品经营许可证", "普通", amr, []string{"预包装食品（含冷藏冷冻食品）销售，散装食品（不含冷藏冷冻食品）销售", "热食类食品制售", "冷食类食品制售，热食类食品制售", "预包装食品销售（不含冷藏冷冻食品）"}, 5, 0.75,
		prefixes("521", "522", "62", "512"), func(c *ctx, a agency, y, seq int) string {
			return fmt.Sprintf("JY%d%s%06d%d", 1+c.r.IntN(2), c.f.county, seq, c.r.IntN(10))
		}},
	{"烟草专卖零售许可证", "特许", agencyKind{"烟草专卖局", "烟"}, []string{"卷烟、雪茄烟零售"}, 5, 0.35,
		prefixes("5211", "5212", "5213", "5219", "5226", "5227"), func(c *ctx, a agency, y, seq int) string { return fmt.Sprintf("%s%06d", c.f.county, seq) }},
	{"道路运输经营许可证", "普通", transport, []string{"道路普通货物运输", "道路普通货物运输，货物专用运输（集装箱）", "道路旅客运输"}, 4, 0.7,
		prefixes("54"), func(c *ctx, a agency, y, seq int) string {
			return fmt.Sprintf("%s交运管许可%s字%s%06d号", provinceAbbr[c.f.county[:2]], firstRune(a.doc), c.f.county, seq)
		}},
	{"建筑业企业资质证书", "认可", housing, []string{"建筑工程施工总承包三级", "市政公用工程施工总承包三级", "建筑装修装饰工程专业承包二级", "施工劳务不分等级"}, 5, 0.6,
		prefixes("47", "48", "49", "50"), func(c *ctx, a agency, y, seq int) string { return fmt.Sprintf("D3%s%06d", c.f.county[:2], seq) }},
	{"食品生产许可证", "普通", amr, []string{"粮食加工品", "肉制品", "乳制品", "饮料", "酒类", "调味品"}, 5, 0.8,
		prefixes("13", "14", "15"), func(c *ctx, a agency, y, seq int) string {
			return fmt.Sprintf("SC1%02d%s%04d%d", 1+c.r.IntN(32), c.f.county, seq%10000, c.r.IntN(10))
		}},
	{"排污许可证", "普通", ecology, []string{"大气污染物排放", "水污染物排放", "大气污染物、水污染物排放"}, 5, 0.3,
		func(ind string) bool { return manufacturing(ind[:2]) }, func(c *ctx, a agency, y, seq int) string {
			return c.f.USCC + "001" + pick(c.r, []string{"V", "U", "P", "W", "Q"})
		}},
	{"公共场所卫生许可证", "普通", health, []string{"住宿", "美容美发", "沐浴"}, 4, 0.7,
		prefixes("61", "801", "802"), func(c *ctx, a agency, y, seq int) string {
			return fmt.Sprintf("%s卫公证字〔%d〕第%s%06d号", provinceAbbr[c.f.county[:2]], y, c.f.county, seq)
		}},
	{"药品经营许可证", "普通", amr, []string{"中成药、化学药制剂、抗生素制剂、生化药品、生物制品（除疫苗）"}, 5, 0.9,
		prefixes("5151", "5152", "5251", "5252"), func(c *ctx, a agency, y, seq int) string {
			return fmt.Sprintf("%sCB951%04d", provinceAbbr[c.f.county[:2]], seq%10000)
		}},
	{"医疗机构执业许可证", "普通", health, []string{"内科；外科；中医科", "口腔科", "全科医疗科"}, 5, 0.9,
		prefixes("84"), func(c *ctx, a agency, y, seq int) string { return fmt.Sprintf("PDY%05d-%s12D%04d", seq, c.f.county, y) }},
	{"民办学校办学许可证", "普通", agencyKind{"教育局", "教"}, []string{"学前教育", "文化教育培训", "职业技能培训"}, 5, 0.9,
		prefixes("83"), func(c *ctx, a agency, y, seq int) string { return fmt.Sprintf("教民1%s7%08d号", c.f.county, seq) }},
	{"特种行业许可证", "特许", police, []string{"旅馆业"}, 0, 0.9,
		prefixes("61"), func(c *ctx, a agency, y, seq int) string {
			return fmt.Sprintf("%s公特旅字〔%d〕第%04d号", firstRune(a.doc), y, seq)
		}},
	{"网络文化经营许可证", "普通", culture, []string{"利用信息网络经营游戏产品", "网络表演"}, 3, 0.8,
		prefixes("901", "64"), func(c *ctx, a agency, y, seq int) string {
			return fmt.Sprintf("%s网文〔%d〕%04d-%03d号", provinceAbbr[c.f.county[:2]], y, seq, c.r.IntN(1000))
		}},
	{"房地产开发企业资质证书", "核准", housing, []string{"房地产开发二级", "房地产开发暂定资质"}, 3, 0.6,
		prefixes("7010"), func(c *ctx, a agency, y, seq int) string {
			return fmt.Sprintf("%s房开字〔%d〕第%03d号", provinceAbbr[c.f.county[:2]], y, seq)
		}},
}

// prefixes matches industry codes that start with one of ps.
func prefixes(ps ...string) func(string) bool {
	return func(ind string) bool {
		for _, p := range ps {
			if strings.HasPrefix(ind, p) {
				return true
			}
		}
		return false
	}
}

// licencesOf returns the licences a firm holds; the choice is drawn from
// the firm's stream, so count and fill agree.
func (c *ctx) licencesOf() []int {
	var out []int
	for i, l := range licences {
		if l.applies(c.f.IndustryCode) && c.r.chance(l.share) {
			out = append(out, i)
		}
	}
	return out
}

func countLicences(c *ctx) int {
	c.picked = c.licencesOf()
	return len(c.picked)
}

func fillLicence(c *ctx) {
	f := c.f
	l := licences[c.picked[c.k]]
	a := c.g.localAgency(l.by, f)
	when := c.lastYears(5)
	seq := c.state.next(l.name + f.county)
	no := l.number(c, a, when.Year(), seq)
	c.set("XK_XDR_MC", f.Name)
	c.setEnum("XK_XDR_LB", lb(f))
	c.set("XK_XDR_SHXYM", f.USCC)
	if f.regNo != "" && c.r.chance(0.3) {
		c.set("XK_XDR_GSZC", f.regNo)
	}
	c.set("XK_FRDB", f.LegalRep)
	c.setEnum("XK_FR_ZJLX", "身份证")
	c.set("XK_FR_ZJHM", f.repID)
	c.set("XK_XKWS", "准予行政许可决定书")
	if c.r.chance(0.5) {
		c.set("XK_WSH", no)
	} else {
		c.set("XK_WSH", fmt.Sprintf("%s许〔%d〕%d号", a.doc, when.Year(), c.state.next(a.code+fmt.Sprint(when.Year()))))
	}
	c.setEnum("XK_XKLB", l.class)
	c.set("XK_XKZS", l.name)
	c.set("XK_XKBH", no)
	c.set("XK_NR", pick(c.r, l.content))
	c.setDate("XK_JDRQ", when)
	c.setDate("XK_YXQZ", when)
	valid := "有效"
	if l.years == 0 {
		c.set("XK_YXQZI", "2099-12-31")
	} else {
		end := when.AddDate(l.years, 0, -1)
		c.setDate("XK_YXQZI", end)
		if end.Before(asOf) || !f.closedAt.IsZero() && c.r.chance(0.7) {
			valid = "无效"
		}
	}
	c.setEnum("XK_ZT", map[string]string{"有效": "1", "无效": "2"}[valid])
	c.set("XK_XKJG", a.name)
	c.set("XK_XKJGDM", a.code)
	src := a
	if c.r.chance(0.4) {
		src = c.g.agencyAt(agencyKind{"行政审批服务局", "审批"}, f.place.code)
	}
	c.set("XK_LYDW", src.name)
	c.set("XK_LYDWDM", src.code)
	c.set("BZ", "")
}
