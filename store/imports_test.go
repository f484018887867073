package store

import (
	"context"
	"testing"

	"minsheng"
)

// TestImportSources: a saved source comes back by name and in the list with
// its Chinese headers unchanged; saving again replaces the mapping; an
// invalid source is refused and leaves the list as it was.
func TestImportSources(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		if got, err := s.ImportSources(ctx); err != nil || len(got) != 0 {
			t.Fatalf("empty list: %v %v", got, err)
		}
		mail := &minsheng.ImportSource{Name: "市长信箱", Channel: "mailbox",
			Mapping: minsheng.ImportMapping{minsheng.ImportContent: "来信内容", minsheng.ImportTitle: "信件标题"}}
		board := &minsheng.ImportSource{Name: "board", Channel: "message_board",
			Mapping: minsheng.ImportMapping{minsheng.ImportContent: "留言详情"}}
		for _, src := range []*minsheng.ImportSource{mail, board} {
			if err := s.SaveImportSource(ctx, src); err != nil {
				t.Fatal(err)
			}
		}
		mail.Mapping[minsheng.ImportPhone] = "联系电话"
		if err := s.SaveImportSource(ctx, mail); err != nil {
			t.Fatal(err)
		}
		bad := &minsheng.ImportSource{Name: "坏的", Channel: "mailbox", Mapping: minsheng.ImportMapping{}}
		if err := s.SaveImportSource(ctx, bad); minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Fatalf("a source without a content column: %v", err)
		}
		got, err := s.ImportSources(ctx)
		if err != nil || len(got) != 2 {
			t.Fatalf("list: %d %v", len(got), err)
		}
		if got[0].Name != "board" || got[1].Name != "市长信箱" || got[1].Channel != "mailbox" ||
			got[1].Mapping[minsheng.ImportPhone] != "联系电话" || got[1].Mapping[minsheng.ImportContent] != "来信内容" {
			t.Fatalf("list: %+v %+v", got[0], got[1])
		}
	})
}
