package store

import (
	"context"
	"testing"
	"time"

	"minsheng"
	"minsheng/store/storetest"
)

// An import's repeat rule sees a caller's similar case stored before the
// import read its history, and one committed between that read and the
// import's transaction (live intake beside the import); a caller with no
// such case is no repeat. The transaction runs twice, as one retried alone
// after its batch failed would, and answers the same.
func TestImportRepeatSeesCasesCommittedMeanwhile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		s := openTestStore(t, url)
		f := newFixture(t, s)
		at := time.Date(2026, 7, 1, 9, 0, 0, 0, CST)
		call := func(phone, ref string, when time.Time) *minsheng.Case {
			return &minsheng.Case{Channel: "message_board", ChannelRef: ref, Title: "路灯不亮",
				Content: "人民路与解放路交叉口路灯坏了三天，夜间出行不便。", CreatedAt: when,
				Citizen: minsheng.Citizen{Name: "市民", Phone: phone}}
		}
		before, meanwhile := call("13900000001", "", at.Add(-2*time.Hour)), call("13900000002", "", at.Add(-time.Hour))
		before.Channel, meanwhile.Channel = "phone", "phone"
		if _, err := s.CreateCase(ctx, before, f.agent, ""); err != nil {
			t.Fatal(err)
		}
		pol, err := s.Policy(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := s.prepareBulk([]*minsheng.Case{call("13900000001", "板:1", at), call("13900000002", "板:2", at),
			call("13900000003", "板:3", at)}, f.dispatcher, pol)
		if err != nil {
			t.Fatal(err)
		}
		prior, err := s.priorHistory(ctx, rows)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateCase(ctx, meanwhile, f.agent, ""); err != nil {
			t.Fatal(err)
		}
		for run := range 2 {
			err := s.w.do(ctx, func(tx *wtx) error {
				if prior == nil { // PostgreSQL: read in the transaction
					return repeatFlags(s.txdb(ctx, tx), rows)
				}
				return prior.flags(s.txdb(ctx, tx), rows)
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := []bool{rows[0].repeat, rows[1].repeat, rows[2].repeat}; !got[0] || !got[1] || got[2] {
				t.Fatalf("run %d: repeats %v, want stored before, committed meanwhile, none", run, got)
			}
		}
	})
}
