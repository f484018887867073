package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"minsheng"
)

// Search answers the same whether a case is indexed yet or not, and pages
// through a store half indexed without skipping or repeating a case.
func TestSearchAcrossIndexedAndPendingCases(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		if s.index != nil {
			s.index.held.Store(true)
		}
		f := newFixture(t, s)
		var want []int64
		add := func(n int, title string) {
			for i := range n {
				c := newCase(t, s, f, title, fmt.Sprintf("幸福里小区%d号楼供暖温度只有14度", i))
				want = append(want, c.ID)
				newCase(t, s, f, "路灯不亮", fmt.Sprintf("人民路%d号路灯坏了", i))
			}
		}
		search := func(stage string) {
			t.Helper()
			var got []int64
			for after := int64(0); ; {
				page, err := s.ListCases(ctx, minsheng.CaseFilter{Query: "供暖 温度", Limit: 3, After: after})
				if err != nil {
					t.Fatalf("%s: %v", stage, err)
				}
				for _, c := range page {
					got = append(got, c.ID)
				}
				if len(page) < 3 {
					break
				}
				after = page[len(page)-1].ID
			}
			exp := slices.Clone(want)
			slices.Reverse(exp)
			if !slices.Equal(got, exp) {
				t.Errorf("%s: pages gave %v, want %v", stage, got, exp)
			}
			n, err := s.CountCases(ctx, minsheng.CaseFilter{Query: "供暖 温度"})
			if err != nil || n != len(want) {
				t.Errorf("%s: count %d (%v), want %d", stage, n, err, len(want))
			}
		}
		add(4, "供暖不热")
		search("nothing indexed")
		indexAll(t, s)
		search("all indexed")
		add(5, "暖气片不热，供暖差")
		search("half indexed")
		indexAll(t, s)
		search("indexed again")
	})
}

func indexAll(t *testing.T, s *Store) {
	t.Helper()
	for {
		n, err := s.IndexSearch(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

// TestIndexSearchSaysZeroOnlyWhenAllIsIndexed runs two indexers over the
// same unindexed cases, as a caller beside the background one does: each
// stops at its first 0, and by then every case is indexed, however often the
// other took a chunk first (SQLite; PostgreSQL indexes with the row).
func TestIndexSearchSaysZeroOnlyWhenAllIsIndexed(t *testing.T) {
	s := openTestStore(t, "sqlite:"+filepath.Join(t.TempDir(), "s.db"))
	ctx := context.Background()
	s.index.held.Store(true)
	f := newFixture(t, s)
	err := s.Bulk(ctx, func(b *Bulk) error {
		for i := range 3*indexChunk + 17 {
			c := &minsheng.Case{Channel: "phone", Title: "路灯不亮", Content: fmt.Sprintf("人民路%d号路灯坏了", i)}
			if err := b.CreateCase(c, f.agent, time.Date(2026, 11, 1, 9, 0, 0, 0, CST)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var last int64
	if err := s.read.QueryRow("SELECT MAX(id) FROM cases").Scan(&last); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			for {
				n, err := s.IndexSearch(ctx)
				if err != nil || n > 0 {
					if err != nil {
						errs <- err
						return
					}
					continue
				}
				var upto int64
				if err := s.read.QueryRow("SELECT upto FROM search_state WHERE id = 1").Scan(&upto); err != nil {
					errs <- err
					return
				}
				if upto != last {
					errs <- fmt.Errorf("an indexer stopped at %d of %d", upto, last)
					return
				}
				errs <- nil
				return
			}
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
