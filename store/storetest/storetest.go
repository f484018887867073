// Package storetest gives tests real databases: a fresh SQLite file, or a
// fresh PostgreSQL schema dropped afterwards. Every suite that touches storage
// (the store's own, the server's) runs against both through it.
package storetest

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
)

// PGBase is the PostgreSQL server the suites also run against:
// MINSHENG_TEST_PG, or the local server of the development machines and CI.
func PGBase() string {
	if u := os.Getenv("MINSHENG_TEST_PG"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// SQLite returns the URL of a new SQLite file in the test's temp dir.
func SQLite(t testing.TB) string {
	return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
}

// Postgres creates an empty schema and returns a URL whose search_path
// points at it. When PostgreSQL is unreachable the test is skipped, except
// under CI=true, where it fails.
func Postgres(t testing.TB) (string, bool) {
	t.Helper()
	base := PGBase()
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
	name := strings.ToLower(t.Name())
	schema := fmt.Sprintf("t_%s_%d", name[:min(20, len(name))], rand.Int64N(1e12))
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

// Each runs fn as a subtest on a fresh SQLite database and on a fresh
// PostgreSQL schema, passing the database URL.
func Each(t *testing.T, fn func(t *testing.T, url string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) {
		if url, ok := Postgres(t); ok {
			fn(t, url)
		}
	})
}
