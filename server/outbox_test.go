package server

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"minsheng/outbox"
	"minsheng/store/storetest"
)

// hookReceiver is a receiving system: it verifies each delivery with the
// secret it was given and counts deliveries by id.
type hookReceiver struct {
	mu     sync.Mutex
	secret string
	seen   map[string]int
	bad    int
	bodies [][]byte
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := outbox.Verify(h.secret, r.Header, body, time.Now()); err != nil {
		h.bad++
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	h.seen[r.Header.Get(outbox.HeaderDelivery)]++
	h.bodies = append(h.bodies, body)
}

func (h *hookReceiver) count() (deliveries, bad int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, n := range h.seen {
		deliveries += n
	}
	return deliveries, h.bad
}

// TestOutboxOverHTTP registers a message board as an admin, answers one of
// its cases and sees one signed delivery arrive, listed as delivered.
func TestOutboxOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, _ := testNode(t, db)
		admin, agent, disp := login(t, m.URL(), "admin"), login(t, m.URL(), "agent"), login(t, m.URL(), "dispatcher")
		rc := &hookReceiver{seen: map[string]int{}}
		srv := httptest.NewServer(rc)
		defer srv.Close()

		hook := map[string]any{"name": "市长留言板", "url": srv.URL + "/minsheng", "channels": []string{"message_board"}}
		if st, _ := disp.call("POST", "/api/v1/admin/webhooks", hook); st != 403 {
			t.Fatalf("dispatcher registers a webhook: %d", st)
		}
		if st, out := admin.call("POST", "/api/v1/admin/webhooks", map[string]any{"name": "x", "url": "javascript:alert(1)",
			"channels": []string{"message_board"}}); st != 400 || fieldOf(out) != "url" {
			t.Fatalf("bad url: %d %v", st, out)
		}
		if st, out := admin.call("POST", "/api/v1/admin/webhooks", map[string]any{"name": "x", "url": srv.URL,
			"channels": []string{"pigeon"}}); st != 400 || fieldOf(out) != "channels" {
			t.Fatalf("bad channel: %d %v", st, out)
		}
		st, out := admin.call("POST", "/api/v1/admin/webhooks", hook)
		secret, _ := out["secret"].(string)
		if st != 201 || len(secret) < 16 {
			t.Fatalf("register: %d %v", st, out)
		}
		rc.mu.Lock()
		rc.secret = secret
		rc.mu.Unlock()
		if st, out := admin.call("GET", "/api/v1/admin/webhooks", nil); st != 200 || bytes.Contains(mustJSON(out), []byte(secret)) {
			t.Fatalf("list shows the secret or fails: %d", st)
		}

		_, c := agent.call("POST", "/api/v1/cases", map[string]any{"channel": "message_board", "channel_ref": "帖子-42",
			"content": "小区门口的共享单车堆成山，出行困难", "citizen": map[string]any{"name": "网友甲"}})
		id := fmt.Sprint(c["id"])
		if st, out := agent.call("POST", "/api/v1/cases/"+id+"/answer", map[string]any{"content": "已联系运营企业当日清理。"}); st != 200 {
			t.Fatalf("answer: %d %v", st, out)
		}
		deadline := time.Now().Add(10 * time.Second)
		for n, _ := rc.count(); n == 0 && time.Now().Before(deadline); n, _ = rc.count() {
			time.Sleep(50 * time.Millisecond)
		}
		if n, bad := rc.count(); n != 1 || bad != 0 {
			t.Fatalf("%d deliveries, %d badly signed", n, bad)
		}
		if !bytes.Contains(rc.bodies[0], []byte("帖子-42")) || !bytes.Contains(rc.bodies[0], []byte("已联系运营企业当日清理。")) {
			t.Fatalf("body: %s", rc.bodies[0])
		}
		var list struct {
			Items []struct {
				ID     int64
				CaseID int64 `json:"case_id"`
				Status string
			}
		}
		for time.Now().Before(deadline) {
			admin.decode("GET", "/api/v1/admin/outbox?status=delivered", &list)
			if len(list.Items) == 1 {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if len(list.Items) != 1 || fmt.Sprint(list.Items[0].CaseID) != id {
			t.Fatalf("delivered list: %+v", list)
		}
		if st, _ := admin.call("POST", fmt.Sprintf("/api/v1/admin/outbox/%d/retry", list.Items[0].ID), nil); st != 409 {
			t.Fatalf("retry of a delivered notification: %d", st)
		}
		if st, _ := admin.call("POST", "/api/v1/admin/outbox/999999/retry", nil); st != 404 {
			t.Fatalf("retry of an unknown notification: %d", st)
		}
		if st, out := admin.call("GET", "/api/v1/admin/outbox?status=lost", nil); st != 400 || fieldOf(out) != "status" {
			t.Fatalf("bad status: %d %v", st, out)
		}
		if st, _ := agent.call("GET", "/api/v1/admin/outbox", nil); st != 403 {
			t.Fatalf("agent reads the outbox: %d", st)
		}

		// A disabled webhook is queued nothing new.
		hookID := fmt.Sprint(out["id"])
		if st, out := admin.call("PATCH", "/api/v1/admin/webhooks/"+hookID, map[string]any{"disabled": true}); st != 200 || out["disabled"] != true {
			t.Fatalf("disable: %d %v", st, out)
		}
		if st, _ := admin.call("PATCH", "/api/v1/admin/webhooks/99999", map[string]any{"disabled": true}); st != 404 {
			t.Fatalf("disable an unknown webhook: %d", st)
		}
		if st, out := admin.call("PATCH", "/api/v1/admin/webhooks/"+hookID, map[string]any{}); st != 400 || fieldOf(out) != "disabled" {
			t.Fatalf("empty patch: %d %v", st, out)
		}
		_, c2 := agent.call("POST", "/api/v1/cases", map[string]any{"channel": "message_board", "channel_ref": "帖子-43",
			"content": "路边违停严重"})
		agent.call("POST", fmt.Sprint("/api/v1/cases/", c2["id"], "/answer"), map[string]any{"content": "已转告交警部门。"})
		var pending struct{ Items []any }
		admin.decode("GET", "/api/v1/admin/outbox?status=pending", &pending)
		if len(pending.Items) != 0 {
			t.Fatalf("a disabled webhook was queued %d notifications", len(pending.Items))
		}
	})
}

