// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"
	"hash/fnv"

	"github.com/xinrong/xinrong/internal/catalog"
)

// File formats, encodings and header styles written to the manifest.
const (
	FormatCSV   = "csv"
	FormatXLSX  = "xlsx"
	FormatJSONL = "jsonl"

	EncodingUTF8    = "utf-8"
	EncodingUTF8BOM = "utf-8-bom"
	EncodingGB18030 = "gb18030"

	// HeaderCode: columns (or JSON keys) are the catalog field codes (CF_WSH).
	HeaderCode = "code"
	// HeaderLabel: columns are the Chinese labels (行政处罚决定书文号).
	HeaderLabel = "label"
	// HeaderAlias: columns are the first alias of each field where it has
	// one (the camelCase keys of court and registry feeds), else the code.
	HeaderAlias = "alias"
)

// layout is how one provider delivers one item.
type layout struct {
	format, enc, header string
	style               style
}

var (
	iso    = style{date: "2006-01-02", month: "2006-01"}
	slash  = style{date: "2006/1/2", month: "2006/1"}
	hanzi  = style{date: "2006年1月2日", month: "2006年1月"}
	packed = style{date: "20060102", month: "200601"}
)

// layouts follow how each kind of department really sends data: market
// regulation exports its database as UTF-8 CSV with field codes; 双公示
// files come out of Excel (BOM) with the standard's CF_*/XK_* codes;
// courts, tax and natural-resources offices run older Windows systems
// (GB18030, Chinese headers); small departments send spreadsheets; items
// fetched over interfaces arrive as JSON lines. Items not listed get the
// default, UTF-8 CSV with codes.
var layouts = map[string]layout{
	"REG.JBXX": {FormatCSV, EncodingUTF8, HeaderCode, iso}, "REG.GDCZ": {FormatCSV, EncodingUTF8, HeaderCode, iso},
	"REG.ZYRY": {FormatCSV, EncodingUTF8, HeaderCode, iso}, "REG.BGJL": {FormatCSV, EncodingUTF8, HeaderCode, iso},
	"REG.NB":   {FormatCSV, EncodingUTF8, HeaderCode, iso},
	"LIC.XZXK": {FormatCSV, EncodingUTF8BOM, HeaderCode, style{date: "2006-01-02", month: "2006-01", enumValue: true}},
	"PEN.XZCF": {FormatCSV, EncodingUTF8BOM, HeaderCode, iso},
	"JUD.MSPJ": {FormatCSV, EncodingGB18030, HeaderLabel, hanzi}, "JUD.BZXR": {FormatCSV, EncodingGB18030, HeaderLabel, iso},
	"JUD.ZBAJ": {FormatCSV, EncodingGB18030, HeaderLabel, slash}, "JUD.XZGXF": {FormatXLSX, EncodingUTF8, HeaderLabel, iso},
	"DIS.SXBZXR": {FormatJSONL, EncodingUTF8, HeaderAlias, iso}, "DIS.ZDSSWF": {FormatCSV, EncodingGB18030, HeaderLabel, iso},
	"DIS.ZFCG": {FormatXLSX, EncodingUTF8, HeaderLabel, iso}, "DIS.AQSC": {FormatXLSX, EncodingUTF8, HeaderLabel, iso},
	"DIS.YZWF": {FormatCSV, EncodingUTF8, HeaderCode, iso}, "DIS.QXNMG": {FormatXLSX, EncodingUTF8, HeaderLabel, slash},
	"HON.BZ":   {FormatXLSX, EncodingUTF8, HeaderLabel, iso},
	"HON.ANSR": {FormatCSV, EncodingGB18030, HeaderLabel, style{date: "2006-01-02", month: "2006-01", boolWord: true}},
	"HON.SHXY": {FormatCSV, EncodingUTF8BOM, HeaderLabel, iso},
	"POL.CZBT": {FormatXLSX, EncodingUTF8, HeaderLabel, iso}, "POL.TX": {FormatXLSX, EncodingUTF8, HeaderLabel, iso},
	"POL.SSYH":  {FormatJSONL, EncodingUTF8, HeaderCode, iso},
	"TAX.LEVEL": {FormatJSONL, EncodingUTF8, HeaderCode, iso},
	"TAX.NSE":   {FormatJSONL, EncodingUTF8, HeaderCode, style{date: "2006-01-02", month: "2006-01", enumValue: true}},
	"TAX.QS":    {FormatCSV, EncodingGB18030, HeaderLabel, iso},
	"SOC.CBJF":  {FormatJSONL, EncodingUTF8, HeaderCode, iso}, "SOC.QF": {FormatXLSX, EncodingUTF8, HeaderLabel, iso},
	"SOC.GJJ":  {FormatCSV, EncodingGB18030, HeaderLabel, packed},
	"CUS.XYDJ": {FormatXLSX, EncodingUTF8, HeaderLabel, iso}, "CUS.JCKE": {FormatCSV, EncodingUTF8, HeaderCode, packed},
	"UTL.WATER": {FormatCSV, EncodingGB18030, HeaderLabel, hanzi}, "UTL.ELEC": {FormatJSONL, EncodingUTF8, HeaderCode, iso},
	"UTL.GAS": {FormatCSV, EncodingUTF8BOM, HeaderLabel, slash},
	"EST.DJ":  {FormatCSV, EncodingGB18030, HeaderLabel, packed}, "EST.DYDJ": {FormatJSONL, EncodingUTF8, HeaderCode, iso},
	"EST.CFDJ": {FormatJSONL, EncodingUTF8, HeaderCode, iso},
	"IPR.ZL":   {FormatCSV, EncodingUTF8BOM, HeaderLabel, iso}, "IPR.SB": {FormatCSV, EncodingUTF8BOM, HeaderLabel, iso},
	"IPR.ZZQ": {FormatCSV, EncodingUTF8, HeaderCode, iso}, "IPR.ZYDJ": {FormatXLSX, EncodingUTF8, HeaderLabel, iso},
	"RND.GXJS": {FormatXLSX, EncodingUTF8, HeaderLabel, iso}, "RND.KJXZX": {FormatXLSX, EncodingUTF8, HeaderLabel, iso},
	"RND.ZJTX": {FormatXLSX, EncodingUTF8, HeaderLabel, iso}, "RND.YFFY": {FormatJSONL, EncodingUTF8, HeaderCode, iso},
	"ABN.JYYC": {FormatCSV, EncodingUTF8, HeaderAlias, iso},
}

