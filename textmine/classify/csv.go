package classify

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ReadCSV reads labelled examples in the shared message format: a header
// row naming the columns, then one message per row. The text is the
// subject and the detail joined by a newline (either column may be absent
// from the header, not both); the label is label1, which is required.
// Errors name the data row (1 = first after the header) and its line.
func ReadCSV(r io.Reader) ([]Example, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("read csv: empty input, header row required")
	}
	if err != nil {
		return nil, fmt.Errorf("read csv header: %w", err)
	}
	subj, det, lab := column(header, "subject"), column(header, "detail"), column(header, "label1")
	if lab < 0 || (subj < 0 && det < 0) {
		return nil, fmt.Errorf("read csv: header %q needs label1 and subject or detail", strings.Join(header, ","))
	}
	var out []Example
	for row := 1; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read csv row %d: %w", row, err)
		}
		ex := Example{Label: strings.TrimSpace(rec[lab])}
		ex.Text = strings.TrimSpace(field(rec, subj) + "\n" + field(rec, det))
		line, _ := cr.FieldPos(0)
		switch {
		case ex.Label == "":
			return nil, fmt.Errorf("read csv row %d (line %d): empty label1", row, line)
		case ex.Text == "":
			return nil, fmt.Errorf("read csv row %d (line %d): empty subject and detail", row, line)
		}
		out = append(out, ex)
	}
}

// column returns the index of name in header, or -1.
func column(header []string, name string) int {
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), name) {
			return i
		}
	}
	return -1
}

// field returns rec[i], or "" when the column is absent.
func field(rec []string, i int) string {
	if i < 0 {
		return ""
	}
	return rec[i]
}
