package store

import (
	"bytes"
	"context"
	"testing"

	"minsheng"
)

// pngBytes is a tiny but real PNG header, enough for content sniffing.
var pngBytes = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{7}, 64)...)

// TestPortalPhotoConsentAndSeat checks on both databases that a case keeps
// its publish consent and seat type, that its photo is stored in the same
// transaction (a bad photo leaves no case) without an uploader, and that the
// operator's log keeps its Chinese text.
func TestPortalPhotoConsentAndSeat(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		org := &minsheng.Org{Name: "热线办", Kind: minsheng.OrgHotline}
		if err := s.CreateOrg(ctx, org); err != nil {
			t.Fatal(err)
		}
		agent := &minsheng.User{Username: "agent", Name: "林晓燕", Role: minsheng.RoleAgent, OrgID: org.ID}
		if err := s.CreateUser(ctx, agent); err != nil {
			t.Fatal(err)
		}
		if err := s.SetSeatType(ctx, agent.ID, "boss"); minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Errorf("unknown seat type: %v", err)
		}
		if err := s.SetSeatType(ctx, agent.ID, minsheng.SeatBusiness); err != nil {
			t.Fatal(err)
		}
		if acc, err := s.User(ctx, agent.ID); err != nil || acc.SeatType != minsheng.SeatBusiness {
			t.Fatalf("seat type: %+v %v", acc, err)
		}
		newCase := func() *minsheng.Case {
			return &minsheng.Case{Channel: "web", Title: "路灯", Content: "幸福路路灯不亮已经一周", Urgency: minsheng.UrgencyNormal,
				Citizen: minsheng.Citizen{Anonymous: true}, PublishConsent: true, SeatType: minsheng.SeatBusiness}
		}
		var before int
		s.rdb(ctx).row("SELECT COUNT(*) FROM cases").Scan(&before)
		bad := &minsheng.Photo{ContentType: "text/html", Data: []byte("<script>")}
		if _, err := s.CreateCase(ctx, newCase(), minsheng.Actor{Name: "市民"}, "", bad); minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Fatalf("html as a photo: %v", err)
		}
		var after int
		s.rdb(ctx).row("SELECT COUNT(*) FROM cases").Scan(&after)
		if after != before {
			t.Fatalf("a refused photo left a case behind (%d → %d)", before, after)
		}
		c := newCase()
		photo := &minsheng.Photo{ContentType: "image/png", Data: pngBytes}
		if _, err := s.CreateCase(ctx, c, minsheng.Actor{Name: "市民"}, "", photo); err != nil {
			t.Fatal(err)
		}
		got, err := s.Case(ctx, c.ID)
		if err != nil || !got.PublishConsent || got.SeatType != minsheng.SeatBusiness {
			t.Fatalf("case read back: %v consent %v seat %q", err, got.PublishConsent, got.SeatType)
		}
		list, err := s.CasePhotos(ctx, c.ID)
		if err != nil || len(list) != 1 || list[0].ID != photo.ID || list[0].Size != len(pngBytes) || list[0].ContentType != "image/png" || list[0].UploadedBy != 0 {
			t.Fatalf("photos: %v %+v", err, list)
		}
		if p, err := s.Photo(ctx, photo.ID); err != nil || !bytes.Equal(p.Data, pngBytes) {
			t.Fatalf("photo bytes: %v", err)
		}

		if err := s.AddSeatLog(ctx, &minsheng.SeatLog{UserID: agent.ID, Kind: "gossip", Text: "无关紧要的话"}); minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Errorf("unknown log kind: %v", err)
		}
		if err := s.AddSeatLog(ctx, &minsheng.SeatLog{UserID: agent.ID, Kind: minsheng.LogEmergency, Text: "幸福路燃气泄漏，已转119", CaseID: c.ID + 99}); minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Errorf("log naming an unknown case: %v", err)
		}
		l := &minsheng.SeatLog{UserID: agent.ID, Kind: minsheng.LogEmergency, Text: "幸福路燃气泄漏，已转119 <b>", CaseID: c.ID}
		if err := s.AddSeatLog(ctx, l); err != nil {
			t.Fatal(err)
		}
		logs, err := s.SeatLogs(ctx, minsheng.SeatLogFilter{UserID: agent.ID})
		if err != nil || len(logs) != 1 || logs[0].Text != l.Text || logs[0].CaseID != c.ID || logs[0].UserName != "林晓燕" || logs[0].SeatType != minsheng.SeatBusiness {
			t.Fatalf("seat logs: %v %+v", err, logs)
		}
		if err := s.SetSeatType(ctx, agent.ID, ""); err != nil {
			t.Fatal(err)
		}
		if logs, _ := s.SeatLogs(ctx, minsheng.SeatLogFilter{}); len(logs) != 1 || logs[0].SeatType != minsheng.SeatBusiness {
			t.Errorf("moving seats rewrote the entry's seat: %+v", logs)
		}
		if logs, _ := s.SeatLogs(ctx, minsheng.SeatLogFilter{After: s.now().Add(1)}); len(logs) != 0 {
			t.Errorf("a window after the entry finds %d", len(logs))
		}
	})
}
