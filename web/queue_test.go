package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"minsheng"
	"minsheng/server"
	"minsheng/service"
)

// TestQueuePageTotalIsBadge: a queue page shows its badge's count as the
// queue's total instead of counting again, so the heading must still say
// what the use case counts for the list, queue by queue, on both databases.
func TestQueuePageTotalIsBadge(t *testing.T) {
	eachNode(t, func(t *testing.T, m *server.Main) {
		dispatchedToHousing(t, m) // the handler has a case to sign
		svc, ctx := backdoor(m), context.Background()
		h := signIn(t, svc, "handler")
		c := newClient(t, m)
		c.login("handler")
		nonZero := false
		for _, q := range minsheng.QueuesFor(h.Role) {
			p, err := svc.Queue(ctx, h, q, service.QueuePage{})
			if err != nil {
				t.Fatal(err)
			}
			res, body := c.do("GET", "/w/queues/"+string(q), nil)
			if want := fmt.Sprintf("共 %d 件", *p.Total); res.StatusCode != 200 || !strings.Contains(body, want) {
				t.Errorf("queue %s: %d, heading lacks %q", q, res.StatusCode, want)
			}
			nonZero = nonZero || *p.Total > 0
		}
		if !nonZero {
			t.Error("every queue of the handler is empty: the test shows nothing")
		}
	})
}
