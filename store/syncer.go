package store

import (
	"fmt"
	"os"
	"sync"
)

// syncer acknowledges committed jobs once a flush that began after their
// commit succeeded: a group commit whose disk wait runs beside the writer.
type syncer struct {
	flush   func() error
	mu      sync.Mutex
	pending []*job
	wake    chan struct{}
	done    chan struct{}
}

func newSyncer(flush func() error) *syncer {
	s := &syncer{flush: flush, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go s.loop()
	return s
}

// add queues committed jobs for the next flush.
func (s *syncer) add(jobs []*job) {
	s.mu.Lock()
	s.pending = append(s.pending, jobs...)
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *syncer) loop() {
	defer close(s.done)
	for range s.wake {
		s.mu.Lock()
		jobs := s.pending
		s.pending = nil
		s.mu.Unlock()
		if len(jobs) == 0 {
			continue
		}
		err := s.flush()
		if err != nil {
			// The rows are committed but may not survive a power cut: the
			// request fails rather than promise what the disk did not keep.
			err = fmt.Errorf("make the commit durable: %w", err)
		}
		for _, j := range jobs {
			j.done <- err
		}
	}
}

// close answers what is still queued and stops; the writer's lanes have
// stopped, so nothing is added any more.
func (s *syncer) close() {
	s.add(nil)
	close(s.wake)
	<-s.done
}

// syncFile flushes a file's written data to the disk. It opens the file anew
// each time, so it follows SQLite if the log is ever replaced.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
