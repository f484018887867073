package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pgURL is the PostgreSQL server the suite also runs against.
func pgURL() string {
	if u := os.Getenv("MINSHENG_TEST_PG"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// eachDB runs the test against a fresh SQLite file and, when reachable, a
// fresh PostgreSQL schema dropped afterwards. Under CI=true an unreachable
// PostgreSQL fails the test instead of skipping it.
func eachDB(t *testing.T, fn func(t *testing.T, s *Store)) {
	t.Run("sqlite", func(t *testing.T) {
		s := openTestStore(t, "sqlite:"+filepath.Join(t.TempDir(), "test.db"))
		fn(t, s)
	})
	t.Run("postgres", func(t *testing.T) {
		url, ok := freshSchema(t)
		if !ok {
			return
		}
		fn(t, openTestStore(t, url))
	})
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

// freshSchema creates an empty schema and returns a URL whose search_path
// points at it.
func freshSchema(t *testing.T) (string, bool) {
	t.Helper()
	base := pgURL()
	admin, err := sql.Open("pgx", base)
	if err == nil {
		err = admin.Ping()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at %s is required under CI: %v", base, err)
		}
		t.Skipf("PostgreSQL not reachable at %s, skipping: %v", base, err)
		return "", false
	}
	schema := fmt.Sprintf("t_%s_%d", strings.ToLower(strings.NewReplacer("/", "_", "-", "_").Replace(t.Name()))[:min(20, len(t.Name()))], rand.Int64N(1e12))
	schema = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		return '_'
	}, schema)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema, true
}
