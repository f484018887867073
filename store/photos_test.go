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
)

// TestPhotos stores a photo for a case and reads it back byte for byte;
// refuses an empty one, one too large, one whose sniffed type is not an
// image, and one for an unknown case; and CreateFieldCase with a refused
// closing action leaves neither case nor photo behind.
func TestPhotos(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c := newCase(t, s, f, "井盖", "人民路井盖松动")
		var buf bytes.Buffer
		jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)), nil)
		p := &minsheng.Photo{CaseID: c.ID, ContentType: "image/jpeg", Data: buf.Bytes(), UploadedBy: f.agent.UserID}
		if err := s.SavePhoto(ctx, p); err != nil {
			t.Fatal(err)
		}
		got, err := s.Photo(ctx, p.ID)
		if err != nil || !bytes.Equal(got.Data, buf.Bytes()) || got.CaseID != c.ID || got.Size != buf.Len() || got.UploadedBy != f.agent.UserID {
			t.Fatalf("photo: %+v %v", got, err)
		}
		if _, err := s.Photo(ctx, p.ID+100); !errors.Is(err, minsheng.ErrNotFound) {
			t.Fatalf("unknown photo: %v", err)
		}
		for _, bad := range []*minsheng.Photo{
			{CaseID: c.ID, ContentType: "image/jpeg"},
			{CaseID: c.ID, ContentType: "image/jpeg", Data: make([]byte, minsheng.MaxPhotoBytes+1)},
			{CaseID: c.ID, ContentType: "text/html", Data: []byte("<script>")},
			{CaseID: c.ID + 1000, ContentType: "image/jpeg", Data: buf.Bytes()},
		} {
			if err := s.SavePhoto(ctx, bad); minsheng.ErrorCode(err) != minsheng.EINVALID {
				t.Fatalf("bad photo (%s, %d bytes, case %d): %v", bad.ContentType, len(bad.Data), bad.CaseID, err)
			}
		}
		list, err := s.CasePhotos(ctx, c.ID)
		if err != nil || len(list) != 1 || list[0].Data != nil {
			t.Fatalf("list: %+v %v", list, err)
		}

		before, _ := s.CountCases(ctx, minsheng.CaseFilter{})
		fc := &minsheng.Case{Channel: "field", Content: "路灯不亮", Address: "渔港社区"}
		refused := &lifecycle.Request{Action: lifecycle.Answer, Content: "x"} // too short: refused inside the transaction
		photo := &minsheng.Photo{ContentType: "image/jpeg", Data: buf.Bytes()}
		if _, err := s.CreateFieldCase(ctx, fc, f.agent, "", []*minsheng.Photo{photo}, refused); minsheng.ErrorField(err) != "content" {
			t.Fatalf("refused answer: %v", err)
		}
		after, _ := s.CountCases(ctx, minsheng.CaseFilter{})
		if after != before {
			t.Fatalf("a refused field report left a case: %d → %d", before, after)
		}
		if _, err := s.Photo(ctx, p.ID+1); !errors.Is(err, minsheng.ErrNotFound) {
			t.Fatalf("a refused field report left its photo: %v", err)
		}
	})
}
