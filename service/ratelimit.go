package service

import (
	"sync"
	"time"
)

// The default allowance of one API key: a steady 10 requests a second with
// bursts of 100, enough for a message board's sync run and little enough
// that one runaway client cannot crowd out the hotline's own staff.
const (
	DefaultKeyRate  = 10.0
	DefaultKeyBurst = 100
)

// keyLimiter is a token bucket per API key. It lives in memory on each node,
// so with N nodes behind a load balancer a key gets up to N times its rate;
// that is accepted, because the limit guards against runaway clients, not
// against abuse that a key's revocation would answer.
type keyLimiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   float64
	buckets map[int64]*bucket
}

type bucket struct {
	tokens  float64
	last    time.Time
	touched time.Time // when last_used was last written, to write it at most once a minute
}

func newKeyLimiter(rate float64, burst int) *keyLimiter {
	return &keyLimiter{rate: rate, burst: float64(burst), buckets: map[int64]*bucket{}}
}

// allow takes one token for the key, or says how long until one is there.
// touch reports whether the key's last use should be written now.
func (l *keyLimiter) allow(id int64, now time.Time) (ok bool, wait time.Duration, touch bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[id]
	if b == nil {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[id] = b
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = min(l.burst, b.tokens+el*l.rate)
	}
	b.last = now
	if b.tokens < 1 {
		if l.rate <= 0 {
			return false, time.Hour, false
		}
		return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second)), false
	}
	b.tokens--
	if now.Sub(b.touched) >= time.Minute {
		b.touched, touch = now, true
	}
	return true, 0, touch
}

// SetKeyLimit changes every API key's allowance on this node (tests, and
// servers that are told a different figure); buckets start afresh.
func (s *Service) SetKeyLimit(rate float64, burst int) {
	s.keys.mu.Lock()
	defer s.keys.mu.Unlock()
	s.keys.rate, s.keys.burst, s.keys.buckets = rate, float64(burst), map[int64]*bucket{}
}
