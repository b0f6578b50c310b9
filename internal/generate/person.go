// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// surnameWeights weights surnames by rank, roughly as the census does: the top
// five cover about 30% of the population. In Ningxia 马 is far more common
// than nationally (Hui families), so the province bumps it.
func surnameWeights(province string) weighted {
	w := make([]float64, len(surnames))
	for i := range surnames {
		w[i] = 1 / math.Pow(float64(i+1), 0.9)
		if province == "64" && surnames[i] == '马' {
			w[i] *= 5
		}
	}
	return newWeighted(w)
}

// personName returns a plausible full name: a surname and one or two given
// characters (two-character given names are the majority since the 1980s).
func (g *Generator) personName(r *rng) string {
	var b strings.Builder
	b.WriteRune(surnames[g.surnameW.draw(r)])
	b.WriteRune(pick(r, givenChars))
	if r.chance(0.7) {
		b.WriteRune(pick(r, givenChars))
	}
	return b.String()
}

// idWeights are the GB 11643-1999 weights of the 17 body digits.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// idNumber builds an 18-character 居民身份证号 with a correct check
// character for someone born in the county on the date; the sequence is odd
// for men and even for women.
func idNumber(r *rng, county string, born time.Time, male bool) string {
	seq := r.IntN(500) * 2
	if male {
		seq++
	}
	body := fmt.Sprintf("%s%s%03d", county, born.Format("20060102"), seq)
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(body[i]-'0') * idWeights[i]
	}
	return body + string("10X98765432"[sum%11])
}

// maskID hides the birth date and sequence the way courts and 双公示
// publishers do: 640104********123X.
func maskID(id string) string {
	if len(id) != 18 {
		return id
	}
	return id[:6] + "********" + id[14:]
}

// mobile returns a mainland mobile number.
func mobile(r *rng) string {
	prefixes := []string{"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
		"153", "155", "156", "157", "158", "159", "166", "173", "176", "177", "180", "181", "186", "187", "188", "189", "191", "199"}
	return fmt.Sprintf("%s%08d", pick(r, prefixes), r.IntN(100000000))
}

// landline returns a number with the province capital's area code.
func landline(r *rng, area string) string {
	return fmt.Sprintf("%s-%d%06d", area, r.between(5, 8), r.IntN(1000000))
}

// areaCodes are the telephone area codes of provincial capitals (by the
// first two digits of the region code), for 联系电话 columns.
var areaCodes = map[string]string{
	"11": "010", "12": "022", "13": "0311", "14": "0351", "15": "0471", "21": "024", "22": "0431", "23": "0451",
	"31": "021", "32": "025", "33": "0571", "34": "0551", "35": "0591", "36": "0791", "37": "0531", "41": "0371",
	"42": "027", "43": "0731", "44": "020", "45": "0771", "46": "0898", "50": "023", "51": "028", "52": "0851",
	"53": "0871", "54": "0891", "61": "029", "62": "0931", "63": "0971", "64": "0951", "65": "0991",
}

// address returns a street address in the place.
func address(r *rng, prefix string) string {
	a := prefix + pick(r, roads) + pick(r, roadKinds) + fmt.Sprintf("%d号", r.between(1, 680))
	switch x := r.IntN(10); {
	case x < 3:
		a += fmt.Sprintf("%d号楼%d室", r.between(1, 30), r.between(1, 28)*100+r.between(1, 12))
	case x < 5:
		a += fmt.Sprintf("%d号商铺", r.between(1, 120))
	}
	return a
}
