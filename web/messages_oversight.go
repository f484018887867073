package web

// The labels of supervision and escalation (issue 9), kept in their own file
// and added to the catalogue at start-up, so that this feature's labels merge
// without touching the shared lists.
var oversightZH = map[string]string{
	"nav.notifications":      "提醒",
	"notice.title":           "提醒与督办",
	"notice.unread":          "%d 条未读",
	"notice.read_all":        "全部标为已读",
	"notice.when":            "时间",
	"notice.what":            "类别",
	"notice.why":             "说明",
	"notice.open":            "已读并查看",
	"notice.new":             "未读",
	"notice.older":           "更早的提醒",
	"notice.none":            "暂无提醒。",
	"notice.due_soon":        "即将到期",
	"notice.level1":          "一般督办",
	"notice.level2":          "重点督办 · 领导督办清单",
	"notice.leader_assigned": "领导交办",
	"role.leader":            "领导",
	"action.leader_assign":   "领导交办",
	"badge.leader":           "领导交办",
	"action.campaign_answer": "专题答复",
	"badge.campaign":         "专题",
	"action.arbitrate":       "职责争议仲裁",
	"badge.dispute":          "职责争议",
	"action.refer_clue":      "移送问题线索",
	"notice.discipline_clue": "问题线索",
}

var oversightEN = map[string]string{
	"nav.notifications":      "Notifications",
	"notice.title":           "Reminders and escalations",
	"notice.unread":          "%d unread",
	"notice.read_all":        "Mark all read",
	"notice.when":            "When",
	"notice.what":            "Kind",
	"notice.why":             "Details",
	"notice.open":            "Mark read and open",
	"notice.new":             "new",
	"notice.older":           "Older",
	"notice.none":            "No notifications.",
	"notice.due_soon":        "Due soon",
	"notice.level1":          "Supervision level 1",
	"notice.level2":          "Supervision level 2 · leaders' list",
	"notice.leader_assigned": "Handed down by a leader",
	"role.leader":            "Leader",
	"action.leader_assign":   "Hand down as leader",
	"badge.leader":           "Leader's case",
	"action.campaign_answer": "Campaign answer",
	"badge.campaign":         "Campaign",
	"action.arbitrate":       "Arbitrate the dispute",
	"badge.dispute":          "Disputed",
	"action.refer_clue":      "Refer as discipline clue",
	"notice.discipline_clue": "Discipline clue",
}

func init() {
	for k, v := range oversightZH {
		messagesZH[k] = v
	}
	for k, v := range oversightEN {
		messagesEN[k] = v
	}
}
