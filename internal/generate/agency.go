// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode/utf8"
)

// agency is a government body that decides penalties, licences or listings.
type agency struct {
	name string // 银川市兴庆区市场监督管理局
	code string // its unified code; organs start with 11
	doc  string // prefix of its document numbers: 兴市监
}

// agencyKind is a kind of department with the abbreviation its document
// numbers carry (银市监罚〔2023〕12号).
type agencyKind struct{ dept, abbr string }

var (
	amr       = agencyKind{"市场监督管理局", "市监"}
	ecology   = agencyKind{"生态环境局", "环"}
	emergency = agencyKind{"应急管理局", "应急"}
	transport = agencyKind{"交通运输局", "交"}
	health    = agencyKind{"卫生健康委员会", "卫健"}
	urban     = agencyKind{"综合执法局", "综执"}
	resources = agencyKind{"自然资源局", "自然资"}
	police    = agencyKind{"公安局", "公"}
	culture   = agencyKind{"文化旅游广电局", "文旅"}
	housing   = agencyKind{"住房和城乡建设局", "建"}
	labour    = agencyKind{"人力资源和社会保障局", "人社"}
	taxation  = agencyKind{"税务局", "税"}
)

// provinceAbbr is the one-character name of each province used in document
// and case numbers (宁, 闽, 京 …).
var provinceAbbr = map[string]string{
	"11": "京", "12": "津", "13": "冀", "14": "晋", "15": "蒙", "21": "辽", "22": "吉", "23": "黑", "31": "沪",
	"32": "苏", "33": "浙", "34": "皖", "35": "闽", "36": "赣", "37": "鲁", "41": "豫", "42": "鄂", "43": "湘",
	"44": "粤", "45": "桂", "46": "琼", "50": "渝", "51": "川", "52": "黔", "53": "滇", "54": "藏", "61": "陕",
	"62": "甘", "63": "青", "64": "宁", "65": "新", "71": "台", "81": "港", "82": "澳",
}

// agencyAt returns the body of a kind for a region code: the province, a
// prefecture or a county. Its code is derived from its name, not the seed:
// government bodies are the same in every demo.
func (g *Generator) agencyAt(k agencyKind, region string) agency {
	var place, short string
	switch {
	case region == g.prov.code:
		place, short = g.prov.name, provinceAbbr[region[:2]]
	case region[4:] == "00":
		place = g.prefName(region)
		short = firstRune(place)
	default:
		c, ok := g.prov.county(region)
		if !ok {
			return g.agencyAt(k, g.prov.code)
		}
		place = c.name
		short = firstRune(strings.TrimPrefix(c.name, g.prefName(region)))
	}
	dept := k.dept
	if region == g.prov.code && k != urban && k != taxation && strings.HasSuffix(dept, "局") {
		dept = strings.TrimSuffix(dept, "局") + "厅"
	}
	name := place + dept
	if k == taxation {
		name = "国家税务总局" + name
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return agency{name: name, code: uscc('1', '1', region, fmt.Sprintf("%08d", h.Sum32()%100_000_000)), doc: short + k.abbr}
}

// localAgency returns the body of a kind that oversees the firm: the
// county's for most, the registering level's for those registered higher,
// and for a retired region code the county that took over its territory.
func (g *Generator) localAgency(k agencyKind, f *firm) agency {
	if f.retired {
		return g.agencyAt(k, f.county)
	}
	return g.agencyAt(k, f.place.code)
}

func firstRune(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}

// court is a people's court: the county's basic court or the prefecture's
// intermediate court, with the code its case numbers carry (宁0104, 宁01).
type court struct{ name, code string }

func (g *Generator) basicCourt(f *firm) court {
	abbr := provinceAbbr[g.prov.code[:2]]
	c, ok := g.prov.county(f.county)
	if !ok {
		c = g.prov.counties[0]
	}
	return court{name: c.name + "人民法院", code: abbr + c.code[2:6]}
}

func (g *Generator) intermediateCourt(f *firm) court {
	abbr := provinceAbbr[g.prov.code[:2]]
	pref := f.county[:4] + "00"
	name := g.prefName(f.county)
	if name == g.prov.name { // municipality: the first intermediate court
		return court{name: strings.TrimSuffix(name, "市") + "市第一中级人民法院", code: abbr + "01"}
	}
	return court{name: name + "中级人民法院", code: abbr + pref[2:4]}
}

// caseNo formats a case number: （2023）宁0104执1234号.
func caseNo(c court, year int, kind string, seq int) string {
	return fmt.Sprintf("（%d）%s%s%d号", year, c.code, kind, seq)
}

// provider is a data-providing department of the demo province.
type provider struct {
	Code string // P-SCJG-640000: stable across runs and seeds
	Name string // 宁夏回族自治区市场监督管理厅
}

// departments maps the catalog's default provider (a department kind) to
// a short code and the name of the province-level body that delivers the
// data to the provincial node. %s is the province's name, %c the capital
// city without 市. Matching is by substring, first match wins.
var departments = []struct{ match, abbr, name string }{
	{"行政执法机关", "XZZF", "%s行政执法机关（经省级信用信息共享平台汇总）"},
	{"行政审批", "XZSP", "%s政务服务管理局"},
	{"人民法院", "FY", "%s高级人民法院"},
	{"市场监督管理", "SCJG", "%s市场监督管理厅"},
	{"税务", "SW", "国家税务总局%s税务局"},
	{"人力资源和社会保障", "RSHB", "%s人力资源和社会保障厅"},
	{"住房公积金", "GJJ", "%c住房公积金管理中心"},
	{"供水", "GS", "%c市供水有限公司"},
	{"供电", "GD", "国网%t电力有限公司"},
	{"燃气", "RQ", "%c市天然气有限公司"},
	{"发展和改革", "FGW", "%s发展和改革委员会"},
	{"工业和信息化", "GXT", "%s工业和信息化厅"},
	{"应急管理", "YJGL", "%s应急管理厅"},
	{"海关", "HG", "%c海关"},
	{"版权", "BQ", "中国版权保护中心"},
	{"知识产权", "ZSCQ", "%s知识产权局"},
	{"科技", "KJ", "%s科学技术厅"},
	{"财政", "CZ", "%s财政厅"},
	{"自然资源", "ZRZY", "%s自然资源厅（不动产登记局）"},
}

// provider returns the demo province's provider for a catalog provider.
// An unknown department gets a code derived from its name.
func (g *Generator) provider(dept string) provider {
	capital := strings.TrimSuffix(g.prov.name, "市")
	if len(g.prov.prefectures) > 0 {
		capital = strings.TrimSuffix(g.prov.prefectures[0].name, "市")
	}
	for _, d := range departments {
		if strings.Contains(dept, d.match) {
			name := strings.NewReplacer("%s", g.prov.name, "%c", capital, "%t", g.prov.short).Replace(d.name)
			if strings.HasSuffix(g.prov.name, "市") { // municipalities have 局, not 厅
				name = strings.ReplaceAll(name, "厅", "局")
			}
			return provider{Code: "P-" + d.abbr + "-" + g.prov.code, Name: name}
		}
	}
	h := fnv.New32a()
	h.Write([]byte(dept))
	return provider{Code: fmt.Sprintf("P-X%04X-%s", h.Sum32()&0xffff, g.prov.code), Name: g.prov.name + dept}
}
