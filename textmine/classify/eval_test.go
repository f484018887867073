package classify

import (
	"math"
	"strings"
	"testing"
)

func TestReportScore(t *testing.T) {
	r := Report{
		Labels: []string{"交通", "教育", "未知"},
		// 交通: 3 right, 1 taken for 教育; 教育: 2 right; 未知 (not a
		// model label) predicted as 交通 once.
		Confusion: [][]int{{3, 1, 0}, {0, 2, 0}, {1, 0, 0}},
		N:         7,
	}
	r.score()
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if !near(r.Accuracy, 5.0/7) {
		t.Errorf("accuracy = %v", r.Accuracy)
	}
	// 交通: P=3/4 R=3/4 F1=3/4; 教育: P=2/3 R=1 F1=0.8; 未知: 0.
	if c := r.Classes[1]; !near(c.Precision, 2.0/3) || !near(c.Recall, 1) || !near(c.F1, 0.8) || c.Support != 2 {
		t.Errorf("教育 stats = %+v", c)
	}
	if !near(r.MacroF1, (0.75+0.8+0)/3) {
		t.Errorf("macro-F1 = %v", r.MacroF1)
	}
}

func TestEvaluateAndWrite(t *testing.T) {
	m, err := Train(synthExamples(true), synthOptions())
	if err != nil {
		t.Fatal(err)
	}
	test := append(synthExamples(false), Example{Text: "医院排队太久", Label: "卫生"})
	r := Evaluate(m, test)
	if r.N != len(test) || len(r.Labels) != 4 || r.Labels[3] != "卫生" {
		t.Fatalf("report covers %d examples, labels %v", r.N, r.Labels)
	}
	if r.Accuracy < 0.9 {
		t.Errorf("accuracy on training sentences = %v", r.Accuracy)
	}
	var b strings.Builder
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "macro_f1=0.") {
		t.Errorf("last line %q, want macro_f1=…", last)
	}
	for _, want := range []string{"precision", "confusion matrix", "交通", "accuracy="} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestDisplayWidth(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{{"abc", 3}, {"交通运输", 8}, {"A1区", 4}, {"", 0}} {
		if got := displayWidth(tc.in); got != tc.want {
			t.Errorf("displayWidth(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}
