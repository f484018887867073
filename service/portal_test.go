package service

import (
	"context"
	"testing"

	"minsheng"
	"minsheng/store/storetest"
)

// TestSubmitPublic shows the portal's intake: no account, channel web
// whatever the form says, a mistyped form not counted against the address,
// and the eleventh request in an hour from one address refused.
func TestSubmitPublic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		svc, st := testService(t, url)
		if _, err := svc.SubmitPublic(ctx, "10.0.0.1", Intake{}); minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Fatalf("empty request: %v", err)
		}
		for i := range 10 {
			c, err := svc.SubmitPublic(ctx, "10.0.0.1", Intake{Channel: "phone", Content: "路灯不亮，晚上看不见路。"})
			if err != nil {
				t.Fatalf("request %d: %v", i+1, err)
			}
			got, err := st.Case(ctx, c.ID)
			if err != nil || got.Channel != PortalChannel || got.CreatedBy != 0 || c.TrackingCode == "" {
				t.Fatalf("request %d stored as %+v (%v)", i+1, got, err)
			}
		}
		if _, err := svc.SubmitPublic(ctx, "10.0.0.1", Intake{Content: "再来一次"}); minsheng.ErrorCode(err) != minsheng.ERATELIMIT {
			t.Fatalf("eleventh request from one address: %v", err)
		}
		if _, err := svc.SubmitPublic(ctx, "10.0.0.2", Intake{Content: "另一个地址"}); err != nil {
			t.Fatalf("another address: %v", err)
		}
	})
}
