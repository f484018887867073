package report

import (
	"fmt"
	"strings"
)

// The thresholds the report's notes and suggestions use. They are rules
// of thumb a hotline office would state in its own reports.
const (
	// SuspectGap is how many percentage points satisfaction may exceed the
	// solve rate before a unit is named for pressed satisfaction (被满意).
	SuspectGap = 15.0
	// HighReturnRate names units that give back more than this share of
	// their orders (退单), the sign of 推诿扯皮.
	HighReturnRate = 0.2
	// HighRepeatRate is the share of repeat calls (重复诉求率) above which
	// the report suggests looking at why first answers did not hold.
	HighRepeatRate = 0.05
	// LowOnTimeRate names units closing fewer than this share on time.
	LowOnTimeRate = 0.8
	// MinOrders is how many orders a unit needs before a rate names it.
	MinOrders = 5
	// maxSuggestions keeps the list short enough to act on.
	maxSuggestions = 6
)

// monthName is "2026年10月".
func monthName(month string) string {
	if len(month) != 7 {
		return month
	}
	return month[:4] + "年" + strings.TrimPrefix(month[5:], "0") + "月"
}

// change says how a count moved: "增加 12 件（+8.3%）", "减少 3 件", "持平".
func change(now, before int64) string {
	d := now - before
	switch {
	case d == 0:
		return "持平"
	case before == 0:
		return fmt.Sprintf("增加 %d 件", d)
	case d > 0:
		return fmt.Sprintf("增加 %d 件（+%.1f%%）", d, float64(d)/float64(before)*100)
	default:
		return fmt.Sprintf("减少 %d 件（%.1f%%）", -d, float64(d)/float64(before)*100)
	}
}

// points says how a rate moved in percentage points.
func points(now, before *float64) string {
	if now == nil || before == nil {
		return ""
	}
	d := (*now - *before) * 100
	switch {
	case d >= 0.05:
		return fmt.Sprintf("比上月提高 %.1f 个百分点", d)
	case d <= -0.05:
		return fmt.Sprintf("比上月下降 %.1f 个百分点", -d)
	}
	return "与上月持平"
}

func summary(m *Monthly) []string {
	t, lm, ly := m.This, m.LastMonth, m.LastYear
	r, lr := t.KPICounts.Rates(), lm.KPICounts.Rates()
	out := []string{}
	s := fmt.Sprintf("%s，12345 热线共受理群众诉求 %d 件，比上月%s", monthName(m.Month), t.Received, change(t.Received, lm.Received))
	if ly.Received > 0 {
		s += fmt.Sprintf("，比去年同期%s", change(t.Received, ly.Received))
	} else {
		s += "（去年同期无可比数据）"
	}
	out = append(out, s+"。")
	s = fmt.Sprintf("当月办结 %d 件，按时办结率 %s，问题解决率 %s", t.Closed, pct(r.OnTimeRate), pct(r.SolveRate))
	if p := points(r.SolveRate, lr.SolveRate); p != "" {
		s += "，" + p
	}
	s += fmt.Sprintf("；群众满意率 %s", pct(r.SatisfactionRate))
	out = append(out, s+"。")
	if r.SolveRate != nil && r.SatisfactionRate != nil && (*r.SatisfactionRate-*r.SolveRate)*100 >= SuspectGap {
		out = append(out, fmt.Sprintf("满意率比问题解决率高 %.1f 个百分点，部分“满意”的问题并未解决，评价时应以解决率为准。",
			(*r.SatisfactionRate-*r.SolveRate)*100))
	}
	if len(m.Categories) > 0 {
		var parts []string
		for _, c := range m.Categories[:min(3, len(m.Categories))] {
			parts = append(parts, fmt.Sprintf("%s（%d 件，占 %.1f%%）", c.Name, c.This, c.Share*100))
		}
		out = append(out, "诉求最集中的类别是"+strings.Join(parts, "、")+"。")
	}
	if len(m.Rising) > 0 {
		c := m.Rising[0]
		out = append(out, fmt.Sprintf("上升最快的问题是“%s”，由上月 %d 件增至 %d 件。", c.Name, c.Last, c.This))
	}
	if len(m.Hotspots) > 0 {
		out = append(out, fmt.Sprintf("本月最热的话题是“%s”，涉及 %d 件诉求。", m.Hotspots[0].Terms, m.Hotspots[0].Cases))
	}
	if t.OverdueOpen != nil && *t.OverdueOpen > 0 {
		out = append(out, fmt.Sprintf("截至报告生成时，全市仍有 %d 件诉求超期未办结。", *t.OverdueOpen))
	}
	return out
}

