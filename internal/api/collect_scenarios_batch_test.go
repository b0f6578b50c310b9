// SPDX-License-Identifier: Apache-2.0

package api_test

func batchScenarios(e *env) []scenario {
	b1, b2 := e.codes["batch"], e.codes["batch2"]
	url := "/api/v1/batches/" + b1
	file := func(sc scenario, contentType string) scenario {
		sc.file = true
		sc.header = map[string]string{"Content-Type": contentType}
		return sc
	}
	const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	out := []scenario{
		colReq("Batches", "GET", "/api/v1/batches", "op-token", "", 200, b1, b2, `"channel":"push"`),
		colReq("BatchesOfOneProvider", "GET", "/api/v1/batches?provider="+sw+"&item=TAX.LEVEL&limit=10", "opadmin-session", "", 200, b2),
		colReq("BatchesOwnOnly", "GET", "/api/v1/batches", "provider-token", "", 200, b1),
		colReq("BatchesOtherOrgFilter", "GET", "/api/v1/batches?provider="+sw, "provider-token", "", 403, "does not belong"),
		colReq("BatchesBadLimit", "GET", "/api/v1/batches?limit=0", "op-token", "", 400, "limit"),
		colReq("Batch", "GET", url, "provider-token", "", 200, `"received":6`, `"accepted":2`, `"rejected":2`, `"quarantined":2`,
			`"status":"done"`, `"reconciliation":null`, `"field":"IN_DATE"`, `"finished_at":"`),
		colReq("BatchOtherOrg", "GET", url, "provider2-token", "", 403, "does not belong"),
		colReq("BatchNotFound", "GET", "/api/v1/batches/NOPE", "op-token", "", 404, `"code":"not_found"`),
		colReq("Rejections", "GET", url+"/rejections", "provider-token", "", 200, `"row":3`, `"field":"IN_DATE"`, `"label":"列入日期"`,
			`"raw":"=1+2"`, `"truncated":false`, `"message_en":"`),
		colReq("RejectionsFirstOnly", "GET", url+"/rejections?limit=1", "op-token", "", 200, `"row":3`, `"truncated":true`),
		colReq("RejectionsBadLimit", "GET", url+"/rejections?limit=x", "op-token", "", 400, "limit"),
		colReq("RejectionsOtherOrg", "GET", url+"/rejections", "provider2-token", "", 403, "does not belong"),
		colReq("RejectionsNotFound", "GET", "/api/v1/batches/NOPE/rejections", "op-token", "", 404, `"code":"not_found"`),
		file(colReq("RejectionsCSV", "GET", url+"/rejections.csv", "provider-token", "", 200, "\ufeff行号 Row", "'=1+2", "'+cmd|"),
			"text/csv; charset=utf-8"),
		colReq("RejectionsCSVOtherOrg", "GET", url+"/rejections.csv", "provider2-token", "", 403, "does not belong"),
		colReq("RejectionsCSVNotFound", "GET", "/api/v1/batches/NOPE/rejections.csv", "op-token", "", 404, `"code":"not_found"`),
		file(colReq("RejectionsXLSX", "GET", url+"/rejections.xlsx", "op-token", "", 200, "PK"), xlsx),
		colReq("RejectionsXLSXOtherOrg", "GET", url+"/rejections.xlsx", "provider2-token", "", 403, "does not belong"),
		colReq("RejectionsXLSXNotFound", "GET", "/api/v1/batches/NOPE/rejections.xlsx", "op-token", "", 404, `"code":"not_found"`),
	}
	out[2].forbid = []string{b2}
	out[6].forbid = []string{"宁夏银川测试科技有限公司", `"received"`}
	out[13].forbid = []string{"\n=1+2", ",=1+2", ",+cmd"}
	for _, p := range []struct{ name, url string }{{"Batches", "/api/v1/batches"}, {"Batch", url}, {"Rejections", url + "/rejections"},
		{"RejectionsCSV", url + "/rejections.csv"}, {"RejectionsXLSX", url + "/rejections.xlsx"}} {
		out = append(out, refused(p.name, "GET", p.url, "", "bank-token", "regulator-token", "ent-token")...)
	}
	return out
}

