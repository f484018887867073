package server

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"minsheng/store/storetest"
)

func TestKnowledgeBaseAndDirectAnswer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, _ := testNode(t, db)
		base := m.URL()
		admin, agent := login(t, base, "admin"), login(t, base, "agent")
		st, art := admin.call("POST", "/api/v1/articles", map[string]any{"title": "社保卡补办流程",
			"body": "社保卡丢失后，可携带本人身份证到任一合作银行网点办理挂失和补办，一般7个工作日内制卡完成。", "keywords": []string{"社保卡", "挂失"}})
		if st != 201 {
			t.Fatalf("create article: %d %v", st, art)
		}
		if st, _ := agent.call("POST", "/api/v1/articles", map[string]any{"title": "x", "body": "y"}); st != 403 {
			t.Fatalf("agent created an article: %d", st)
		}
		if st, out := agent.call("GET", "/api/v1/articles?q=%E8%A1%A5%E5%8A%9E", nil); st != 200 || len(out["items"].([]any)) != 1 {
			t.Fatalf("search 补办: %d %v", st, out)
		}
		st, created := agent.call("POST", "/api/v1/cases", map[string]any{"content": "我的社保卡丢了，想问一下怎么补办社保卡？"})
		if st != 201 {
			t.Fatalf("create: %d %v", st, created)
		}
		raw, _ := json.Marshal(created["suggestions"])
		if !strings.Contains(string(raw), "社保卡补办流程") {
			t.Fatalf("article not suggested: %s", raw)
		}
		id, artID := fmt.Sprint(created["id"]), art["id"]
		if st, out := agent.call("POST", "/api/v1/cases/"+id+"/answer", map[string]any{"content": "已按知识库告知补办流程。", "article_id": artID}); st != 200 || out["status"] != "closed" {
			t.Fatalf("answer: %d %v", st, out)
		}
		if _, got := agent.call("GET", fmt.Sprintf("/api/v1/articles/%v", artID), nil); got["uses"] != float64(1) {
			t.Fatalf("article uses: %v", got["uses"])
		}
		st, c2 := agent.call("POST", "/api/v1/cases", map[string]any{"content": "另一个问题"})
		if st != 201 {
			t.Fatal(st)
		}
		if st, out := agent.call("POST", fmt.Sprintf("/api/v1/cases/%v/answer", c2["id"]), map[string]any{"content": "答复", "article_id": 99999}); st != 400 {
			t.Fatalf("answer with unknown article: %d %v", st, out)
		}
	})
}

func TestPossibleDuplicatesAndReplyQuality(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		base := m.URL()
		agent, disp, handler := login(t, base, "agent"), login(t, base, "dispatcher"), login(t, base, "handler")
		text := "和平路与人民路交叉口的地下管网破裂，污水一直外溢到马路上，已经三天了，气味很大，请尽快处理。"
		_, first := agent.call("POST", "/api/v1/cases", map[string]any{"channel": "phone", "content": text, "citizen": map[string]any{"phone": "13700000001"}})
		st, second := agent.call("POST", "/api/v1/cases", map[string]any{"channel": "web", "content": "网友反映：" + text, "citizen": map[string]any{"phone": "13700000002"}})
		if st != 201 {
			t.Fatal(st)
		}
		dups, _ := second["possible_duplicates"].([]any)
		if len(dups) == 0 || fmt.Sprint(dups[0].(map[string]any)["id"]) != fmt.Sprint(first["id"]) {
			t.Fatalf("duplicate across channels not found: %v", second["possible_duplicates"])
		}
		id := fmt.Sprint(first["id"])
		_, dispatched := disp.call("POST", "/api/v1/cases/"+id+"/dispatch", map[string]any{"org_id": orgs["housing"]})
		if ev, _ := json.Marshal(dispatched["event"]); !strings.Contains(string(ev), "org_rank") {
			t.Fatalf("dispatch does not record what was suggested: %s", ev)
		}
		handler.call("POST", "/api/v1/cases/"+id+"/accept", nil)
		st, out := handler.call("POST", "/api/v1/cases/"+id+"/reply", map[string]any{"content": "您反映的问题我们高度重视，正在研究解决方案。", "outcome": "explained"})
		raw, _ := json.Marshal(out["reply_quality"])
		if st != 200 || !strings.Contains(string(raw), `"level":"poor"`) || !strings.Contains(string(raw), "stock_phrase") {
			t.Fatalf("stock reply not flagged: %d %s", st, raw)
		}
		_, detail := disp.call("GET", "/api/v1/cases/"+id, nil)
		if detail["reply_quality"] == nil {
			t.Fatal("case detail lacks reply_quality")
		}
	})
}

func TestMergedCaseFollowsItsMaster(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		base := m.URL()
		agent, disp, handler := login(t, base, "agent"), login(t, base, "dispatcher"), login(t, base, "handler")
		rev := login(t, base, "reviewer")
		_, master := agent.call("POST", "/api/v1/cases", map[string]any{"content": "幸福里小区停水两天了，没有任何通知。", "citizen": map[string]any{"phone": "13600000001"}})
		_, dup := agent.call("POST", "/api/v1/cases", map[string]any{"channel": "web", "content": "幸福里小区停水两天了，也没有通知，怎么回事？", "citizen": map[string]any{"phone": "13600000002"}})
		mid, did := fmt.Sprint(master["id"]), fmt.Sprint(dup["id"])
		if st, out := disp.call("POST", "/api/v1/cases/"+did+"/merge", map[string]any{"into": master["id"]}); st != 200 || out["status"] != "merged" {
			t.Fatalf("merge: %d %v", st, out)
		}
		for _, s := range []struct {
			who    client
			action string
			body   any
		}{{disp, "dispatch", map[string]any{"org_id": orgs["housing"]}}, {handler, "accept", nil},
			{handler, "reply", map[string]any{"content": "经查为管网抢修停水，已于11月21日恢复供水，并在小区张贴通知。", "outcome": "solved"}},
			{rev, "review", map[string]any{"approve": true}}} {
			if st, out := s.who.call("POST", "/api/v1/cases/"+mid+"/"+s.action, s.body); st != 200 {
				t.Fatalf("%s: %d %v", s.action, st, out)
			}
		}
		_, pub := client{t: t, base: base}.call("GET", "/api/v1/track/"+dup["tracking_code"].(string), nil)
		raw, _ := json.Marshal(pub)
		if pub["status"] != "merged" || !strings.Contains(string(raw), "恢复供水") || !strings.Contains(string(raw), `"merged_into"`) {
			t.Fatalf("the duplicate's caller does not get the answer: %s", raw)
		}
		_, detail := disp.call("GET", "/api/v1/cases/"+mid, nil)
		rel, _ := json.Marshal(detail["related"])
		if !strings.Contains(string(rel), `"relation":"duplicate"`) {
			t.Fatalf("master does not list its duplicate: %s", rel)
		}
	})
}
