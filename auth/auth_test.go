package auth

import (
	"testing"
	"time"

	"minsheng"
)

func TestPasswords(t *testing.T) {
	for _, tc := range []struct {
		pw   string
		code string
	}{{"short", minsheng.EINVALID}, {"minsheng-demo", ""}, {"长一点的中文密码口令", ""}} {
		h, err := HashPassword(tc.pw)
		if minsheng.ErrorCode(err) != tc.code {
			t.Fatalf("%q: %v", tc.pw, err)
		}
		if err == nil && (!CheckPassword(h, tc.pw) || CheckPassword(h, tc.pw+"x")) {
			t.Fatalf("%q does not round-trip", tc.pw)
		}
	}
	if CheckPassword("", "anything") {
		t.Fatal("empty hash matched")
	}
}

func TestThrottle(t *testing.T) {
	th := NewThrottle(3, time.Minute)
	now := time.Unix(1000, 0)
	for i := range 3 {
		if ok, _ := th.Allow("u", now); !ok {
			t.Fatalf("attempt %d refused", i)
		}
		th.Fail("u", now)
	}
	if ok, wait := th.Allow("u", now.Add(10*time.Second)); ok || wait != 50*time.Second {
		t.Fatalf("4th attempt: ok=%v wait=%v", ok, wait)
	}
	if ok, _ := th.Allow("other", now); !ok {
		t.Fatal("another key throttled")
	}
	if ok, _ := th.Allow("u", now.Add(time.Minute)); !ok {
		t.Fatal("still throttled after the window")
	}
	th.Fail("u", now)
	th.Reset("u")
	if ok, _ := th.Allow("u", now); !ok {
		t.Fatal("reset did not clear")
	}
	if NewToken() == NewToken() || len(NewToken()) != 43 {
		t.Fatal("tokens not random")
	}
}
