package service

import (
	"context"
	"fmt"
	"testing"

	"minsheng"
	"minsheng/auth"
	"minsheng/store/storetest"
)

// TestLoginThrottlePerAccount shows that failures are also counted per
// account across addresses: many addresses, one account, soon refused —
// and the right password is refused too while the account is throttled.
func TestLoginThrottlePerAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		svc, st := testService(t, url)
		org := &minsheng.Org{Name: "热线办", Kind: minsheng.OrgHotline}
		if err := st.CreateOrg(ctx, org); err != nil {
			t.Fatal(err)
		}
		hash, _ := auth.HashPassword("right-password")
		if err := st.CreateUser(ctx, &minsheng.User{Username: "agent", Role: minsheng.RoleAgent, OrgID: org.ID, PasswordHash: hash}); err != nil {
			t.Fatal(err)
		}
		var codes []string
		for i := range 22 {
			_, err := svc.Login(ctx, fmt.Sprintf("10.0.%d.1", i), "agent", "wrong-password")
			codes = append(codes, minsheng.ErrorCode(err))
		}
		for i, c := range codes {
			want := minsheng.EUNAUTHORIZED
			if i >= 20 {
				want = minsheng.ERATELIMIT
			}
			if c != want {
				t.Fatalf("attempt %d from a new address: %s, want %s (%v)", i+1, c, want, codes)
			}
		}
		if _, err := svc.Login(ctx, "10.9.9.9", "agent", "right-password"); minsheng.ErrorCode(err) != minsheng.ERATELIMIT {
			t.Fatalf("right password during the lock: %v", err)
		}
	})
}
