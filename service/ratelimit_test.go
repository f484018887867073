package service

import (
	"testing"
	"time"
)

// TestKeyLimiter checks the token bucket: a burst, then one request per
// refill, with the wait said; keys do not share a bucket; last use is
// written at most once a minute.
func TestKeyLimiter(t *testing.T) {
	l := newKeyLimiter(2, 3) // 2 a second, bursts of 3
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	touches := 0
	for i := range 3 {
		ok, _, touch := l.allow(1, now)
		if !ok {
			t.Fatalf("request %d of the burst refused", i+1)
		}
		if touch {
			touches++
		}
	}
	if touches != 1 {
		t.Errorf("last use written %d times in a burst", touches)
	}
	ok, wait, _ := l.allow(1, now)
	if ok || wait <= 0 || wait > 500*time.Millisecond {
		t.Errorf("fourth request: ok=%v wait=%v", ok, wait)
	}
	if ok, _, _ := l.allow(2, now); !ok {
		t.Error("another key shares the bucket")
	}
	if ok, _, _ := l.allow(1, now.Add(500*time.Millisecond)); !ok {
		t.Error("refused after the refill")
	}
	if _, _, touch := l.allow(1, now.Add(61*time.Second)); !touch {
		t.Error("last use not written after a minute")
	}
}
