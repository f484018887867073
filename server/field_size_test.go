package server

import (
	"encoding/base64"
	"strings"
	"testing"

	"minsheng"
	"minsheng/store/storetest"
)

// TestFieldReportPhotoSizes: the field-report body takes as many photos as
// a report may carry at the photo limit, so a large phone picture is
// accepted; a photo over the limit is refused under the photo field, and a
// body larger than the photos allow says so in words, not a byte count.
func TestFieldReportPhotoSizes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, _ := testNode(t, db)
		fw := login(t, m.URL(), "field_worker")
		photo := func(size int) string {
			b := pngBytes(t)
			return base64.StdEncoding.EncodeToString(append(b, make([]byte, size-len(b))...))
		}
		report := func(photos ...string) map[string]any {
			return map[string]any{"content": "幸福里小区5号楼前路灯不亮", "address": "幸福里小区5号楼", "photos": photos}
		}
		if st, out := fw.call("POST", "/api/v1/field-reports", report(photo(4<<20+512<<10))); st != 201 {
			t.Fatalf("a 4.5 MB photo: %d %v", st, out)
		}
		full := photo(minsheng.MaxPhotoBytes)
		if st, out := fw.call("POST", "/api/v1/field-reports", report(full, full, full)); st != 201 {
			t.Fatalf("three photos at the limit: %d %v", st, out)
		}
		st, out := fw.call("POST", "/api/v1/field-reports", report(photo(minsheng.MaxPhotoBytes+1)))
		if st != 400 || fieldOf(out) != "photo" || !strings.Contains(errMessage(out), "at most 5 MB") {
			t.Fatalf("a photo over 5 MB: %d %v", st, errMessage(out))
		}
		st, out = fw.call("POST", "/api/v1/field-reports", report(full, full, full, full))
		if st != 413 || fieldOf(out) != "photos" || !strings.Contains(errMessage(out), "at most 3 photos of at most 5 MB each") {
			t.Fatalf("a body over the photos' limit: %d %v", st, errMessage(out))
		}
	})
}

func errMessage(out map[string]any) string {
	e, _ := out["error"].(map[string]any)
	s, _ := e["message"].(string)
	return s
}
