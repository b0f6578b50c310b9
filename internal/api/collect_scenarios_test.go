// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"strings"
)

// collectScenarios exercise collection (信用信息归集): every operation,
// every documented status, and least privilege: operators see everything,
// a provider's staff only their own providers, institutions, enterprises
// and regulators nothing (regulators read quality figures).
func collectScenarios(e *env) []scenario {
	var all []scenario
	all = append(all, providerScenarios(e)...)
	all = append(all, mappingScenarios(e)...)
	all = append(all, pushScenarios(e)...)
	all = append(all, fileScenarios(e)...)
	all = append(all, resumableScenarios(e)...)
	all = append(all, batchScenarios(e)...)
	all = append(all, quarantineScenarios(e)...)
	all = append(all, qualityScenarios(e)...)
	return all
}

// colReq is a scenario in one line.
func colReq(name, method, url, as, body string, status int, expect ...string) scenario {
	return scenario{name: name, req: request{method: method, url: url, as: as, body: body}, status: status, expect: expect}
}

// refused returns, for one request, the 401 without credentials and a 403
// for each of the principals given, none of which may learn anything of
// the providers' data.
func refused(name, method, url, body string, as ...string) []scenario {
	out := []scenario{colReq(name+"Unauthenticated", method, url, "", body, 401, `"code":"unauthenticated"`)}
	for _, a := range as {
		sc := colReq(name+"Refused_"+a, method, url, a, body, 403, `"code":"forbidden"`)
		sc.forbid = []string{"宁夏银川测试科技有限公司", "不存在的公司", "市场监督管理厅"}
		out = append(out, sc)
	}
	return out
}

func providerScenarios(e *env) []scenario {
	newProvider := `{"code":"P-RLSB-640000","name":"宁夏回族自治区人力资源和社会保障厅","department":"人力资源和社会保障厅","region":"640000",
"items":["SOC.CBJF"],"pull_url":"https://secret.example/pull?token=abc"}`
	out := []scenario{
		colReq("Providers", "GET", "/api/v1/providers", "op-token", "", 200, scjg, sw, `"items":["ABN.JYYC","PEN.XZCF"]`),
		colReq("ProvidersOperatorAdmin", "GET", "/api/v1/providers", "opadmin-session", "", 200, scjg, sw),
		colReq("ProvidersOwnOnly", "GET", "/api/v1/providers", "provider-token", "", 200, scjg),
		colReq("ProvidersOtherOrg", "GET", "/api/v1/providers", "provider2-token", "", 200, sw),
		colReq("RegisterProvider", "POST", "/api/v1/providers", "op-token", newProvider, 201, `"code":"P-RLSB-640000"`, `"pull":true`),
		colReq("RegisterProviderAgain", "POST", "/api/v1/providers", "op-session", newProvider, 200, `"code":"P-RLSB-640000"`),
		colReq("RegisterProviderUnknownItem", "POST", "/api/v1/providers", "op-token",
			`{"code":"P-X-640000","name":"x","items":["NOPE.X"]}`, 400, "NOPE.X"),
		colReq("RegisterProviderBadCode", "POST", "/api/v1/providers", "op-token", `{"code":"p x","name":"x","items":["ABN.JYYC"]}`, 400, "code"),
		colReq("RegisterProviderUnknownField", "POST", "/api/v1/providers", "op-token", `{"code":"P-X","colour":"red"}`, 400, "colour"),
		colReq("Provider", "GET", "/api/v1/providers/"+scjg, "provider-session", "", 200, `"name":"宁夏回族自治区市场监督管理厅"`),
		colReq("ProviderByAdmin", "GET", "/api/v1/providers/"+scjg, "provideradmin-session", "", 200, scjg),
		colReq("ProviderOtherOrg", "GET", "/api/v1/providers/"+sw, "provider-token", "", 403, "does not belong"),
		colReq("ProviderNotFound", "GET", "/api/v1/providers/P-NOPE", "op-token", "", 404, `"code":"not_found"`),
	}
	out[2].forbid = []string{sw, "税务局"}
	out[3].forbid = []string{scjg, "市场监督管理厅"}
	out[4].forbid = []string{"secret.example", "token=abc", "pull_url"}
	out[11].forbid = []string{"税务局"}
	out = append(out, refused("Providers", "GET", "/api/v1/providers", "", "bank-token", "regulator-token", "ent-token")...)
	out = append(out, refused("RegisterProvider", "POST", "/api/v1/providers", newProvider,
		"provider-token", "provideradmin-session", "opadmin-session", "bank-token")...)
	out = append(out, refused("Provider", "GET", "/api/v1/providers/"+scjg, "", "bank-session", "regulator-token")...)
	return out
}

