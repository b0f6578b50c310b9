// SPDX-License-Identifier: Apache-2.0

package catalog_test

import (
	"context"
	"testing"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

func TestService_Versions(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t)
	base, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	svc, err := catalog.NewService(ctx, s, base)
	if err != nil {
		t.Fatal(err)
	}
	c, v, err := svc.Current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := v, 1; got != want {
		t.Fatalf("version=%d, want %d", got, want)
	}
	if got, want := c.Hash, base.Hash; got != want {
		t.Fatalf("hash=%s, want %s", got, want)
	}
	if _, err := c.Item("PEN.XZCF"); err != nil {
		t.Fatal(err)
	}

	t.Run("RestartSameCatalog", func(t *testing.T) {
		svc2, err := catalog.NewService(ctx, s, base)
		if err != nil {
			t.Fatal(err)
		}
		if _, v, _ := svc2.Current(ctx); v != 1 {
			t.Fatalf("restart made version %d, want 1", v)
		}
	})

	item := catalog.Item{}
	pen, _ := c.Item("PEN.XZCF")
	item = pen
	item.Code, item.Name, item.NameEN = "PEN.LOCAL", "地方行政处罚补充", "local penalties"
	t.Run("AddItem", func(t *testing.T) {
		c2, v, err := svc.AddItem(ctx, item)
		if err != nil {
			t.Fatal(err)
		}
		if v != 2 {
			t.Fatalf("version=%d, want 2", v)
		}
		if _, err := c2.Item("PEN.LOCAL"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		if _, _, err := svc.AddItem(ctx, item); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("err=%v, want Conflict", err)
		}
		if _, v, _ := svc.Current(ctx); v != 2 {
			t.Fatalf("failed add changed version to %d", v)
		}
	})
	t.Run("AddSupplement", func(t *testing.T) {
		sup, err := catalog.LoadFile("testdata/supplement_qinghai.json")
		if err != nil {
			t.Fatal(err)
		}
		c3, v, err := svc.AddSupplement(ctx, sup)
		if err != nil {
			t.Fatal(err)
		}
		if v != 3 || len(c3.Items) <= len(base.Items)+1 {
			t.Fatalf("version=%d items=%d", v, len(c3.Items))
		}
	})
	t.Run("RestartReappliesLayers", func(t *testing.T) {
		svc3, err := catalog.NewService(ctx, s, base)
		if err != nil {
			t.Fatal(err)
		}
		c, v, err := svc3.Current(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v != 3 {
			t.Fatalf("restart: version %d, want 3", v)
		}
		if _, err := c.Item("PEN.LOCAL"); err != nil {
			t.Fatalf("operator item lost on restart: %v", err)
		}
		old, err := svc3.Version(ctx, 1)
		if err != nil || old.Hash != base.Hash {
			t.Fatalf("version 1: %v", err)
		}
		vs, err := svc3.Versions(ctx)
		if err != nil || len(vs) != 3 || vs[0].Version != 3 {
			t.Fatalf("Versions=%+v, %v", vs, err)
		}
	})
}
