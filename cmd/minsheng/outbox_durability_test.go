package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"minsheng/outbox"
	"minsheng/store/storetest"
)

// boardReceiver is a message board's webhook endpoint that verifies each
// delivery, acts on a delivery id once, and can be told to act and then
// hang without answering, as if its answer were lost.
type boardReceiver struct {
	mu       sync.Mutex
	secret   string
	hang     bool
	requests map[string]int // delivery id → requests
	acted    map[string]int // delivery id → times acted on
	refs     map[string]string
	got      chan string
}

func (b *boardReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	b.mu.Lock()
	if err := outbox.Verify(b.secret, r.Header, body, time.Now()); err != nil {
		b.mu.Unlock()
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	id := r.Header.Get(outbox.HeaderDelivery)
	b.requests[id]++
	if b.acted[id] == 0 {
		var m struct {
			Case struct {
				ChannelRef string `json:"channel_ref"`
			}
		}
		json.Unmarshal(body, &m)
		b.refs[id] = m.Case.ChannelRef
	}
	b.acted[id] = 1
	hang := b.hang
	b.mu.Unlock()
	b.got <- id
	if hang {
		<-r.Context().Done() // the sender dies before hearing the answer
		return
	}
}

func (b *boardReceiver) count(ref string) (requests, acted int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for id, r := range b.refs {
		if r == ref {
			requests += b.requests[id]
			acted += b.acted[id]
		}
	}
	return
}

// TestOutboxSurvivesKill kills the real server (SIGKILL) twice: once after
// a reply was queued and before anything was sent, once while a delivery
// was in flight (the receiver acted but its answer never came back). After
// each restart the notification is sent again from the database, with the
// same delivery id, so the receiver acts on each exactly once.
func TestOutboxSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "minsheng")
	if out, err := execBuild(bin); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	t.Run("sqlite", func(t *testing.T) { killDuringOutbox(t, bin, "sqlite:"+filepath.Join(dir, "outbox.db")) })
	t.Run("postgres", func(t *testing.T) {
		if db, ok := storetest.Postgres(t); ok {
			killDuringOutbox(t, bin, db)
		}
	})
}

func killDuringOutbox(t *testing.T, bin, db string) {
	rc := &boardReceiver{requests: map[string]int{}, acted: map[string]int{}, refs: map[string]string{}, got: make(chan string, 16)}
	recv := httptest.NewServer(rc)
	defer recv.Close()
	addr := freeAddr(t)
	base := "http://" + addr

	// Run 1: the outbox looks only once an hour, so the reply is queued and
	// not sent when the server dies.
	srv := startServer(t, bin, addr, db, "--demo", "--demo-cases", "0", "--outbox-poll", "1h", "--webhook-private")
	admin := loginAs(t, base, "admin")
	_, hook := postJSON(t, base+"/api/v1/admin/webhooks", admin, map[string]any{"name": "市长留言板", "url": recv.URL,
		"channels": []string{"message_board"}})
	rc.mu.Lock()
	rc.secret, _ = hook["secret"].(string)
	rc.mu.Unlock()
	agent := loginAs(t, base, "agent")
	answerBoardCase(t, base, agent, "帖子-A")
	srv.Process.Signal(syscall.SIGKILL)
	srv.Wait()
	if n, _ := rc.count("帖子-A"); n != 0 {
		t.Fatalf("sent before the kill: %d", n)
	}

	// Run 2: sent after the restart, once. Then a second reply is in flight
	// when the server dies again.
	srv = startServer(t, bin, addr, db, "--outbox-poll", "50ms", "--outbox-lease", "2s", "--webhook-private")
	waitDelivery(t, rc)
	if req, acted := rc.count("帖子-A"); req != 1 || acted != 1 {
		t.Fatalf("after restart: %d requests, acted %d times; want 1 and 1", req, acted)
	}
	rc.mu.Lock()
	rc.hang = true
	rc.mu.Unlock()
	agent = loginAs(t, base, "agent")
	answerBoardCase(t, base, agent, "帖子-B")
	waitDelivery(t, rc)
	srv.Process.Signal(syscall.SIGKILL)
	srv.Wait()
	rc.mu.Lock()
	rc.hang = false
	rc.mu.Unlock()

	// Run 3: the dead node's lease lapses and B is sent again with the
	// same delivery id; the receiver drops the repeat.
	startServer(t, bin, addr, db, "--outbox-poll", "50ms", "--outbox-lease", "2s", "--webhook-private")
	waitDelivery(t, rc)
	reqB, actedB := rc.count("帖子-B")
	reqA, actedA := rc.count("帖子-A")
	if reqB != 2 || actedB != 1 || reqA != 1 || actedA != 1 {
		t.Fatalf("B: %d requests, acted %d; A: %d requests, acted %d", reqB, actedB, reqA, actedA)
	}
	admin = loginAs(t, base, "admin")
	var list struct{ Items []struct{ Status string } }
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		getJSON(t, base+"/api/v1/admin/outbox?status=delivered", admin, &list)
		if len(list.Items) == 2 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if len(list.Items) != 2 {
		t.Fatalf("delivered after restarts: %+v", list)
	}
	t.Logf("queued then killed: sent once after restart; killed in flight: resent once with the same delivery id (2 requests, acted once)")
}

func answerBoardCase(t *testing.T, base, token, ref string) {
	t.Helper()
	st, c := postJSON(t, base+"/api/v1/cases", token, map[string]any{"channel": "message_board", "channel_ref": ref,
		"content": "小区门口共享单车乱停乱放，堵住了盲道"})
	if st != 201 {
		t.Fatalf("create: %d %v", st, c)
	}
	if st, out := postJSON(t, fmt.Sprintf("%s/api/v1/cases/%v/answer", base, c["id"]), token,
		map[string]any{"content": "已通知运营企业清理并加强巡查。"}); st != 200 {
		t.Fatalf("answer: %d %v", st, out)
	}
}

func waitDelivery(t *testing.T, rc *boardReceiver) {
	t.Helper()
	select {
	case <-rc.got:
	case <-time.After(20 * time.Second):
		t.Fatal("no delivery within 20 s")
	}
}

func postJSON(t *testing.T, url, token string, body any) (int, map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", url, bytes.NewReader(raw))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}
