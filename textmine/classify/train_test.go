package classify

import (
	"strings"
	"sync"
	"testing"
)

func TestTrainErrors(t *testing.T) {
	ok := synthExamples(false)
	bad := DefaultOptions()
	bad.MaxN = 9
	for name, tc := range map[string]struct {
		ex   []Example
		opt  Options
		want string
	}{
		"empty":       {nil, DefaultOptions(), "no examples"},
		"one label":   {[]Example{{"道路拥堵", "交通"}, {"公交晚点", "交通"}}, DefaultOptions(), "at least 2 labels"},
		"empty label": {append([]Example{{"道路拥堵", ""}}, ok...), DefaultOptions(), "empty or too long"},
		"options":     {ok, bad, "n-gram range"},
		"zero value":  {ok, Options{}, "epochs"},
		"no features": {[]Example{{"甲", "a"}, {"乙", "b"}}, DefaultOptions(), "no n-gram"},
	} {
		_, err := Train(tc.ex, tc.opt)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to mention %q", name, err, tc.want)
		}
	}
}

func TestTrainTwoExamples(t *testing.T) {
	opt := DefaultOptions()
	opt.MinDF = 1
	m, err := Train([]Example{{"道路拥堵", "交通"}, {"学校收费", "教育"}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Predict("学校乱收费", 1)[0].Label; got != "教育" {
		t.Errorf("got %s, want 教育", got)
	}
}

func TestPredictConcurrent(t *testing.T) {
	m, err := Train(synthExamples(true), synthOptions())
	if err != nil {
		t.Fatal(err)
	}
	texts := synthExamples(false)
	want := make([]string, len(texts))
	for i, e := range texts {
		want[i] = m.Predict(e.Text, 1)[0].Label
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i, e := range texts {
				if got := m.Predict(e.Text, 1)[0].Label; got != want[i] {
					t.Errorf("concurrent Predict(%q) = %s, want %s", e.Text, got, want[i])
				}
			}
		})
	}
	wg.Wait()
}

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want rune }{
		{'Ａ', 'a'}, {'Z', 'z'}, {'９', '9'}, {'市', '市'}, {'，', 0}, {'。', 0}, {' ', 0}, {'\u3000', 0}, {'\n', 0},
	} {
		if got := fold(tc.in); got != tc.want {
			t.Errorf("fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHanSpaces(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"道路 拥堵 严重", 2},
		{"道路拥堵严重", 0},
		{"A1 区 蔡锷 南路", 2},
		{"地铁 ， 公交", 0},
		{"  道路  ", 0},
	} {
		if got := hanSpaces(tc.in); got != tc.want {
			t.Errorf("hanSpaces(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestSegment(t *testing.T) {
	lex := learnLexicon([]Example{{Text: "公交车 晚点 公交 车站 司机"}})
	for _, tc := range []struct{ in, want string }{
		// Words come last first; 的 and 了 were never words and are dropped.
		{"的公交车晚点了", "晚点|公交车"},
		// 车 and 交车 only end longer words: unknown on their own.
		{"车交车公交车站", "车站|公交"},
		{"", ""},
		{"天气", ""},
	} {
		run := []rune(tc.in)
		var sg segmenter
		var got []string
		for _, w := range lex.segment(run, &sg) {
			got = append(got, string(run[w.start:w.end]))
		}
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("segment(%q) = %q, want %q", tc.in, g, tc.want)
		}
	}
}