func quarantineScenarios(e *env) []scenario {
	q1, q2 := e.codes["q1"], e.codes["q2"]
	resolve := "/api/v1/quarantine/" + q1 + "/resolve"
	discard := "/api/v1/quarantine/" + q2 + "/discard"
	shop := `{"uscc":"` + e.codes["shop"] + `"}`
	out := []scenario{
		colReq("Quarantine", "GET", "/api/v1/quarantine?status=open", "op-token", "", 200, q1, q2, "不存在的公司甲", `"status":"open"`),
		colReq("QuarantinePage", "GET", "/api/v1/quarantine?limit=1", "opadmin-session", "", 200, q1, `"next_after":"`+q1+`"`),
		colReq("QuarantineNextPage", "GET", "/api/v1/quarantine?limit=1&after="+q1, "op-token", "", 200, q2),
		colReq("QuarantineOwn", "GET", "/api/v1/quarantine?item=ABN.JYYC", "provider-token", "", 200, q1, q2),
		colReq("QuarantineOtherOrg", "GET", "/api/v1/quarantine", "provider2-token", "", 200, `"items":[]`),
		colReq("QuarantineOtherOrgFilter", "GET", "/api/v1/quarantine?provider="+scjg, "provider2-token", "", 403, "does not belong"),
		colReq("QuarantineBadStatus", "GET", "/api/v1/quarantine?status=lost", "op-token", "", 400, "status"),
		colReq("ResolveUnknownEnterprise", "POST", resolve, "op-token", `{"uscc":"`+e.codes["unregistered"]+`"}`, 400, "enterprise master"),
		colReq("ResolveNoCode", "POST", resolve, "op-token", `{}`, 400, "discard"),
		colReq("Resolve", "POST", resolve, "op-token", shop, 200, `"status":"resolved"`, `"resolved_to":"`+e.codes["shop"]+`"`),
		colReq("ResolveAgain", "POST", resolve, "op-session", shop, 409, "already handled"),
		colReq("ResolveNotFound", "POST", "/api/v1/quarantine/NOPE/resolve", "op-token", shop, 404, `"code":"not_found"`),
		colReq("Discard", "POST", discard, "op-session", "", 200, `"status":"discarded"`),
		colReq("DiscardAgain", "POST", discard, "op-token", "", 409, "already handled"),
		colReq("DiscardNotFound", "POST", "/api/v1/quarantine/NOPE/discard", "op-token", "", 404, `"code":"not_found"`),
		colReq("QuarantineHandled", "GET", "/api/v1/quarantine?status=resolved&provider="+scjg, "op-token", "", 200, q1),
	}
	out[1].forbid = []string{q2}
	out[4].forbid = []string{q1, "不存在的公司"}
	out[15].forbid = []string{q2}
	out = append(out, refused("Quarantine", "GET", "/api/v1/quarantine", "", "bank-token", "regulator-token")...)
	out = append(out, refused("Resolve", "POST", resolve, shop, "provider-token", "provideradmin-session", "opadmin-session", "regulator-token")...)
	out = append(out, refused("Discard", "POST", discard, "", "provider-token", "opadmin-session", "bank-token")...)
	return out
}

func qualityScenarios(e *env) []scenario {
	const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	file := func(sc scenario, contentType string) scenario {
		sc.file = true
		sc.header = map[string]string{"Content-Type": contentType}
		return sc
	}
	out := []scenario{
		colReq("Quality", "GET", "/api/v1/quality", "op-token", "", 200, `"window_days":30`, scjg, sw, `"item":"ABN.JYYC"`,
			`"expected":`, `"field":"IN_DATE"`, `"trend":[{"month":"`),
		colReq("QualityRegulator", "GET", "/api/v1/quality?window_days=7", "regulator-token", "", 200, `"window_days":7`, scjg, sw),
		colReq("QualityOwn", "GET", "/api/v1/quality", "provider-token", "", 200, scjg),
		colReq("QualityBadWindow", "GET", "/api/v1/quality?window_days=0", "op-token", "", 400, "window_days"),
		file(colReq("QualityCSV", "GET", "/api/v1/quality.csv", "regulator-session", "", 200, "\ufeff数据提供单位代码", scjg, "每日 daily"),
			"text/csv; charset=utf-8"),
		colReq("QualityCSVBadWindow", "GET", "/api/v1/quality.csv?window_days=999", "op-token", "", 400, "window_days"),
		file(colReq("QualityXLSX", "GET", "/api/v1/quality.xlsx", "provider-token", "", 200, "PK"), xlsx),
		colReq("QualityXLSXBadWindow", "GET", "/api/v1/quality.xlsx?window_days=x", "op-token", "", 400, "window_days"),
	}
	out[2].forbid = []string{sw, "税务局"}
	for _, u := range []string{"/api/v1/quality", "/api/v1/quality.csv", "/api/v1/quality.xlsx"} {
		out = append(out, refused("Quality"+u[len("/api/v1/quality"):], "GET", u, "", "bank-token", "ent-token")...)
	}
	return out
}
