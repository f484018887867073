package service

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"minsheng/store"
)

// testService opens and migrates a real store at url and returns the use
// cases over it, without an assistant; both close with the test.
func testService(t *testing.T, url string) (*Service, *store.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return New(st, nil, slog.New(slog.NewTextHandler(io.Discard, nil))), st
}
