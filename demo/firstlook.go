package demo

import (
	"context"
	"fmt"

	"minsheng"
	"minsheng/lifecycle"
	"minsheng/store"
)

// Stage leaves work in the queues the generated history empties: the
// played cases move on as far as their plans go, so nothing waits for the
// lead's approval, no case is supervised and no order waits for the
// dispatcher's arbitration. Stage takes a handful of the newest open cases
// and moves them the last step by hand, as the demo accounts would, so
// that every account finds something to do on its first sign-in: the
// dept_lead replies to approve, the supervisor supervised cases, the
// dispatcher a returned order and an extension request. Each step goes
// through the lifecycle rules like any other; one that no longer applies
// (the case moved on) is skipped.
func Stage(ctx context.Context, st *store.Store, l *Loaded) error {
	housing, urban := l.Orgs["housing"], l.Orgs["urban"]
	if housing == nil || urban == nil {
		return nil // a city without the demo units has nothing to stage
	}
	handling := func(org *minsheng.Org, n int) ([]*minsheng.Case, error) {
		return st.ListCases(ctx, minsheng.CaseFilter{Status: []minsheng.Status{minsheng.StatusHandling}, OrgID: org.ID, Limit: n})
	}
	act := func(c *minsheng.Case, who string, req lifecycle.Request) error {
		_, _, err := st.Act(ctx, c.ID, l.Users[who], req)
		switch minsheng.ErrorCode(err) {
		case "", minsheng.ECONFLICT, minsheng.ENOTFOUND:
			return nil // done, or the case is not where the step applies
		}
		return fmt.Errorf("stage %s of case %d: %w", req.Action, c.ID, err)
	}
	hs, err := handling(housing, 8)
	if err != nil {
		return err
	}
	for i, c := range hs {
		var req lifecycle.Request
		switch {
		case i < 4: // replies waiting for the housing bureau's lead (待部门审核)
			req = lifecycle.Request{Action: lifecycle.Reply, Outcome: minsheng.OutcomeSolved, Content: stagedReplies[i%len(stagedReplies)]}
		case i < 6: // more time asked of the hotline (延期申请)
			req = lifecycle.Request{Action: lifecycle.RequestExtension, Days: 5,
				Reason: "需协调供热公司和物业三方现场核查管网，预计还需5个工作日。"}
		default:
			continue
		}
		if err := act(c, "handler", req); err != nil {
			return err
		}
	}
	if err := stageToSign(ctx, st, l, housing); err != nil {
		return err
	}
	us, err := handling(urban, 2)
	if err != nil {
		return err
	}
	for _, c := range us { // orders given back for the dispatcher to arbitrate (退单)
		if err := act(c, "handler2", lifecycle.Request{Action: lifecycle.Return,
			Reason: "经现场核实，该路段属于开发区自管道路，不在我局管养范围，请改派开发区管委会。"}); err != nil {
			return err
		}
	}
	over, err := st.ListCases(ctx, minsheng.CaseFilter{Status: minsheng.OpenStatuses(), Overdue: true, Sort: minsheng.SortDue, Limit: 6})
	if err != nil {
		return err
	}
	for i, c := range over { // the oldest overdue cases, supervised (督办)
		if err := act(c, "supervisor", lifecycle.Request{Action: lifecycle.Supervise, Level: 1 + i%3,
			Note: "已超期，请承办单位三个工作日内报送办理进展。"}); err != nil {
			return err
		}
	}
	return nil
}

// stageToSign leaves orders for the housing bureau's handler to sign (待签收):
// the played history signs every order it dispatches within the hour, so
// the newest cases still waiting for dispatch are sent there by hand.
func stageToSign(ctx context.Context, st *store.Store, l *Loaded, housing *minsheng.Org) error {
	waiting, err := st.ListCases(ctx, minsheng.CaseFilter{Status: []minsheng.Status{minsheng.StatusDispatched}, OrgID: housing.ID, Limit: 2})
	if err != nil || len(waiting) >= 2 {
		return err
	}
	pending, err := st.ListCases(ctx, minsheng.CaseFilter{Status: []minsheng.Status{minsheng.StatusPendingDispatch}, Limit: 2 - len(waiting)})
	if err != nil {
		return err
	}
	for _, c := range pending {
		_, _, err := st.Act(ctx, c.ID, l.Users["dispatcher"], lifecycle.Request{Action: lifecycle.Dispatch, OrgID: housing.ID,
			Note: "请住建局核实处理，按时限答复市民。"})
		switch minsheng.ErrorCode(err) {
		case "", minsheng.ECONFLICT, minsheng.ENOTFOUND:
		default:
			return fmt.Errorf("stage dispatch of case %d: %w", c.ID, err)
		}
	}
	return nil
}

// stagedReplies are replies of the kind a lead approves: what was found,
// what was done, when, and what follows.
var stagedReplies = []string{
	"经核查，该小区供热管网末端阀门锈蚀导致室温偏低。供热公司已于本周更换阀门并对管网排气，复测室温达到20℃。我局已要求供热公司对同片区管网开展排查。",
	"经现场核实，该楼栋外墙脱落系年久风化所致。我局已督促物业于三日内设置警戒区域并完成空鼓部位清除，外墙修缮已列入本年度老旧小区改造计划。",
	"经调查，开发商已就延期交房问题与业主达成补偿协议，并承诺于下月底前完成交付。我局将跟踪交付进度，逾期将依法予以处罚。",
	"经核查，物业公司存在公共收益未公示问题。我局已责令其十五日内在小区公告栏公示近三年公共收益收支明细，并将结果反馈业主委员会。",
}
