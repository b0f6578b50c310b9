// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"fmt"
	"strconv"
)

func fileScenarios(e *env) []scenario {
	url := "/api/v1/providers/" + scjg + "/items/ABN.JYYC/batches"
	other := e.otherCSV()
	upload := func(name, as, url string, status int, body string, h map[string]string, expect ...string) scenario {
		sc := colReq(name, "POST", url, as, body, status, expect...)
		sc.req.headers = h
		return sc
	}
	withManifest, h := multipartBody("异常名录-2024.csv", other, "format", "csv", "encoding", "utf-8", "expected_rows", "1", "expected_sha256", sha(other))
	wrongCount, _ := multipartBody("异常名录-2024.csv", other+"\r\n", "expected_rows", "5")
	noFile, _ := multipartBody("", "", "format", "csv")
	badFormat, _ := multipartBody("a.xls", other, "format", "xls")
	unknownField, _ := multipartBody("a.csv", other, "colour", "red")
	plain, _ := multipartBody("a.csv", other)
	out := []scenario{
		upload("UploadFile", "provider-session", url, 200, withManifest, h, `"accepted":1`, `"file":"异常名录-2024.csv"`,
			`"rows_match":true`, `"hash_match":true`, `"status":"done"`, `"expected_rows":1`),
		upload("UploadFileSameContent", "provider-token", url, 200, plain, h, `"accepted":1`, `"file":"异常名录-2024.csv"`),
		upload("UploadFileRowsDiffer", "op-token", url, 200, wrongCount, h, `"rows_match":false`, `"expected_rows":5`, `"duplicate":1`),
		upload("UploadFileNoFile", "provider-token", url, 400, noFile, h, "file"),
		upload("UploadFileBadFormat", "provider-token", url, 400, badFormat, h, "format"),
		upload("UploadFileUnknownField", "provider-token", url, 400, unknownField, h, "colour"),
		upload("UploadFileNotMultipart", "provider-token", url, 400, `{"file":"x"}`, nil, "multipart/form-data"),
		upload("UploadFileUnknownProvider", "op-token", "/api/v1/providers/P-NOPE/items/ABN.JYYC/batches", 404, plain, h, "P-NOPE"),
		upload("UploadFileOtherOrg", "provider2-token", url, 403, plain, h, "does not belong"),
	}
	for _, sc := range refused("UploadFile", "POST", url, plain, "bank-token", "regulator-token", "opadmin-session") {
		sc.req.headers = h
		out = append(out, sc)
	}
	return out
}

