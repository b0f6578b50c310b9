// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"fmt"
	"strings"
)

func usccScenarios(e *env) []scenario {
	tech, bad := e.codes["tech"], e.codes["badcheck"]
	batch := func(name, as, body string, status int, expect ...string) scenario {
		return scenario{name: name, req: request{method: "POST", url: "/api/v1/uscc:check", as: as, body: body}, status: status,
			expect: expect, forbid: []string{"宁夏银川测试科技有限公司"}}
	}
	many := `{"codes":["` + strings.Repeat(tech+`","`, 1000) + tech + `"]}`
	return []scenario{
		{name: "CheckValid", req: request{method: "GET", url: "/api/v1/uscc/" + tech, as: "provider-token"}, status: 200,
			expect: []string{`"valid":true`, `"problems":[]`, `"name":"兴庆区"`, `"region_status":"current"`, `"org_code":"` + tech[8:17] + `"`},
			forbid: []string{"宁夏银川测试科技有限公司"}},
		{name: "CheckInvalid", req: request{method: "GET", url: "/api/v1/uscc/" + bad, as: "bank-session"}, status: 200,
			expect: []string{`"valid":false`, `"code":"uscc_check"`, `"pos":18`, fmt.Sprintf(`"expected":"%c"`, tech[17])}},
		{name: "CheckShort", req: request{method: "GET", url: "/api/v1/uscc/12345", as: "bank-token"}, status: 200,
			expect: []string{`"valid":false`, `"code":"length"`}, forbid: []string{`"category"`}},
		{name: "CheckPilotRefused", req: request{method: "GET", url: "/api/v1/uscc/" + pilotCode, as: "bank-token"}, status: 200,
			expect: []string{`"valid":false`, `"pilot":true`, `"severity":"error"`}},
		{name: "CheckPilotAccepted", req: request{method: "GET", url: "/api/v1/uscc/" + pilotCode + "?accept_pilot=true", as: "bank-token"}, status: 200,
			expect: []string{`"valid":true`, `"pilot":true`, `"severity":"warning"`}},
		{name: "CheckBadFlag", req: request{method: "GET", url: "/api/v1/uscc/" + tech + "?accept_pilot=maybe", as: "bank-token"}, status: 400,
			expect: []string{"accept_pilot"}},
		{name: "CheckUnauthenticated", req: request{method: "GET", url: "/api/v1/uscc/" + tech}, status: 401, expect: []string{`"code":"unauthenticated"`}},
		batch("Batch", "provider-token", `{"codes":["`+tech+`","`+bad+`","123"]}`, 200, `"valid":1`, `"invalid":2`, `"input":"123"`),
		batch("BatchSession", "bank-session", `{"codes":["`+tech+`"],"accept_pilot":true}`, 200, `"valid":1`),
		func() scenario {
			sc := batch("BatchSessionWithoutCSRF", "bank-session", `{"codes":["`+tech+`"]}`, 403, "CSRF")
			sc.req.noCSRF = true
			return sc
		}(),
		batch("BatchUnauthenticated", "", `{"codes":["`+tech+`"]}`, 401, `"code":"unauthenticated"`),
		batch("BatchEmpty", "bank-token", `{"codes":[]}`, 400, "codes"),
		batch("BatchTooMany", "bank-token", many, 400, "codes", "1000"),
		batch("BatchUnknownField", "bank-token", `{"codes":["`+tech+`"],"acceptPilot":true}`, 400, `unknown field \"acceptPilot\"`),
		batch("BatchTooLarge", "bank-token", `{"codes":["`+strings.Repeat("9", 1<<20)+`"]}`, 400, "larger than 1048576 bytes"),
	}
}

const newItem = `{"code":"HON.ZJTX","name":"专精特新中小企业认定","name_en":"Specialised and innovative SME recognition","category":"HON",
"description":"省级和国家级专精特新中小企业认定结果。",
"fields":[{"code":"USCC","name":"统一社会信用代码","name_en":"Unified social credit code","type":"uscc","required":"Y"},
{"code":"NAME","name":"企业名称","name_en":"Enterprise name","type":"string","required":"Y","max_len":200},
{"code":"CERT_NO","name":"认定文号","name_en":"Recognition number","type":"string","required":"Y","max_len":100},
{"code":"LEVEL","name":"认定级别","name_en":"Level","type":"enum","required":"Y","enum":[{"value":"省级","label_en":"provincial"},{"value":"国家级","label_en":"national"}]},
{"code":"AWARD_DATE","name":"认定日期","name_en":"Date recognised","type":"date","required":"Y"}],
"subject_field":"USCC","name_field":"NAME","natural_key":["CERT_NO","USCC"],"source_time_field":"AWARD_DATE",
"disclosure":"public","polarity":"positive","provider":"工业和信息化厅","sharing":"batch","frequency":"yearly"}`

const newSupplement = `{"version":1,"name":"银川市融资信用服务平台补充目录","region":"640100","region_name":"银川市","origin":"银川市试行方案",
"categories":[{"code":"PRT","name":"公共资源交易","name_en":"Public resource trading","description":"公共资源交易结果。"}],
"items":[{"code":"PRT.ZBJG","name":"公共资源交易中标结果","name_en":"Public resource trading awards","category":"PRT","description":"中标结果。",
"fields":[{"code":"USCC","name":"统一社会信用代码","name_en":"Unified social credit code","type":"uscc","required":"Y"},
{"code":"NAME","name":"企业名称","name_en":"Enterprise name","type":"string","required":"Y","max_len":200},
{"code":"PROJECT_NO","name":"项目编号","name_en":"Project number","type":"string","required":"Y","max_len":100},
{"code":"WIN_DATE","name":"中标日期","name_en":"Date awarded","type":"date","required":"Y"}],
"subject_field":"USCC","name_field":"NAME","natural_key":["PROJECT_NO","USCC"],"source_time_field":"WIN_DATE",
"disclosure":"public","polarity":"positive","provider":"公共资源交易中心","sharing":"batch","frequency":"daily"}]}`

