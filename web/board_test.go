package web_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"minsheng"
	"minsheng/server"
)

// TestBrowserBoard: the supervisor's board lists the four kinds of cases
// to chase, with the same totals as the use case; a handler has no board.
func TestBrowserBoard(t *testing.T) {
	eachBrowserNode(t, func(t *testing.T, base string, ctx context.Context, m *server.Main) {
		svc, bg := backdoor(m), context.Background()
		sup := signIn(t, svc, "supervisor")
		secs, err := svc.Board(bg, sup)
		if err != nil {
			t.Fatal(err)
		}
		login(t, ctx, base, "supervisor")
		run(t, ctx, "open the board", chromedp.Click(chromedp.CSS(`#side a[href="/w/board"]`)),
			chromedp.WaitVisible(chromedp.ID("board-overdue")))
		for _, sec := range secs {
			if got := text(t, ctx, "#board-"+sec.Name+"-h .badge"); got != strconv.Itoa(sec.Total) {
				t.Errorf("%s: the board says %s, the use case %d", sec.Name, got, sec.Total)
			}
		}
		if secs[0].Total == 0 {
			t.Error("the demo leaves the supervisor no overdue case")
		}
		shoot(t, ctx, "board-1280", 1280)
		shoot(t, ctx, "board-375", 375)

		h := newClient(t, m)
		h.login("handler")
		if res, _ := h.do("GET", "/w/board", nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("a handler's board: %d, want 403", res.StatusCode)
		}
		if _, err := svc.Board(bg, signIn(t, svc, "handler")); minsheng.ErrorCode(err) != minsheng.EFORBIDDEN {
			t.Errorf("a handler's board from the use case: %v", err)
		}
	})
}
