package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// changes tells the node's live pages that cases changed, so that open
// queues refresh by themselves. Every write transaction that appends a case
// event marks itself (db.touched). On SQLite, the only node, the writer
// publishes once the transaction commits. On PostgreSQL the transaction
// sends NOTIFY, which the database delivers at commit to every node
// listening, this one included, so two dispatchers on two app nodes see each
// other's work; a dedicated connection per node listens.
type changes struct {
	mu   sync.Mutex
	subs map[chan struct{}]struct{}

	// listen, set on PostgreSQL, runs the listener; it starts with the
	// first subscriber so that a node nobody watches holds no connection,
	// and closes ready once it first listens (or first fails to).
	listen func(ctx context.Context, ready chan<- struct{})
	start  sync.Once
	ready  chan struct{}
	stop   context.CancelFunc
	done   chan struct{}
}

// Subscribe returns a channel that receives a value after cases changed,
// and the function that ends the subscription. Changes coalesce: one value
// waits in the channel however many commits happened since it was read,
// which is all a page needs to know to refresh. The first subscription on
// PostgreSQL returns once the node listens, so no commit after it is missed.
func (s *Store) Subscribe() (<-chan struct{}, func()) {
	ch := s.changes
	ch.start.Do(func() {
		if ch.listen == nil {
			return
		}
		ctx, stop := context.WithCancel(context.Background())
		ch.stop, ch.done, ch.ready = stop, make(chan struct{}), make(chan struct{})
		go func() {
			defer close(ch.done)
			ch.listen(ctx, ch.ready)
		}()
	})
	if ch.ready != nil {
		select {
		case <-ch.ready:
		case <-time.After(5 * time.Second): // the listener keeps trying
		}
	}
	c := make(chan struct{}, 1)
	ch.mu.Lock()
	ch.subs[c] = struct{}{}
	ch.mu.Unlock()
	return c, func() {
		ch.mu.Lock()
		delete(ch.subs, c)
		ch.mu.Unlock()
	}
}

// publish wakes every subscriber without ever blocking the writer.
func (ch *changes) publish() {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	for c := range ch.subs {
		select {
		case c <- struct{}{}:
		default: // one wake-up already waits
		}
	}
}

// close stops the listener, if it runs.
func (ch *changes) close() {
	ch.start.Do(func() {}) // no listener starts after this
	if ch.stop != nil {
		ch.stop()
		<-ch.done
	}
}

// changeChannel names the schema's channel. Channel names are identifiers,
// at most 63 bytes, so a long schema name is replaced by its hash.
func changeChannel(schema string) string {
	const prefix = "minsheng_changes."
	if len(prefix)+len(schema) > 63 {
		sum := sha256.Sum256([]byte(schema))
		schema = hex.EncodeToString(sum[:12])
	}
	return prefix + schema
}

// touched marks the write transaction as one that changed a case. On
// PostgreSQL the NOTIFY is queued at the end of the batch, inside the
// transaction, so a rolled-back change notifies nobody.
func (b db) touched() {
	t := b.t
	if t == nil || t.touched {
		return
	}
	t.touched = true
	if q, ch := b.d.notify(); q != "" {
		t.atEnd(func() error {
			if _, err := t.ExecContext(context.Background(), q, ch); err != nil {
				return fmt.Errorf("notify changes: %w", err)
			}
			return nil
		})
	}
}

// pgListener listens on the schema's channel over its own connection
// (LISTEN needs one connection for as long as it listens, which a pool does
// not promise) and reconnects after a failure, logged to the default
// logger (the store has no other). After each reconnection it publishes
// once, since changes may have been missed while it was away.
func pgListener(dbURL, channel string, ch *changes) func(ctx context.Context, ready chan<- struct{}) {
	return func(ctx context.Context, ready chan<- struct{}) {
		var once sync.Once
		listening := func() { once.Do(func() { close(ready) }) }
		wait := 100 * time.Millisecond
		for again := false; ctx.Err() == nil; again = true {
			err := listenOnce(ctx, dbURL, channel, ch, again, listening)
			listening()
			if ctx.Err() != nil {
				return
			}
			slog.Warn("change listener lost its connection; reconnecting", "err", err, "in", wait)
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				return
			}
			wait = min(2*wait, 10*time.Second)
		}
	}
}

func listenOnce(ctx context.Context, dbURL, channel string, ch *changes, again bool, listening func()) error {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	listening()
	if again {
		ch.publish()
	}
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return fmt.Errorf("wait for notification: %w", err)
		}
		ch.publish()
	}
}
