package demo

import (
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

const day = 24 * time.Hour

// handle plays dispatch, handling, review and the return visit.
func (r *run) handle(cs CaseSeed, disp minsheng.Actor) {
	pl := cs.Plan
	org := cs.OrgKey
	if !r.do(disp, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: r.p.l.Orgs[org].ID}, 10*time.Minute, 3*time.Hour) ||
		pl.Stop == minsheng.StatusDispatched {
		return
	}
	h := r.p.unit(org, minsheng.RoleHandler)
	if !r.do(h, lifecycle.Request{Action: lifecycle.Accept}, 20*time.Minute, 6*time.Hour) {
		return
	}
	if pl.SubdispatchTo != "" && r.p.l.Orgs[pl.SubdispatchTo] != nil {
		if !r.do(h, lifecycle.Request{Action: lifecycle.Subdispatch, OrgID: r.p.l.Orgs[pl.SubdispatchTo].ID}, 10*time.Minute, 4*time.Hour) {
			return
		}
		org = pl.SubdispatchTo
		h = r.p.unit(org, minsheng.RoleHandler)
		if !r.do(h, lifecycle.Request{Action: lifecycle.Accept}, 20*time.Minute, 6*time.Hour) {
			return
		}
	}
	if pl.Extension {
		r.do(h, lifecycle.Request{Action: lifecycle.RequestExtension, Days: 5, Reason: "需协调多个部门现场核查，申请延期办理。"}, time.Hour, 2*day)
		yes := true
		r.do(disp, lifecycle.Request{Action: lifecycle.DecideExtension, Approve: &yes, Comment: "同意延期"}, time.Hour, day)
	}
	if pl.Pause {
		// The unit asks for the pause and the hotline grants it (DOMAIN.md).
		r.do(h, lifecycle.Request{Action: lifecycle.RequestPause, Reason: "等待市民补充提供相关材料。"}, time.Hour, day)
		yes := true
		r.do(disp, lifecycle.Request{Action: lifecycle.DecidePause, Approve: &yes, Comment: "同意挂起"}, time.Hour, day)
		r.do(h, lifecycle.Request{Action: lifecycle.Resume}, day, 4*day)
	}
	if pl.Stop == minsheng.StatusHandling {
		return
	}
	if !r.replyAndReview(pl, org, h) || pl.Stop == minsheng.StatusPendingReview || pl.Stop == minsheng.StatusPendingVisit {
		return
	}
	r.visit(pl, org, h)
}

// replyAndReview writes the replies; early ones are sent back as perfunctory.
func (r *run) replyAndReview(pl Plan, org string, h minsheng.Actor) bool {
	replies := pl.Replies
	if len(replies) == 0 {
		replies = []string{"经现场核查，已于近日协调相关单位处理完毕，并向市民反馈。"}
	}
	rev := r.p.user("reviewer")
	for i, text := range replies {
		if !r.do(h, lifecycle.Request{Action: lifecycle.Reply, Content: text, Outcome: minsheng.OutcomeSolved}, 4*time.Hour, 4*day) {
			return false
		}
		if r.stopAt(minsheng.StatusPendingLead) {
			if !r.do(r.p.unit(org, minsheng.RoleDeptLead), lifecycle.Request{Action: lifecycle.LeadApprove}, 30*time.Minute, day) {
				return false
			}
		}
		last := i == len(replies)-1 || i >= pl.SendBacks
		if pl.Stop == minsheng.StatusPendingReview && last {
			return false
		}
		approve := last
		req := lifecycle.Request{Action: lifecycle.Review, Approve: &approve, Comment: "答复具体，同意办结。"}
		if !approve {
			req.Comment = "答复未说明具体办理结果和时间，退回重办。"
		}
		if !r.do(rev, req, 30*time.Minute, day) || last {
			return !r.stopAt(minsheng.StatusHandling)
		}
	}
	return true
}

// visit is the return call; an unsolved problem is handled once more.
func (r *run) visit(pl Plan, org string, h minsheng.Actor) {
	if !r.stopAt(minsheng.StatusPendingVisit) {
		return
	}
	v := r.p.user("visitor")
	yes, no := true, false
	if pl.Unsolved {
		if !r.do(v, lifecycle.Request{Action: lifecycle.Visit, Reached: &yes, Solved: &no, Satisfaction: minsheng.Dissatisfied,
			Note: "市民反映问题仍未解决"}, 2*time.Hour, 2*day) {
			return
		}
		final := pl
		final.SendBacks, final.Replies = 0, []string{"已再次组织人员现场处理，问题已彻底解决，市民认可。"}
		if !r.replyAndReview(final, org, h) || !r.stopAt(minsheng.StatusPendingVisit) {
			return
		}
	}
	solved := pl.Solved || pl.Unsolved
	sat := pl.Satisfaction
	if sat == "" {
		sat = minsheng.Satisfied
	}
	r.do(v, lifecycle.Request{Action: lifecycle.Visit, Reached: &yes, Solved: &solved, Satisfaction: sat}, 2*time.Hour, 2*day)
}