func fieldOf(out map[string]any) string {
	e, _ := out["error"].(map[string]any)
	f, _ := e["field"].(string)
	return f
}

// pngBytes is a small real PNG.
func pngBytes(t *testing.T) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestFieldReportOverHTTP: a field worker records a request with a photo,
// solved on the spot, which closes it; the photo is served to those who may
// read the case only; a script posing as a photo leaves no case behind; a
// department records one for another department but cannot close it.
func TestFieldReportOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, _ := testNode(t, db)
		fw, h, h2, disp := login(t, m.URL(), "field_worker"), login(t, m.URL(), "handler"), login(t, m.URL(), "handler2"), login(t, m.URL(), "dispatcher")
		img := pngBytes(t)
		report := map[string]any{"content": "幸福里小区5号楼前路灯不亮，老人夜里出门不便", "address": "幸福里小区5号楼",
			"citizen": map[string]any{"name": "王大爷", "phone": "13912340000"}, "solved_on_spot": true,
			"result": "已联系物业当场更换灯泡，路灯恢复。", "photos": []string{base64.StdEncoding.EncodeToString(img)}}
		st, out := fw.call("POST", "/api/v1/field-reports", report)
		if st != 201 || out["status"] != "closed" {
			t.Fatalf("field report: %d %v", st, out)
		}
		id := fmt.Sprint(out["id"])
		var photos struct {
			Items []struct {
				ID          int64
				ContentType string `json:"content_type"`
			}
		}
		if st := fw.decode("GET", "/api/v1/cases/"+id+"/photos", &photos); st != 200 || len(photos.Items) != 1 ||
			photos.Items[0].ContentType != "image/png" {
			t.Fatalf("photos: %d %+v", st, photos)
		}
		purl := fmt.Sprintf("%s/api/v1/photos/%d", m.URL(), photos.Items[0].ID)
		for _, c := range []struct {
			who  client
			want int
		}{{fw, 200}, {disp, 200}, {h2, 404}} {
			req, _ := http.NewRequest("GET", purl, nil)
			req.Header.Set("Authorization", "Bearer "+c.who.token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.want {
				t.Fatalf("photo: %d, want %d", resp.StatusCode, c.want)
			}
			if c.want == 200 && (!bytes.Equal(body, img) || resp.Header.Get("Content-Type") != "image/png" ||
				resp.Header.Get("X-Content-Type-Options") != "nosniff") {
				t.Fatalf("photo bytes or headers: %v", resp.Header)
			}
		}
		var detail struct {
			Status   string
			Channel  string
			Reply    string
			Timeline []struct{ Action string }
		}
		fw.decode("GET", "/api/v1/cases/"+id, &detail)
		if detail.Channel != "field" || detail.Reply != "已联系物业当场更换灯泡，路灯恢复。" || len(detail.Timeline) != 2 ||
			detail.Timeline[1].Action != "answer" {
			t.Fatalf("detail: %+v", detail)
		}

		var before struct{ Items []any }
		disp.decode("GET", "/api/v1/cases?limit=200", &before)
		fake := map[string]any{"content": "井盖松动", "address": "人民路1号",
			"photos": []string{base64.StdEncoding.EncodeToString([]byte("<script>alert(1)</script>"))}}
		if st, out := fw.call("POST", "/api/v1/field-reports", fake); st != 400 || fieldOf(out) != "photo" {
			t.Fatalf("script as photo: %d %v", st, out)
		}
		if st, out := fw.call("POST", "/api/v1/field-reports", map[string]any{"content": "井盖松动"}); st != 400 || fieldOf(out) != "address" {
			t.Fatalf("no place: %d %v", st, out)
		}
		if st, out := fw.call("POST", "/api/v1/field-reports", map[string]any{"content": "井盖松动", "address": "人民路1号",
			"solved_on_spot": true}); st != 400 || fieldOf(out) != "result" {
			t.Fatalf("solved without result: %d %v", st, out)
		}
		var after struct{ Items []any }
		disp.decode("GET", "/api/v1/cases?limit=200", &after)
		if len(after.Items) != len(before.Items) {
			t.Fatalf("a refused report left a case behind: %d → %d", len(before.Items), len(after.Items))
		}

		dept := map[string]any{"content": "巡查发现学校门口占道经营，属城管职责", "address": "实验小学门口"}
		st, out = h.call("POST", "/api/v1/field-reports", dept)
		if st != 201 || out["status"] != "pending_dispatch" {
			t.Fatalf("department report: %d %v", st, out)
		}
		var dc struct{ Channel string }
		if st := h.decode("GET", fmt.Sprint("/api/v1/cases/", out["id"]), &dc); st != 200 || dc.Channel != "department" {
			t.Fatalf("the department does not see its upload: %d %+v", st, dc)
		}
		dept["solved_on_spot"], dept["result"] = true, "已处理"
		if st, out := h.call("POST", "/api/v1/field-reports", dept); st != 400 || fieldOf(out) != "solved" {
			t.Fatalf("department closes on the spot: %d %v", st, out)
		}
		if st, _ := disp.call("POST", "/api/v1/field-reports", dept); st != 403 {
			t.Fatalf("dispatcher files a field report: %d", st)
		}
	})
}

