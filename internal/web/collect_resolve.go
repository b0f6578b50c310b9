// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/subject"
)

// resolveForm is the posted form of one quarantined row: attach it to an
// enterprise by its unified code, or discard it.
type resolveForm struct {
	Action         string // attach or discard
	USCC           string
	Provider, Item string // the queue's filters, to come back to
}

var errOnlyOperators = apperr.Forbiddenf("只有信用中心业务人员可以处理待处理行；如数据有误，请更正后重新报送 / " +
	"only credit centre operators may handle quarantined rows; if the data is wrong, correct it and deliver it again")

func parseResolveForm(w http.ResponseWriter, r *http.Request) (resolveForm, error) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return resolveForm{}, apperr.E(apperr.Invalid, "表单无法读取，请刷新页面后重试 / the form could not be read; reload the page and try again", err)
	}
	f := resolveForm{Action: r.PostForm.Get("action"), USCC: subject.Normalize(strings.TrimSpace(r.PostForm.Get("uscc"))),
		Provider: r.PostForm.Get("provider"), Item: r.PostForm.Get("item")}
	switch f.Action {
	case "discard":
		f.USCC = ""
	case "attach":
		if f.USCC == "" {
			return f, apperr.Invalidf("请填写要挂接的企业的统一社会信用代码，可先点“查找企业”查到它 / enter the unified social credit code of the enterprise to attach to; use “Find enterprise” to look it up")
		}
		if v := subject.Check(f.USCC, subject.CheckOptions{AcceptPilot: true}); !v.Valid {
			return f, apperr.Invalidf("%s 不是有效的统一社会信用代码，请核对后重试 / %s is not a valid unified social credit code; check it and try again", f.USCC, f.USCC)
		}
	default:
		return f, apperr.Invalidf("请使用“挂接”或“丢弃”按钮 / use the Attach or Discard button")
	}
	return f, nil
}

// resolveQuarantined attaches a quarantined row to an enterprise or
// discards it, then shows the queue with the outcome. A refused action
// shows the queue with what to do instead.
func (h *Handler) resolveQuarantined(w http.ResponseWriter, r *http.Request) error {
	c, err := h.collectorFor(r, false)
	if err != nil {
		return err
	}
	if !c.resolves {
		return errOnlyOperators
	}
	f, err := parseResolveForm(w, r)
	if err == nil {
		var res ingest.Quarantined
		if res, err = h.deps.Collect.ResolveQuarantined(r.Context(), r.PathValue("id"), f.USCC); err == nil {
			done := url.Values{"done": {"discarded"}, "row": {strconv.FormatInt(res.Row, 10)}}
			if res.Status == ingest.QuarantineResolved {
				done.Set("done", "attached")
				done.Set("uscc", res.ResolvedTo)
			}
			http.Redirect(w, r, quarantineURL(f.Provider, f.Item, done), http.StatusSeeOther)
			return nil
		}
	}
	status := httpx.Status(err)
	if status >= 500 || status == http.StatusNotFound {
		return err
	}
	v := h.newView(r, nil)
	p := quarantinePage{Provider: f.Provider, Item: f.Item, Problem: pickLang(apperr.Message(err), v.Lang)}
	if !c.sees(p.Provider) {
		p.Provider = ""
	}
	if !itemCodeRE.MatchString(p.Item) {
		p.Item = ""
	}
	return h.renderQuarantine(w, r, c, status, p, nil)
}
