// Package store keeps minsheng's data in SQLite (embedded, the default) or
// PostgreSQL (production, several app nodes on one database), with plain SQL
// shared by both and the few dialect differences in dialect.go.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // SQLite driver "sqlite"
)

//go:embed migrations
var migrations embed.FS

// Store is the database behind minsheng. Writes go through batching writers so
// that concurrent requests share commits; reads use a pool.
type Store struct {
	d      dialect
	read   *sql.DB
	write  *sql.DB
	w      *writer
	closed sync.Once

	rstmts *readStmts
	// Clock, when set, replaces time.Now (tests, the demo loader).
	Clock func() time.Time

	changes   *changes       // wakes live pages after cases change (Subscribe)
	index     *searchIndexer // SQLite: the search index's follower (nil on PostgreSQL)
	auth      authCache      // sessions, valid while the auth epoch stands
	cacheMu   sync.Mutex
	policy    *policyCache
	orgsCache *orgCache
}

// spareProc gives a process that opens a SQLite store one Go processor
// beyond Go's default of one per core, once, unless GOMAXPROCS is set. A
// goroutine blocked in a system call keeps its processor until the
// runtime's monitor takes it back, tens of microseconds to milliseconds
// later. SQLite's I/O runs in this process: the syncer spends about a third
// of a busy intake in fsync and the writer makes many short writes, so with
// one processor per core a core stood idle while requests waited to run.
// With the spare, bench intake (64 clients, two cores) took 8-12% more
// cases a second, and 5-9% more at 4 and 16 clients. PostgreSQL does its
// I/O in its own process, and there a spare only took CPU from it. Once it
// is set, Go no longer follows changes of a container's CPU limit; setting
// GOMAXPROCS in the environment leaves the choice to the operator.
var spareProc sync.Once

func addSpareProc() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(runtime.GOMAXPROCS(0) + 1)
	}
}

// Open connects to a database named by a URL: "sqlite:PATH" (or a bare path),
// or "postgres://…". It does not migrate; call Migrate.
func Open(ctx context.Context, dbURL string) (*Store, error) {
	s := &Store{}
	var flush func() error // SQLite: makes the writer's commits durable (writer.flush)
	switch {
	case strings.HasPrefix(dbURL, "postgres://"), strings.HasPrefix(dbURL, "postgresql://"):
		db, err := sql.Open("pgx", dbURL)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		db.SetMaxOpenConns(4*runtime.GOMAXPROCS(0) + 8)
		db.SetMaxIdleConns(4*runtime.GOMAXPROCS(0) + 8)
		db.SetConnMaxIdleTime(5 * time.Minute)
		s.d, s.read, s.write = postgres{}, db, db
	default:
		path := strings.TrimPrefix(dbURL, "sqlite:")
		if path == "" {
			return nil, errors.New("open sqlite: empty path")
		}
		spareProc.Do(addSpareProc)
		w, err := sql.Open("sqlite", sqliteDSN(path, false))
		if err != nil {
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		// One connection writes; a second one serves to prepare statements
		// for it (see wtx.stmt), and a third the few writes outside the
		// writer (migrations, ANALYZE, checkpoints). With only two, a write
		// outside waiting for the writer's lock held the connection the
		// writer needed to prepare a statement, and both waited out the
		// busy timeout.
		w.SetMaxOpenConns(3)
		w.SetMaxIdleConns(3)
		w.SetConnMaxLifetime(0)
		r, err := sql.Open("sqlite", sqliteDSN(path, true))
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		n := max(4, runtime.GOMAXPROCS(0)*2)
		r.SetMaxOpenConns(n)
		r.SetMaxIdleConns(n)
		s.d, s.read, s.write = sqlite{}, r, w
		wal := path + "-wal"
		flush = func() error { return syncFile(wal) }
	}
	if err := s.Ping(ctx); err != nil {
		s.closeDBs()
		return nil, err
	}
	s.rstmts = &readStmts{db: s.read, m: map[string]*sql.Stmt{}}
	s.changes = &changes{subs: map[chan struct{}]struct{}{}}
	s.index = &searchIndexer{nudge: make(chan struct{}, 1)}
	committed := func() {
		s.changes.publish()
		s.index.wake()
	}
	if _, ok := s.d.(postgres); ok {
		// Every node, this one too, hears of a commit through NOTIFY.
		var schema string
		if err := s.read.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
			s.closeDBs()
			return nil, fmt.Errorf("current schema: %w", err)
		}
		ch := changeChannel(schema)
		s.d, committed, s.index = postgres{channel: ch}, nil, nil
		s.changes.listen = pgListener(dbURL, ch, s.changes)
	}
	s.w = newWriter(s.write, s.d.writers(), committed, flush)
	go s.maintain()
	if s.index != nil {
		go s.indexLoop()
	}
	return s, nil
}