func mappingScenarios(e *env) []scenario {
	url := "/api/v1/providers/" + scjg + "/items/ABN.JYYC/mapping"
	body := `{"columns":{"主体名称":"NAME","信用代码":"UNITY_CREDIT_CODE","列入时间":"IN_DATE"}}`
	out := []scenario{
		colReq("GetMappingNone", "GET", url, "provider-token", "", 404, "mapping template"),
		colReq("PutMapping", "PUT", url, "provider-token", body, 200, `"信用代码":"UNITY_CREDIT_CODE"`, `"provider":"`+scjg+`"`),
		colReq("PutMappingSession", "PUT", url, "provideradmin-session", body, 200, `"主体名称":"NAME"`),
		colReq("PutMappingBadTarget", "PUT", url, "op-token", `{"columns":{"代码":"NO_SUCH"}}`, 400, "NO_SUCH", "ABN.JYYC"),
		colReq("PutMappingEmpty", "PUT", url, "op-token", `{"columns":{}}`, 400, "columns"),
		colReq("PutMappingItemNotDelivered", "PUT", "/api/v1/providers/"+scjg+"/items/TAX.LEVEL/mapping", "provider-token",
			`{"columns":{"代码":"USCC"}}`, 403, "TAX.LEVEL"),
		colReq("PutMappingUnknownProvider", "PUT", "/api/v1/providers/P-NOPE/items/ABN.JYYC/mapping", "op-token", body, 404, "P-NOPE"),
		colReq("PutMappingOtherOrg", "PUT", url, "provider2-token", body, 403, "does not belong"),
		colReq("GetMapping", "GET", url, "provider-token", "", 200, `"列入时间":"IN_DATE"`),
		colReq("GetMappingOtherOrg", "GET", url, "provider2-token", "", 403, "does not belong"),
		colReq("GetMappingUnknownProvider", "GET", "/api/v1/providers/P-NOPE/items/ABN.JYYC/mapping", "op-token", "", 404, "P-NOPE"),
	}
	noCSRF := colReq("PutMappingWithoutCSRF", "PUT", url, "provider-session", body, 403, "CSRF")
	noCSRF.req.noCSRF = true
	out = append(out, noCSRF)
	out[9].forbid = []string{"信用代码"}
	out = append(out, refused("GetMapping", "GET", url, "", "bank-token", "regulator-token")...)
	out = append(out, refused("PutMapping", "PUT", url, body, "bank-token", "opadmin-session", "regulator-token")...)
	return out
}

func pushScenarios(e *env) []scenario {
	url := "/api/v1/providers/" + scjg + "/items/ABN.JYYC/records"
	row := func(key, date string) string {
		r := e.abnormal(key, date)
		var b strings.Builder
		b.WriteString("{")
		for _, k := range []string{"企业名称", "统一社会信用代码/注册号", "列入经营异常名录原因", "列入日期", "作出决定机关（列入）"} {
			if b.Len() > 1 {
				b.WriteString(",")
			}
			b.WriteString(`"` + k + `":"` + r[k] + `"`)
		}
		return b.String() + "}"
	}
	body := `{"rows":[` + row("shop", "2023-06-01") + `]}`
	push := func(name, as, key, url, body string, status int, expect ...string) scenario {
		sc := colReq(name, "POST", url, as, body, status, expect...)
		if key != "" {
			sc.req.headers = map[string]string{"Idempotency-Key": key}
		}
		return sc
	}
	taxURL := "/api/v1/providers/" + sw + "/items/TAX.LEVEL/records"
	tax := `{"rows":[{"USCC":"` + e.codes["trade"] + `","NAME":"石嘴山测试贸易有限公司","EVAL_YEAR":2023,"LEVEL":"B","TAX_ORG":null}]}`
	out := []scenario{
		push("Push", "provider-token", "api-1", url, body, 200, `"accepted":1`, `"received":1`, `"file":"push:api-1"`, `"quarantined":0`),
		push("PushAgain", "provider-session", "api-1", url, body, 200, `"accepted":1`, `"duplicate":0`),
		push("PushSameKeyOtherRows", "provider-token", "api-1", url, `{"rows":[`+row("tech", "2023-06-01")+`]}`, 409, "api-1"),
		push("PushNoKey", "provider-token", "", url, body, 400, "Idempotency-Key"),
		push("PushNumbers", "provider2-token", "tax-1", taxURL, tax, 200, `"accepted":1`),
		push("PushObjectValue", "provider2-token", "tax-2", taxURL, `{"rows":[{"USCC":{"a":1}}]}`, 400, "rows[0].USCC"),
		push("PushNoRows", "provider-token", "api-3", url, `{"rows":[]}`, 400, "rows"),
		push("PushItemNotDelivered", "provider-token", "api-4", "/api/v1/providers/"+scjg+"/items/TAX.LEVEL/records", tax, 403, "TAX.LEVEL"),
		push("PushUnknownProvider", "op-token", "api-5", "/api/v1/providers/P-NOPE/items/ABN.JYYC/records", body, 404, "P-NOPE"),
		push("PushOtherOrg", "provider2-token", "api-6", url, body, 403, "does not belong"),
		push("PushForOthersOrgToo", "provider-token", "api-7", taxURL, tax, 403, "does not belong"),
	}
	for _, sc := range refused("Push", "POST", url, body, "bank-token", "regulator-token", "ent-token", "opadmin-session") {
		sc.req.headers = map[string]string{"Idempotency-Key": "api-8"}
		out = append(out, sc)
	}
	return out
}
