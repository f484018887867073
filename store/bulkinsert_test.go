package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"minsheng"
	"minsheng/store/storetest"
)

// TestImportWritesWhatIntakeWrites imports the same rows through the bulk
// path (in chunks of several sizes) into one database and one by one
// through live intake (CreateCase) into another of the same kind, and
// requires the same cases (repeat flags included), events, KPI rollup and
// search results. The rows come out of time order, share callers, and repeat
// cases already stored, so that the repeat rule sees stored and same-chunk
// history across chunks. The chunks are written one after another
// (ImportCases), and also with every chunk's history read before any chunk
// is written, as ImportChunks may when it prepares a chunk while the one
// before it is written: the chunk just before then comes from memory, and
// older ones are read back.
func TestImportWritesWhatIntakeWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		for _, ahead := range []bool{false, true} {
			t.Run(map[bool]string{false: "one_by_one", true: "prepared_ahead"}[ahead], func(t *testing.T) {
				importLikeIntake(t, url, ahead)
			})
		}
	})
}

func importLikeIntake(t *testing.T, url string, ahead bool) {
	ctx := context.Background()
	// Two fresh databases of url's kind per run.
	var into, other string
	if strings.HasPrefix(url, "sqlite:") {
		into, other = storetest.SQLite(t), storetest.SQLite(t)
	} else if into, _ = storetest.Postgres(t); into == "" {
		return
	} else if other, _ = storetest.Postgres(t); other == "" {
		return
	}
	bulk, live := openTestStore(t, into), openTestStore(t, other)
	fb, fl := newFixture(t, bulk), newFixture(t, live)
	cat := &minsheng.Category{Code: "010000", Name: "城乡建设", Level: 1}
	for _, s := range []*Store{bulk, live} {
		c := *cat
		c.ID = 0
		if err := s.SaveCategory(ctx, &c); err != nil {
			t.Fatal(err)
		}
		cat.ID = c.ID
	}
	rows := importRows(cat.ID, 1500)
	// The same case already stored in both, received before the import.
	for i, s := range []*Store{bulk, live} {
		c := *rows[0]
		c.ChannelRef = "stored-1"
		if _, err := s.CreateCase(ctx, &c, []minsheng.Actor{fb.agent, fl.agent}[i], ""); err != nil {
			t.Fatal(err)
		}
	}
	rows = withDuplicates(rows)
	want := 0
	// Chunks shorter than a statement, of several statements, and large
	// enough to be prepared on all cores.
	var chunks []*importChunk
	for _, size := range []int{7, 1, 250, 1245} {
		if !ahead {
			n, err := bulk.ImportCases(ctx, copyCases(rows[:size]), fb.dispatcher)
			if err != nil {
				t.Fatalf("import chunk of %d: %v", size, err)
			}
			want += n
		} else {
			ch, err := bulk.prepareImport(ctx, copyCases(rows[:size]), fb.dispatcher)
			if err != nil {
				t.Fatalf("prepare chunk of %d: %v", size, err)
			}
			chunks = append(chunks, ch)
		}
		rows = rows[size:]
	}
	var after *importChunk
	for _, ch := range chunks {
		n, err := bulk.writeImport(ctx, ch, after)
		if err != nil {
			t.Fatalf("write chunk of %d: %v", len(ch.rows), err)
		}
		want += n
		after = ch
	}
	if len(rows) != 0 || want != 1500 {
		t.Fatalf("%d rows left, %d created; the test's chunks are wrong", len(rows), want)
	}
	// Live intake of the same rows in the same order, skipping what the
	// import skipped.
	seen := map[string]bool{"stored-1": true}
	for _, c := range withDuplicates(importRows(cat.ID, 1500)) {
		if seen[c.ChannelRef] {
			continue
		}
		seen[c.ChannelRef] = true
		if _, err := live.CreateCase(ctx, c, fl.dispatcher, ""); err != nil {
			t.Fatal(err)
		}
	}
	skip := map[string]bool{"tracking_code": true}
	sameRows(t, bulk, live, "SELECT * FROM cases ORDER BY id", skip)
	sameRows(t, bulk, live, "SELECT * FROM events ORDER BY id", nil)
	// PostgreSQL's writer lanes keep rows apart (kpiKey.shard): compare sums.
	sums := make([]string, len(kpiCounterColumns))
	for i, c := range kpiCounterColumns {
		sums[i] = "sum(" + c + ") AS " + c
	}
	sameRows(t, bulk, live, "SELECT day, org_id, category_id, channel, "+strings.Join(sums, ", ")+
		" FROM kpi_daily GROUP BY day, org_id, category_id, channel ORDER BY day, org_id, category_id, channel", nil)
	var repeats, refs int
	if err := bulk.read.QueryRowContext(ctx, "SELECT count(*) FROM cases WHERE repeat_call = 1").Scan(&repeats); err != nil {
		t.Fatal(err)
	}
	if err := bulk.read.QueryRowContext(ctx, "SELECT count(*) FROM import_refs r JOIN cases c ON c.id = r.case_id AND c.channel_ref = r.channel_ref").Scan(&refs); err != nil {
		t.Fatal(err)
	}
	if repeats < 50 || repeats > 1400 || refs != 1500 {
		t.Fatalf("%d repeat calls and %d references among 1501 cases; the rows do not exercise the rule", repeats, refs)
	}
	for _, q := range []string{"供暖", "路灯", "噪音 夜间", "ab12", "幸福里小区", "工地"} {
		var got [2][]int64
		var count [2]int
		for i, s := range []*Store{bulk, live} {
			f := minsheng.CaseFilter{Query: q, Limit: minsheng.MaxPage}
			cs, err := s.ListCases(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cs {
				got[i] = append(got[i], c.ID)
			}
			if count[i], err = s.CountCases(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
		if count[0] == 0 || count[0] != count[1] || !reflect.DeepEqual(got[0], got[1]) {
			t.Errorf("search %q: %d cases imported, %d by intake; first pages %v and %v", q, count[0], count[1], got[0], got[1])
		}
	}
}

// withDuplicates inserts rows an import skips: a reference the channel
// sent itself (stored-1), one imported in an earlier chunk, and one given
// twice in the same chunk.
func withDuplicates(rows []*minsheng.Case) []*minsheng.Case {
	out := append([]*minsheng.Case{}, rows[:300]...)
	out = append(out, copyCase(rows[0], "stored-1"), copyCase(rows[5], rows[5].ChannelRef), copyCase(rows[299], rows[299].ChannelRef))
	return append(out, rows[300:]...)
}

// importRows returns n imported cases of a few callers and problems,
// received over three months in no particular order.
func importRows(cat int64, n int) []*minsheng.Case {
	r := rand.New(rand.NewPCG(1, 2))
	problems := [][2]string{
		{"小区供暖温度不达标", "幸福里小区3号楼供暖温度只有14度，已经一周了。"},
		{"路灯不亮", "人民路与解放路交叉口路灯坏了三天，夜间出行不便。"},
		{"夜间施工噪音", "工地夜间施工噪音扰民，凌晨两点还在作业。"},
		{"Wi-Fi AB12 故障", "图书馆ab12热点连不上，请尽快修复。"},
	}
	base := time.Date(2026, 7, 1, 9, 0, 0, 0, CST)
	out := make([]*minsheng.Case, n)
	for i := range out {
		p := problems[r.IntN(len(problems))]
		c := &minsheng.Case{Channel: "message_board", ChannelRef: fmt.Sprintf("板:%d", 1000+i),
			Title: p[0], Content: p[1] + strings.Repeat("又补充一句。", r.IntN(3)),
			Address:   "海州市" + []string{"东区", "西区"}[r.IntN(2)],
			CreatedAt: base.Add(time.Duration(r.IntN(90*24)) * time.Hour)}
		if k := r.IntN(12); k > 0 { // one in twelve without a phone; the others call often
			c.Citizen = minsheng.Citizen{Name: "市民", Phone: fmt.Sprintf("1390000%04d", k)}
		}
		if i%3 == 0 {
			c.CategoryID = cat
		}
		out[i] = c
	}
	// One caller writes about 22 other things between two messages on the
	// same problem: the second is no repeat, since the rule looks back only
	// RepeatLookback cases.
	for i := range 24 {
		c := out[i]
		c.Citizen = minsheng.Citizen{Name: "常客", Phone: "13911112222"}
		c.CreatedAt = base.Add(time.Duration(i) * time.Hour)
		if i > 0 && i < 23 {
			var b strings.Builder
			for range 30 {
				b.WriteRune(rune(0x4E00 + r.IntN(20000)))
			}
			c.Title, c.Content = "其他事项", b.String()
		}
		if i == 23 {
			c.Title, c.Content = out[0].Title, out[0].Content
		}
	}
	return out
}

func copyCase(c *minsheng.Case, ref string) *minsheng.Case {
	d := *c
	d.ChannelRef = ref
	return &d
}

func copyCases(cs []*minsheng.Case) []*minsheng.Case {
	out := make([]*minsheng.Case, len(cs))
	for i, c := range cs {
		out[i] = copyCase(c, c.ChannelRef)
	}
	return out
}

// sameRows requires the query to return the same rows in both stores,
// leaving out the skipped columns.
func sameRows(t *testing.T, a, b *Store, q string, skip map[string]bool) {
	t.Helper()
	got := [2][]string{}
	for i, s := range []*Store{a, b} {
		rows, err := s.read.QueryContext(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for j := range vals {
				ptrs[j] = &vals[j]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var line []string
			for j, c := range cols {
				if !skip[c] {
					line = append(line, fmt.Sprintf("%s=%v", c, vals[j]))
				}
			}
			got[i] = append(got[i], strings.Join(line, " "))
		}
		rows.Close()
	}
	if len(got[0]) == 0 || len(got[0]) != len(got[1]) {
		t.Fatalf("%s: %d rows imported, %d by intake", q, len(got[0]), len(got[1]))
	}
	for i := range got[0] {
		if got[0][i] != got[1][i] {
			t.Fatalf("%s: row %d differs:\nimport %s\nintake %s", q, i, got[0][i], got[1][i])
		}
	}
}
