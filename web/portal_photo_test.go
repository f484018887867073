package web_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"minsheng"
)

// pngPhoto is a real little picture, so a browser can show it.
var pngPhoto = func() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}()

// postMultipart sends the portal form as a browser does with a file field.
func (c *client) postMultipart(path string, fields url.Values, file string, data []byte) (*http.Response, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if data != nil {
		fw, _ := mw.CreateFormFile("photo", file)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// TestPortalPhotoAndConsent submits on the portal with a photo: a file
// that is not a photo, or too large, is refused under the photo field with
// every typed word kept and no case made; a real photo is stored with the
// case, shown to staff who may read the case and to nobody else, and the
// consent to publish is recorded.
func TestPortalPhotoAndConsent(t *testing.T) {
	m := node(t)
	ctx := context.Background()
	c := newClient(t, m)
	_, page := c.do("GET", "/", nil)
	if !strings.Contains(page, `enctype="multipart/form-data"`) || !strings.Contains(page, `<label for="photo">`) {
		t.Fatal("the portal form takes no photo")
	}
	fields := url.Values{"csrf": {c.csrf(page)}, "category_id": {"3"}, "content": {"幸福路井盖缺失，夜里很危险"},
		"address": {"市南区幸福路12号"}, "phone": {"13800138000"}, "publish_consent": {"1"}, "wants_reply": {"1"}}
	count := func() int {
		n, err := m.Store.CountCases(ctx, minsheng.CaseFilter{Phone: "13800138000"})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	res, body := c.postMultipart("/submit", fields, "photo.jpg", []byte("<html><script>alert(1)</script></html>"))
	if res.StatusCode != 422 || !strings.Contains(body, `id="photo-err">只能上传`) || !strings.Contains(body, "幸福路井盖缺失") ||
		!strings.Contains(body, `value="市南区幸福路12号"`) || !regexp.MustCompile(`name="publish_consent" value="1" checked`).MatchString(body) {
		t.Fatalf("html named .jpg: %d, error or typed text missing", res.StatusCode)
	}
	res, body = c.postMultipart("/submit", fields, "big.png", append(pngPhoto, bytes.Repeat([]byte{1}, 5<<20)...))
	if res.StatusCode != 422 || !strings.Contains(body, `id="photo-err">照片太大了`) || !strings.Contains(body, `value="13800138000"`) {
		t.Fatalf("a 5 MB photo: %d", res.StatusCode)
	}
	if n := count(); n != before {
		t.Fatalf("refused photos left %d cases behind", n-before)
	}
	res, _ = c.postMultipart("/submit", fields, "well.png", pngPhoto)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/track/") {
		t.Fatalf("submit with a photo: %d %s", res.StatusCode, loc)
	}
	cs, err := m.Store.CaseByTrackingCode(ctx, strings.TrimPrefix(strings.SplitN(loc, "?", 2)[0], "/track/"))
	if err != nil || !cs.PublishConsent {
		t.Fatalf("case: %v, consent %v", err, cs != nil && cs.PublishConsent)
	}
	d := newClient(t, m)
	d.login("dispatcher")
	path := "/w/cases/" + strconv.FormatInt(cs.ID, 10)
	_, body = d.do("GET", path, nil)
	img := regexp.MustCompile(`<ul class="photos"><li><a href="/w/photos/\d+" target="_blank" rel="noopener"><img src="(/w/photos/\d+)" alt="市民上传的照片"`).FindStringSubmatch(body)
	if img == nil || !strings.Contains(body, "市民同意公开") {
		t.Fatal("the case page shows no photo or no consent")
	}
	res, got := d.do("GET", img[1], nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" || got != string(pngPhoto) ||
		res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("photo: %d %s, %d bytes", res.StatusCode, res.Header.Get("Content-Type"), len(got))
	}
	l := newClient(t, m)
	l.login("leader") // reads every case, so sees its photos too
	if res, body := l.do("GET", path, nil); res.StatusCode != 200 || !strings.Contains(body, `<img src="`+img[1]+`"`) {
		t.Errorf("the leader's case page: %d, photo shown %v", res.StatusCode, strings.Contains(body, img[1]))
	}
	if res, _ := l.do("GET", img[1], nil); res.StatusCode != 200 {
		t.Errorf("the leader fetched the photo: %d", res.StatusCode)
	}
	h := newClient(t, m)
	h.login("handler") // the case is not dispatched to the handler's unit
	if res, _ := h.do("GET", img[1], nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("another unit's handler fetched the photo: %d", res.StatusCode)
	}
	anon := newClient(t, m)
	if res, _ := anon.do("GET", img[1], nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("photo without sign-in: %d", res.StatusCode)
	}
}