// sqliteDSN sets SQLite up on purpose: WAL so readers never block the writer,
// a busy timeout instead of instant SQLITE_BUSY, foreign keys on, full sync so
// an acknowledged commit survives a crash, and immediate write transactions.
func sqliteDSN(path string, readonly bool) string {
	q := url.Values{}
	// Checkpoints run in the background (store.maintain); the automatic one
	// is only a backstop so the single writer rarely pays for them.
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(FULL)",
		"wal_autocheckpoint(20000)"} {
		q.Add("_pragma", p)
	}
	if readonly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
		// A large transaction (an import, the demo loader) touches many
		// index pages; with the default 2 MB cache they spill to the WAL
		// again and again before the commit.
		// Statement journals (each INSERT into a table with many indexes
		// keeps one) stay in memory rather than in a temporary file.
		q.Add("_pragma", "cache_size(-131072)")
		q.Add("_pragma", "temp_store(2)")
	}
	return "file:" + path + "?" + q.Encode()
}

// Dialect names the database kind: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.name() }

// Ping checks that the database answers; /healthz uses it.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	var one int
	if err := s.read.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("ping %s: %w", s.d.name(), err)
	}
	return nil
}

// Migrate brings the schema up to date. On PostgreSQL a session lock keeps
// several nodes starting at once from migrating twice.
func (s *Store) Migrate(ctx context.Context) error {
	p, err := s.migrator()
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate %s: %w", s.d.name(), err)
	}
	// A database with cases from before the KPI rollup gets it backfilled.
	if empty, err := s.kpiRollupEmpty(ctx); err != nil || !empty {
		return err
	}
	return s.RebuildKPIs(ctx)
}

// migrator is the goose provider of the embedded migrations for this
// database; tests also use it to stop at an older version.
func (s *Store) migrator() (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, "migrations/"+s.d.name())
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	// Branches developed side by side add migrations whose numbers land out
	// of order on a database that already took a later one; each stands
	// alone, so a missing earlier one is applied rather than refused.
	opts := []goose.ProviderOption{goose.WithAllowOutofOrder(true)}
	dia := goose.DialectSQLite3
	if s.d.name() == "postgres" {
		dia = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, fmt.Errorf("migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dia, s.write, sub, opts...)
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	return p, nil
}

// Close stops the writers after their pending batches and closes the database.
func (s *Store) Close() error {
	var err error
	s.closed.Do(func() {
		if s.w != nil {
			s.w.close()
		}
		if s.changes != nil {
			s.changes.close()
		}
		err = s.closeDBs()
	})
	return err
}

func (s *Store) closeDBs() error {
	err := s.write.Close()
	if s.read != s.write {
		if e := s.read.Close(); err == nil {
			err = e
		}
	}
	return err
}

// ms converts a time to the integer milliseconds stored in both databases.
func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// msPtr is ms for optional times (NULL when nil).
func msPtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UnixMilli()
}

// fromMS converts stored milliseconds back to a time in China Standard Time.
func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).In(CST)
}

// fromNullMS is fromMS for nullable columns.
func fromNullMS(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromMS(v.Int64)
	return &t
}

// CST is the zone every time is shown in: the hotline works on Beijing time.
var CST = time.FixedZone("CST", 8*3600)
