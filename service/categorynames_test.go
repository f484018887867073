package service

import (
	"context"
	"testing"

	"minsheng"
	"minsheng/store/storetest"
)

// TestCategoryNamesFollowChanges: the queue and case pages name categories
// from the store's cache, so a category added or renamed on this node must
// show at once, on both databases.
func TestCategoryNamesFollowChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		svc, st := testService(t, url)
		city := newOversightCity(t, st)
		cat := minsheng.Category{Code: "070100", Name: "违章搭建", Level: 1}
		if err := st.SaveCategory(ctx, &cat); err != nil {
			t.Fatal(err)
		}
		names, err := svc.CategoryNames(ctx, city.dispatcher)
		if err != nil || names[cat.ID] != "违章搭建" {
			t.Fatalf("new category: %q (%v)", names[cat.ID], err)
		}
		cat.Name = "违法建设（违章搭建）"
		if err := st.SaveCategory(ctx, &cat); err != nil {
			t.Fatal(err)
		}
		if names, err = svc.CategoryNames(ctx, city.dispatcher); err != nil || names[cat.ID] != "违法建设（违章搭建）" {
			t.Errorf("renamed category: %q (%v)", names[cat.ID], err)
		}
	})
}