// unitNotes names the units a reader should notice: the best and the
// weakest on solving problems, high returns, and pressed satisfaction.
func unitNotes(units []UnitRow) []string {
	var best, worst *UnitRow
	var out []string
	for i := range units {
		u := &units[i]
		if u.Dispatched < MinOrders || u.SolveRate == nil {
			continue
		}
		if best == nil || *u.SolveRate > *best.SolveRate {
			best = u
		}
		if worst == nil || *u.SolveRate < *worst.SolveRate {
			worst = u
		}
	}
	if best != nil {
		out = append(out, fmt.Sprintf("问题解决率最高的是%s（%s），最低的是%s（%s）。", best.Name, pct(best.SolveRate), worst.Name, pct(worst.SolveRate)))
	}
	for _, u := range units {
		if u.Dispatched >= MinOrders && u.ReturnRate != nil && *u.ReturnRate > HighReturnRate {
			out = append(out, fmt.Sprintf("%s 退单率 %s，在派单 %d 件中退回较多。", u.Name, pct(u.ReturnRate), u.Dispatched))
		}
		if g := gap(u); g >= SuspectGap {
			out = append(out, fmt.Sprintf("%s 满意率（%s）比解决率（%s）高 %.0f 个百分点，可能存在“被满意”。", u.Name, pct(u.Satisfaction), pct(u.SolveRate), g))
		}
	}
	if len(out) == 0 {
		out = append(out, "各承办单位本月派单量较少，暂不作比较。")
	}
	return out
}

// gap is how far a unit's satisfaction exceeds its solve rate, in points.
func gap(u UnitRow) float64 {
	if u.Dispatched < MinOrders || u.SolveRate == nil || u.Satisfaction == nil {
		return 0
	}
	return (*u.Satisfaction - *u.SolveRate) * 100
}

// suggestions draws a short list of actions from the figures, the most
// pressing first.
func suggestions(m *Monthly) []string {
	var out []string
	add := func(format string, args ...any) {
		if len(out) < maxSuggestions {
			out = append(out, fmt.Sprintf(format, args...))
		}
	}
	if len(m.LongOpen) > 0 {
		add("有 %d 件诉求受理超过 30 天仍未办结（如 %s “%s”），建议逐件挂牌督办，限期答复。", len(m.LongOpen), m.LongOpen[0].Number, m.LongOpen[0].Title)
	}
	for _, c := range m.Rising[:min(2, len(m.Rising))] {
		add("“%s”类诉求比上月增加 %d 件，建议主管部门排查共性原因，必要时作为专题打包处理。", c.Name, c.Delta)
	}
	if len(m.Hotspots) > 0 {
		h := m.Hotspots[0]
		add("热点“%s”集中反映 %d 件，建议由热线办牵头，会同相关部门统一答复。", h.Terms, h.Cases)
	}
	for _, u := range m.Units {
		if g := gap(u); g >= SuspectGap {
			add("%s 满意率比解决率高 %.0f 个百分点，建议抽查回访录音，核实是否存在“被满意”。", u.Name, g)
		}
	}
	for _, u := range m.Units {
		if u.Dispatched >= MinOrders && u.ReturnRate != nil && *u.ReturnRate > HighReturnRate {
			add("%s 退单率达 %s，建议核对职责清单，明确职责边界，减少推诿扯皮。", u.Name, pct(u.ReturnRate))
		}
	}
	for _, u := range m.Units {
		if u.Dispatched >= MinOrders && u.OnTimeRate != nil && *u.OnTimeRate < LowOnTimeRate {
			add("%s 按时办结率仅 %s，建议纳入督办，约谈分管负责人。", u.Name, pct(u.OnTimeRate))
		}
	}
	r := m.This.KPICounts.Rates()
	if r.SendBackRate != nil && *r.SendBackRate > 0.1 {
		add("答复退回重办率为 %s，部分答复仍停留在“正在研究”“将出方案”，建议对答复质量开展专项检查。", pct(r.SendBackRate))
	}
	if r.RepeatRate != nil && *r.RepeatRate > HighRepeatRate {
		add("本月重复诉求 %d 件，占受理量 %s，同一群众就相似问题反复来电，建议回查首次办理和答复，一次把问题办到位。", m.This.Repeat, pct(r.RepeatRate))
	}
	if len(m.Reopened) > 0 {
		add("%d 件诉求办结后因问题未解决而重办，建议对这些问题指定专人跟进到底。", len(m.Reopened))
	}
	if len(out) == 0 {
		add("本月各项指标平稳，未发现需要专门处理的问题，建议保持现有工作机制。")
	}
	return out
}
