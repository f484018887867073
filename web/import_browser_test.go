package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/text/encoding/simplifiedchinese"

	"minsheng"
	"minsheng/server"
)

// importCSV is a mayor's-mailbox export in GB18030, as older Windows systems
// write it: three good rows, then a formula-injection cell, an unreadable
// time and a repeated number.
const importCSV = "留言编号,留言用户,留言主题,留言时间,留言详情,一级标签\r\n" +
	"1001,张先生,幸福路积水,2026-03-02 08:15:00,幸福路与光明街路口每逢下雨积水没过脚踝，行人只能绕行。,城乡建设\r\n" +
	"1002,李女士,夜间施工扰民,2026-03-03 23:40:00,东港区海景花园旁工地每晚十一点后仍在打桩，噪音很大。,环境保护\r\n" +
	"1003,王大爷,公交站台无遮雨棚,2026-03-04 10:05:00,渔港社区公交站没有遮雨棚，老人下雨天等车淋雨。,交通运输\r\n" +
	"1004,匿名,恶意公式,2026-03-05 09:00:00,=cmd|' /C calc'!A0,城乡建设\r\n" +
	"1005,赵先生,时间写错,昨天下午,路灯不亮已经一周了。,城乡建设\r\n" +
	"1001,张先生,幸福路积水,2026-03-02 08:15:00,重复提交的留言。,城乡建设\r\n"

// TestBrowserImportPage walks the import page as a dispatcher: upload a
// GB18030 CSV under a new source, see the encoding and the header, the
// columns pre-mapped from the header, a dry run whose report names each
// refused row in Chinese, then the import, whose cases carry the Chinese
// text unchanged; the same file again under the now saved source creates
// nothing twice.
func TestBrowserImportPage(t *testing.T) {
	base, ctx, m := browserNode(t)
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(importCSV)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "区长信箱-2026年3月.csv")
	if err := os.WriteFile(file, []byte(gb), 0o644); err != nil {
		t.Fatal(err)
	}
	before := countCases(t, m, "mailbox")
	login(t, ctx, base, "dispatcher")
	run(t, ctx, "open the import page from the left column",
		chromedp.Click(chromedp.CSS(`nav.side a[href="/w/admin/imports"]`)), chromedp.WaitVisible(chromedp.ID("upload")))
	run(t, ctx, "upload without a file", chromedp.SendKeys(chromedp.ID("new_source"), "区长信箱"),
		chromedp.Click(chromedp.ID("upload")), chromedp.WaitVisible(chromedp.ID("file-err")))
	if e := text(t, ctx, "#file-err"); e != "请选择要导入的文件" {
		t.Fatalf("no file: %q", e)
	}
	if v, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.getElementById('new_source').value")); err != nil || v != "区长信箱" {
		t.Fatalf("the source name typed was not kept: %q %v", v, err)
	}
	run(t, ctx, "upload the GB18030 file as a new mailbox source",
		chromedp.SetValue(chromedp.ID("channel"), "mailbox"),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{file}),
		chromedp.Click(chromedp.ID("upload")), chromedp.WaitVisible(chromedp.ID("check")))
	if f := text(t, ctx, "#format"); !strings.Contains(f, "GB18030") {
		t.Fatalf("detected format %q", f)
	}
	if h := text(t, ctx, "#header"); !strings.Contains(h, "留言详情") || !strings.Contains(h, "留言编号") {
		t.Fatalf("header %q", h)
	}
	if v, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.getElementById('map-content').value")); err != nil || v != "留言详情" {
		t.Fatalf("content pre-mapped to %q (%v)", v, err)
	}
	shoot(t, ctx, "import-map-1280", 1280)

	run(t, ctx, "dry run", chromedp.Click(chromedp.ID("check")), chromedp.WaitVisible(chromedp.ID("report")))
	if a, r := text(t, ctx, "#accepted"), text(t, ctx, "#rejected"); a != "3" || r != "3" {
		t.Fatalf("accepted %s, rejected %s; want 3 and 3", a, r)
	}
	rej := text(t, ctx, "#rejections")
	for _, want := range []string{"为防公式注入不予导入", "时间无法识别", "编号与第 2 行重复", "内容", "时间", "编号"} {
		if !strings.Contains(rej, want) {
			t.Errorf("the report lacks %q: %s", want, rej)
		}
	}
	if got := countCases(t, m, "mailbox"); got != before {
		t.Fatalf("a dry run wrote %d cases", got)
	}
	shoot(t, ctx, "import-report-1280", 1280)
	shoot(t, ctx, "import-report-375", 375)

	run(t, ctx, "import", chromedp.Click(chromedp.ID("commit")), chromedp.WaitVisible(chromedp.ID("result")))
	if c, k := text(t, ctx, "#created"), text(t, ctx, "#known"); c != "3" || k != "0" {
		t.Fatalf("created %s, already imported %s", c, k)
	}
	shoot(t, ctx, "import-done-1280", 1280)
	c, err := m.Store.CaseByChannelRef(context.Background(), "mailbox", "区长信箱:1002")
	if err != nil {
		t.Fatal(err)
	}
	if c.Content != "东港区海景花园旁工地每晚十一点后仍在打桩，噪音很大。" || c.Title != "夜间施工扰民" || c.Citizen.Name != "李女士" {
		t.Fatalf("the imported case reads %q %q %q", c.Title, c.Content, c.Citizen.Name)
	}
	run(t, ctx, "find the cases", chromedp.Click(chromedp.CSS("#result a.btn")), chromedp.WaitVisible(chromedp.ID("search-h")))
	if tb := text(t, ctx, "main"); !strings.Contains(tb, "幸福路积水") || !strings.Contains(tb, "公交站台无遮雨棚") {
		t.Fatalf("search by channel does not list the imported cases: %s", tb)
	}

	run(t, ctx, "the same file again, under the saved source",
		chromedp.Navigate(base+"/w/admin/imports"), chromedp.WaitVisible(chromedp.ID("upload")),
		chromedp.SetValue(chromedp.ID("source"), "区长信箱"),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{file}),
		chromedp.Click(chromedp.ID("upload")), chromedp.WaitVisible(chromedp.ID("check")),
		chromedp.Click(chromedp.ID("check")), chromedp.WaitVisible(chromedp.ID("commit")),
		chromedp.Click(chromedp.ID("commit")), chromedp.WaitVisible(chromedp.ID("result")))
	if c, k := text(t, ctx, "#created"), text(t, ctx, "#known"); c != "0" || k != "3" {
		t.Fatalf("again: created %s, already imported %s", c, k)
	}
	if got := countCases(t, m, "mailbox"); got != before+3 {
		t.Fatalf("%d new mailbox cases after importing twice, want 3", got-before)
	}
	run(t, ctx, "the list of imports", chromedp.Navigate(base+"/w/admin/imports"), chromedp.WaitVisible(chromedp.CSS("table.admin")))
	shoot(t, ctx, "import-list-375", 375)
}

// countCases counts the cases of a channel, as the dispatcher sees them.
func countCases(t *testing.T, m *server.Main, ch minsheng.Channel) int {
	t.Helper()
	svc := backdoor(m)
	n, cursor := 0, ""
	for {
		page, err := svc.ListCases(context.Background(), signIn(t, svc, "dispatcher"),
			minsheng.CaseFilter{Channel: ch, Cursor: cursor, Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		n += len(page.Items)
		if cursor = page.NextCursor; cursor == "" {
			return n
		}
	}
}