var defaultLayout = layout{FormatCSV, EncodingUTF8, HeaderCode, iso}

// filePlan is one output file: an item, its provider, its layout and the
// generator that fills its rows.
type filePlan struct {
	item  catalog.Item
	no    int            // position among the files
	index map[string]int // field code → position
	prov  provider
	layout
	path     string // relative to the output directory, slash-separated
	gen      itemGen
	specific bool   // gen knows the item; generic values only for required fields
	stream   uint64 // random stream of the item's records
	pairs    [][2]int
}

// newPlan lays out the file of one item.
func (g *Generator) newPlan(it catalog.Item) *filePlan {
	l, ok := layouts[it.Code]
	if !ok {
		l = defaultLayout
	}
	p := &filePlan{item: it, index: map[string]int{}, prov: g.provider(it.Provider), layout: l}
	for i, f := range it.Fields {
		p.index[f.Code] = i
	}
	h := fnv.New64a()
	h.Write([]byte(it.Code)) // by code, so reordering the catalog changes nothing
	p.stream = streamItem + h.Sum64()<<4
	p.gen, p.specific = generators[it.Code]
	if !p.specific {
		p.gen = genericGen(it)
	}
	p.pairs = datePairs(it, p.index)
	p.path = fmt.Sprintf("%s/%s_%s.%s", p.prov.Code, it.Code, asOf.Format("20060102"), l.format)
	return p
}

// headerRow returns the column names of the file.
func (p *filePlan) headerRow() []string {
	out := make([]string, len(p.item.Fields))
	for i, f := range p.item.Fields {
		switch {
		case p.header == HeaderLabel:
			out[i] = f.Name
		case p.header == HeaderAlias && len(f.Aliases) > 0:
			out[i] = f.Aliases[0]
		default:
			out[i] = f.Code
		}
	}
	return out
}
