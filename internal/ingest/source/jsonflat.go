// SPDX-License-Identifier: Apache-2.0

package source

import (
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// flatParser reads one JSON object whose values are strings, numbers,
// booleans or null, with the grammar of RFC 8259 and the results of
// encoding/json (strings unescaped, lone surrogates as U+FFFD, numbers as
// written). It exists for speed: encoding/json's token API allocates per
// token, this allocates only for strings with escapes. The fuzz test
// compares the two. The input must be valid UTF-8.
type flatParser struct {
	s   string
	i   int
	buf []byte
}

var errNested = errors.New("nested value")

// object appends the object's members to out. On errNested, key is the
// member whose value is an object or array.
func (p *flatParser) object(s string, out []pair) (_ []pair, key string, err error) {
	p.s, p.i = s, 0
	if p.ws(); !p.eat('{') {
		return out, "", errors.New("应以 { 开始 / must start with {")
	}
	if p.ws(); !p.eat('}') {
		for {
			p.ws()
			k, err := p.str()
			if err != nil {
				return out, "", err
			}
			if p.ws(); !p.eat(':') {
				return out, "", p.syntax("键之后应为 : / expected : after a key")
			}
			p.ws()
			v, err := p.value()
			if err == errNested {
				return out, k, err
			}
			if err != nil {
				return out, "", err
			}
			out = append(out, pair{k, v})
			p.ws()
			if p.eat(',') {
				continue
			}
			if p.eat('}') {
				break
			}
			return out, "", p.syntax("应为 , 或 } / expected , or }")
		}
	}
	if p.ws(); p.i != len(p.s) {
		return out, "", errors.New("对象之后还有内容 / data after the object")
	}
	return out, "", nil
}

func (p *flatParser) syntax(msg string) error {
	if p.i >= len(p.s) {
		return errors.New(msg + "（行意外结束 / unexpected end of line）")
	}
	r, _ := utf8.DecodeRuneInString(p.s[p.i:])
	return errors.New(msg + "：" + string(r))
}

func (p *flatParser) ws() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.i++
	}
}

func (p *flatParser) eat(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *flatParser) value() (string, error) {
	if p.i >= len(p.s) {
		return "", p.syntax("缺少值 / missing value")
	}
	switch c := p.s[p.i]; {
	case c == '"':
		return p.str()
	case c == '{' || c == '[':
		return "", errNested
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	for _, lit := range [...]string{"true", "false", "null"} {
		if strings.HasPrefix(p.s[p.i:], lit) {
			p.i += len(lit)
			if lit == "null" {
				return "", nil
			}
			return lit, nil
		}
	}
	return "", p.syntax("无效的值 / invalid value")
}

// number checks the JSON number grammar and returns the literal.
func (p *flatParser) number() (string, error) {
	start := p.i
	p.eat('-')
	digits := func() int {
		n := 0
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i, n = p.i+1, n+1
		}
		return n
	}
	if !p.eat('0') && digits() == 0 {
		return "", p.syntax("无效的数字 / invalid number")
	}
	if p.eat('.') && digits() == 0 {
		return "", p.syntax("无效的数字 / invalid number")
	}
	if p.eat('e') || p.eat('E') {
		if !p.eat('+') {
			p.eat('-')
		}
		if digits() == 0 {
			return "", p.syntax("无效的数字 / invalid number")
		}
	}
	return p.s[start:p.i], nil
}

// str reads a string; without escapes it is a slice of the line.
func (p *flatParser) str() (string, error) {
	if !p.eat('"') {
		return "", p.syntax("应为带引号的字符串 / expected a quoted string")
	}
	start := p.i
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == '"':
			p.i++
			return p.s[start : p.i-1], nil
		case c == '\\':
			return p.escaped(start)
		case c < 0x20:
			return "", p.syntax("字符串中有控制字符 / control character in string")
		}
		p.i++
	}
	return "", p.syntax("字符串未结束 / unterminated string")
}

// escaped finishes a string that has escapes, from its start.
func (p *flatParser) escaped(start int) (string, error) {
	b := append(p.buf[:0], p.s[start:p.i]...)
	defer func() { p.buf = b[:0] }()
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return string(b), nil
		case c < 0x20:
			return "", p.syntax("字符串中有控制字符 / control character in string")
		case c != '\\':
			b = append(b, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.s) {
			break
		}
		e := p.s[p.i+1]
		p.i += 2
		switch e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", p.syntax("无效的 \\u 转义 / invalid \\u escape")
			}
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if strings.HasPrefix(p.s[p.i:], `\u`) {
					save := p.i
					p.i += 2
					if r2, ok = p.hex4(); !ok || utf16.DecodeRune(r, r2) == utf8.RuneError {
						p.i, r2 = save, -1
					}
				}
				r = utf16.DecodeRune(r, r2) // U+FFFD for a lone surrogate
			}
			b = utf8.AppendRune(b, r)
		default:
			p.i--
			return "", p.syntax("无效的转义 / invalid escape")
		}
	}
	return "", p.syntax("字符串未结束 / unterminated string")
}

func (p *flatParser) hex4() (rune, bool) {
	if p.i+4 > len(p.s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(p.s[p.i : p.i+4]) {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	p.i += 4
	return r, true
}
