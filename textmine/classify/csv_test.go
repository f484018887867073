package classify

import (
	"strings"
	"testing"
)

func TestReadCSV(t *testing.T) {
	in := "\ufeffid,user,subject,time,detail,label1\n" +
		"1,u,公交晚点,2019-01-01 08:00:00,\"司机态度差，\n经常晚点\",交通运输\n" +
		"2,,,,学校 乱收费,教育文体\n"
	got, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Example{
		{Text: "公交晚点\n司机态度差，\n经常晚点", Label: "交通运输"},
		{Text: "学校 乱收费", Label: "教育文体"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d examples, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("example %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestReadCSVErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", "header row required"},
		{"no label column", "subject,detail\n公交,晚点\n", "needs label1"},
		{"no text column", "id,label1\n1,交通\n", "needs label1"},
		{"short row", "subject,detail,label1\n公交,晚点,交通\n学校,收费\n", "row 2"},
		{"empty label", "subject,detail,label1\n公交,晚点,交通\n学校,收费,\n", "row 2 (line 3): empty label1"},
		{"empty text", "subject,detail,label1\n,,交通\n", "row 1 (line 2): empty subject and detail"},
		{"bad quote", "subject,detail,label1\n\"公交,晚点,交通\n", "row 1"},
	} {
		_, err := ReadCSV(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to mention %q", tc.name, err, tc.want)
		}
	}
}
