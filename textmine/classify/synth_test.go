package classify

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// synthTopics are three made-up hotline topics; each sentence below mixes
// one place with one of its topic's complaints.
var synthTopics = map[string][]string{
	"交通": {"公交车 经常 晚点 司机 态度 差", "路口 红绿灯 坏了 没人 修", "道路 拥堵 严重 停车 难", "出租车 拒载 乱收费", "地铁站 出口 太 远 不方便", "高速 收费站 排队 太久"},
	"教育": {"学校 乱收 学费 补课费", "老师 体罚 学生 家长 担心", "幼儿园 入学 难 学位 不够", "中学 食堂 饭菜 质量 差", "教师 工资 拖欠 三个月", "学生 作业 太多 睡眠 不足"},
	"环境": {"工厂 排放 废气 污染 严重", "夜间 施工 噪音 扰民", "河道 垃圾 堆积 发臭", "养殖场 污水 直排 河里", "焚烧 秸秆 烟雾 呛人", "化工厂 排污 水质 变黑"},
}

var synthPlaces = []string{"A市", "B区", "C县", "D镇", "E街道", "F社区"}

// synthExamples returns a few dozen labelled sentences, word-segmented if
// segmented is true and raw (spaces removed) otherwise.
func synthExamples(segmented bool) []Example {
	var out []Example
	for _, label := range []string{"交通", "教育", "环境"} {
		for i, phrase := range synthTopics[label] {
			for j := 0; j < 2; j++ {
				text := synthPlaces[(i+j)%len(synthPlaces)] + " " + phrase + " 请 尽快 处理"
				if !segmented {
					text = strings.ReplaceAll(text, " ", "") + "。"
				}
				out = append(out, Example{Text: text, Label: label})
			}
		}
	}
	return out
}

// synthOptions trains quickly and keeps every n-gram of the tiny set.
func synthOptions() Options {
	opt := DefaultOptions()
	opt.MinDF = 1
	return opt
}

func TestSyntheticPredict(t *testing.T) {
	queries := []struct{ text, want string }{
		{"我们小区门口的公交车总是晚点，司机态度很差。", "交通"},
		{"孩子的老师体罚学生，学校还乱收补课费", "教育"},
		{"附近化工厂排放废气，污染严重，晚上还有噪音", "环境"},
		{"红绿灯坏了好几天", "交通"},
	}
	for _, seg := range []bool{false, true} {
		t.Run(fmt.Sprintf("segmented=%v", seg), func(t *testing.T) {
			m, err := Train(synthExamples(seg), synthOptions())
			if err != nil {
				t.Fatal(err)
			}
			if got := m.lex != nil; got != seg {
				t.Errorf("lexicon learned = %v, want %v", got, seg)
			}
			if got := strings.Join(m.Labels(), ","); got != "交通,教育,环境" {
				t.Errorf("Labels() = %s", got)
			}
			for _, q := range queries {
				top := m.Predict(q.text, 0)
				if top[0].Label != q.want {
					t.Errorf("Predict(%q) = %v, want %s first", q.text, top, q.want)
				}
				checkScores(t, top)
			}
		})
	}
}

// checkScores checks that scores are sorted, within [0,1] and sum to 1.
func checkScores(t *testing.T, s []Scored) {
	t.Helper()
	var sum float64
	for i, x := range s {
		if x.Score < 0 || x.Score > 1 || (i > 0 && x.Score > s[i-1].Score) {
			t.Fatalf("bad scores %v", s)
		}
		sum += x.Score
	}
	if sum < 0.999 || sum > 1.001 {
		t.Fatalf("scores sum to %v: %v", sum, s)
	}
}

func TestPredictTopK(t *testing.T) {
	m, err := Train(synthExamples(false), synthOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ k, want int }{{-1, 3}, {0, 3}, {1, 1}, {2, 2}, {5, 3}} {
		if got := len(m.Predict("道路拥堵", tc.k)); got != tc.want {
			t.Errorf("Predict(k=%d) returned %d classes, want %d", tc.k, got, tc.want)
		}
	}
	// A text without any known n-gram still gets a full distribution.
	checkScores(t, m.Predict("", 0))
	checkScores(t, m.Predict("xyz ！？", 0))
}

func TestRoundTripAndDeterminism(t *testing.T) {
	ex := synthExamples(true)
	encode := func(opt Options) []byte {
		t.Helper()
		m, err := Train(ex, opt)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		n, err := m.WriteTo(&buf)
		if err != nil || n != int64(buf.Len()) {
			t.Fatalf("WriteTo = %d, %v; wrote %d", n, err, buf.Len())
		}
		return buf.Bytes()
	}
	opt := synthOptions()
	first := encode(opt)
	opt.Workers = 1
	if !bytes.Equal(first, encode(opt)) {
		t.Error("same seed, different worker count: model bytes differ")
	}
	m, err := Read(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if _, err := m.WriteTo(&again); err != nil || !bytes.Equal(first, again.Bytes()) {
		t.Errorf("re-encoding a read model changed its bytes (err %v)", err)
	}
	orig, _ := Train(ex, synthOptions())
	for _, e := range synthExamples(false) {
		a, b := orig.Predict(e.Text, 0), m.Predict(e.Text, 0)
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("read model predicts %v, trained model %v", b, a)
		}
	}
}

func TestReadRejectsBadModels(t *testing.T) {
	m, err := Train(synthExamples(false), synthOptions())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	flip := bytes.Clone(good)
	flip[len(flip)/2] ^= 0x40
	version := bytes.Clone(good)
	version[len(modelMagic)] = 99
	for name, data := range map[string][]byte{
		"empty":     nil,
		"magic":     []byte("not a model at all, just text"),
		"truncated": good[:len(good)-7],
		"corrupt":   flip,
		"version":   version,
	} {
		if _, err := Read(bytes.NewReader(data)); err == nil {
			t.Errorf("%s: Read succeeded", name)
		}
	}
}
