// SPDX-License-Identifier: Apache-2.0

package web

import (
	"bytes"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// htmlDoc is a parsed page. Tests look at elements, not at strings, so
// that markup can change without breaking them while meaning cannot.
type htmlDoc struct {
	res  *http.Response
	root *html.Node
	raw  string
}

// mustGet fetches u with c, checks the status and parses the page.
func mustGet(t *testing.T, c *http.Client, u string, status int) *htmlDoc {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b := readAll(t, res)
	if res.StatusCode != status {
		t.Fatalf("GET %s: status %d, want %d\n%s", u, res.StatusCode, status, b)
	}
	return parseDoc(t, res, b)
}

func readAll(t *testing.T, res *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseDoc(t *testing.T, res *http.Response, b []byte) *htmlDoc {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	return &htmlDoc{res: res, root: root, raw: string(b)}
}

// selector is a single compound selector: tag, #id, .class and
// [attr=value] parts, e.g. `input[name=csrf_token]` or `td.mono`.
type selector struct {
	tag, id string
	classes []string
	attrs   [][2]string
}

var selPart = regexp.MustCompile(`([#.]?[A-Za-z0-9_-]+)|\[([a-z_-]+)(?:=([^\]]*))?\]`)

func parseSelector(s string) selector {
	var sel selector
	for _, m := range selPart.FindAllStringSubmatch(s, -1) {
		switch {
		case m[2] != "":
			sel.attrs = append(sel.attrs, [2]string{m[2], strings.Trim(m[3], `"'`)})
		case strings.HasPrefix(m[1], "#"):
			sel.id = m[1][1:]
		case strings.HasPrefix(m[1], "."):
			sel.classes = append(sel.classes, m[1][1:])
		default:
			sel.tag = m[1]
		}
	}
	return sel
}

func (s selector) match(n *html.Node) bool {
	if n.Type != html.ElementNode || (s.tag != "" && n.Data != s.tag) {
		return false
	}
	if s.id != "" && attr(n, "id") != s.id {
		return false
	}
	classes := strings.Fields(attr(n, "class"))
	for _, c := range s.classes {
		if !contains(classes, c) {
			return false
		}
	}
	for _, a := range s.attrs {
		v, ok := attrOK(n, a[0])
		if !ok || (a[1] != "" && v != a[1]) {
			return false
		}
	}
	return true
}

// find returns every element matching sel, in document order. Parts
// separated by spaces are descendant combinators: "form input[name=q]".
func (d *htmlDoc) find(sel string) []*html.Node {
	scopes := []*html.Node{d.root}
	for _, part := range strings.Fields(sel) {
		s := parseSelector(part)
		var out []*html.Node
		seen := map[*html.Node]bool{}
		for _, scope := range scopes {
			var walk func(*html.Node)
			walk = func(n *html.Node) {
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if s.match(c) && !seen[c] {
						seen[c] = true
						out = append(out, c)
					}
					walk(c)
				}
			}
			walk(scope)
		}
		scopes = out
	}
	return scopes
}

// one returns the single element matching sel.
func (d *htmlDoc) one(t *testing.T, sel string) *html.Node {
	t.Helper()
	ns := d.find(sel)
	if len(ns) != 1 {
		t.Fatalf("%d elements match %q, want 1", len(ns), sel)
	}
	return ns[0]
}

// text returns the whitespace-collapsed text of the single match of sel.
func (d *htmlDoc) text(t *testing.T, sel string) string {
	t.Helper()
	return textOf(d.one(t, sel))
}

// attr returns an attribute of the single match of sel.
func (d *htmlDoc) attr(t *testing.T, sel, name string) string {
	t.Helper()
	return attr(d.one(t, sel), name)
}

// texts returns the text of every match of sel.
func (d *htmlDoc) texts(sel string) []string {
	var out []string
	for _, n := range d.find(sel) {
		out = append(out, textOf(n))
	}
	return out
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func attr(n *html.Node, name string) string { v, _ := attrOK(n, name); return v }

func attrOK(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
