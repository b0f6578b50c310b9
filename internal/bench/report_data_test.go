// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/generate"
)

// recordsSQL fills records for the enterprises whose subjects.seq is in
// [?, ?): 30 current records each across seven items (12 months of tax,
// 6 of social insurance, 3 of electricity, 4 licences, 2 penalties, 2
// patents, 1 annual report), generated inside SQLite so that 30 million
// rows load in minutes. Collection's own speed is measured elsewhere;
// this only builds the table a report reads. randomblob keys fit both the
// hex and the blob forms of key_hash.
const recordsSQL = `
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30),
s AS (SELECT uscc, name FROM subjects WHERE seq >= ? AND seq < ?)
INSERT INTO records (id, version, item_code, uscc, key_hash, content_hash, status, is_current, data, source_time,
    provider_code, batch_id, row_num, received_at, catalog_version)
SELECT lower(hex(randomblob(13))), 1,
  CASE WHEN i <= 12 THEN 'TAX.NSE' WHEN i <= 18 THEN 'SOC.CBJF' WHEN i <= 21 THEN 'UTL.ELEC' WHEN i <= 25 THEN 'LIC.XZXK'
       WHEN i <= 27 THEN 'PEN.XZCF' WHEN i <= 29 THEN 'IPR.ZL' ELSE 'REG.NB' END,
  s.uscc, randomblob(16), randomblob(16), 'active', 1,
  CASE WHEN i <= 12 THEN json_object('USCC', s.uscc, 'NAME', s.name, 'PERIOD_TYPE', 'M', 'PERIOD_FROM', printf('2026-%02d-01', i % 12 + 1),
         'PERIOD_TO', printf('2026-%02d-28', i % 12 + 1), 'TAX_TYPE', '增值税', 'TAX_PAID', printf('%d', 100000 + abs(random() % 10000000)))
       WHEN i <= 18 THEN json_object('USCC', s.uscc, 'NAME', s.name, 'PERIOD', printf('2026-%02d', i - 12), 'INSURANCE_TYPE', '职工基本养老保险',
         'INSURED', printf('%d', 5 + abs(random() % 200)), 'PAID', printf('%d', 500000 + abs(random() % 5000000)))
       WHEN i <= 21 THEN json_object('USCC', s.uscc, 'NAME', s.name, 'ACCOUNT_NO', printf('E%s%d', substr(s.uscc, 9, 9), i), 'PERIOD', printf('2026-%02d', i - 18),
         'USAGE', printf('%d.5', abs(random() % 90000)), 'AMOUNT', printf('%d', abs(random() % 9000000)), 'ARREARS', '0')
       WHEN i <= 25 THEN json_object('XK_XDR_MC', s.name, 'XK_XDR_LB', '法人及非法人组织', 'XK_XDR_SHXYM', s.uscc, 'XK_WSH', printf('宁许字〔2025〕%d号', i),
         'XK_XKZS', '食品经营许可证', 'XK_NR', '预包装食品销售（含冷藏冷冻食品）', 'XK_JDRQ', '2025-03-01', 'XK_YXQZ', '2025-03-01', 'XK_YXQZI', '2030-02-28',
         'XK_XKJG', '银川市市场监督管理局', 'XK_XKJGDM', '11640100MB1234567X')
       WHEN i <= 27 THEN json_object('CF_XDR_MC', s.name, 'CF_XDR_LB', '法人及非法人组织', 'CF_XDR_SHXYM', s.uscc, 'CF_WSH', printf('宁市监罚〔2026〕%d号', i),
         'CF_WFXW', '违反产品质量管理规定', 'CF_SY', '经查，当事人销售的产品经抽样检验不合格，违反了《中华人民共和国产品质量法》的规定。',
         'CF_YJ', '《中华人民共和国产品质量法》第四十九条', 'CF_CFLB', '罚款', 'CF_NR', '罚款0.50万元', 'CF_NR_FK', '500000',
         'CF_JDRQ', '2026-06-01', 'CF_YXQ', '2027-06-01', 'CF_GSJZQ', '2027-06-01', 'CF_CFJG', '银川市市场监督管理局', 'CF_CFJGDM', '11640100MB1234567X')
       WHEN i <= 29 THEN json_object('USCC', s.uscc, 'NAME', s.name, 'PATENT_NO', printf('ZL2025%s%d', substr(s.uscc, 9, 8), i), 'TITLE', '一种枸杞烘干装置',
         'PATENT_TYPE', '实用新型', 'APPLY_DATE', '2025-01-10', 'GRANT_DATE', '2025-09-30')
       ELSE json_object('USCC', s.uscc, 'NAME', s.name, 'REPORT_YEAR', '2025', 'SUBMIT_DATE', '2026-03-15', 'EMPLOYEES', '36',
         'TOTAL_ASSETS', '888888000', 'REVENUE', '555555000') END,
  '2026-06-01', 'P-BENCH-640000', 'bench-load', i, '2026-11-01T00:00:00.000000Z', 1
FROM s CROSS JOIN n`

// buildReportData loads n enterprises through the master's import and 30
// records each, once per directory: later runs reuse the database.
func buildReportData(t *testing.T, a *app.App, dir string, n int) {
	ready := filepath.Join(dir, "ready")
	if _, err := os.Stat(ready); err == nil {
		return
	}
	ctx := access.WithPrincipal(context.Background(), access.SystemPrincipal())
	seq, err := generate.Enterprises(7, n, "")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := a.Subjects.Import(ctx, seq, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("master: %d enterprises in %.0fs", res.Inserted, time.Since(start).Seconds())
	start = time.Now()
	db := a.Store.DB()
	const step = 20_000
	for lo := 1; lo <= n+1; lo += step {
		if _, err := db.ExecContext(ctx, recordsSQL, lo, lo+step); err != nil {
			t.Fatalf("records for subjects %d–%d: %v", lo, lo+step, err)
		}
		if lo/step%10 == 0 {
			fmt.Fprintf(os.Stderr, "\rrecords: %d enterprises, %.0fs", lo+step-1, time.Since(start).Seconds())
		}
	}
	if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
		t.Fatal(err)
	}
	var count int64
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM records").Scan(&count); err != nil {
		t.Fatal(err)
	}
	t.Logf("records: %d in %.0fs", count, time.Since(start).Seconds())
	if err := os.WriteFile(ready, []byte(fmt.Sprintf("%d enterprises, %d records\n", res.Inserted, count)), 0o600); err != nil {
		t.Fatal(err)
	}
}
