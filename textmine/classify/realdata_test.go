package classify

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// teddyDir holds the 2020 TipDM Cup data (tipdm.org); it may not be
// shipped, so tests that need it skip without it.
const teddyDir = "../../../shared/data/teddy2020"

// loadTeddy reads one of the TipDM Cup files or skips the test.
func loadTeddy(t testing.TB, name string) []Example {
	t.Helper()
	dir := os.Getenv("MINSHENG_TEDDY_DIR")
	if dir == "" {
		dir = teddyDir
	}
	f, err := os.Open(filepath.Join(dir, name))
	if os.IsNotExist(err) {
		t.Skipf("TipDM Cup data not present: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ex, err := ReadCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// TestTeddy2020 trains on the TipDM Cup 2020 training split and checks the
// targets on its test split: macro-F1, model size and determinism.
func TestTeddy2020(t *testing.T) {
	train := loadTeddy(t, "classify_train.csv")
	test := loadTeddy(t, "classify_test.csv")
	if len(train) != 7529 || len(test) != 824 {
		t.Fatalf("read %d train and %d test rows, want 7529 and 824", len(train), len(test))
	}
	start := time.Now()
	m, err := Train(train, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("trained in %v: %d features", time.Since(start), m.NumFeatures())
	r := Evaluate(m, test)
	t.Logf("test macro-F1 %.4f, accuracy %.4f", r.MacroF1, r.Accuracy)
	if r.MacroF1 < 0.90 {
		t.Errorf("macro-F1 = %.4f, want >= 0.90", r.MacroF1)
	}
	var a, b bytes.Buffer
	if _, err := m.WriteTo(&a); err != nil {
		t.Fatal(err)
	}
	if a.Len() > 50<<20 {
		t.Errorf("model is %d bytes, want < 50 MB", a.Len())
	}
	m2, err := Train(train, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m2.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two trainings with the same seed gave different model bytes")
	}
}

// BenchmarkPredict measures one-goroutine prediction on the TipDM Cup test
// texts.
func BenchmarkPredict(b *testing.B) {
	train := loadTeddy(b, "classify_train.csv")
	test := loadTeddy(b, "classify_test.csv")
	m, err := Train(train, DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		m.Predict(test[i%len(test)].Text, 1)
	}
}
