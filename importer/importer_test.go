package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"minsheng"
	"minsheng/demo"
	"minsheng/service"
	"minsheng/store"
	"minsheng/store/storetest"
)

// setup opens a real store with the demo city and returns the use cases
// and the dispatcher who imports.
func setup(t *testing.T, url string) (*service.Service, *store.Store, *minsheng.User) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.SeedCity(ctx, st, demo.NewCity()); err != nil {
		t.Fatal(err)
	}
	u, err := st.UserByName(ctx, "dispatcher")
	if err != nil {
		t.Fatal(err)
	}
	return service.New(st, nil, slog.New(slog.NewTextHandler(io.Discard, nil))), st, u
}

// sharedData returns a file of the shared real data (../shared beside the
// checkout), skipping without it as the classifier's tests do: a clone
// elsewhere has no shared folder, and the GBK fixtures below still run.
func sharedData(t *testing.T, name string) string {
	p := filepath.Join("..", "..", "shared", "data", "teddy2020", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data missing: %v", err)
	}
	return p
}

func readCSV(t *testing.T, path string) [][]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func writeXLSX(t *testing.T, path string, recs [][]string) {
	x := excelize.NewFile()
	sw, err := x.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range recs {
		row := make([]any, len(rec))
		for j, v := range rec {
			row[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestImportRealMessages imports the TipDM message-board messages: a dry run
// writes nothing, the commit writes every row with its text unchanged, and
// the same rows again (as CSV, then as .xlsx) create nothing twice.
func TestImportRealMessages(t *testing.T) {
	path := sharedData(t, "classify_test.csv")
	recs := readCSV(t, path)
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		svc, st, u := setup(t, url)
		o := Options{Path: path, Source: "留言板", Channel: "message_board"}
		rep, err := Run(ctx, svc, u, o)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Rows != len(recs)-1 || rep.Accepted != rep.Rows || rep.Rejected != 0 || rep.Created != 0 || rep.MappingFrom != "defaults" {
			var b strings.Builder
			rep.Print(&b, 20)
			t.Fatalf("dry run:\n%s", b.String())
		}
		if n, _ := st.CountCases(ctx, minsheng.CaseFilter{}); n != 0 {
			t.Fatalf("a dry run wrote %d cases", n)
		}
		o.Commit, o.Chunk = true, 300
		rep, err = Run(ctx, svc, u, o)
		if err != nil || !rep.Committed || rep.Created != rep.Accepted {
			t.Fatalf("commit: %+v %v", rep, err)
		}
		for _, rec := range recs[1:4] {
			c, err := st.CaseByChannelRef(ctx, "message_board", "留言板:"+rec[0])
			if err != nil {
				t.Fatal(err)
			}
			if c.Content != strings.TrimSpace(rec[4]) || c.Title != strings.TrimSpace(rec[2]) || c.Citizen.Name != rec[1] ||
				c.CreatedAt.Format("2006-01-02 15:04:05") != rec[3] || c.CreatedBy != u.ID {
				t.Fatalf("row %s stored as %+v", rec[0], c)
			}
		}
		rep, err = Run(ctx, svc, u, o)
		if err != nil || rep.Created != 0 || rep.Known != rep.Accepted || rep.MappingFrom != "saved" {
			t.Fatalf("second import: %+v %v", rep, err)
		}
		xlsx := filepath.Join(t.TempDir(), "messages.xlsx")
		writeXLSX(t, xlsx, recs)
		o.Path = xlsx
		rep, err = Run(ctx, svc, u, o)
		if err != nil || rep.Format != "xlsx" || rep.Rows != len(recs)-1 || rep.Created != 0 || rep.Known != rep.Rows {
			t.Fatalf("the same rows as xlsx: %+v %v", rep, err)
		}
		if n, _ := st.CountCases(ctx, minsheng.CaseFilter{}); n != len(recs)-1 {
			t.Fatalf("%d cases after three imports of %d rows", n, len(recs)-1)
		}
	})
}

// gbk encodes a CSV text as GB18030 (which GBK is part of).
func gbk(t *testing.T, s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestImportGBKAndBadRows reads a GBK file with the petition bureau's own
// headers and refuses, each with its line and field, a NUL, an empty
// content, a formula, a bad time, a bad phone, a repeated number and a row
// in UTF-8 among GBK rows; the phone is stored in canonical form.
func TestImportGBKAndBadRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		svc, st, u := setup(t, url)
		text := "来信编号,信件标题,来信内容,来信时间,联系电话,来信人,地址,类别\r\n" +
			"X1,路灯不亮,幸福路路灯坏了三天,2026/11/2 9:30,+86 138 0013 8000,李四光,幸福路12号,\r\n" +
			"X2,空内容,,2026-11-02 10:00:00,,,,\r\n" +
			"X3,公式,=cmd|' /C calc'!A0,2026-11-02,,,,\r\n" +
			"X4,时间,噪音扰民,昨天下午,,,,\r\n" +
			"X5,电话,噪音扰民,2026-11-02,打我电话,,,\r\n" +
			"X1,重复,重复的编号,2026-11-02,,,,\r\n" +
			"X7,带NUL,有\x00字符,2026-11-02,,,,\r\n"
		body := gbk(t, text)
		body = append(body, []byte("X8,UTF-8 行,这一行是UTF-8,2026-11-02,,,,\r\n")...)
		body = append(body, gbk(t, "X9,夜间施工,工地夜里还在施工，吵得睡不着,2026-11-03 23:10,0532-8888 6666,,,\r\n")...)
		path := filepath.Join(t.TempDir(), "信访.csv")
		if err := os.WriteFile(path, body, 0o600); err != nil {
			t.Fatal(err)
		}
		rep, err := Run(ctx, svc, u, Options{Path: path, Source: "信访局", Channel: "petition", Commit: true})
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		rep.Print(&out, 50)
		want := map[int]string{3: "内容(content)", 4: "内容(content)", 5: "时间(time)", 6: "电话(phone)", 7: "编号(ref)",
			8: "内容(content)", 9: ""}
		if rep.Format != "csv, gb18030" || rep.Rows != 9 || rep.Accepted != 2 || rep.Created != 2 || len(rep.Rejections) != len(want) {
			t.Fatalf("report:\n%s", out.String())
		}
		for _, r := range rep.Rejections {
			if f, ok := want[r.Line]; !ok || f != r.Field {
				t.Fatalf("line %d rejected for %q: %s\n%s", r.Line, r.Field, r.Reason, out.String())
			}
		}
		for _, s := range []string{"formula injection", "mixed encodings", "line 7: 编号(ref): the same 编号 as line 2"} {
			if !strings.Contains(out.String(), s) {
				t.Fatalf("report lacks %q:\n%s", s, out.String())
			}
		}
		c, err := st.CaseByChannelRef(ctx, "petition", "信访局:X1")
		if err != nil {
			t.Fatal(err)
		}
		if c.Citizen.Phone != "13800138000" || c.Content != "幸福路路灯坏了三天" || c.Address != "幸福路12号" ||
			c.Citizen.Name != "李四光" || c.CreatedAt.Format("2006-01-02 15:04") != "2026-11-02 09:30" {
			t.Fatalf("stored %+v", c)
		}
		if c, err := st.CaseByChannelRef(ctx, "petition", "信访局:X9"); err != nil || c.Citizen.Phone != "053288886666" {
			t.Fatalf("landline: %+v %v", c, err)
		}
	})
}

