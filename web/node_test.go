package web_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"minsheng/demo"
	"minsheng/server"
	"minsheng/service"
	"minsheng/store"
	"minsheng/store/storetest"
)

// node starts a minsheng node on port 0 over a fresh SQLite database with
// the demo city and two hundred cases, so every role finds work.
func node(t *testing.T) *server.Main {
	t.Helper()
	return nodeOn(t, storetest.SQLite(t), true)
}

// eachNode runs fn as a subtest on a node like node's over a fresh SQLite
// database and on one over a fresh PostgreSQL schema (storetest.Each), so a
// page's test holds on both databases the product runs on.
func eachNode(t *testing.T, fn func(t *testing.T, m *server.Main)) {
	storetest.Each(t, func(t *testing.T, db string) { fn(t, nodeOn(t, db, true)) })
}

// nodeOn starts a node on the given database, seeding the demo city and
// its cases when seed is set (the first of several nodes on one database).
func nodeOn(t *testing.T, db string, seed bool) *server.Main {
	t.Helper()
	bg := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := server.Config{Addr: "127.0.0.1:0", DB: db, Log: log, NoAssist: true}
	if seed {
		cfg.Seed = func(ctx context.Context, st *store.Store) error {
			city := demo.NewCity()
			l, err := demo.SeedCity(ctx, st, city)
			if err != nil {
				return err
			}
			return demo.LoadCases(ctx, st, city, l, 200, 1, time.Now(), nil)
		}
	}
	m, err := server.Start(bg, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close(bg) })
	return m
}

// backdoor is a second use-case layer over the node's store, for a test to
// set up or change cases behind the browser's back, as another user would.
func backdoor(m *server.Main) *service.Service {
	return service.New(m.Store, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
}
