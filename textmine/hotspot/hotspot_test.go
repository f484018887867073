package hotspot

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestPlace(t *testing.T) {
	tests := []struct{ in, want string }{
		{"A市A5区魅力之城小区临街餐饮店油烟扰民", "A5区 魅力之城小区"},
		{"投诉A2区丽发新城附近建搅拌站噪音扰民", "A2区 丽发新城"},
		{"A市伊景园滨河苑捆绑销售车位", "伊景园"},
		{"东港区海滨街道渔港新村", "东港区 渔港新村"},
		{"请书记关注A市A4区58车贷案", "A4区"},
		{"丽发新城小区噪音大粉尘大", "丽发新城小区"},
		{"魅力之城小区临街门面油烟直排扰民", "魅力之城小区"},
		{"A市雨花区暮云街道丽发新城社区搅拌站", "雨花区 丽发新城社区"},
		{"", ""},
		{"噪音扰民", ""},
	}
	for _, tt := range tests {
		if got := Place(tt.in); got != tt.want {
			t.Errorf("Place(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// synthetic returns requests about three problems at three places, a few
// one-off requests, and the same problem at another estate.
func synthetic() []Doc {
	day := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	var docs []Doc
	add := func(title, text, who string, likes, d int) {
		docs = append(docs, Doc{ID: int64(len(docs) + 1), Title: title, Text: text, Citizen: who, Likes: likes,
			At: day.Add(time.Duration(d) * 24 * time.Hour)})
	}
	for i := range 8 {
		add("A2区丽发新城附近搅拌站噪音扰民", fmt.Sprintf("丽发新城小区旁边的搅拌站每天夜里施工，噪音很大，第%d次反映。", i+1), fmt.Sprint("u", i), 0, 20+i)
	}
	for i := range 5 {
		add("A5区魅力之城小区临街餐饮油烟扰民", fmt.Sprintf("魅力之城小区楼下餐馆油烟直排，家里窗户不能开。住户%d", i), fmt.Sprint("v", i%3), i*10, 5+i)
	}
	for i := range 4 {
		add("A3区枫林路路灯不亮", "枫林路一到晚上路灯全部不亮，行人摔倒过好几次。", fmt.Sprint("w", i), 0, 2*i)
	}
	add("A7县某小学门口交通拥堵", "上学放学时段车辆乱停，孩子过马路很危险。", "x1", 0, 3)
	add("A9市公积金提取咨询", "想问一下离职后公积金怎么提取，需要带什么材料。", "x2", 0, 4)
	add("A6区星城花园附近搅拌站噪音扰民", "星城花园小区旁边的搅拌站每天夜里施工，噪音很大。", "x3", 0, 25)
	return docs
}

func TestFindGroupsByTextAndPlace(t *testing.T) {
	got := Find(synthetic(), Options{Top: -1})
	if len(got) != 3 {
		for _, tp := range got {
			t.Logf("%d %s %v", tp.Rank, tp.Name, tp.IDs)
		}
		t.Fatalf("want 3 topics, got %d", len(got))
	}
	var plant, oil *Topic
	for i := range got {
		switch {
		case strings.Contains(got[i].Place, "魅力之城"):
			oil = &got[i]
		case strings.Contains(got[i].Place, "丽发新城"):
			plant = &got[i]
		}
	}
	if plant == nil || plant.Count != 8 || plant.Citizens != 8 || plant.Recent != 7 || plant.Before != 1 {
		t.Fatalf("mixing-plant topic = %+v, want the 8 reports about 丽发新城 (the 星城花园 one kept apart), 7 in the last week", plant)
	}
	if !strings.Contains(strings.Join(plant.Terms, ""), "搅拌") || !strings.Contains(plant.Name, "丽发新城") {
		t.Errorf("name %q does not say the mixing plant at 丽发新城", plant.Name)
	}
	if oil == nil || oil.Count != 5 || oil.Citizens != 3 || oil.Likes != 100 {
		t.Errorf("oil-fume topic = %+v, want 5 reports by 3 citizens with 100 likes", oil)
	}
	for i, tp := range got {
		if tp.Rank != i+1 || i > 0 && tp.Heat > got[i-1].Heat {
			t.Errorf("topics out of order at %d: %+v", i, tp)
		}
	}
}

func TestFindIsDeterministic(t *testing.T) {
	docs := synthetic()
	want := Find(docs, Options{Top: -1})
	for range 5 {
		// The same docs in another order give the same topics.
		for i, j := 0, len(docs)-1; i < j; i, j = i+1, j-1 {
			docs[i], docs[j] = docs[j], docs[i]
		}
		if got := Find(docs, Options{Top: -1}); !reflect.DeepEqual(got, want) {
			t.Fatalf("second run differs:\n%+v\n%+v", got, want)
		}
	}
}

func TestHeat(t *testing.T) {
	if Heat(10, 10, 0, 0, 0) <= Heat(10, 2, 0, 0, 0) {
		t.Error("more citizens must be hotter")
	}
	if Heat(5, 5, 100, 0, 0) <= Heat(5, 5, 0, 0, 0) {
		t.Error("likes must add heat")
	}
	if Heat(5, 5, 0, 5, 0) <= Heat(5, 5, 0, 0, 5) {
		t.Error("a rising topic must be hotter than a fading one")
	}
	if Heat(0, 0, -3, 0, 0) != 0 {
		t.Error("nothing has no heat")
	}
}

// TestRealMessages runs on the shared messages with likes (2020 TipDM Cup,
// tipdm.org), when present: the top ten must hold the topics that many
// citizens wrote about — the mixing plant at 丽发新城, the parking spaces
// sold with flats at 伊景园滨河苑, and the 58车贷 fraud case.
func TestRealMessages(t *testing.T) {
	docs := readShared(t, "../../../shared/data/teddy2020/messages_hot.csv")
	got := Find(docs, Options{})
	var names []string
	for _, tp := range got {
		names = append(names, tp.Name+" "+tp.Example)
	}
	all := strings.Join(names, "\n")
	for _, want := range []string{"丽发新城", "伊景园", "58车贷"} {
		if !strings.Contains(all, want) {
			t.Errorf("top ten lacks %s:\n%s", want, all)
		}
	}
}
