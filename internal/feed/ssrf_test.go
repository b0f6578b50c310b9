// SPDX-License-Identifier: Apache-2.0

package feed

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

func TestCheckURL_RefusesInternalAddresses(t *testing.T) {
	prod := Options{}
	extranet := Options{AllowNets: []netip.Prefix{netip.MustParsePrefix("10.20.0.0/16")}}
	dev := Options{AllowLoopback: true}
	for _, c := range []struct {
		o    Options
		url  string
		want string // "" = accepted, else a piece of the reason
	}{
		{prod, "https://bank.example/hook", ""},
		{prod, "https://203.0.113.7/hook", ""},
		{prod, "http://bank.example/hook", "https://"},
		{prod, "https://127.0.0.1/hook", "127.0.0.0/8"},
		{prod, "http://127.0.0.1:9000/hook", "127.0.0.0/8"},
		{prod, "https://localhost/hook", "own host"},
		{prod, "https://[::1]/hook", "::1/128"},
		{prod, "https://169.254.169.254/latest/meta-data/", "169.254.0.0/16"},
		{prod, "https://10.20.1.5/hook", "10.0.0.0/8"},
		{prod, "https://192.168.1.1/hook", "192.168.0.0/16"},
		{prod, "https://[::ffff:10.0.0.1]/hook", "10.0.0.0/8"},
		{prod, "https://0.0.0.0/hook", "0.0.0.0/8"},
		{extranet, "https://10.20.1.5/hook", ""},
		{extranet, "https://10.21.1.5/hook", "10.0.0.0/8"},
		{dev, "http://127.0.0.1:9000/hook", ""},
		{dev, "http://localhost:9000/hook", ""},
		{dev, "http://10.0.0.1/hook", "10.0.0.0/8"},
	} {
		err := c.o.checkURL(c.url)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: refused: %v", c.url, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: got %v, want a refusal naming %q", c.url, err, c.want)
		}
	}
}

// The check at connection time sees the resolved address: a name that
// resolves to an internal address is refused although the URL passed.
func TestGuardedClient_ChecksResolvedAddress(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(204) }))
	defer srv.Close()
	port := srv.URL[strings.LastIndexByte(srv.URL, ':'):]
	for _, u := range []string{srv.URL, "http://localhost" + port} {
		_, err := guardedClient(Options{}).Get(u)
		if err == nil || !strings.Contains(err.Error(), "does not post to") {
			t.Errorf("GET %s: %v, want a refusal", u, err)
		}
	}
	allowed := Options{AllowNets: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}}
	resp, err := guardedClient(allowed).Get("http://localhost" + port)
	if err != nil {
		t.Fatalf("allowed network refused: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 204 {
		t.Fatalf("status %d", resp.StatusCode)
	}
}