// decode calls the API and decodes its answer into v, returning the status.
func (c client) decode(method, path string, v any) int {
	c.t.Helper()
	req, _ := http.NewRequest(method, c.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	json.NewDecoder(resp.Body).Decode(v)
	return resp.StatusCode
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// TestOpen311StatusGoesBack files a request through Open311 with a client's
// API key; when the hotline answers it, the webhook that client registered
// (tied to its key's account) receives the GeoReport status, another
// client's webhook receives nothing, and GET requests/{id} shows the same.
func TestOpen311StatusGoesBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		admin, agent := login(t, m.URL(), "admin"), login(t, m.URL(), "agent")
		seedServices(t, admin, orgs["housing"])
		_, issued := admin.call("POST", "/api/v1/api-keys", map[string]any{"name": "市民App"})
		_, other := admin.call("POST", "/api/v1/api-keys", map[string]any{"name": "另一个App"})
		mine, theirs := &hookReceiver{seen: map[string]int{}}, &hookReceiver{seen: map[string]int{}}
		for _, h := range []struct {
			rc   *hookReceiver
			user any
		}{{mine, issued["user_id"]}, {theirs, other["user_id"]}} {
			srv := httptest.NewServer(h.rc)
			defer srv.Close()
			st, out := admin.call("POST", "/api/v1/admin/webhooks", map[string]any{"name": "App", "url": srv.URL,
				"channels": []string{"open311"}, "user_id": h.user})
			if st != 201 {
				t.Fatalf("register: %d %v", st, out)
			}
			h.rc.secret = out["secret"].(string)
		}
		g := geoClient{t: t, root: m.URL() + "/open311/v2"}
		st, body, _ := g.post("/requests.json", url.Values{"api_key": {issued["key"].(string)}, "service_code": {"700101"},
			"lat": {"36.0671"}, "long": {"120.3826"}, "description": {"人行道井盖缺失，夜里很危险"}})
		var filed []specRequest
		jsonOf(t, body, &filed)
		if st != 201 || len(filed) != 1 {
			t.Fatalf("file: %d %s", st, body)
		}
		id := filed[0].ID
		if st, out := agent.call("POST", "/api/v1/cases/"+id+"/answer", map[string]any{"content": "已安排养护单位今日补装井盖。"}); st != 200 {
			t.Fatalf("answer: %d %v", st, out)
		}
		deadline := time.Now().Add(10 * time.Second)
		for n, _ := mine.count(); n == 0 && time.Now().Before(deadline); n, _ = mine.count() {
			time.Sleep(50 * time.Millisecond)
		}
		time.Sleep(300 * time.Millisecond)
		if n, bad := mine.count(); n != 1 || bad != 0 {
			t.Fatalf("the client's webhook got %d deliveries (%d bad)", n, bad)
		}
		if n, _ := theirs.count(); n != 0 {
			t.Fatalf("another client's webhook got %d deliveries", n)
		}
		var note struct {
			Open311 struct {
				ID          string `json:"service_request_id"`
				Status      string
				StatusNotes string `json:"status_notes"`
				Updated     string `json:"updated_datetime"`
			}
		}
		json.Unmarshal(mine.bodies[0], &note)
		if note.Open311.ID != id || note.Open311.Status != "closed" || note.Open311.StatusNotes != "已安排养护单位今日补装井盖。" {
			t.Fatalf("open311 note: %s", mine.bodies[0])
		}
		if _, err := time.Parse(time.RFC3339, note.Open311.Updated); err != nil {
			t.Fatalf("updated_datetime %q: %v", note.Open311.Updated, err)
		}
		var got []specRequest
		_, body = g.get("/requests/" + id + ".json")
		jsonOf(t, body, &got)
		if len(got) != 1 || got[0].Status != "closed" || !strings.Contains(got[0].StatusNotes, "已安排养护单位今日补装井盖。") {
			t.Fatalf("GET requests/%s: %s", id, body)
		}
	})
}
