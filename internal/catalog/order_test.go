// SPDX-License-Identifier: Apache-2.0

package catalog

import "testing"

func TestItem_Orders(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	it, err := c.Item("PEN.XZCF")
	if err != nil {
		t.Fatal(err)
	}
	row := map[string]string{"CF_XDR_MC": "银川市某某商贸有限公司", "CF_XDR_LB": "法人及非法人组织", "CF_XDR_SHXYM": "91640104MA0000001X",
		"CF_FRDB": "张三", "CF_WSH": "宁市监罚〔2024〕1号", "CF_WFXW": "违法", "CF_SY": "事实", "CF_YJ": "依据", "CF_CFLB": "警告",
		"CF_NR": "警告", "CF_JDRQ": "2024-05-01", "CF_YXQ": "2025-05-01", "CF_GSJZQ": "2024-04-30", "CF_CFJG": "银川市市场监督管理局",
		"CF_CFJGDM": "11640100MB1234562X", "CF_SJLY": "银川市市场监督管理局", "CF_SJLYDM": "11640100MB1234562X"}
	errs := it.ValidateRow(row)
	if len(errs) != 1 || errs[0].Field != "CF_GSJZQ" || errs[0].Reason != ReasonOrder {
		t.Fatalf("publicity end before decision: errors %+v, want one order error on CF_GSJZQ", errs)
	}
	row["CF_GSJZQ"] = "2024-05-01" // the same day is allowed
	if errs := it.ValidateRow(row); len(errs) != 0 {
		t.Fatalf("errors %+v", errs)
	}
}
