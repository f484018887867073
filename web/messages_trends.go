package web

// The labels of the hotspot and surge page and of surge notifications
// (issue 9), kept in their own file and added to the catalogue at start-up.
var trendsZH = map[string]string{
	"notice.surge":        "诉求激增",
	"notice.surge.open":   "查看激增",
	"trend.title":         "热点与激增",
	"trend.days":          "时段",
	"trend.last":          "近 %d 天",
	"trend.surges":        "激增预警",
	"trend.surges.hint":   "某类诉求在某区显著高于按星期规律推算的基线时预警；每条预警只提醒一次。",
	"trend.area":          "区域",
	"trend.category":      "类别",
	"trend.span":          "上升时段",
	"trend.observed":      "受理量",
	"trend.expected":      "基线预期",
	"trend.ratio":         "倍数",
	"trend.no_surges":     "这段时间没有激增预警。",
	"trend.hot":           "热点话题",
	"trend.hot.hint":      "相近诉求（内容相似、地点相同）归为一个话题，按热度排序；计算于 %s。",
	"trend.topic":         "话题",
	"trend.example":       "代表诉求",
	"trend.count":         "诉求数",
	"trend.citizens":      "人数",
	"trend.recent":        "近期 / 此前",
	"trend.heat":          "热度",
	"trend.no_hot":        "这段时间没有热点话题。",
	"trend.surge.open":    "查看工单",
	"trend.surge.summary": "%s 至 %s 受理 %s 件，基线预期 %s 件",
	"trend.surge.cases":   "计入的工单",
	"trend.surge.newest":  "只列出最新的 %d 件。",
	"trend.surge.none":    "计入的工单已被合并或改了类别。",
}

var trendsEN = map[string]string{
	"notice.surge":        "Surge",
	"notice.surge.open":   "Open the surge",
	"trend.title":         "Hotspots and surges",
	"trend.days":          "Period",
	"trend.last":          "Last %d days",
	"trend.surges":        "Surge alerts",
	"trend.surges.hint":   "A category in a district well above its weekday-adjusted baseline; each alert is notified once.",
	"trend.area":          "Area",
	"trend.category":      "Category",
	"trend.span":          "Rising",
	"trend.observed":      "Received",
	"trend.expected":      "Baseline",
	"trend.ratio":         "Ratio",
	"trend.no_surges":     "No surge alerts in this period.",
	"trend.hot":           "Hot topics",
	"trend.hot.hint":      "Similar requests (same text, same place) grouped into topics, hottest first; computed %s.",
	"trend.topic":         "Topic",
	"trend.example":       "Typical request",
	"trend.count":         "Requests",
	"trend.citizens":      "Citizens",
	"trend.recent":        "Recent / before",
	"trend.heat":          "Heat",
	"trend.no_hot":        "No hot topics in this period.",
	"trend.surge.open":    "Cases",
	"trend.surge.summary": "%s to %s: %s requests received against a baseline of %s",
	"trend.surge.cases":   "Cases counted",
	"trend.surge.newest":  "Only the newest %d are listed.",
	"trend.surge.none":    "The counted cases have since been merged or recategorised.",
}

func init() {
	for k, v := range trendsZH {
		messagesZH[k] = v
	}
	for k, v := range trendsEN {
		messagesEN[k] = v
	}
}
