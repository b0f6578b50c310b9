// SPDX-License-Identifier: Apache-2.0

// Package subject is the enterprise master (信息主体库) of the credit centre:
// one record per enterprise, individual business (个体工商户), farmers'
// cooperative, social organization, public institution or government
// body about which credit information is collected, reported and verified.
// Every penalty, licence, court record, tax rating or utility payment that
// a data provider sends is attached to a subject, and every report and
// authorization names one.
//
// # The unified social credit code
//
// A subject is identified by its 统一社会信用代码 (GB 32100-2015), the
// lifelong 18-character code printed on its licence since the 2015
// "three certificates in one" reform:
//
//	9 1 440300 19220382 1 6
//	│ │ │      │        │ └ 18: check character over 1–17 (ISO 7064 MOD 31-3)
//	│ │ │      └────────┴── 9–17: organization code (GB 11714) with its own check
//	│ │ └─ 3–8: region of the registering authority (GB/T 2260)
//	│ └─ 2: category within that department (1 = enterprise)
//	└─ 1: registration department (9 = market regulation)
//
// Two check characters, over two different alphabets, catch almost every
// typing error, so a record that fails them is rejected at the door
// rather than attached to the wrong enterprise. The older identifiers the
// reform replaced (15-digit 工商注册号, 9-character 组织机构代码, 15-digit
// 税务登记号) still appear in provider data and are kept as aliases.
//
// # Region at registration time
//
// Positions 3–8 name the authority that registered the subject, as the
// administrative map stood on that day. Districts merge and are renamed,
// but a code never changes, so a code may carry a region retired years
// ago. We resolve it against every edition of GB/T 2260 since 1981 and
// show the historical name and its successor; we never "correct" the code.
// Where the enterprise is now is a separate fact (its address).
//
// # Pilot codes
//
// Before the national rollout, Fujian and Xiamen issued trial codes whose
// 18th character does not satisfy the standard, and those enterprises
// still hold them. Rejecting them would exclude real enterprises; silently
// accepting them would weaken the check for everyone else. So an import
// may accept a code with exactly the pilot pattern (see Check); the record
// then carries the pilot_code flag for good, so reports and API responses
// show it and operators can list such subjects to verify them with the
// registry. Codes typed by users are never accepted this way.
//
// Unknown department/category pairs and unknown region codes are also
// accepted with a flag rather than rejected, because both lists are
// extended by the authorities faster than reference data is republished.
//
// # Names
//
// Providers often send a name without a code (court notices, utility
// arrears), and enquirers search by whatever part of the name they
// remember: "腾讯", not "深圳市腾讯计算机系统有限公司". Names change, so
// former names are kept as aliases with the old identifiers. Name search
// works the same on SQLite and PostgreSQL through the tokens described in
// search.go; a name alone never identifies a subject unless exactly one
// record carries it.
//
// # Reference data
//
// The registries of regions (GB/T 2260, current and since 1981),
// industries (GB/T 4754-2017) and registration categories (GB 32100
// positions 1–2) are compiled into the binary from data/, whose README
// names each source and licence, and are loaded on first use.
package subject
