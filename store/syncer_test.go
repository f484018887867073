package store

import (
	"errors"
	"testing"
	"time"
)

// A committed job hears back only after a flush that began after its
// commit, and hears of a failed flush.
func TestSyncerAnswersAfterTheFlush(t *testing.T) {
	started, release := make(chan struct{}, 8), make(chan error)
	s := newSyncer(func() error {
		started <- struct{}{}
		return <-release
	})
	defer s.close()
	mk := func() *job { return &job{done: make(chan error, 1)} }
	first := mk()
	s.add([]*job{first})
	<-started // the flush for first is running
	second, third := mk(), mk()
	s.add([]*job{second, third}) // committed while that flush runs: it does not cover them
	release <- nil
	if err := <-first.done; err != nil {
		t.Fatal(err)
	}
	select {
	case <-second.done:
		t.Fatal("a job was answered by a flush that began before its commit")
	case <-started: // the next flush, for second and third
	case <-time.After(5 * time.Second):
		t.Fatal("no flush for the jobs committed meanwhile")
	}
	boom := errors.New("disk gone")
	release <- boom
	for _, j := range []*job{second, third} {
		if err := <-j.done; !errors.Is(err, boom) {
			t.Errorf("got %v, want the flush's error", err)
		}
	}
}
