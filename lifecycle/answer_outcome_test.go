package lifecycle

import (
	"encoding/json"
	"testing"

	"minsheng"
)

// TestAnswerSolvedOnTheSpot: a field worker's answer of a request they
// collected may say it was solved; the outcome is recorded on the case and
// in the event, and a made-up outcome is refused by name.
func TestAnswerSolvedOnTheSpot(t *testing.T) {
	c := caseIn(sPD)
	a := inScope(rField, c)
	ev, err := Apply(c, a, Request{Action: Answer, Content: "已当场更换灯泡", Outcome: minsheng.OutcomeSolved}, baseEnv())
	if err != nil {
		t.Fatal(err)
	}
	var p minsheng.AnswerPayload
	json.Unmarshal(ev.Payload, &p)
	if c.Status != sClo || c.Outcome != minsheng.OutcomeSolved || p.Outcome != minsheng.OutcomeSolved {
		t.Fatalf("case %s/%s, payload %+v", c.Status, c.Outcome, p)
	}
	c = caseIn(sPD)
	if _, err := Apply(c, a, Request{Action: Answer, Content: "已当场更换灯泡", Outcome: "fixed"}, baseEnv()); minsheng.ErrorField(err) != "outcome" {
		t.Fatalf("made-up outcome: %v", err)
	}
	c = caseIn(sPD)
	if _, err := Apply(c, inScope(rAgent, c), Request{Action: Answer, Content: "请拨打95598"}, baseEnv()); err != nil || c.Outcome != minsheng.OutcomeExplained {
		t.Fatalf("a plain direct answer explains: %v %s", err, c.Outcome)
	}
}