// TestImportBadFiles gives each broken file a clear error and writes nothing.
func TestImportBadFiles(t *testing.T) {
	url := storetest.SQLite(t)
	ctx := context.Background()
	svc, st, u := setup(t, url)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.xlsx")
	writeXLSX(t, good, [][]string{{"标题", "内容"}, {"路灯", "路灯坏了"}})
	whole, _ := os.ReadFile(good)
	wide := "编号," + strings.Repeat("列,", 1_000_000) + "内容\n1,x\n"
	huge := "编号,内容\n1," + strings.Repeat("长", MaxLineBytes/3+10) + "\n"
	cases := []struct{ name, body, want string }{
		{"truncated.xlsx", string(whole[:len(whole)/2]), "cannot be opened (truncated or damaged?)"},
		{"wide.csv", wide, "the header has 1000002 columns"},
		{"huge.csv", huge, "longer than 32 MiB"},
		{"empty.csv", "", "the file is empty"},
		{"nocontent.csv", "甲,乙\n1,2\n", "no column holds the content"},
		{"binary.csv", "\x00\x01\x02PK", "no column holds the content"},
	}
	for _, tc := range cases {
		p := filepath.Join(dir, tc.name)
		if err := os.WriteFile(p, []byte(tc.body), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Run(ctx, svc, u, Options{Path: p, Commit: true})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Fatalf("%s: %v, want %q", tc.name, err, tc.want)
		}
		var fe *FileError
		if !errors.As(err, &fe) && minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Fatalf("%s: not a clear refusal: %v", tc.name, err)
		}
	}
	big := filepath.Join(dir, "bigrow.csv")
	os.WriteFile(big, []byte("编号,内容\n1,"+strings.Repeat("x", MaxRowBytes+1)+"\n2,正常的一行\n"), 0o600)
	rep, err := Run(ctx, svc, u, Options{Path: big, Commit: true})
	if err != nil || rep.Rejected != 1 || rep.Created != 1 || !strings.Contains(rep.Rejections[0].Reason, "bytes; at most") {
		t.Fatalf("a huge row: %+v %v", rep, err)
	}
	if n, _ := st.CountCases(ctx, minsheng.CaseFilter{}); n != 1 {
		t.Fatalf("%d cases after the bad files", n)
	}
	analyst, _ := st.UserByName(ctx, "analyst")
	if _, err := Run(ctx, svc, analyst, Options{Path: big}); minsheng.ErrorCode(err) != minsheng.EFORBIDDEN {
		t.Fatalf("an analyst imports: %v", err)
	}
}