// resumableScenarios send the fixture file in three pieces with a wrong
// offset in between, complete it, and then send the same file in one
// piece: the same content is the same batch.
func resumableScenarios(e *env) []scenario {
	content := e.abnormalCSV()
	url := "/api/v1/uploads/" + e.codes["upload"]
	n1, n2 := 40, 150
	patch := func(name, as, url string, off int, body string, status int, expect ...string) scenario {
		sc := colReq(name, "PATCH", url, as, body, status, expect...)
		sc.req.headers = map[string]string{"Content-Type": "application/offset+octet-stream", "Upload-Offset": strconv.Itoa(off)}
		return sc
	}
	start := func(name, as, body string, status int, expect ...string) scenario {
		return colReq(name, "POST", "/api/v1/uploads", as, body, status, expect...)
	}
	create := fmt.Sprintf(`{"provider":%q,"item":"ABN.JYYC","size":%d,"file_name":"big.csv","expected_rows":3}`, scjg, len(content))
	wrongOffset := patch("UploadPatchWrongOffset", "provider-token", url, 0, content[n1:n2], 409, "Upload-Offset", strconv.Itoa(n1))
	wrongOffset.header = map[string]string{"Upload-Offset": strconv.Itoa(n1)}
	badsum := "/api/v1/uploads/" + e.codes["upload-badsum"]
	oneShot, h := multipartBody("abnormal.csv", content)
	oneShotSC := colReq("UploadSameFileInOnePiece", "POST", "/api/v1/providers/"+scjg+"/items/ABN.JYYC/batches", "provider-token", oneShot, 200,
		`"accepted":2`, `"rejected":1`, `"received":3`, `"file":"abnormal.csv"`)
	oneShotSC.req.headers = h
	out := []scenario{
		start("UploadStart", "provider-token", create, 201, `"offset":0`, `"complete":false`, `"file_name":"big.csv"`),
		start("UploadStartTooLarge", "provider-token", fmt.Sprintf(`{"provider":%q,"item":"ABN.JYYC","size":%d}`, scjg, int64(3)<<30), 400, "size"),
		start("UploadStartBadSHA", "provider-token", fmt.Sprintf(`{"provider":%q,"item":"ABN.JYYC","size":5,"sha256":"abc"}`, scjg), 400, "sha256"),
		start("UploadStartUnknownProvider", "op-token", `{"provider":"P-NOPE","item":"ABN.JYYC","size":5}`, 400, "P-NOPE"),
		start("UploadStartOtherOrg", "provider2-token", create, 403, "does not belong"),
		colReq("UploadGet", "GET", url, "provider-token", "", 200, `"offset":0`, `"size":`+strconv.Itoa(len(content))),
		patch("UploadPatch1", "provider-token", url, 0, content[:n1], 200, `"offset":`+strconv.Itoa(n1)),
		wrongOffset,
		patch("UploadPatch2", "provider-session", url, n1, content[n1:n2], 200, `"offset":`+strconv.Itoa(n2)),
		colReq("UploadCompleteEarly", "POST", url+"/complete", "provider-token", "", 409, strconv.Itoa(n2)),
		colReq("UploadGetAfterBreak", "GET", url, "provider-session", "", 200, `"offset":`+strconv.Itoa(n2), `"complete":false`),
		patch("UploadPatchNoOffset", "provider-token", url, 0, "x", 400, "Upload-Offset"),
		patch("UploadPatchBeyondSize", "provider-token", url, n2, content[n2:]+"extra", 400, "declared size"),
		patch("UploadPatch3", "op-token", url, n2, content[n2:], 200, `"complete":true`),
		colReq("UploadComplete", "POST", url+"/complete", "provider-token", "", 200, `"accepted":2`, `"rejected":1`, `"received":3`,
			`"hash_match":true`, `"status":"done"`, `"file":"abnormal.csv"`),
		colReq("UploadCompleteAgain", "POST", url+"/complete", "provider-session", "", 200, `"accepted":2`, `"rejected":1`),
		patch("UploadPatchAfterComplete", "provider-token", url, len(content), "x", 409, "complete"),
		oneShotSC,
		patch("UploadPatchBadSum", "provider-token", badsum, 0, e.otherCSV(), 200, `"complete":true`),
		colReq("UploadCompleteBadSum", "POST", badsum+"/complete", "provider-token", "", 400, "SHA-256"),
		colReq("UploadGetOtherOrg", "GET", "/api/v1/uploads/"+e.codes["upload-other"], "provider-token", "", 403, "does not belong"),
		patch("UploadPatchOtherOrg", "provider-token", "/api/v1/uploads/"+e.codes["upload-other"], 0, "USCC", 403, "does not belong"),
		colReq("UploadCompleteOtherOrg", "POST", "/api/v1/uploads/"+e.codes["upload-other"]+"/complete", "provider-token", "", 403, "does not belong"),
		colReq("UploadGetNotFound", "GET", "/api/v1/uploads/01J00000000000000000000000", "op-token", "", 404, `"code":"not_found"`),
		colReq("UploadGetBadID", "GET", "/api/v1/uploads/not-an-upload", "op-token", "", 404, `"code":"not_found"`),
		patch("UploadPatchNotFound", "op-token", "/api/v1/uploads/01J00000000000000000000000", 0, "x", 404, `"code":"not_found"`),
		colReq("UploadCompleteNotFound", "POST", "/api/v1/uploads/01J00000000000000000000000/complete", "op-token", "", 404, `"code":"not_found"`),
	}
	out[6].header = map[string]string{"Upload-Offset": strconv.Itoa(n1), "Upload-Length": strconv.Itoa(len(content))}
	delete(out[11].req.headers, "Upload-Offset")
	out = append(out, refused("UploadStart", "POST", "/api/v1/uploads", create, "bank-token", "regulator-token", "opadmin-session")...)
	out = append(out, refused("UploadGet", "GET", url, "", "bank-token", "regulator-token")...)
	for _, sc := range refused("UploadPatch", "PATCH", url, "x", "bank-token", "ent-token") {
		sc.req.headers = map[string]string{"Content-Type": "application/offset+octet-stream", "Upload-Offset": "0"}
		out = append(out, sc)
	}
	out = append(out, refused("UploadComplete", "POST", url+"/complete", "", "bank-token", "regulator-token")...)
	return out
}
