package store

import (
	"context"
	"testing"

	"minsheng/store/storetest"
)

// eachDB runs the test against a fresh SQLite file and, when reachable, a
// fresh PostgreSQL schema dropped afterwards (storetest.Each).
func eachDB(t *testing.T, fn func(t *testing.T, s *Store)) {
	storetest.Each(t, func(t *testing.T, url string) { fn(t, openTestStore(t, url)) })
}

func openTestStore(t *testing.T, url string) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, url)
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}

// freshSchema returns the URL of a fresh PostgreSQL schema.
func freshSchema(t *testing.T) (string, bool) { return storetest.Postgres(t) }
