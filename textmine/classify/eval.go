package classify

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// ClassStats holds one class's scores in a Report.
type ClassStats struct {
	Label     string
	Precision float64
	Recall    float64
	F1        float64
	Support   int // examples whose true label is this class
}

// Report summarises how a model does on labelled examples. Macro-F1, the
// mean of per-class F1, is the headline figure because hotline categories
// are unbalanced and accuracy alone would hide weak small classes.
type Report struct {
	Labels    []string // the model's labels, then true labels it does not know
	Classes   []ClassStats
	Confusion [][]int // Confusion[true][predicted], indexed like Labels
	N         int
	Accuracy  float64
	MacroF1   float64 // mean F1 over classes with support or predictions
}

// Evaluate predicts every example with m and scores the predictions
// against the examples' labels.
func Evaluate(m *Model, examples []Example) Report {
	labels := m.Labels()
	pos := map[string]int{}
	for i, l := range labels {
		pos[l] = i
	}
	for _, e := range examples {
		if _, ok := pos[e.Label]; !ok {
			pos[e.Label] = len(labels)
			labels = append(labels, e.Label)
		}
	}
	r := Report{Labels: labels, N: len(examples), Confusion: make([][]int, len(labels))}
	for i := range r.Confusion {
		r.Confusion[i] = make([]int, len(labels))
	}
	for _, e := range examples {
		r.Confusion[pos[e.Label]][pos[m.Predict(e.Text, 1)[0].Label]]++
	}
	r.score()
	return r
}

// score derives per-class figures, accuracy and macro-F1 from Confusion.
func (r *Report) score() {
	var correct, counted int
	var sumF1 float64
	for c, l := range r.Labels {
		tp, support, predicted := r.Confusion[c][c], 0, 0
		for o := range r.Labels {
			support += r.Confusion[c][o]
			predicted += r.Confusion[o][c]
		}
		s := ClassStats{Label: l, Support: support}
		s.Precision, s.Recall = ratio(tp, predicted), ratio(tp, support)
		if s.Precision+s.Recall > 0 {
			s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
		}
		if support+predicted > 0 {
			sumF1 += s.F1
			counted++
		}
		correct += tp
		r.Classes = append(r.Classes, s)
	}
	r.Accuracy = ratio(correct, r.N)
	if counted > 0 {
		r.MacroF1 = sumF1 / float64(counted)
	}
}

// ratio returns a/b, or 0 when b is 0.
func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Write prints the report as plain-text tables: per-class scores, the
// confusion matrix (rows true, columns predicted, numbered like the
// classes) and the totals, ending with a line "macro_f1=0.XXXX".
func (r Report) Write(w io.Writer) error {
	var b strings.Builder
	width := len("class")
	for _, l := range r.Labels {
		width = max(width, displayWidth(l))
	}
	fmt.Fprintf(&b, "%4s  %s  %9s %9s %9s %8s\n", "#", pad("class", width), "precision", "recall", "f1", "support")
	for i, s := range r.Classes {
		fmt.Fprintf(&b, "%4d  %s  %9.4f %9.4f %9.4f %8d\n", i+1, pad(s.Label, width), s.Precision, s.Recall, s.F1, s.Support)
	}
	b.WriteString("\nconfusion matrix (rows: true class, columns: predicted class)\n")
	fmt.Fprintf(&b, "%4s  %s", "#", pad("true \\ predicted", width))
	for i := range r.Labels {
		fmt.Fprintf(&b, " %5d", i+1)
	}
	b.WriteString("\n")
	for i, row := range r.Confusion {
		fmt.Fprintf(&b, "%4d  %s", i+1, pad(r.Labels[i], width))
		for _, n := range row {
			fmt.Fprintf(&b, " %5d", n)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "\nexamples=%d accuracy=%.4f\nmacro_f1=%.4f\n", r.N, r.Accuracy, r.MacroF1)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// displayWidth estimates the terminal columns of s: East Asian wide
// characters take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

// wide reports whether r is drawn two columns wide (CJK, Hangul,
// full-width forms), an approximation good enough to align tables.
func wide(r rune) bool {
	return slices.ContainsFunc(wideRanges, func(g [2]rune) bool { return r >= g[0] && r <= g[1] })
}

// wideRanges lists the rune ranges wide reports as two columns.
var wideRanges = [][2]rune{
	{0x1100, 0x115F}, {0x2E80, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
	{0xFE30, 0xFE4F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x20000, 0x3FFFD},
}

// pad right-pads s with spaces to width display columns.
func pad(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-displayWidth(s)))
}
