package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestKillDuringIntake builds the real binary, kills the server with SIGKILL
// in the middle of concurrent intake, restarts it and checks that every case
// that got a 201 is there, complete, and that no half-written case exists.
func TestKillDuringIntake(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "minsheng")
	if out, err := execBuild(bin); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	db := "sqlite:" + filepath.Join(dir, "kill.db")
	addr := freeAddr(t)
	srv := startServer(t, bin, addr, db, "--demo", "--demo-cases", "0")
	base := "http://" + addr
	token := loginAs(t, base, "agent")

	type acked struct{ id, content string }
	var mu sync.Mutex
	var got []acked
	stop := make(chan struct{})
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 5 * time.Second}
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				content := fmt.Sprintf("人民路%d号门口路灯坏了三天，晚上很黑（客户端%d）", i, w)
				body, _ := json.Marshal(map[string]any{"channel": "phone", "content": content,
					"citizen": map[string]string{"name": "王五", "phone": fmt.Sprintf("1380000%04d", i%10000)}})
				req, _ := http.NewRequest("POST", base+"/api/v1/cases", bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := client.Do(req)
				if err != nil {
					return // the server is gone
				}
				var out struct{ ID int64 }
				json.NewDecoder(resp.Body).Decode(&out)
				resp.Body.Close()
				if resp.StatusCode == http.StatusCreated {
					mu.Lock()
					got = append(got, acked{fmt.Sprint(out.ID), content})
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(1500 * time.Millisecond)
	srv.Process.Signal(syscall.SIGKILL)
	srv.Wait()
	close(stop)
	wg.Wait()
	if len(got) < 50 {
		t.Fatalf("only %d cases acknowledged before the kill", len(got))
	}

	startServer(t, bin, addr, db)
	token = loginAs(t, base, "dispatcher")
	for _, a := range got {
		var c struct {
			Content  string
			Timeline []struct{ Action string }
		}
		if code := getJSON(t, base+"/api/v1/cases/"+a.id, token, &c); code != 200 {
			t.Fatalf("acknowledged case %s answers %d after restart", a.id, code)
		}
		if c.Content != a.content || len(c.Timeline) != 1 || c.Timeline[0].Action != "create" {
			t.Fatalf("case %s is incomplete after restart: %+v", a.id, c)
		}
	}
	var list struct{ Items []struct{ ID int64 } }
	getJSON(t, base+"/api/v1/cases?limit=200", token, &list)
	for _, it := range list.Items {
		var c struct{ Timeline []any }
		if getJSON(t, fmt.Sprintf("%s/api/v1/cases/%d", base, it.ID), token, &c); len(c.Timeline) == 0 {
			t.Fatalf("case %d has no intake event: half-written", it.ID)
		}
	}
	t.Logf("%d cases acknowledged before SIGKILL, all present after restart", len(got))
}

// execBuild builds the command into bin.
func execBuild(bin string) ([]byte, error) {
	return exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func startServer(t *testing.T, bin, addr, db string, extra ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", addr, "--db", db}, extra...)...)
	cmd.Stderr = os.Stderr
	if !testing.Verbose() {
		cmd.Stderr = nil
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return cmd
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("server not healthy after 60 s")
	return nil
}

func loginAs(t *testing.T, base, user string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"username": user, "password": "minsheng-demo"})
	resp, err := http.Post(base+"/api/v1/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&out)
	if out.Token == "" {
		t.Fatalf("login %s: %s", user, resp.Status)
	}
	return out.Token
}

func getJSON(t *testing.T, url, token string, v any) int {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	json.NewDecoder(resp.Body).Decode(v)
	return resp.StatusCode
}