func catalogScenarios(e *env) []scenario {
	post := func(name, path, as, body string, status int, expect ...string) scenario {
		return scenario{name: name, req: request{method: "POST", url: "/api/v1/catalog/" + path, as: as, body: body}, status: status, expect: expect}
	}
	return []scenario{
		{name: "CatalogUnauthenticated", req: request{method: "GET", url: "/api/v1/catalog"}, status: 401, expect: []string{`"code":"unauthenticated"`}},
		{name: "Catalog", req: request{method: "GET", url: "/api/v1/catalog", as: "provider-token"}, status: 200,
			expect: []string{`"version":1`, `"code":"PEN.XZCF"`, `"disclosure":"authorized"`, `"supplements":[]`},
			forbid: []string{`"fields"`}},
		{name: "CatalogItem", req: request{method: "GET", url: "/api/v1/catalog/items/PEN.XZCF", as: "bank-session"}, status: 200,
			expect: []string{`"catalog_version":1`, `"code":"CF_XDR_MC"`, `"fields":[`, `"required":"C"`, `"when":{`}},
		{name: "CatalogItemNotFound", req: request{method: "GET", url: "/api/v1/catalog/items/NOPE.X", as: "bank-token"}, status: 404,
			expect: []string{`"code":"not_found"`, "NOPE.X"}},
		{name: "CatalogItemUnauthenticated", req: request{method: "GET", url: "/api/v1/catalog/items/PEN.XZCF"}, status: 401},
		post("AddItemUnauthenticated", "items", "", newItem, 401, `"code":"unauthenticated"`),
		post("AddItemBankForbidden", "items", "bank-token", newItem, 403, `"code":"forbidden"`),
		post("AddItemOperatorAdminForbidden", "items", "opadmin-session", newItem, 403, `"code":"forbidden"`),
		post("AddItemUnknownField", "items", "op-token", `{"code":"HON.X","colour":"red"}`, 400, `unknown field \"colour\"`),
		post("AddItemInvalid", "items", "op-token", `{"code":"HON.X","name":"x","category":"HON","fields":[]}`, 400, `"code":"invalid"`),
		post("AddItem", "items", "op-token", newItem, 201, `"code":"HON.ZJTX"`, `"catalog_version":2`, `"local":true`, `"code":"LEVEL"`),
		post("AddItemDuplicate", "items", "op-token", newItem, 409, `"code":"conflict"`, "HON.ZJTX"),
		post("AddSupplementUnauthenticated", "supplements", "", newSupplement, 401, `"code":"unauthenticated"`),
		post("AddSupplementBankForbidden", "supplements", "bank-session", newSupplement, 403, `"code":"forbidden"`),
		post("AddSupplementUnknownKey", "supplements", "op-token", `{"name":"x","region":"640100","origin":"y","itmes":[]}`, 400, "itmes"),
		post("AddSupplementTooLarge", "supplements", "op-token", `{"name":"`+strings.Repeat("x", 5<<20)+`"}`, 400, "larger than"),
		post("AddSupplement", "supplements", "op-session", newSupplement, 201, `"version":3`, "银川市融资信用服务平台补充目录", `"code":"PRT.ZBJG"`),
		post("AddSupplementAgain", "supplements", "op-token", newSupplement, 409, `"code":"conflict"`, "PRT"),
		{name: "CatalogAfter", req: request{method: "GET", url: "/api/v1/catalog", as: "bank-token"}, status: 200,
			expect: []string{`"version":3`, `"code":"HON.ZJTX"`, `"code":"PRT.ZBJG"`, `"region":"640100"`}},
	}
}

func referenceScenarios(e *env) []scenario {
	get := func(name, u string, status int, expect ...string) scenario {
		return scenario{name: name, req: request{method: "GET", url: u, as: "bank-token"}, status: status, expect: expect}
	}
	return []scenario{
		get("Region", "/api/v1/regions/640104", 200, `"name":"兴庆区"`, `"status":"current"`, `"province_name":"宁夏回族自治区"`),
		get("RegionWithHistory", "/api/v1/regions/350111", 200, `"name":"晋安区"`, `"name":"郊区"`, `"until":1995`),
		get("RegionNational", "/api/v1/regions/100000", 200, `"status":"national"`),
		get("RegionMalformed", "/api/v1/regions/64", 400, "6"),
		{name: "RegionUnauthenticated", req: request{method: "GET", url: "/api/v1/regions/640104"}, status: 401},
		get("RegionNotFound", "/api/v1/regions/999999", 404, `"code":"not_found"`),
		get("Industry", "/api/v1/industries/6513", 200, `"name":"应用软件开发"`, `"section":"I"`, `"code":"651"`, `"code":"I"`),
		get("IndustryWithSection", "/api/v1/industries/I6513", 200, `"code":"6513"`),
		get("IndustrySection", "/api/v1/industries/I", 200, `"level":"section"`),
		get("IndustryWrongSection", "/api/v1/industries/C6513", 400, "I"),
		get("IndustryNotFound", "/api/v1/industries/9999", 404, `"code":"not_found"`),
		{name: "IndustryUnauthenticated", req: request{method: "GET", url: "/api/v1/industries/6513"}, status: 401},
	}
}
