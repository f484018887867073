package store

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"testing"

	"minsheng"
	"minsheng/lifecycle"
	"minsheng/store/storetest"
)

// TestPhotos stores a photo with a new case and reads it back byte for
// byte, with the account that took it; refuses an empty one, one too large
// and one whose sniffed type is not an image, each under the photo field
// and leaving no case behind; and CreateFieldCase with a refused closing
// action leaves neither case nor photo behind.
func TestPhotos(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		var buf bytes.Buffer
		jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)), nil)
		c := &minsheng.Case{Channel: "phone", Title: "井盖", Content: "人民路井盖松动", Citizen: minsheng.Citizen{Name: "李四", Phone: "13900001234"}}
		p := &minsheng.Photo{ContentType: "image/jpeg", Data: buf.Bytes()}
		if _, err := s.CreateCase(ctx, c, f.agent, "", p); err != nil {
			t.Fatal(err)
		}
		got, err := s.Photo(ctx, p.ID)
		if err != nil || !bytes.Equal(got.Data, buf.Bytes()) || got.CaseID != c.ID || got.Size != buf.Len() || got.UploadedBy != f.agent.UserID {
			t.Fatalf("photo: %+v %v", got, err)
		}
		if _, err := s.Photo(ctx, p.ID+100); !errors.Is(err, minsheng.ErrNotFound) {
			t.Fatalf("unknown photo: %v", err)
		}
		before, _ := s.CountCases(ctx, minsheng.CaseFilter{})
		for _, bad := range []*minsheng.Photo{
			{ContentType: "image/jpeg"},
			{ContentType: "image/jpeg", Data: make([]byte, minsheng.MaxPhotoBytes+1)},
			{ContentType: "text/html", Data: []byte("<script>")},
		} {
			c := &minsheng.Case{Channel: "web", Content: "路灯不亮", Citizen: minsheng.Citizen{Anonymous: true}}
			if _, err := s.CreateCase(ctx, c, minsheng.Actor{Name: "市民"}, "", bad); minsheng.ErrorCode(err) != minsheng.EINVALID ||
				minsheng.ErrorField(err) != minsheng.PhotoField {
				t.Fatalf("bad photo (%s, %d bytes): %v", bad.ContentType, len(bad.Data), err)
			}
		}
		if after, _ := s.CountCases(ctx, minsheng.CaseFilter{}); after != before {
			t.Fatalf("refused photos left cases behind: %d → %d", before, after)
		}
		list, err := s.CasePhotos(ctx, c.ID)
		if err != nil || len(list) != 1 || list[0].Data != nil || list[0].UploadedBy != f.agent.UserID {
			t.Fatalf("list: %+v %v", list, err)
		}

		fc := &minsheng.Case{Channel: "field", Content: "路灯不亮", Address: "渔港社区"}
		refused := &lifecycle.Request{Action: lifecycle.Answer, Content: "x"} // too short: refused inside the transaction
		photo := &minsheng.Photo{ContentType: "image/jpeg", Data: buf.Bytes()}
		if _, err := s.CreateFieldCase(ctx, fc, f.agent, "", []*minsheng.Photo{photo}, refused); minsheng.ErrorField(err) != "content" {
			t.Fatalf("refused answer: %v", err)
		}
		if after, _ := s.CountCases(ctx, minsheng.CaseFilter{}); after != before {
			t.Fatalf("a refused field report left a case: %d → %d", before, after)
		}
		if _, err := s.Photo(ctx, p.ID+1); !errors.Is(err, minsheng.ErrNotFound) {
			t.Fatalf("a refused field report left its photo: %v", err)
		}
	})
}

// TestPhotosMigration takes a database as it was before migration 00019,
// with a portal photo in case_attachments and a field photo in case_photos,
// and checks that migrating moves the portal photo over byte for byte, with
// no uploader, after the older one, and drops case_attachments.
func TestPhotosMigration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		s, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		p, err := s.migrator()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.UpTo(ctx, 18); err != nil {
			t.Fatal(err)
		}
		f := newFixture(t, s)
		c := &minsheng.Case{Channel: "field", Content: "幸福路井盖缺失", Address: "幸福路12号"}
		field := &minsheng.Photo{ContentType: "image/png", Data: pngBytes}
		if _, err := s.CreateFieldCase(ctx, c, f.agent, "", []*minsheng.Photo{field}, nil); err != nil {
			t.Fatal(err)
		}
		portal := append([]byte(nil), pngBytes...)
		portal[len(portal)-1] = 9
		err = s.w.do(ctx, func(tx *wtx) error {
			_, err := s.txdb(ctx, tx).insert("INSERT INTO case_attachments (case_id, content_type, size, data, created_at) VALUES (?, ?, ?, ?, ?)",
				c.ID, "image/png", len(portal), portal, ms(s.now()))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		list, err := s.CasePhotos(ctx, c.ID)
		if err != nil || len(list) != 2 || list[0].ID != field.ID || list[0].UploadedBy != f.agent.UserID || list[1].UploadedBy != 0 ||
			list[1].Size != len(portal) || list[1].ContentType != "image/png" {
			t.Fatalf("photos after the migration: %+v %v", list, err)
		}
		moved, err := s.Photo(ctx, list[1].ID)
		if err != nil || !bytes.Equal(moved.Data, portal) {
			t.Fatalf("moved photo: %v", err)
		}
		var n int
		if err := s.rdb(ctx).row("SELECT COUNT(*) FROM case_attachments").Scan(&n); err == nil {
			t.Fatal("case_attachments is still there")
		}
	})
}
