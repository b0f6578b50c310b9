// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/xinrong/xinrong/internal/subject"
)

// pilotCode is a registered early Fujian code that fails the position-18 check.
const pilotCode = "91350100M0001TGQXM"

func enterpriseScenarios(e *env) []scenario {
	tech, trade, shop := e.codes["tech"], e.codes["trade"], e.codes["shop"]
	bad := e.codes["badcheck"]
	fresh, _ := subject.Make('9', '1', "640106", "MA7X0100")
	q := url.QueryEscape
	get := func(name, u, as string, status int, expect ...string) scenario {
		return scenario{name: name, req: request{method: "GET", url: u, as: as}, status: status, expect: expect,
			forbid: []string{"张三丰", "李四光", "王五", "legal_rep"}}
	}
	post := func(name, as, body string, status int, expect ...string) scenario {
		return scenario{name: name, req: request{method: "POST", url: "/api/v1/enterprises", as: as, body: body}, status: status, expect: expect}
	}
	create := fmt.Sprintf(`{"uscc":%q,"name":"银川新登记测试有限公司","legal_rep":"赵六","industry_code":"I6513","registered_at":"2024-03-01","registered_capital_fen":100000000,"address":"宁夏银川市金凤区测试路1号","tags":["科技型中小企业"]}`, strings.ToLower(fresh))
	list := []scenario{
		get("SearchUnauthenticated", "/api/v1/enterprises?q="+q("测试"), "", 401, `"code":"unauthenticated"`),
		get("SearchProviderForbidden", "/api/v1/enterprises", "provider-token", 403, `"code":"forbidden"`, "institution_query_officer"),
		get("SearchOperatorAdminForbidden", "/api/v1/enterprises", "opadmin-session", 403, `"code":"forbidden"`),
		get("SearchByName", "/api/v1/enterprises?q="+q("测试科技"), "bank-token", 200, tech, shop, `"next_cursor":""`, "兴庆区"),
		get("SearchByRegion", "/api/v1/enterprises?region=640200", "bank-token", 200, trade),
		get("SearchByIndustry", "/api/v1/enterprises?industry=6513", "op-session", 200, tech),
		get("SearchByTag", "/api/v1/enterprises?tag="+q("专精特新"), "bank-token", 200, tech),
		get("SearchByType", "/api/v1/enterprises?type=individual", "bank-token", 200, shop, `"type_label":"个体工商户"`),
		get("SearchByCode", "/api/v1/enterprises?q="+tech, "bank-token", 200, tech),
		get("SearchLimitZero", "/api/v1/enterprises?limit=0", "bank-token", 400, "limit"),
		get("SearchLimitTooLarge", "/api/v1/enterprises?limit=500", "bank-token", 400, "limit", "200"),
		get("SearchLimitNotNumber", "/api/v1/enterprises?limit=ten", "bank-token", 400, "limit"),
		get("SearchBadType", "/api/v1/enterprises?type=bank", "bank-token", 400, "type"),
		get("SearchBadStatus", "/api/v1/enterprises?status=alive", "bank-token", 400, "status"),
		get("Get", "/api/v1/enterprises/"+tech, "op-session", 200, `"uscc":"`+tech+`"`, "宁夏银川测试科技有限公司",
			`"name":"兴庆区"`, `"name":"应用软件开发"`, `"registered_at":"2019-05-20"`, "专精特新"),
		get("GetByRegistrationNumber", "/api/v1/enterprises/"+e.codes["regno"], "op-token", 200, `"uscc":"`+tech+`"`,
			`"kind":"reg_no15"`, "银川测试科技有限责任公司"),
		get("GetBySharedOrgCode", "/api/v1/enterprises/"+e.codes["sharedorg"], "bank-token", 409, `"code":"conflict"`),
		get("GetSuspendedOrganization", "/api/v1/enterprises/"+tech, "suspended-session", 403, `"code":"forbidden"`, "suspended"),
		get("GetLowerCase", "/api/v1/enterprises/"+strings.ToLower(trade), "op-token", 200, trade),
		get("GetBadCheckCharacter", "/api/v1/enterprises/"+bad, "bank-token", 400, `"code":"invalid"`,
			fmt.Sprintf("check character 18 should be '%c' but is '%c'", tech[17], bad[17]), "第18位"),
		get("GetBadCharacter", "/api/v1/enterprises/"+tech[:9]+"O"+tech[10:], "bank-token", 400, "character 10 'O' is not in the code alphabet"),
		get("GetLetterInRegion", "/api/v1/enterprises/"+tech[:4]+"A"+tech[5:], "bank-token", 400, "character 5 should be a digit"),
		get("GetTooShort", "/api/v1/enterprises/"+tech[:17], "bank-token", 400, "should have 18 characters but has 17"),
		get("GetNotFound", "/api/v1/enterprises/"+e.codes["unregistered"], "bank-token", 404, `"code":"not_found"`),
		get("GetProviderForbidden", "/api/v1/enterprises/"+tech, "provider-session", 403, `"code":"forbidden"`),
		get("GetUnauthenticated", "/api/v1/enterprises/"+tech, "", 401, `"code":"unauthenticated"`),
		post("CreateUnauthenticated", "", create, 401, `"code":"unauthenticated"`),
		post("CreateBankForbidden", "bank-token", create, 403, `"code":"forbidden"`, "operator"),
		post("CreateOperatorAdminForbidden", "opadmin-session", create, 403, `"code":"forbidden"`),
		func() scenario {
			sc := post("CreateSessionWithoutCSRF", "op-session", create, 403, `"code":"forbidden"`, "CSRF")
			sc.req.noCSRF = true
			return sc
		}(),
		func() scenario {
			sc := post("CreateSessionWrongCSRF", "op-session", create, 403, `"code":"forbidden"`, "CSRF")
			sc.req.headers = map[string]string{"X-CSRF-Token": e.creds["bank-session"].session.CSRFToken}
			return sc
		}(),
		func() scenario {
			sc := post("CreateSessionCrossSite", "op-session", create, 403, `"code":"forbidden"`, "cross-origin")
			sc.req.headers = map[string]string{"Sec-Fetch-Site": "cross-site"}
			return sc
		}(),
		post("CreateUnknownField", "op-token", `{"uscc":"`+fresh+`","name":"x","nmae":"y"}`, 400, `unknown field \"nmae\"`),
		post("CreateWrongType", "op-token", `{"uscc":"`+fresh+`","name":42}`, 400, `field \"name\" must be of type string`),
		post("CreateTooLarge", "op-token", `{"uscc":"`+fresh+`","name":"`+strings.Repeat("大", 1<<19)+`"}`, 400, "larger than 1048576 bytes"),
		post("CreateEmptyBody", "op-token", " ", 400, "empty"),
		post("CreateNotJSON", "op-token", `{]`, 400, "not valid JSON"),
		post("CreateInvalidUSCC", "op-token", `{"uscc":"`+bad+`","name":"错误代码测试有限公司"}`, 400, "uscc:",
			fmt.Sprintf("check character 18 should be '%c'", tech[17])),
		post("CreateBadDate", "op-token", `{"uscc":"`+fresh+`","name":"x","registered_at":"2024/03/01"}`, 400, "registered_at"),
		post("CreateBadIndustry", "op-token", `{"uscc":"`+fresh+`","name":"x","industry_code":"9999"}`, 400, "industry_code"),
		post("CreateMissingName", "op-token", `{"uscc":"`+fresh+`"}`, 400, "name:"),
		{name: "Create", req: request{method: "POST", url: "/api/v1/enterprises", as: "op-session", body: create}, status: 201,
			expect: []string{`"uscc":"` + fresh + `"`, `"warnings":[]`, `"code":"6513"`, `"registered_capital_fen":100000000`, `"status":"active"`},
			forbid: []string{"赵六", "legal_rep"}, header: map[string]string{"Location": "/api/v1/enterprises/" + fresh}},
		post("CreateDuplicate", "op-token", create, 409, `"code":"conflict"`),
		get("GetCreated", "/api/v1/enterprises/"+fresh, "op-token", 200, "银川新登记测试有限公司", "科技型中小企业"),
		post("CreatePilotCode", "op-token", `{"uscc":"`+pilotCode+`","name":"福建试点代码测试有限公司"}`, 201,
			`"flags":["pilot_code"]`, `"code":"pilot"`, `"severity":"warning"`, "verify manually"),
	}
	return list
}
