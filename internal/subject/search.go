// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Name search must find "腾讯" in "深圳市腾讯计算机系统有限公司" on both
// databases, and neither gives that out of the box:
//
//   - SQLite FTS5 unicode61 does no word segmentation, so a run of Han
//     characters is one token and only the whole run matches; the trigram
//     tokenizer matches nothing shorter than three characters, and most
//     Chinese search terms are two.
//   - PostgreSQL's 'simple' configuration behaves like unicode61, and the
//     extensions that fix it (pg_bigm, zhparser) are not available where we
//     deploy.
//
// So we tokenize in Go, identically for both: every letter or digit is a
// token, and so is every pair of adjacent ones (unigrams and overlapping
// bigrams). Runs of letters and digits are split at spaces and punctuation;
// Latin words get the same treatment as Han text, which lets any part of
// "Tencent" match too. The stored document is IndexTokens(name); a query
// must contain all of QueryTokens(q), which is necessary but not
// sufficient (the bigrams of "腾讯" also occur in "腾达讯通"), so the store
// then keeps only rows for which Matches(name, q) holds.

// maxQueryTokens caps the tokens sent to the database. Any subset of the
// tokens is still a correct pre-filter because Matches has the last word.
const maxQueryTokens = 32

// IndexTokens returns the space-separated unigrams and bigrams of name, in
// first-seen order without repeats, for an FTS5 column or a 'simple'
// tsvector.
func IndexTokens(name string) string {
	seen := map[string]bool{}
	var b strings.Builder
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(t)
		}
	}
	for _, run := range runs(foldName(name)) {
		for _, c := range chars(run) {
			add(run[c.start:c.end])
			if c.pairEnd > 0 {
				add(run[c.start:c.pairEnd])
			}
		}
	}
	return b.String()
}

// QueryTokens returns the tokens a name must contain to match q: for each
// run of letters and digits in q, its unigram if it is one character long,
// else its overlapping bigrams. Spaces and punctuation in q separate terms
// that must all occur. It returns nil when q has no letter or digit.
func QueryTokens(q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, run := range runs(foldName(q)) {
		cs := chars(run)
		for _, c := range cs {
			var t string
			switch {
			case len(cs) == 1:
				t = run[c.start:c.end]
			case c.pairEnd == 0:
				continue // last character: covered by the bigram before it
			default:
				t = run[c.start:c.pairEnd]
			}
			if !seen[t] && len(out) < maxQueryTokens {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// Matches reports whether every term of q occurs in name, where a term is
// a run of letters and digits and both sides are folded as for tokens
// (NFKC, lower case). A term may not span punctuation in the name. An
// empty query matches nothing.
func Matches(name, q string) bool {
	terms := runs(foldName(q))
	if len(terms) == 0 {
		return false
	}
	hay := " " + strings.Join(runs(foldName(name)), " ") + " "
	for _, t := range terms {
		if !strings.Contains(hay, t) {
			return false
		}
	}
	return true
}

// FTS5Query returns an FTS5 MATCH expression requiring every token: each
// is a quoted phrase (quotes doubled) and juxtaposed phrases are ANDed.
// Pass it as a bound parameter. It returns "" for no tokens; the caller
// must then not search at all.
func FTS5Query(tokens []string) string {
	return joinQuoted(tokens, `"`, " ", func(t string) string { return strings.ReplaceAll(t, `"`, `""`) })
}

// TSQuery returns a to_tsquery('simple', …) expression requiring every
// token: quoted lexemes (quote and backslash escaped) joined by &. Pass it
// as a bound parameter. It returns "" for no tokens.
func TSQuery(tokens []string) string {
	esc := strings.NewReplacer(`\`, `\\`, `'`, `''`)
	return joinQuoted(tokens, `'`, " & ", esc.Replace)
}

func joinQuoted(tokens []string, quote, sep string, escape func(string) string) string {
	var b strings.Builder
	for _, t := range tokens {
		if t == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(quote + escape(t) + quote)
	}
	return b.String()
}

// foldName maps each character on its own to NFKC lower case, so that
// full-width letters, compatibility ideographs and case do not matter.
// Folding per character (not the whole string) keeps a substring of a name
// a substring of the folded name, which Matches relies on.
func foldName(s string) string {
	var b strings.Builder
	var tmp [utf8.UTFMax]byte
	for _, r := range s {
		if r < utf8.RuneSelf {
			b.WriteByte(byte(unicode.ToLower(r)))
			continue
		}
		n := utf8.EncodeRune(tmp[:], r)
		for _, f := range string(norm.NFKC.Bytes(tmp[:n])) {
			b.WriteRune(unicode.ToLower(f))
		}
	}
	return b.String()
}

// isTokenRune reports whether r belongs in a token: letters and decimal
// digits only, so tokens are words to FTS5 unicode61 and to PostgreSQL's
// parser and need no escaping beyond quoting.
func isTokenRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// runs splits s into maximal runs of token characters.
func runs(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isTokenRune(r) })
}

// char is one character of a run: its byte span and the end of the bigram
// starting with it (0 for the last character).
type char struct{ start, end, pairEnd int }

func chars(run string) []char {
	var cs []char
	for i := 0; i < len(run); {
		_, n := utf8.DecodeRuneInString(run[i:])
		c := char{start: i, end: i + n}
		if c.end < len(run) {
			_, n2 := utf8.DecodeRuneInString(run[c.end:])
			c.pairEnd = c.end + n2
		}
		cs = append(cs, c)
		i += n
	}
	return cs
}
