// SPDX-License-Identifier: Apache-2.0

package psi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Client is the institution's side of list matching, over the node's
// HTTP API. The institution's codes never leave it: only H(c)^a does.
type Client struct {
	URL   string // the node's base URL, e.g. https://credit.example.cn
	Token string // a bearer access token of the institution's API client
	HTTP  *http.Client
	// Progress, when set, is told each step (for the CLI's stderr).
	Progress func(step string)
}

// Result is what a run tells the institution.
type Result struct {
	Session Session
	Matches []string // the institution's codes that are on the list, in input order
}

// FetchToken runs the OAuth client credentials grant and returns the
// access token.
func FetchToken(ctx context.Context, hc *http.Client, base, clientID, secret string) (string, error) {
	form := url.Values{"grant_type": {"client_credentials"}}
	req, err := http.NewRequestWithContext(ctx, "POST", strings.TrimSuffix(base, "/")+"/api/v1/oauth/token", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.SetBasicAuth(url.QueryEscape(clientID), url.QueryEscape(secret))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := doJSON(client(hc), req, &out); err != nil {
		return "", fmt.Errorf("psi: token: %w", err)
	}
	return out.AccessToken, nil
}

// Lists returns the lists the node serves.
func (c *Client) Lists(ctx context.Context) ([]List, error) {
	req, err := c.request(ctx, "GET", "/api/v1/psi/lists", nil, "")
	if err != nil {
		return nil, err
	}
	var out struct {
		Items []List `json:"items"`
	}
	return out.Items, doJSON(client(c.HTTP), req, &out)
}

// Match runs list matching of codes (canonical unified codes) against the
// named list. The encrypted list is fetched and raised to a while the
// node answers the blinded set.
func (c *Client) Match(ctx context.Context, list string, codes []string) (Result, error) {
	key, err := NewKey()
	if err != nil {
		return Result{}, err
	}
	c.progress(fmt.Sprintf("blinding %d codes", len(codes)))
	blinded := HashBlind(key, codes)
	body, _ := json.Marshal(map[string]int{"elements": len(codes)})
	req, err := c.request(ctx, "POST", "/api/v1/psi/lists/"+url.PathEscape(list)+"/sessions", bytes.NewReader(body), "application/json")
	if err != nil {
		return Result{}, err
	}
	var res Result
	if err := doJSON(client(c.HTTP), req, &res.Session); err != nil {
		return Result{}, fmt.Errorf("psi: open session: %w", err)
	}
	c.progress(fmt.Sprintf("session %s: list %s version %s, %d entries", res.Session.ID, list, res.Session.ListVersion, res.Session.ListSize))
	base := "/api/v1/psi/sessions/" + res.Session.ID
	type listResult struct {
		raised Elements
		err    error
	}
	lc := make(chan listResult, 1)
	go func() {
		enc, err := c.fetch(ctx, "GET", base+"/list", nil, res.Session.ListSize)
		if err != nil {
			lc <- listResult{err: fmt.Errorf("psi: fetch list: %w", err)}
			return
		}
		c.progress(fmt.Sprintf("raising %d list entries", enc.Len()))
		raised, err := Apply(key, enc)
		if err == nil {
			sortElements(raised)
		}
		lc <- listResult{raised, err}
	}()
	var buf bytes.Buffer
	buf.Grow(int(EncodedSize(blinded.Len())))
	if err := WriteElements(&buf, blinded); err != nil {
		return Result{}, err
	}
	c.progress("sending blinded set")
	evaluated, err := c.fetch(ctx, "POST", base+"/blinded", &buf, len(codes))
	lr := <-lc
	if err != nil {
		return Result{}, fmt.Errorf("psi: evaluate: %w", err)
	}
	if lr.err != nil {
		return Result{}, lr.err
	}
	if evaluated.Len() != len(codes) {
		return Result{}, fmt.Errorf("psi: the node answered %d elements for %d", evaluated.Len(), len(codes))
	}
	for i := range evaluated.Len() {
		if contains(lr.raised, evaluated.At(i)) {
			res.Matches = append(res.Matches, codes[i])
		}
	}
	return res, nil
}

// contains reports whether the sorted batch e holds x.
func contains(e Elements, x []byte) bool {
	lo, hi := 0, e.Len()
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if bytes.Compare(e.At(m), x) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < e.Len() && bytes.Equal(e.At(lo), x)
}

func (c *Client) progress(s string) {
	if c.Progress != nil {
		c.Progress(s)
	}
}

func (c *Client) request(ctx context.Context, method, path string, body io.Reader, ctype string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimSuffix(c.URL, "/")+path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	return req, nil
}

// fetch sends a request whose answer is a batch of at most max elements.
func (c *Client) fetch(ctx context.Context, method, path string, body io.Reader, max int) (Elements, error) {
	req, err := c.request(ctx, method, path, body, ContentType)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", ContentType)
	resp, err := client(c.HTTP).Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, statusError(resp)
	}
	return ReadElements(resp.Body, max)
}

func client(hc *http.Client) *http.Client {
	if hc == nil {
		return http.DefaultClient
	}
	return hc
}

func doJSON(hc *http.Client, req *http.Request, out any) error {
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return statusError(resp)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// statusError turns an error answer into an error carrying the node's
// message.
func statusError(resp *http.Response) error {
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	var e struct {
		Error struct {
			Message string `json:"message"`
		} `json:"error"`
		Desc string `json:"error_description"`
	}
	msg := strings.TrimSpace(string(b))
	if json.Unmarshal(b, &e) == nil {
		if e.Error.Message != "" {
			msg = e.Error.Message
		} else if e.Desc != "" {
			msg = e.Desc
		}
	}
	return &StatusError{Code: resp.StatusCode, Msg: msg}
}

// StatusError is an error answer of the node.
type StatusError struct {
	Code int
	Msg  string
}

func (e *StatusError) Error() string { return fmt.Sprintf("HTTP %d: %s", e.Code, e.Msg) }
