package dupe

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"minsheng/textmine/dupe/dupetest"
)

const base = "A市A3区中海国际社区三期与四期中间空地夜间施工，噪音扰民。每天晚上十点到凌晨五点，" +
	"十几台渣土车来回运土，严重影响居民休息。多次向城管反映，至今没有解决。希望有关部门尽快处理！"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"噪音扰民", "噪音扰民"},
		{"噪音，扰民！", "噪音扰民"},
		{" 噪音\t扰民\n", "噪音扰民"},
		{"ＡＢＣ１２３", "abc123"},
		{"A市A3区", "a市a3区"},
		{"《物业管理条例》第（12）条", "物业管理条例第12条"},
		{"电话：138－0000－1111", "电话13800001111"},
		{"好评👍～", "好评"},
		{"ＷｉＦｉ　信号", "wifi信号"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestShingleKeys(t *testing.T) {
	tests := []struct {
		in   string
		k    int
		want []string
	}{
		{"", 3, nil},
		{"噪", 3, []string{"噪"}},
		{"噪音", 3, []string{"噪音"}},
		{"噪音扰民", 3, []string{"噪音扰", "音扰民"}},
		{"噪音扰民", 2, []string{"噪音", "音扰", "扰民"}},
		{"哈哈哈哈", 2, []string{"哈哈"}},
		{"噪音，扰民", 3, []string{"噪音扰", "音扰民"}},
	}
	for _, tt := range tests {
		got := shingleKeys(normRunes(tt.in), tt.k)
		var want []uint64
		for _, w := range tt.want {
			want = append(want, shingleKeys([]rune(w), len([]rune(w)))...)
		}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("shingleKeys(%q, %d) = %d keys, want %d (%q)", tt.in, tt.k, len(got), len(want), tt.want)
		}
	}
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b     string
		lo, hi   float64
		describe string
	}{
		{base, base, 1, 1, "identical"},
		{base, "  " + base + "。。", 1, 1, "punctuation and whitespace only"},
		{"噪音扰民", "噪音扰民啊", 2.0 / 3, 2.0 / 3, "one shingle added"},
		{"", "", 0, 0, "empty"},
		{base, "我想咨询一下新生儿医保怎么办理，需要带哪些材料？", 0, 0.05, "unrelated"},
	}
	for _, tt := range tests {
		if got := Similarity(tt.a, tt.b); got < tt.lo || got > tt.hi {
			t.Errorf("%s: Similarity = %.3f, want in [%.3f, %.3f]", tt.describe, got, tt.lo, tt.hi)
		}
	}
}

// corpus returns an index holding n synthetic requests with IDs 1..n.
func corpus(t testing.TB, opt Options, n int) *Index {
	t.Helper()
	ix := NewIndex(opt)
	for i := 1; i <= n; i++ {
		text, place := dupetest.Request(7, int64(i))
		ix.Add(Doc{ID: int64(i), Text: text, Place: place})
	}
	return ix
}

func TestQueryFindsEdits(t *testing.T) {
	ix := corpus(t, Options{}, 2000)
	ix.Add(Doc{ID: 9999, Text: base})
	tests := []struct{ name, text string }{
		{"exact copy", base},
		{"a few characters changed", "A市A3区中海国际小区三期与四期中间空地夜间施工，噪声扰民。每天晚上十点到凌晨五点，" +
			"十几台渣土车来回拉土，严重影响住户休息。多次向城管反映，至今没有解决。希望有关部门尽快处理！"},
		{"sentence order swapped", "每天晚上十点到凌晨五点，十几台渣土车来回运土，严重影响居民休息。" +
			"A市A3区中海国际社区三期与四期中间空地夜间施工，噪音扰民。多次向城管反映，至今没有解决。希望有关部门尽快处理！"},
		{"punctuation and whitespace", "A市 A3区 中海国际社区三期与四期中间空地夜间施工 噪音扰民. 每天晚上十点到凌晨五点 " +
			"十几台渣土车来回运土,严重影响居民休息!! 多次向城管反映 至今没有解决 希望有关部门尽快处理"},
		{"prefix", "市民反映：" + base},
		{"full-width letters", "Ａ市Ａ３区" + base[len("A市A3区"):]},
	}
	for _, tt := range tests {
		got := ix.Query(Doc{ID: -1, Text: tt.text}, 3)
		if len(got) == 0 || got[0].ID != 9999 {
			t.Errorf("%s: Query = %v, want ID 9999 first (similarity %.2f)", tt.name, got, Similarity(tt.text, base))
			continue
		}
		if tt.name == "exact copy" && got[0].Score != 1 {
			t.Errorf("exact copy scored %v, want 1", got[0].Score)
		}
	}
}

