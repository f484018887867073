package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"minsheng"
	"minsheng/demo"
	"minsheng/service"
)

// importList is the import page as c sees it, for its form token.
func importList(c *client) string {
	_, p := c.do("GET", "/w/admin/imports", nil)
	return p
}

// upload posts the import form with a file, as a browser does.
func (c *client) upload(csrf, source, newSource, name string, data []byte) (*http.Response, string) {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", csrf)
	mw.WriteField("source", source)
	mw.WriteField("new_source", newSource)
	mw.WriteField("channel", "mailbox")
	if data != nil {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+"/w/admin/imports", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// TestImportPageRules: only the roles the permission table lets import see
// the page; one dispatcher's upload is not another's; a file that cannot be
// read is refused under the file field in Chinese and leaves no import
// behind; a file over the page's limit is refused before it is read, with
// the limit in words.
func TestImportPageRules(t *testing.T) {
	m := node(t)
	agent := newClient(t, m)
	agent.login("agent")
	if res, _ := agent.do("GET", "/w/admin/imports", nil); res.StatusCode != http.StatusForbidden {
		t.Fatalf("an agent opens the import page: %d", res.StatusCode)
	}
	if _, home := agent.do("GET", "/w/", nil); strings.Contains(home, `href="/w/admin/imports"`) {
		t.Fatal("an agent's left column links the import page")
	}
	admin := newClient(t, m)
	admin.login("admin")
	if res, _ := admin.do("GET", "/w/admin/imports", nil); res.StatusCode != http.StatusForbidden {
		t.Fatalf("the admin, whom the table does not let import, opens the page: %d", res.StatusCode)
	}

	d := newClient(t, m)
	d.login("dispatcher")
	_, page := d.do("GET", "/w/admin/imports", nil)
	csrf := d.csrf(page)
	res, body := d.upload(csrf, "", "报社热线", "empty.csv", []byte{})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "文件是空的：第一行应是表头") {
		t.Fatalf("an empty file: %d %s", res.StatusCode, body)
	}
	res, body = d.upload(csrf, "", "报社热线", "broken.xlsx", []byte("PK\x03\x04 not a workbook"))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "无法打开 .xlsx 工作簿") {
		t.Fatalf("a damaged workbook: %d %s", res.StatusCode, body)
	}
	if _, list := d.do("GET", "/w/admin/imports", nil); !strings.Contains(list, "还没有导入过文件") {
		t.Fatal("a refused file left an import in the list")
	}
	res, body = d.upload(csrf, "没有这个来源", "", "a.csv", []byte("内容\n路灯不亮\n"))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请从列表中选择来源") {
		t.Fatalf("an unknown saved source: %d", res.StatusCode)
	}
	res, _ = d.upload(csrf, "", "报社热线", "a.csv", []byte("内容\n路灯不亮\n"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a good upload: %d", res.StatusCode)
	}
	job := res.Header.Get("Location")
	if res, page := d.do("GET", job, nil); res.StatusCode != http.StatusOK || !strings.Contains(page, `id="map-content"`) {
		t.Fatalf("the uploader's import page: %d", res.StatusCode)
	}
	svc := backdoor(m)
	me := signIn(t, svc, "dispatcher")
	if _, err := svc.CreateUser(context.Background(), signIn(t, svc, "admin"), service.NewUser{Username: "dispatcher2",
		Name: "二号派单员", Role: minsheng.RoleDispatcher, OrgID: me.OrgID, Password: demo.Password}); err != nil {
		t.Fatal(err)
	}
	other := newClient(t, m)
	other.login("dispatcher2")
	if res, _ := other.do("GET", job, nil); res.StatusCode != http.StatusNotFound {
		t.Fatalf("another dispatcher opens the import: %d", res.StatusCode)
	}
	if res, _ := other.do("POST", job+"/check", url.Values{"csrf": {other.csrf(importList(other))}, "map.content": {"内容"}}); res.StatusCode != http.StatusNotFound {
		t.Fatalf("another dispatcher runs the import: %d", res.StatusCode)
	}
	if res, _ := agent.do("GET", job, nil); res.StatusCode != http.StatusForbidden {
		t.Fatalf("an agent opens a dispatcher's import: %d", res.StatusCode)
	}

	big := bytes.Repeat([]byte("a"), 66<<20)
	res, body = d.upload(csrf, "", "报社热线", "big.csv", big)
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "最多接受 65 MB") {
		t.Fatalf("a 66 MB upload: %d %s", res.StatusCode, body)
	}
}
