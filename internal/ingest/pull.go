// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
)

// PullPage is what a provider's endpoint answers for
// GET {pull_url}?item=CODE&cursor=C&limit=N (接口调用): a page of rows and
// the cursor of the next page. An empty next_cursor with has_more false
// means the provider has nothing newer.
type PullPage struct {
	Rows       []map[string]any `json:"rows"`
	NextCursor string           `json:"next_cursor"`
	HasMore    bool             `json:"has_more"`
}

// Puller polls providers' endpoints. Each page becomes a batch whose key is
// the cursor it was asked for, so a page pulled again after a crash is the
// same batch and changes nothing.
type Puller struct {
	svc      *Service
	client   *http.Client
	PageSize int
	// Backoff is the wait before the first retry; it doubles each time.
	Backoff  time.Duration
	Attempts int
}

// NewPuller returns a Puller with a 30-second HTTP timeout.
func (s *Service) NewPuller(client *http.Client) *Puller {
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	return &Puller{svc: s, client: client, PageSize: 1000, Backoff: time.Second, Attempts: 4}
}

// PullItem pulls every page the provider has for one item after the last
// cursor collected, and returns the batches made.
func (p *Puller) PullItem(ctx context.Context, provider, item string) ([]Batch, error) {
	prov, err := p.svc.store.FindProvider(ctx, provider)
	if err != nil {
		return nil, err
	}
	if prov.PullURL == "" {
		return nil, apperr.Invalidf("数据提供单位 %s 未配置接口地址 / provider %s has no pull URL", provider, provider)
	}
	cursor, err := p.svc.store.LastPullCursor(ctx, provider, item)
	if err != nil {
		return nil, err
	}
	var out []Batch
	for page := 0; page < 10_000; page++ {
		pg, raw, err := p.fetch(ctx, prov.PullURL, item, cursor)
		if err != nil {
			return out, err
		}
		if len(pg.Rows) == 0 {
			return out, nil
		}
		rows, err := RowsFromJSON(pg.Rows)
		if err != nil {
			return out, apperr.E(apperr.Invalid, fmt.Sprintf("数据提供单位 %s 的接口返回了无效的行 / provider %s answered with invalid rows", provider, provider), err)
		}
		b, err := p.svc.pushRows(ctx, PushInput{Provider: provider, Item: item, Rows: rows},
			ChannelPull, "pull:"+cursor, raw, pg.NextCursor)
		if err != nil {
			return out, err
		}
		out = append(out, b)
		if !pg.HasMore || pg.NextCursor == "" || pg.NextCursor == cursor {
			return out, nil
		}
		cursor = pg.NextCursor
	}
	return out, nil
}

// fetch gets one page, retrying network errors, 429 and 5xx with backoff.
func (p *Puller) fetch(ctx context.Context, base, item, cursor string) (PullPage, []byte, error) {
	u, err := url.Parse(base)
	if err != nil {
		return PullPage{}, nil, apperr.Invalidf("pull_url %q: %v", base, err)
	}
	q := u.Query()
	q.Set("item", item)
	q.Set("cursor", cursor)
	q.Set("limit", strconv.Itoa(p.PageSize))
	u.RawQuery = q.Encode()
	wait := p.Backoff
	var last error
	for attempt := 0; attempt < max(1, p.Attempts); attempt++ {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return PullPage{}, nil, ctx.Err()
			case <-time.After(wait):
			}
			wait *= 2
		}
		pg, raw, retry, err := p.get(ctx, u.String())
		if err == nil {
			return pg, raw, nil
		}
		last = err
		if !retry {
			break
		}
	}
	return PullPage{}, nil, apperr.E(apperr.Unavailable, fmt.Sprintf("拉取失败 / pull from %s failed", u.Host), last)
}

func (p *Puller) get(ctx context.Context, u string) (pg PullPage, raw []byte, retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return pg, nil, false, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := p.client.Do(req)
	if err != nil {
		return pg, nil, true, err
	}
	defer resp.Body.Close()
	raw, err = io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return pg, nil, true, err
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return pg, nil, true, fmt.Errorf("status %d", resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		return pg, nil, false, fmt.Errorf("status %d", resp.StatusCode)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // keep the digits as sent: 1.10 stays 1.10
	if err := dec.Decode(&pg); err != nil {
		return pg, nil, false, fmt.Errorf("answer is not a page of rows: %w", err)
	}
	return pg, raw, false, nil
}