func TestQueryRecallOnSyntheticEdits(t *testing.T) {
	const n = 3000
	ix := corpus(t, Options{}, n)
	rng := rand.New(rand.NewPCG(3, 4))
	for _, kind := range dupetest.Kinds() {
		found, tried := 0, 0
		for i := 1; i <= n; i += 15 {
			text, place := dupetest.Request(7, int64(i))
			v, ok := dupetest.Edit(kind, text, rng)
			if !ok || Similarity(v, text) < 0.6 {
				continue // not a near-duplicate by our own definition
			}
			tried++
			for _, m := range ix.Query(Doc{ID: -1, Text: v, Place: place}, 5) {
				if m.ID == int64(i) {
					found++
					break
				}
			}
		}
		if tried == 0 || float64(found) < 0.97*float64(tried) {
			t.Errorf("%s: found %d of %d edited requests", kind, found, tried)
		}
	}
}

func TestQueryIgnoresUnrelated(t *testing.T) {
	ix := corpus(t, Options{}, 3000)
	for _, q := range []string{
		base,
		"我想咨询一下新生儿医保怎么办理，需要带哪些材料？在哪个窗口办？",
		"请问公积金贷款额度是怎么计算的，我们夫妻双方都在缴存。",
		"",
		"。。。！！！",
	} {
		if got := ix.Query(Doc{ID: -1, Text: q}, 5); len(got) != 0 {
			t.Errorf("Query(%q) = %v, want nothing", q, got)
		}
	}
}

func TestQueryExcludesSelfAndRanks(t *testing.T) {
	cut := string([]rune(base)[:len([]rune(base))*8/10])
	ix := NewIndex(Options{})
	ix.Add(Doc{ID: 1, Text: base, Place: "A3区"})
	ix.Add(Doc{ID: 2, Text: base, Place: "A5区"})
	ix.Add(Doc{ID: 3, Text: cut, Place: "A3区"})
	ix.Add(Doc{ID: 4, Text: cut, Place: "A5区"})
	got := ix.Query(Doc{ID: 1, Text: base, Place: "a3区"}, 0)
	want := []Match{{2, 1, false}, {3, Similarity(cut, base) + 0.05, true}, {4, Similarity(cut, base), false}}
	if len(got) != len(want) {
		t.Fatalf("Query = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].ID != want[i].ID || got[i].SamePlace != want[i].SamePlace || math.Abs(got[i].Score-want[i].Score) > 1e-9 {
			t.Errorf("match %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if got := ix.Query(Doc{ID: 1, Text: base}, 1); len(got) != 1 {
		t.Errorf("k=1 returned %d matches", len(got))
	}
}

func TestQueryWindow(t *testing.T) {
	t0 := time.Date(2019, 7, 1, 9, 0, 0, 0, time.UTC)
	ix := NewIndex(Options{Window: 72 * time.Hour})
	ix.Add(Doc{ID: 1, Text: base, At: t0})
	ix.Add(Doc{ID: 2, Text: base, At: t0.Add(-30 * 24 * time.Hour)})
	ix.Add(Doc{ID: 3, Text: base, At: t0.Add(71 * time.Hour)})
	ix.Add(Doc{ID: 4, Text: base}) // time unknown: always in the window
	got := ids(ix.Query(Doc{ID: -1, Text: base, At: t0}, 0))
	if !slices.Equal(got, []int64{1, 3, 4}) {
		t.Errorf("window query = %v, want [1 3 4]", got)
	}
	if got := ids(ix.Query(Doc{ID: -1, Text: base}, 0)); len(got) != 4 {
		t.Errorf("query without time = %v, want all four", got)
	}
}

func TestRemoveAndReplace(t *testing.T) {
	ix := corpus(t, Options{}, 500)
	text, _ := dupetest.Request(7, 42)
	for _, id := range []int64{42, 42, 12345} { // twice: second is a no-op
		ix.Remove(id)
	}
	if ix.Len() != 499 {
		t.Fatalf("Len = %d after Remove, want 499", ix.Len())
	}
	if got := ix.Query(Doc{ID: -1, Text: text}, 0); slices.Contains(ids(got), 42) {
		t.Errorf("removed request still found: %v", got)
	}
	ix.Add(Doc{ID: 43, Text: text}) // replaces 43's own text
	if got := ids(ix.Query(Doc{ID: -1, Text: text}, 0)); !slices.Equal(got, []int64{43}) {
		t.Errorf("after replacing 43: %v, want [43]", got)
	}
	old, _ := dupetest.Request(7, 43)
	if got := ix.Query(Doc{ID: -1, Text: old}, 0); slices.Contains(ids(got), 43) {
		t.Errorf("43's old text still found: %v", got)
	}
	ix.Add(Doc{ID: 42, Text: text})
	if got := ids(ix.Query(Doc{ID: -1, Text: text}, 0)); !slices.Equal(got, []int64{42, 43}) {
		t.Errorf("after re-adding 42: %v, want [42 43]", got)
	}
	if ix.Len() != 500 {
		t.Errorf("Len = %d, want 500", ix.Len())
	}
}

func TestConcurrentAddQuery(t *testing.T) {
	ix := corpus(t, Options{}, 200)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 150 {
				id := int64(1000*(w+1) + i)
				text, place := dupetest.Request(8, id)
				ix.Add(Doc{ID: id, Text: text, Place: place})
				if got := ix.Query(Doc{ID: -1, Text: text}, 1); len(got) == 0 {
					t.Errorf("request %d not found right after Add", id)
				}
				if i%3 == 0 {
					ix.Remove(id)
				}
				_ = ix.Len()
			}
		}()
	}
	wg.Wait()
	if want := 200 + 4*100; ix.Len() != want {
		t.Errorf("Len = %d, want %d", ix.Len(), want)
	}
}