// TestImportMappingSaved maps odd headers by hand once; the next file of
// the same source is read with the saved mapping, and asking for a saved
// mapping that does not exist is refused.
func TestImportMappingSaved(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		svc, _, u := setup(t, url)
		dir := t.TempDir()
		p := filepath.Join(dir, "media.csv")
		os.WriteFile(p, append(append([]byte{}, bom...), []byte("线索号,爆料正文,爆料人电话\nM1,小区门口垃圾堆了一周,13900001111\n")...), 0o600)
		if _, err := Run(ctx, svc, u, Options{Path: p, Source: "晚报热线", Saved: true}); minsheng.ErrorField(err) != "mapping" {
			t.Fatalf("no saved mapping yet: %v", err)
		}
		if _, err := Run(ctx, svc, u, Options{Path: p, Source: "晚报热线"}); minsheng.ErrorField(err) != "mapping" {
			t.Fatalf("no content column: %v", err)
		}
		m := minsheng.ImportMapping{"ref": "线索号", "content": "爆料正文", "phone": "爆料人电话"}
		rep, err := Run(ctx, svc, u, Options{Path: p, Source: "晚报热线", Channel: "media", Mapping: m, Commit: true})
		if err != nil || rep.Created != 1 || rep.Format != "csv, utf-8-bom" {
			t.Fatalf("given mapping: %+v %v", rep, err)
		}
		p2 := filepath.Join(dir, "media2.csv")
		os.WriteFile(p2, []byte("线索号,爆料正文,爆料人电话\nM2,路口红绿灯不亮,13900002222\n"), 0o600)
		rep, err = Run(ctx, svc, u, Options{Path: p2, Source: "晚报热线", Saved: true, Commit: true})
		if err != nil || rep.MappingFrom != "saved" || rep.Channel != "media" || rep.Created != 1 {
			t.Fatalf("saved mapping: %+v %v", rep, err)
		}
		var b bytes.Buffer
		rep.Print(&b, 10)
		if !strings.Contains(b.String(), "内容(content) ← 爆料正文") {
			t.Fatalf("report:\n%s", b.String())
		}
	})
}

// TestImportInterruptedAndRunAgain stops an import while it writes (the
// context ends after a few chunks): every chunk is whole or absent, the error
// says how far it got, and the same import run again adds exactly the rest.
func TestImportInterruptedAndRunAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		svc, st, u := setup(t, url)
		var b strings.Builder
		b.WriteString("编号,标题,内容,时间,电话\n")
		for i := range 2000 {
			fmt.Fprintf(&b, "M%d,第%d号留言,小区第%d栋楼下垃圾堆放多日无人清运,2026-10-%02d 08:00,1390000%04d\n",
				i, i, i%40, 1+i%28, i%300)
		}
		path := filepath.Join(t.TempDir(), "留言.csv")
		if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		o := Options{Path: path, Source: "留言板", Channel: "message_board", Commit: true, Chunk: 150,
			Progress: func(phase string, rows, _ int) {
				if phase == "writing" && rows >= 700 {
					cancel()
				}
			}}
		rep, err := Run(ctx, svc, u, o)
		if err == nil || rep.Committed {
			t.Fatalf("an interrupted import reports success: %+v", rep)
		}
		n, cerr := st.CountCases(context.Background(), minsheng.CaseFilter{})
		if cerr != nil {
			t.Fatal(cerr)
		}
		if n != rep.Created || n%150 != 0 || n == 0 || n >= 2000 {
			t.Fatalf("%d cases stored, the report says %d created (%v)", n, rep.Created, err)
		}
		o.Progress = nil
		rep, err = Run(context.Background(), svc, u, o)
		if err != nil || rep.Created != 2000-n || rep.Known != n {
			t.Fatalf("run again: %d created, %d known, %v", rep.Created, rep.Known, err)
		}
		if n, _ := st.CountCases(context.Background(), minsheng.CaseFilter{}); n != 2000 {
			t.Fatalf("%d cases after the second run, want 2000", n)
		}
	})
}
