// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"

	"github.com/xinrong/xinrong/internal/subject"
)

// Code spaces for positions 9–16. Codes are unique by construction: each
// space is walked by a bijection of the enterprise index, so no set of used
// codes is kept, however large N is.
const (
	digitSpace = 100_000_000                 // 8-digit 组织机构代码 bodies (issued before 2015)
	maSpace    = 31 * 31 * 31 * 31 * 31 * 31 // "MA" + 6 characters (issued since 2015)
	pilotSpace = 10_000 * 31 * 31 * 31       // "M" + 4 digits + 3 characters (Fujian pilot, 2014–15)
	regSpace   = 10_000_000                  // 7-digit sequence of a 15-digit 注册号
)

// codeSpaces are the seeded bijections; built once per Generator.
type codeSpaces struct{ digits, ma, pilot, reg affine }

func newCodeSpaces(seed uint64) codeSpaces {
	return codeSpaces{
		digits: newAffine(seed^0xd161, digitSpace),
		ma:     newAffine(seed^0x3a3a, maSpace),
		pilot:  newAffine(seed^0x9170, pilotSpace),
		reg:    newAffine(seed^0x7e60, regSpace),
	}
}

// base31 writes x in n characters of the GB 32100 alphabet.
func base31(x uint64, n int) string {
	b := make([]byte, n)
	for i := n - 1; i >= 0; i-- {
		b[i] = subject.Alphabet[x%31]
		x /= 31
	}
	return string(b)
}

// orgBaseDigits is the body of a pre-2015 组织机构代码, which positions 9–17
// of a converted enterprise's code still carry.
func (cs codeSpaces) orgBaseDigits(i uint64) string {
	return fmt.Sprintf("%08d", cs.digits.apply(i%digitSpace))
}

// orgBaseMA is the body of a code issued since 2015 (91640100MA75…).
func (cs codeSpaces) orgBaseMA(i uint64) string { return "MA" + base31(cs.ma.apply(i%maSpace), 6) }

// uscc builds a valid code; the parts are always in the alphabet.
func uscc(dept, cat byte, region, orgBase string) string {
	c, err := subject.Make(dept, cat, region, orgBase)
	if err != nil {
		panic(fmt.Sprintf("generate: subject.Make(%c%c, %s, %s): %v", dept, cat, region, orgBase, err))
	}
	return c
}

// pilotCode builds a code in the style of Fujian's 2014–15 pilot
// (91350100M0001TGQXM): 'M' in position 9, a correct GB 11714 check in
// position 17 and a position-18 character that fails GB 32100, as those
// registered codes do. subject.Check accepts it only with AcceptPilot.
func (cs codeSpaces) pilotCode(i uint64, region string) string {
	x := cs.pilot.apply(i % pilotSpace)
	base := fmt.Sprintf("M%04d", x%10_000) + base31(x/10_000, 3)
	good := uscc('9', '1', region, base)
	bad := (indexOf(good[17]) + 1 + int(x%29)) % 31 // any character but the right one
	return good[:17] + string(subject.Alphabet[bad])
}

// foreignCode is a valid code of the province that no generated enterprise
// has: the MA space walked past N. Ingest must quarantine rows carrying it.
func (cs codeSpaces) foreignCode(n, k uint64, region string) string {
	return uscc('9', '1', region, cs.orgBaseMA(n+k))
}

// regNo15 builds a 15-digit 工商注册号 (GS 15-2006): the registering
// authority's region, a kind digit (0–3 domestic enterprises, 6 individual
// businesses), a 7-digit sequence and the ISO 7064 MOD 11,10 check.
func (cs codeSpaces) regNo15(i uint64, region string, kind byte) string {
	first14 := fmt.Sprintf("%s%c%07d", region, kind, cs.reg.apply(i%regSpace))
	c, err := subject.ComputeRegNo15Check(first14)
	if err != nil {
		panic(fmt.Sprintf("generate: regNo15 %s: %v", first14, err))
	}
	return first14 + string(c)
}

func indexOf(c byte) int {
	for i := 0; i < len(subject.Alphabet); i++ {
		if subject.Alphabet[i] == c {
			return i
		}
	}
	return 0
}
