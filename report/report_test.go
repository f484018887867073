package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"minsheng"
)

func id(n int64) *int64 { return &n }

// sample is a month with a growing category, a unit that returns many
// orders, a unit whose satisfaction outruns its solve rate, a case open for
// months, and a title carrying markup.
func sample() Input {
	overdue := int64(4)
	return Input{
		Month:     "2026-10",
		Generated: time.Date(2026, 11, 2, 9, 0, 0, 0, minsheng.Shanghai),
		This:      minsheng.KPIItem{KPICounts: minsheng.KPICounts{Received: 120, Closed: 100, ClosedOnTime: 90, Visited: 80, Solved: 60, Satisfied: 76}, OverdueOpen: &overdue},
		LastMonth: minsheng.KPIItem{KPICounts: minsheng.KPICounts{Received: 100, Closed: 90, ClosedOnTime: 85, Visited: 70, Solved: 60, Satisfied: 65}},
		Cats: []minsheng.Category{{ID: 1, Name: "城乡建设"}, {ID: 2, ParentID: 1, Name: "供暖"}, {ID: 3, ParentID: 1, Name: "物业"},
			{ID: 4, Name: "市政公用"}, {ID: 5, ParentID: 4, Name: "路灯"}},
		CatsThis: []minsheng.KPIItem{{CategoryID: id(2), KPICounts: minsheng.KPICounts{Received: 70}},
			{CategoryID: id(3), KPICounts: minsheng.KPICounts{Received: 20}}, {CategoryID: id(5), KPICounts: minsheng.KPICounts{Received: 30}}},
		CatsLast: []minsheng.KPIItem{{CategoryID: id(2), KPICounts: minsheng.KPICounts{Received: 40}},
			{CategoryID: id(3), KPICounts: minsheng.KPICounts{Received: 25}}, {CategoryID: id(5), KPICounts: minsheng.KPICounts{Received: 35}}},
		Units: []minsheng.KPIItem{
			{OrgName: "市住建局", KPICounts: minsheng.KPICounts{Dispatched: 40, Returned: 12, Closed: 30, ClosedOnTime: 29, Visited: 20, Solved: 18, Satisfied: 18}},
			{OrgName: "市城管局", KPICounts: minsheng.KPICounts{Dispatched: 30, Returned: 1, Closed: 28, ClosedOnTime: 20, Visited: 20, Solved: 10, Satisfied: 19}},
		},
		LongOpen: []CaseLine{{Number: "20260803-0000027", Title: "井盖<b>破损</b>", Org: "市城管局", Status: "办理中", Received: time.Date(2026, 8, 3, 9, 0, 0, 0, minsheng.Shanghai)}},
		Typical:  []Typical{{Number: "20261003-0000100", Category: "供暖", Title: "暖气不热", Request: "家里暖气只有14度。", Org: "市住建局", Reply: "已于10月5日排气，室温恢复到20度。", Solved: true, Satisfied: true}},
	}
}

func TestBuildSaysWhatTheFiguresShow(t *testing.T) {
	m, err := Build(sample())
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(m.Summary, "")
	for _, want := range []string{"2026年10月，12345 热线共受理群众诉求 120 件，比上月增加 20 件（+20.0%）", "去年同期无可比数据",
		"问题解决率 75.0%，比上月下降 10.7 个百分点", "满意率比问题解决率高 20.0 个百分点", "城乡建设（90 件，占 75.0%）",
		"上升最快的问题是“供暖”，由上月 40 件增至 70 件", "仍有 4 件诉求超期未办结"} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
	}
	if len(m.Rising) != 1 || m.Rising[0].Name != "供暖" || m.Rising[0].Delta != 30 {
		t.Errorf("rising: %+v", m.Rising)
	}
	notes := strings.Join(m.UnitNotes, "")
	for _, want := range []string{"市住建局 退单率 30.0%", "市城管局 满意率（95.0%）比解决率（50.0%）高 45 个百分点"} {
		if !strings.Contains(notes, want) {
			t.Errorf("unit notes lack %q:\n%s", want, notes)
		}
	}
	sug := strings.Join(m.Suggestions, "\n")
	for _, want := range []string{"有 1 件诉求受理超过 30 天仍未办结", "“供暖”类诉求比上月增加 30 件", "市城管局 满意率比解决率高 45 个百分点",
		"市住建局 退单率达 30.0%", "市城管局 按时办结率仅 71.4%"} {
		if !strings.Contains(sug, want) {
			t.Errorf("suggestions lack %q:\n%s", want, sug)
		}
	}
	if len(m.Suggestions) > maxSuggestions {
		t.Errorf("%d suggestions", len(m.Suggestions))
	}
	if _, err := Build(Input{Month: "2026-13"}); minsheng.ErrorField(err) != "month" {
		t.Errorf("bad month: %v", err)
	}
}

