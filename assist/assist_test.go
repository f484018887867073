package assist

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"minsheng"
	"minsheng/demo"
	"minsheng/lifecycle"
	"minsheng/store"
)

// testCity opens a real SQLite store with two departments, a small category
// tree with a responsibility list, and categorised history to learn from.
func testCity(t *testing.T) (*store.Store, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, o := range []struct{ key, name string }{{"hotline", "热线办"}, {"heat", "市住建局"}, {"city", "市城管局"}} {
		org := &minsheng.Org{Name: o.name, Kind: minsheng.OrgDepartment, ParentID: ids["hotline"]}
		if o.key == "hotline" {
			org.Kind = minsheng.OrgHotline
		}
		if err := st.CreateOrg(ctx, org); err != nil {
			t.Fatal(err)
		}
		ids[o.key] = org.ID
	}
	for _, c := range []struct {
		key, code, name, org string
	}{{"heating", "010100", "供暖", "heat"}, {"lamp", "020100", "路灯", "city"}} {
		cat := &minsheng.Category{Code: c.code, Name: c.name, Level: 1, OrgID: ids[c.org]}
		if err := st.SaveCategory(ctx, cat); err != nil {
			t.Fatal(err)
		}
		ids[c.key] = cat.ID
	}
	u := &minsheng.User{Username: "agent", Role: minsheng.RoleAgent, OrgID: ids["hotline"]}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	agent := minsheng.ActorOf(u)
	heat := []string{"家里暖气不热，室温只有十四度", "小区供暖温度不达标，老人受冻", "暖气片冰凉，供热公司不管", "供暖管道漏水，暖气不热"}
	lamp := []string{"路灯不亮，晚上很黑", "小区门口路灯坏了三天", "人民路路灯白天亮晚上不亮", "路灯杆倒了，灯不亮"}
	err = st.Bulk(ctx, func(b *store.Bulk) error {
		for i := range 30 {
			for _, x := range []struct {
				texts []string
				cat   int64
			}{{heat, ids["heating"]}, {lamp, ids["lamp"]}} {
				c := &minsheng.Case{Channel: "phone", Content: fmt.Sprintf("%s（第%d次反映）", x.texts[i%4], i), CategoryID: x.cat}
				if err := b.CreateCase(c, agent, time.Now().Add(-time.Duration(60-i)*time.Hour)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []minsheng.Article{{Title: "供暖收费标准", Body: "居民供暖费按建筑面积收取，供暖期为11月15日至次年3月15日。", Keywords: []string{"暖气", "供热"}},
		{Title: "社保卡补办", Body: "社保卡丢失可到银行网点挂失补办，带身份证。"}} {
		if err := st.SaveArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	return st, ids
}

func TestSuggestLearnsFromStore(t *testing.T) {
	st, ids := testCity(t)
	ctx := context.Background()
	a := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Settings{MinTrainSize: 10})
	if err := a.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if a.brain.Load().model == nil {
		t.Fatal("no model trained from 60 categorised cases")
	}
	orgs, _ := st.Orgs(ctx)
	for _, tc := range []struct {
		text     string
		cat, org int64
		article  string
	}{
		{"我家暖气一点都不热，温度太低了", ids["heating"], ids["heat"], "供暖收费标准"},
		{"楼下路灯不亮好几天了", ids["lamp"], ids["city"], ""},
	} {
		s := a.Suggest(&minsheng.Case{Content: tc.text}, orgs)
		if len(s.Categories) == 0 || s.Categories[0].ID != tc.cat || s.Categories[0].Confidence <= 0.5 {
			t.Errorf("%s: categories %+v", tc.text, s.Categories)
		}
		if len(s.Orgs) == 0 || s.Orgs[0].ID != tc.org {
			t.Errorf("%s: orgs %+v", tc.text, s.Orgs)
		}
		if tc.article != "" && (len(s.Articles) == 0 || s.Articles[0].Name != tc.article) {
			t.Errorf("%s: articles %+v", tc.text, s.Articles)
		}
		if tc.article == "" && len(s.Articles) != 0 {
			t.Errorf("%s: unrelated articles suggested %+v", tc.text, s.Articles)
		}
	}
}

func TestDuplicatesAcrossChannels(t *testing.T) {
	st, _ := testCity(t)
	ctx := context.Background()
	a := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Settings{})
	if err := a.Load(ctx); err != nil {
		t.Fatal(err)
	}
	orig := &minsheng.Case{ID: 9001, Content: "幸福里小区3号楼地下管网破裂，污水外溢到路面，已经两天了，味道很大。", CreatedAt: time.Now()}
	orgs, _ := st.Orgs(ctx)
	a.Admit(a.Screen(orig, orgs, 5), orig.ID)
	copyCase := &minsheng.Case{ID: 9002, Content: "市民反映：幸福里小区3号楼地下管网破裂，污水外溢到路面，已经两天了！", CreatedAt: time.Now()}
	other := &minsheng.Case{ID: 9003, Content: "咨询新生儿落户需要准备哪些材料。", CreatedAt: time.Now()}
	if d := a.Duplicates(copyCase, 5); len(d) == 0 || d[0].ID != 9001 || d[0].Score < 0.5 {
		t.Fatalf("copy not found: %+v", d)
	}
	if d := a.Duplicates(other, 5); len(d) != 0 {
		t.Fatalf("unrelated case matched: %+v", d)
	}
	a.Forget(9001)
	if d := a.Duplicates(copyCase, 5); len(d) != 0 {
		t.Fatalf("forgotten case still matched: %+v", d)
	}
}

func TestSearchArticles(t *testing.T) {
	st, _ := testCity(t)
	a := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Settings{})
	if err := a.ReloadArticles(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		q    string
		want int
	}{{"供暖", 1}, {"补办", 1}, {"社保卡 身份证", 1}, {"暖", 1}, {"公积金", 0}} {
		if got := a.SearchArticles(tc.q, 10); len(got) != tc.want {
			t.Errorf("q=%s: %d articles, want %d", tc.q, len(got), tc.want)
		}
	}
}

func TestEvaluateAgreement(t *testing.T) {
	st, ids := testCity(t)
	ctx := context.Background()
	disp := &minsheng.User{Username: "dispatcher", Role: minsheng.RoleDispatcher, OrgID: ids["hotline"]}
	if err := st.CreateUser(ctx, disp); err != nil {
		t.Fatal(err)
	}
	cases, err := st.ListCases(ctx, minsheng.CaseFilter{Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	// Dispatchers send heating to housing and lamps to city management,
	// except one lamp case that went to housing by mistake.
	err = st.Bulk(ctx, func(b *store.Bulk) error {
		for i, c := range cases {
			org := ids["city"]
			if c.CategoryID == ids["heating"] || i == 0 {
				org = ids["heat"]
			}
			if _, err := b.Act(c.ID, minsheng.ActorOf(disp), lifecycle.Request{Action: lifecycle.Dispatch, OrgID: org}, time.Now()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ag, err := Evaluate(ctx, st, 0.2, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if ag.Cases != 12 || ag.CatTop1 != 1 || ag.OrgTop3 != 1 || ag.OrgTop1 < 11.0/12 {
		t.Fatalf("agreement: %+v", ag)
	}
}

// BenchmarkAssistIntake is the assistant's work per new case: suggestions,
// duplicate lookup and indexing, on the demo city's varied requests.
func BenchmarkAssistIntake(b *testing.B) {
	gen := demo.NewGenerator(demo.NewCity(), 3, time.Now(), 30*24*time.Hour)
	gen.SetTotal(b.N)
	st, _ := testCity(&testing.T{})
	ctx := context.Background()
	a := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Settings{MinTrainSize: 10})
	if err := a.Load(ctx); err != nil {
		b.Fatal(err)
	}
	orgs, _ := st.Orgs(ctx)
	b.ResetTimer()
	for i := range b.N {
		cs := gen.Next()
		c := &minsheng.Case{ID: int64(100000 + i), Title: cs.Title, Content: cs.Content, Address: cs.Address, CreatedAt: cs.At}
		a.Admit(a.Screen(c, orgs, 5), c.ID)
	}
}
