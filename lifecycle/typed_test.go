package lifecycle

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"

	"minsheng"
)

// TestEveryActionHasAPayloadType: DecodePayload knows each action and create.
func TestEveryActionHasAPayloadType(t *testing.T) {
	want := []string{string(Create)}
	for _, a := range Actions() {
		want = append(want, string(a))
	}
	slices.Sort(want)
	if got := minsheng.PayloadActions(); !slices.Equal(got, want) {
		t.Errorf("PayloadActions() = %v\nwant %v", got, want)
	}
}

// TestEventPayloadsDecode: the event of every action decodes into its typed
// payload, and re-encoding gives back the same JSON object.
func TestEventPayloadsDecode(t *testing.T) {
	for _, act := range Actions() {
		t.Run(string(act), func(t *testing.T) {
			c := caseIn(allowedState[act])
			prepare(act, c)
			req, env := validReq(act, c)
			if act == Dispatch {
				req.Shown = &Shown{Orgs: []int64{3, 2}, Categories: []int64{7}}
			}
			ev := apply(t, c, actorFor(act, wantRoles[act][0], c), req, env)
			p, err := minsheng.DecodePayload(ev.Action, ev.Payload)
			if err != nil {
				t.Fatal(err)
			}
			back, _ := json.Marshal(p)
			var a, b map[string]any
			json.Unmarshal(ev.Payload, &a)
			json.Unmarshal(back, &b)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("round trip:\n got %s\nwant %s", back, ev.Payload)
			}
		})
	}
}

// TestStoredPayloadsStillDecode: events written before payloads were typed,
// with the keys of that time, decode into the typed structs.
func TestStoredPayloadsStillDecode(t *testing.T) {
	due := time.Date(2024, 3, 8, 18, 0, 0, 0, cst)
	tests := []struct {
		action, raw string
		want        any
	}{
		{"create", `{"channel":"phone","channel_ref":"A1"}`, &minsheng.CreatePayload{Channel: "phone", ChannelRef: "A1"}},
		{"answer", `{"content":"可网上办理","article_id":42}`, &minsheng.AnswerPayload{Content: "可网上办理", ArticleID: 42}},
		{"triage", `{"from_track":"service","track":"media","from_category_id":0,"category_id":5}`,
			&minsheng.TriagePayload{FromTrack: "service", Track: "media", FromCategoryID: ptr(int64(0)), CategoryID: 5}},
		{"dispatch", `{"org_id":2,"org_name":"市住建局","co_org_ids":[3],"track":"service","due_at":"2024-03-08T18:00:00+08:00","suggested_orgs":5,"org_rank":1,"suggested_categories":3,"category_rank":0}`,
			&minsheng.DispatchPayload{OrgID: 2, OrgName: "市住建局", CoOrgIDs: []int64{3}, Track: "service", DueAt: due,
				Ranks: &minsheng.Ranks{SuggestedOrgs: 5, OrgRank: 1, SuggestedCategories: 3}}},
		{"dispatch", `{"org_id":2,"org_name":"市住建局","co_org_ids":[],"track":"service","due_at":"2024-03-08T18:00:00+08:00"}`,
			&minsheng.DispatchPayload{OrgID: 2, OrgName: "市住建局", CoOrgIDs: []int64{}, Track: "service", DueAt: due}},
		{"return", `{"reason":"不归本单位","org_id":5,"to_org_id":2}`, &minsheng.ReturnPayload{Reason: "不归本单位", OrgID: 5, ToOrgID: 2}},
		{"decide_extension", `{"approve":true,"days":3,"comment":"","due_at":"2024-03-08T18:00:00+08:00"}`,
			&minsheng.DecideExtensionPayload{Approve: true, Days: 3, DueAt: &due}},
		{"visit", `{"reached":false,"attempt":2,"note":"无人接听"}`, &minsheng.VisitPayload{Attempt: 2, Note: "无人接听"}},
		{"visit", `{"reached":true,"solved":false,"satisfaction":"dissatisfied","note":""}`,
			&minsheng.VisitPayload{Reached: true, Solved: ptr(false), Satisfaction: "dissatisfied"}},
		{"merge", `{"into":200,"into_number":"20240301-0000200"}`, &minsheng.MergePayload{Into: 200, IntoNumber: "20240301-0000200"}},
		{"comment", ``, &minsheng.CommentPayload{}},
	}
	for _, tc := range tests {
		got, err := minsheng.DecodePayload(tc.action, json.RawMessage(tc.raw))
		if err != nil {
			t.Errorf("%s %s: %v", tc.action, tc.raw, err)
			continue
		}
		if d, ok := got.(*minsheng.DispatchPayload); ok && !d.DueAt.Equal(due) {
			t.Errorf("dispatch due %v", d.DueAt)
		} else if ok {
			d.DueAt = due
		}
		if dp, ok := got.(*minsheng.DecideExtensionPayload); ok && dp.DueAt != nil {
			dp.DueAt = &due
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %s:\n got %+v\nwant %+v", tc.action, tc.raw, got, tc.want)
		}
	}
	if _, err := minsheng.DecodePayload("teleport", nil); minsheng.ErrorCode(err) != minsheng.EINVALID {
		t.Errorf("unknown action: %v", err)
	}
	if _, err := minsheng.Decode[minsheng.ReplyPayload](minsheng.Event{Action: "dispatch", Payload: []byte(`{}`)}); err == nil {
		t.Errorf("Decode into the wrong type succeeded")
	}
}
