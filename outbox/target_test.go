package outbox_test

import (
	"context"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"minsheng"
	"minsheng/outbox"
	"minsheng/store/storetest"
)

// TestBlockedAddresses lists what a webhook may not reach by default.
func TestBlockedAddresses(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1": true, "127.8.9.10": true, "::1": true, "10.1.2.3": true, "172.16.0.9": true, "192.168.1.1": true,
		"169.254.169.254": true, "fe80::1": true, "fd00::7": true, "0.0.0.0": true, "::": true, "100.64.0.1": true,
		"224.0.0.1": true, "::ffff:127.0.0.1": true, "::ffff:10.0.0.1": true,
		"8.8.8.8": false, "223.5.5.5": false, "2400:3200::1": false, "::ffff:8.8.8.8": false,
	} {
		if got := outbox.Blocked(netip.MustParseAddr(addr)); got != want {
			t.Errorf("Blocked(%s) = %v, want %v", addr, got, want)
		}
	}
}

// TestCheckTarget: private targets are refused under the url field when
// saved (a name resolving to loopback too), unless the server allows them.
func TestCheckTarget(t *testing.T) {
	ctx := context.Background()
	for _, u := range []string{"http://127.0.0.1:8080/hook", "https://[::1]/hook", "http://169.254.169.254/latest/meta-data",
		"http://10.0.0.5/hook", "http://localhost:9/hook"} {
		err := outbox.CheckTarget(ctx, u, false)
		if minsheng.ErrorField(err) != "url" || !strings.Contains(minsheng.ErrorMessage(err), "public addresses") {
			t.Errorf("%s: %v", u, err)
		}
		if err := outbox.CheckTarget(ctx, u, true); err != nil {
			t.Errorf("%s allowed: %v", u, err)
		}
	}
	if err := outbox.CheckTarget(ctx, "https://223.5.5.5/hook", false); err != nil {
		t.Errorf("a public address: %v", err)
	}
}

// TestDeliveryRefusesPrivateTargets: a webhook saved when private targets
// were allowed (or whose name now resolves to one) is not delivered to by
// a dispatcher that does not allow them; the receiver hears nothing and the
// attempt is recorded with the reason.
func TestDeliveryRefusesPrivateTargets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		st := openStore(t, url)
		a := agent(t, st)
		rc := newReceiver()
		srv := httptest.NewServer(rc)
		defer srv.Close()
		register(t, st, srv.URL, "message_board")
		board := answered(t, st, a, "message_board", "帖子-77")
		d := outbox.New(st, nil, nil, outbox.Config{})
		if _, err := d.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		if req, _, _, _ := rc.snapshot(); req != 0 {
			t.Fatalf("the receiver on 127.0.0.1 got %d requests", req)
		}
		ns, _ := st.CaseNotifications(ctx, board.ID)
		if len(ns) != 1 || ns[0].Status == minsheng.NotifyDelivered || !strings.Contains(ns[0].LastError, "refused") {
			t.Fatalf("notification: %+v", ns)
		}
	})
}
