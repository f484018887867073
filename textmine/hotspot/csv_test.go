package hotspot

import (
	"encoding/csv"
	"os"
	"strconv"
	"testing"
	"time"
)

// readShared reads the shared hot-messages CSV, skipping the test when the
// data is not checked out next to the repository.
func readShared(t *testing.T, path string) []Doc {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("shared data not available: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var docs []Doc
	for _, r := range rows[1:] {
		id, _ := strconv.ParseInt(r[0], 10, 64)
		at, _ := time.Parse("2006-01-02 15:04:05", r[3])
		likes, _ := strconv.Atoi(r[5])
		docs = append(docs, Doc{ID: id, Citizen: r[1], Title: r[2], At: at, Text: r[4], Likes: likes})
	}
	return docs
}
