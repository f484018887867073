package web

// The labels of the citizen's rating on the tracking page (issue 8), kept in
// their own file and added to the catalogue at start-up, so that this
// feature's labels merge without touching the shared lists.
var ratingZH = map[string]string{
	"action.rate":           "市民评价",
	"rate.title":            "请您评价办理结果",
	"rate.lead":             "您的诉求已办结。请告诉我们问题是否真的解决了，两个问题分开回答。",
	"rate.solved":           "问题解决了吗？",
	"rate.solved.yes":       "解决了",
	"rate.solved.no":        "没有解决",
	"rate.satisfaction":     "您对办理满意吗？",
	"rate.note":             "还想说的话",
	"rate.note.hint":        "例如：哪里还没有解决",
	"rate.unsolved.hint":    "如果没有解决，工作人员会回访核实，并督促重新办理。",
	"rate.submit":           "提交评价",
	"rate.thanks":           "感谢您的评价！",
	"rate.yours":            "您的评价",
	"rate.at":               "评价时间：%s",
	"rate.follow_up":        "您反映问题没有解决，我们会尽快回访核实，并督促重新办理。",
	"rate.err.solved":       "请选择问题是否解决",
	"rate.err.satisfaction": "请选择您是否满意",
	"rate.err.conflict":     "这件诉求现在不能评价：还没有办结，或者已经评价过了。",
	"rate.err.throttled":    "评价次数过多，请稍后再试。",
}

var ratingEN = map[string]string{
	"action.rate":           "Citizen's rating",
	"rate.title":            "Please rate how your request was handled",
	"rate.lead":             "Your request is closed. Tell us whether the problem was really solved; the two questions are answered separately.",
	"rate.solved":           "Was the problem solved?",
	"rate.solved.yes":       "Yes, solved",
	"rate.solved.no":        "No, not solved",
	"rate.satisfaction":     "Are you satisfied with how it was handled?",
	"rate.note":             "Anything else to tell us",
	"rate.note.hint":        "For example: what is still not solved",
	"rate.unsolved.hint":    "If it was not solved, staff will call back to check and have it handled again.",
	"rate.submit":           "Send rating",
	"rate.thanks":           "Thank you for your rating!",
	"rate.yours":            "Your rating",
	"rate.at":               "Rated: %s",
	"rate.follow_up":        "You said the problem was not solved: we will call back to check and have it handled again.",
	"rate.err.solved":       "Please say whether the problem was solved",
	"rate.err.satisfaction": "Please say whether you are satisfied",
	"rate.err.conflict":     "This request cannot be rated now: it is not closed yet, or it was rated already.",
	"rate.err.throttled":    "Too many ratings; please try again later.",
}

func init() {
	for k, v := range ratingZH {
		messagesZH[k] = v
	}
	for k, v := range ratingEN {
		messagesEN[k] = v
	}
}
