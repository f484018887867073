package service

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"

	"minsheng"
	"minsheng/store/storetest"
)

// TestPhotosOneKind follows the two ways a photo comes in on both
// databases: a citizen's with a portal request and a field worker's with a
// field report are the same kind of photo, listed and served by the same
// calls; a script named as a photo is refused under the photo field by
// either; and a handler who may not read the case finds no photo.
func TestPhotosOneKind(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		svc, st := testService(t, url)
		city := newOversightCity(t, st)
		fw := &minsheng.User{Username: "grid", Name: "网格员", Role: minsheng.RoleFieldWorker, OrgID: city.street.ID}
		if err := st.CreateUser(ctx, fw); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4)))
		script := []byte("<html><script>alert(1)</script></html>")

		if _, err := NewPhoto(script); minsheng.ErrorField(err) != minsheng.PhotoField {
			t.Fatalf("a script as a photo: %v", err)
		}
		if _, err := svc.RecordFieldReport(ctx, fw, FieldReport{Content: "路灯不亮", Address: "渔港社区", Photos: [][]byte{script}}, ""); minsheng.ErrorField(err) != minsheng.PhotoField {
			t.Fatalf("a script in a field report: %v", err)
		}
		p, err := NewPhoto(buf.Bytes())
		if err != nil || p.ContentType != "image/png" {
			t.Fatalf("a real photo: %+v %v", p, err)
		}
		portal, err := svc.SubmitPublic(ctx, "10.0.0.1", Intake{Content: "幸福路井盖缺失，夜里很危险"}, p)
		if err != nil {
			t.Fatal(err)
		}
		field, err := svc.RecordFieldReport(ctx, fw, FieldReport{Content: "渔港社区路灯不亮", Address: "渔港社区7号楼", Photos: [][]byte{buf.Bytes()}}, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			who    *minsheng.User
			caseID int64
			by     int64
		}{{city.dispatcher, portal.ID, 0}, {fw, field.ID, fw.ID}, {city.dispatcher, field.ID, fw.ID}} {
			list, err := svc.CasePhotos(ctx, c.who, c.caseID)
			if err != nil || len(list) != 1 || list[0].UploadedBy != c.by || list[0].Data != nil {
				t.Fatalf("%s lists the photos of case %d: %+v %v", c.who.Username, c.caseID, list, err)
			}
			got, err := svc.Photo(ctx, c.who, list[0].ID)
			if err != nil || !bytes.Equal(got.Data, buf.Bytes()) || got.CaseID != c.caseID {
				t.Fatalf("%s reads photo %d: %v", c.who.Username, list[0].ID, err)
			}
		}
		list, _ := svc.CasePhotos(ctx, city.dispatcher, portal.ID)
		if _, err := svc.Photo(ctx, city.handler, list[0].ID); minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
			t.Errorf("a handler read the photo of a case not sent to the unit: %v", err)
		}
		if _, err := svc.CasePhotos(ctx, city.handler, portal.ID); minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
			t.Errorf("a handler listed the photos of a case not sent to the unit: %v", err)
		}
	})
}
