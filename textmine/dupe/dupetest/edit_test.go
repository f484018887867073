package dupetest

import (
	"math/rand/v2"
	"strings"
	"testing"
)

const text = "小区门口的烧烤摊噪音扰民。每天晚上十点以后，严重影响居民休息。多次向物业反映，至今没有解决。请相关部门尽快处理！"

func TestEdit(t *testing.T) {
	for _, kind := range Kinds() {
		rng := rand.New(rand.NewPCG(1, 2))
		got, ok := Edit(kind, text, rng)
		switch {
		case !ok:
			t.Errorf("Edit(%q) refused a text of four sentences", kind)
		case kind == "exact" && got != text:
			t.Errorf("exact copy changed: %q", got)
		case kind != "exact" && got == text:
			t.Errorf("Edit(%q) left the text unchanged", kind)
		}
	}
	if _, ok := Edit("nonsense", text, rand.New(rand.NewPCG(1, 2))); ok {
		t.Error("unknown kind accepted")
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"没有标点", 1},
		{text, 4},
		{"第一句。第二句！没有结尾", 3},
	}
	for _, tt := range tests {
		got := sentences(tt.in)
		if len(got) != tt.want || strings.Join(got, "") != tt.in {
			t.Errorf("sentences(%q) = %q, want %d parts joining to the input", tt.in, got, tt.want)
		}
	}
}

func TestRequestDeterministicAndVaried(t *testing.T) {
	a, pa := Request(1, 10)
	b, pb := Request(1, 10)
	if a != b || pa != pb {
		t.Fatal("the same seed and index gave different requests")
	}
	seen := map[string]bool{}
	for i := range int64(200) {
		r, _ := Request(1, i)
		seen[r] = true
	}
	if len(seen) != 200 {
		t.Errorf("200 requests, only %d distinct", len(seen))
	}
}