func TestHTMLAndWorkbook(t *testing.T) {
	m, err := Build(sample())
	if err != nil {
		t.Fatal(err)
	}
	var page bytes.Buffer
	if err := HTML(&page, m, Page{}); err != nil {
		t.Fatal(err)
	}
	s := page.String()
	if !strings.Contains(s, "井盖&lt;b&gt;破损&lt;/b&gt;") || strings.Contains(s, "<b>破损") {
		t.Error("a case title's markup is not escaped")
	}
	if !strings.Contains(s, "<style>") || !strings.Contains(s, "@page { size: A4") || !strings.Contains(s, "已于10月5日排气") {
		t.Error("standalone report lacks its inline print stylesheet or the typical case's reply")
	}
	if strings.Contains(s, "热点话题取自") {
		t.Error("the report says its hot topics come from part of the month, which they do not")
	}
	// Found among the month's newest cases only, the hot topics say so.
	in := sample()
	in.Hotspots, in.HotspotBasis, in.HotspotOf = []Hotspot{{Terms: "暖气、不热", Cases: 12, Heat: 30}}, 2000, 81234
	part, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	page.Reset()
	if err := HTML(&page, part, Page{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page.String(), "热点话题取自本月受理的 81234 件诉求中均匀抽取的 2000 件") {
		t.Error("the hot topics of the newest cases do not say so")
	}
	if book, err := Workbook(part); err != nil {
		t.Fatal(err)
	} else if f, err := excelize.OpenReader(bytes.NewReader(book)); err != nil {
		t.Fatal(err)
	} else if v, _ := f.GetCellValue("热点", "A4"); !strings.Contains(v, "81234 件诉求中均匀抽取的 2000 件") {
		t.Errorf("热点!A4 = %q, want the note on the cases the topics come from", v)
	}
	page.Reset()
	if err := HTML(&page, m, Page{StyleHref: "/static/report.x.css"}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page.String(), "<style>") || !strings.Contains(page.String(), `href="/static/report.x.css"`) {
		t.Error("linked report still inlines its styles")
	}
	book, err := Workbook(m)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); len(got) != 11 || got[0] != "概况" || got[4] != "承办单位" {
		t.Errorf("sheets: %v", got)
	}
	if v, _ := f.GetCellValue("承办单位", "A2"); v != "市住建局" {
		t.Errorf("承办单位!A2 = %q", v)
	}
	if v, _ := f.GetCellValue("概况", "B2"); v != "120" {
		t.Errorf("概况!B2 = %q", v)
	}
}

// TestRepeatCallsAndReopenedAreTwoLists: the repeat calls (重复诉求, the
// same caller again with a similar problem) and the cases reopened most
// (重办, the same case not solved) are two lists under their own names in
// the page (which the PDF prints) and the workbook, and each has its own
// suggestion: the repeat calls' with the month's whole count and rate.
func TestRepeatCallsAndReopenedAreTwoLists(t *testing.T) {
	at := time.Date(2026, 10, 12, 9, 0, 0, 0, minsheng.Shanghai)
	m, err := Build(Input{Month: "2026-10", Generated: at,
		This:     minsheng.KPIItem{KPICounts: minsheng.KPICounts{Received: 200, Repeat: 16}},
		Repeated: []CaseLine{{Number: "20261012-0000031", Title: "楼道灯又坏了", Org: "东港区", Status: "办理中", Received: at}},
		Reopened: []CaseLine{{Number: "20261002-0000007", Title: "下水道反复堵塞", Org: "市住建局", Status: "办理中", Received: at, Reopens: 3}},
	})
	if err != nil {
		t.Fatal(err)
	}
	sug := strings.Join(m.Suggestions, "\n")
	for _, want := range []string{"本月重复诉求 16 件，占受理量 8.0%", "1 件诉求办结后因问题未解决而重办"} {
		if !strings.Contains(sug, want) {
			t.Errorf("suggestions lack %q:\n%s", want, sug)
		}
	}
	var page bytes.Buffer
	if err := HTML(&page, m, Page{}); err != nil {
		t.Fatal(err)
	}
	s := page.String()
	repeat, reopened := strings.Index(s, "<h3>重复诉求"), strings.Index(s, "<h3>办结后因问题未解决重办最多的诉求（重办）</h3>")
	if repeat < 0 || reopened < repeat || !strings.Contains(s[repeat:reopened], "楼道灯又坏了") || strings.Contains(s[repeat:reopened], "下水道") ||
		!strings.Contains(s[reopened:], "下水道反复堵塞") {
		t.Errorf("the page does not list each case under its own heading:\n%s", s)
	}
	book, err := Workbook(m)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	for sheet, want := range map[string]string{"重复诉求": "楼道灯又坏了", "重办最多": "下水道反复堵塞"} {
		if v, _ := f.GetCellValue(sheet, "B2"); v != want {
			t.Errorf("%s!B2 = %q, want %q", sheet, v, want)
		}
		if v, _ := f.GetCellValue(sheet, "B3"); v != "" {
			t.Errorf("%s!B3 = %q, want nothing more", sheet, v)
		}
	}
	if v, _ := f.GetCellValue("重办最多", "G2"); v != "3" {
		t.Errorf("重办最多!G2 = %q, want 3 reopens", v)
	}
}
