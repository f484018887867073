package dump

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"minsheng"
	"minsheng/demo"
	"minsheng/store"
	"minsheng/store/storetest"
)

func open(t *testing.T, url string) *store.Store {
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
	return st
}

func export(t *testing.T, st *store.Store) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Export(context.Background(), st, &b, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// tablesOf reads a copy as table → rows, each row column → value, so that
// copies from either database compare whatever their column order.
func tablesOf(t *testing.T, b []byte) map[string][]map[string]any {
	t.Helper()
	out := map[string][]map[string]any{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, MaxLine)
	var table string
	var cols []string
	for sc.Scan() {
		line := sc.Bytes()
		if line[0] == '[' {
			row, err := decodeRow(line)
			if err != nil {
				t.Fatal(err)
			}
			m := map[string]any{}
			for i, c := range cols {
				m[c] = row[i]
				if v, ok := row[i].(bool); ok { // SQLite keeps booleans as 0 and 1
					m[c] = json.Number(map[bool]string{false: "0", true: "1"}[v])
				}
			}
			out[table] = append(out[table], m)
			continue
		}
		var tl tableLine
		json.Unmarshal(line, &tl)
		if tl.Table != "" {
			table, cols = tl.Table, tl.Columns
			out[table] = []map[string]any{}
		}
	}
	return out
}

func search(t *testing.T, st *store.Store, q string) int {
	n, err := st.CountCases(context.Background(), minsheng.CaseFilter{Query: q})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestRoundTrip moves a played-through demo city from SQLite to
// PostgreSQL and back: every table's rows, the events and the texts are
// identical, search finds the same cases, and the copies take new cases.
func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := open(t, storetest.SQLite(t))
	city := demo.NewCity()
	l, err := demo.SeedCity(ctx, src, city)
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.LoadCases(ctx, src, city, l, 400, 7, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	imp := &minsheng.Case{Channel: "mailbox", ChannelRef: "市长信箱:1", Content: "=不是公式 \"引号\" 与 NUL 以外的一切\n换行\t制表", Title: "导入"}
	if _, err := src.ImportCases(ctx, []*minsheng.Case{imp}, l.Users["dispatcher"]); err != nil {
		t.Fatal(err)
	}
	if err := src.SaveImportSource(ctx, &minsheng.ImportSource{Name: "市长信箱", Channel: "mailbox",
		Mapping: minsheng.ImportMapping{"content": "内容"}}); err != nil {
		t.Fatal(err)
	}
	// A photo: bytes that are no text at all must come back as they were.
	shot := &minsheng.Photo{ContentType: "image/png", Data: append([]byte("\x89PNG\r\n\x1a\n"), 0xff, 0x00, 0xfe, 0x80)}
	shot.Size = len(shot.Data)
	withPhoto := &minsheng.Case{Channel: "web", Title: "井盖缺失", Content: "幸福路口的井盖不见了，很危险。", Citizen: minsheng.Citizen{Anonymous: true}}
	if _, err := src.CreateCase(ctx, withPhoto, minsheng.Actor{Name: "市民（网站）"}, "", shot); err != nil {
		t.Fatal(err)
	}
	first := export(t, src)

	pgURL, ok := storetest.Postgres(t)
	if !ok {
		return
	}
	pg := open(t, pgURL)
	start := time.Now()
	counts, err := Import(ctx, pg, bytes.NewReader(first), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("SQLite → PostgreSQL: %d cases, %d events in %v", counts["cases"], counts["events"], time.Since(start))
	second := export(t, pg)

	back := open(t, storetest.SQLite(t))
	if _, err := Import(ctx, back, bytes.NewReader(second), nil); err != nil {
		t.Fatal(err)
	}
	third := export(t, back)

	a, b, c := tablesOf(t, first), tablesOf(t, second), tablesOf(t, third)
	if len(a["cases"]) != 402 || len(a["events"]) < 1000 || len(a["orgs"]) == 0 || len(a["import_refs"]) != 1 {
		t.Fatalf("the source copy is too thin: %d cases, %d events", len(a["cases"]), len(a["events"]))
	}
	for name := range a {
		if !reflect.DeepEqual(a[name], b[name]) {
			diffRows(t, name, a[name], b[name])
			t.Fatalf("table %s differs after SQLite → PostgreSQL", name)
		}
		if !reflect.DeepEqual(a[name], c[name]) {
			t.Fatalf("table %s differs after PostgreSQL → SQLite", name)
		}
	}
	if len(a) != len(b) || len(a) != len(c) {
		t.Fatalf("tables: %d, %d, %d", len(a), len(b), len(c))
	}
	if !bytes.Equal(first[bytes.IndexByte(first, '\n'):], third[bytes.IndexByte(third, '\n'):]) {
		t.Fatal("the SQLite copies differ byte for byte")
	}
	for _, st := range []*store.Store{pg, back} {
		got, err := st.CaseByChannelRef(ctx, "mailbox", "市长信箱:1")
		if err != nil || got.Content != imp.Content {
			t.Fatalf("%s: imported text %+v %v", st.Dialect(), got, err)
		}
		for _, q := range []string{"路灯", "噪音", "公式"} {
			if want, got := search(t, src, q), search(t, st, q); want != got || want == 0 {
				t.Fatalf("%s: search %q finds %d, the source %d", st.Dialect(), q, got, want)
			}
		}
		photos, err := st.CasePhotos(ctx, withPhoto.ID)
		if err != nil || len(photos) != 1 {
			t.Fatalf("%s: photos %v %v", st.Dialect(), photos, err)
		}
		if p, err := st.Photo(ctx, photos[0].ID); err != nil || !bytes.Equal(p.Data, shot.Data) {
			t.Fatalf("%s: the photo's bytes changed: %v", st.Dialect(), err)
		}
		c := &minsheng.Case{Channel: "phone", Content: "复制后的新诉求"}
		if _, err := st.CreateCase(ctx, c, l.Users["agent"], ""); err != nil || c.ID <= int64(len(a["cases"])) {
			t.Fatalf("%s: a new case after the copy: id %d, %v", st.Dialect(), c.ID, err)
		}
	}
	if _, err := Import(ctx, back, bytes.NewReader(first), nil); minsheng.ErrorCode(err) != minsheng.ECONFLICT {
		t.Fatalf("a copy into a database that is not empty: %v", err)
	}
}

// TestImportRefusesBadCopies loads nothing from a truncated or foreign file.
func TestImportRefusesBadCopies(t *testing.T) {
	ctx := context.Background()
	src := open(t, storetest.SQLite(t))
	if _, err := demo.SeedCity(ctx, src, demo.NewCity()); err != nil {
		t.Fatal(err)
	}
	full := export(t, src)
	for name, body := range map[string]string{
		"truncated": string(full[:len(full)*2/3]),
		"foreign":   "id,content\n1,路灯\n",
		"badrow":    strings.Replace(string(full), "\n[", "\n[\"x\",", 1),
	} {
		dst := open(t, storetest.SQLite(t))
		_, err := Import(ctx, dst, strings.NewReader(body), nil)
		if minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Fatalf("%s: %v", name, err)
		}
		tree, _ := dst.Orgs(ctx)
		if len(tree.List()) != 0 {
			t.Fatalf("%s: %d organisations loaded from a bad copy", name, len(tree.List()))
		}
	}
}

func diffRows(t *testing.T, name string, a, b []map[string]any) {
	for i := range a {
		if i >= len(b) {
			t.Logf("%s: row %d missing", name, i)
			return
		}
		for k, v := range a[i] {
			if !reflect.DeepEqual(v, b[i][k]) {
				t.Logf("%s row %d col %s: %#v vs %#v", name, i, k, v, b[i][k])
				return
			}
		}
	}
}
