// SPDX-License-Identifier: Apache-2.0

// Package generate builds the demo province: a realistic population of
// market entities (市场主体) and the batch files its data providers would
// deliver to a provincial node, so that the platform can be shown, tested
// and measured without any real credit data.
//
// # The province
//
// By default it is 宁夏回族自治区 (640000), a small province whose node is
// one of the 信易贷 pilots. Every enterprise has a valid 统一社会信用代码
// built with subject.Make from a real GB/T 2260 county, prefecture or
// province code: individual businesses register in their county, companies
// also with the city or the province, as real registries do. About 2% carry
// a retired region code from the province's history (640111 银川市郊区,
// 642101 吴忠市), registered before it was retired; in Fujian (35xxxx) a
// handful carry early pilot codes whose check character 18 fails. Counties
// are weighted by where business concentrates: the capital's urban
// districts most, other districts, county-level cities, then counties.
//
// The mix follows national statistics: about 67% 个体工商户, 31% 企业,
// 1.2% 农民专业合作社 and a few social organizations and public
// institutions. Industries are GB/T 4754-2017 小类 drawn by a 大类 mix per
// type (shops, eateries and services for individual businesses; trade,
// construction, business services, manufacturing and IT for companies).
// Names are composed the way registries print them, {地名}{字号}{行业}{组织形式}
// (银川市兴庆区鑫源商贸有限公司, 兴庆区福雅烧烤店, 同心县恒泰滩羊养殖专业合作社),
// and are unique: a name already taken is re-drawn with a longer 字号, as an
// applicant would be asked to. Registration dates grow toward recent years;
// capital is log-normal; entities older than the 2015 reform keep their
// 15-digit 注册号 and 9-character 组织机构代码. A latent risk factor (mean 1)
// makes the same firms collect penalties, arrears and listings, so that
// scoring models find signal.
//
// # The files
//
// Run writes one file per catalog item, in the format its provider really
// uses (UTF-8 CSV, CSV with BOM, GB18030 CSV, XLSX or JSON lines; field
// codes, Chinese labels or feed aliases as headers; several date styles),
// each under a directory named for the provider (P-SCJG-640000/…), and a
// manifest.json listing every file with its rows, bad rows by kind and
// SHA-256. Coverage is realistic: the registration item lists everyone;
// about 3% have penalties, a third hold licences, under 1% are on the
// dishonest-debtor list, 3–5% on the abnormal-operation list; companies
// have twelve months of tax, social insurance and utility records.
// Options.BadRows replaces a fraction of rows with the mistakes providers
// really make (see BadKind), so that ingest receipts can be checked exactly.
//
// # Reproducibility
//
// Everything is drawn from math/rand/v2 PCG streams keyed by (seed,
// purpose, index): the same seed gives byte-identical files, including the
// XLSX ones (excelize is deterministic once its document properties are
// fixed, which the tests check), and a manifest whose "created" time is
// derived from the seed. The data's "today" is fixed at 2025-12-31 (Manifest.AsOf). Nothing
// iterates over a map while writing. Output streams: memory does not grow
// with the number of rows; one enterprise is in memory at a time, plus one
// 64-bit hash per name during the single pass that makes names unique.
//
// Generator gives the same enterprises without any file (Enterprise(i),
// All, Enterprises), which is how the demo loads its master.
package generate