func ids(ms []Match) []int64 {
	out := make([]int64, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	slices.Sort(out)
	return out
}

func TestRemoveUnlinksBuckets(t *testing.T) {
	ix := NewIndex(Options{})
	for id := int64(1); id <= 3; id++ { // identical: one chain 3→2→1 per band
		ix.Add(Doc{ID: id, Text: base})
	}
	ix.Add(Doc{ID: 4, Text: ""}) // no shingles, no buckets
	steps := []struct {
		remove int64
		want   []int64
	}{
		{2, []int64{1, 3}}, // middle of the chains
		{3, []int64{1}},    // head
		{1, []int64{}},     // last
		{4, []int64{}},
	}
	for _, st := range steps {
		ix.Remove(st.remove)
		if got := ids(ix.Query(Doc{ID: -1, Text: base}, 0)); !slices.Equal(got, st.want) {
			t.Errorf("after Remove(%d): %v, want %v", st.remove, got, st.want)
		}
	}
	for b, m := range ix.heads {
		if len(m) != 0 {
			t.Errorf("band %d keeps %d buckets after removing everything", b, len(m))
		}
	}
	if ix.Len() != 0 || len(ix.free) != 4 {
		t.Errorf("Len = %d, free slots = %d; want 0 and 4", ix.Len(), len(ix.free))
	}
	ix.Add(Doc{ID: 5, Text: base}) // reuses a slot
	if got := ids(ix.Query(Doc{ID: -1, Text: base}, 0)); !slices.Equal(got, []int64{5}) || len(ix.ids) != 4 {
		t.Errorf("after re-adding: %v with %d slots, want [5] with 4", got, len(ix.ids))
	}
}

func TestOptionsDefaults(t *testing.T) {
	tests := []struct {
		in, want Options
	}{
		{Options{}, Options{Hashes: 192, Bands: 48, Shingle: 3, Threshold: 0.5, PlaceBoost: 0.05}},
		{Options{Bands: 20, Shingle: 2, PlaceBoost: -1, Window: -time.Hour}, Options{Hashes: 80, Bands: 20, Shingle: 2, Threshold: 0.5}},
		{Options{Hashes: 10, Bands: 16, Shingle: 9, Threshold: 0.8, Seed: 7}, Options{Hashes: 16, Bands: 16, Shingle: 3, Threshold: 0.8, PlaceBoost: 0.05, Seed: 7}},
	}
	for _, tt := range tests {
		if got := NewIndex(tt.in).Options(); got != tt.want {
			t.Errorf("NewIndex(%+v).Options() = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestShingleLengthTwo(t *testing.T) {
	ix := NewIndex(Options{Shingle: 2})
	ix.Add(Doc{ID: 1, Text: base})
	if got := ix.Query(Doc{ID: -1, Text: "市民反映：" + base}, 1); len(got) != 1 || got[0].ID != 1 {
		t.Errorf("bigram index: %v, want ID 1", got)
	}
}

// TestJaccardAtLeastAgreesWithJaccard checks the early exit against the full
// merge on random sets of every overlap: it keeps exactly the pairs whose
// similarity reaches the bound, with the same score.
func TestJaccardAtLeastAgreesWithJaccard(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	set := func(n int, from []uint32, share int) []uint32 {
		out := append([]uint32(nil), from[:min(share, len(from))]...)
		for len(out) < n {
			out = append(out, rng.Uint32()%5000)
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	for range 3000 {
		x := set(1+rng.IntN(300), nil, 0)
		y := set(1+rng.IntN(300), x, rng.IntN(len(x)+1))
		need := []float64{0.05, 0.3, 0.45, 0.5, 0.7, 0.95, 1}[rng.IntN(7)]
		full := jaccard(x, y)
		got, ok := jaccardAtLeast(x, y, need)
		if ok != (full >= need) || ok && got != full {
			t.Fatalf("|x|=%d |y|=%d need %.2f: got %v %v, full %v", len(x), len(y), need, got, ok, full)
		}
	}
}
