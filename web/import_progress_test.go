package web

import (
	"bytes"
	"strings"
	"testing"

	"minsheng"
	"minsheng/importer"
)

// TestImportProgressRenders: a running import's page shows a progress bar
// with rows of the total and polls itself for it, and none once the run is
// over; the phase and the counts read in Chinese.
func TestImportProgressRenders(t *testing.T) {
	as, err := loadAssets()
	if err != nil {
		t.Fatal(err)
	}
	ps, err := parsePages(as)
	if err != nil {
		t.Fatal(err)
	}
	page := func(v jobView) string {
		p := &importPage{adminPage: adminPage{Base: Base{Lang: langZH, User: &minsheng.User{Role: minsheng.RoleDispatcher}},
			Errors: map[string]string{}}, Job: v, Fields: minsheng.ImportFields}
		var buf bytes.Buffer
		if err := ps.sets["admin_import"].ExecuteTemplate(&buf, "content", p); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	info := &importer.FileInfo{Format: "csv, gb18030", Header: []string{"留言详情"}}
	got := page(jobView{ID: "abc", FileName: "a.csv", State: jobWriting, Phase: "writing", Rows: 250000, Total: 1000000, Info: info})
	for _, want := range []string{`<progress max="100" value="25">`, "已处理 250000 / 1000000 行", "正在写入",
		`hx-get="/w/admin/imports/abc"`, `hx-trigger="every 1s"`, "关闭页面不会中断"} {
		if !strings.Contains(got, want) {
			t.Errorf("a running import's page lacks %q", want)
		}
	}
	got = page(jobView{ID: "abc", FileName: "a.csv", State: jobChecking, Phase: "checking", Rows: 4096, Info: info})
	if !strings.Contains(got, "已读取 4096 行") || !strings.Contains(got, "正在检查每一行") {
		t.Errorf("a dry run's page while its total is unknown: %s", got)
	}
	got = page(jobView{ID: "abc", FileName: "a.csv", State: jobChecked, Info: info,
		Report: &importer.Report{Rows: 2, Accepted: 2}})
	if strings.Contains(got, "<progress") || strings.Contains(got, "hx-trigger") || !strings.Contains(got, "导入 2 件") {
		t.Errorf("a checked import still polls, or offers no import: %s", got)
	}
}
