// Package stats renders KPI answers for people who read them outside
// minsheng: the Excel workbook leaders and the monthly report pass around.
package stats

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"minsheng"
)

// ChannelNames are the channels as a Chinese reader knows them.
var ChannelNames = map[minsheng.Channel]string{
	"phone": "12345电话", "web": "网站", "mobile": "移动端", "mailbox": "书记市长信箱", "message_board": "留言板",
	"media": "媒体", "petition": "信访", "department": "部门热线", "field": "民情书记/网格员", "open311": "Open311",
	"import": "导入",
}

// column is one column of the sheet: its header and how a value is read.
type column struct {
	head  string
	value func(it *minsheng.KPIItem, r minsheng.KPIRates) any
	rate  bool
}

func count(f func(k *minsheng.KPICounts) int64) func(*minsheng.KPIItem, minsheng.KPIRates) any {
	return func(it *minsheng.KPIItem, _ minsheng.KPIRates) any { return f(&it.KPICounts) }
}

func ratio(f func(r minsheng.KPIRates) *float64) func(*minsheng.KPIItem, minsheng.KPIRates) any {
	return func(_ *minsheng.KPIItem, r minsheng.KPIRates) any {
		if v := f(r); v != nil {
			return *v
		}
		return nil // no denominator: an empty cell, not 0%
	}
}

// figures are the KPI columns, named as DOMAIN.md names them in Chinese.
var figures = []column{
	{head: "受理量", value: count(func(k *minsheng.KPICounts) int64 { return k.Received })},
	{head: "派单量", value: count(func(k *minsheng.KPICounts) int64 { return k.Dispatched })},
	{head: "办结量", value: count(func(k *minsheng.KPICounts) int64 { return k.Closed })},
	{head: "按时办结量", value: count(func(k *minsheng.KPICounts) int64 { return k.ClosedOnTime })},
	{head: "回访量", value: count(func(k *minsheng.KPICounts) int64 { return k.Visited })},
	{head: "解决量", value: count(func(k *minsheng.KPICounts) int64 { return k.Solved })},
	{head: "满意量", value: count(func(k *minsheng.KPICounts) int64 { return k.Satisfied })},
	{head: "退单量", value: count(func(k *minsheng.KPICounts) int64 { return k.Returned })},
	{head: "答复量", value: count(func(k *minsheng.KPICounts) int64 { return k.Replied })},
	{head: "退回重办量", value: count(func(k *minsheng.KPICounts) int64 { return k.SentBack })},
	{head: "重复诉求量", value: count(func(k *minsheng.KPICounts) int64 { return k.Repeat })},
	{head: "超期未办结量", value: func(it *minsheng.KPIItem, _ minsheng.KPIRates) any {
		if it.OverdueOpen == nil {
			return nil
		}
		return *it.OverdueOpen
	}},
	{head: "办结率", rate: true, value: ratio(func(r minsheng.KPIRates) *float64 { return r.CloseRate })},
	{head: "按时办结率", rate: true, value: ratio(func(r minsheng.KPIRates) *float64 { return r.OnTimeRate })},
	{head: "回访率", rate: true, value: ratio(func(r minsheng.KPIRates) *float64 { return r.VisitRate })},
	{head: "解决率", rate: true, value: ratio(func(r minsheng.KPIRates) *float64 { return r.SolveRate })},
	{head: "满意率", rate: true, value: ratio(func(r minsheng.KPIRates) *float64 { return r.SatisfactionRate })},
	{head: "退单率", rate: true, value: ratio(func(r minsheng.KPIRates) *float64 { return r.ReturnRate })},
	{head: "退回重办率", rate: true, value: ratio(func(r minsheng.KPIRates) *float64 { return r.SendBackRate })},
	{head: "重复诉求率", rate: true, value: ratio(func(r minsheng.KPIRates) *float64 { return r.RepeatRate })},
}

// keyColumns are the columns that name a group, by breakdown.
func keyColumns(g minsheng.KPIGroupBy) []column {
	str := func(f func(it *minsheng.KPIItem) string) func(*minsheng.KPIItem, minsheng.KPIRates) any {
		return func(it *minsheng.KPIItem, _ minsheng.KPIRates) any { return f(it) }
	}
	switch g {
	case minsheng.KPIByOrg:
		return []column{{head: "单位", value: str(func(it *minsheng.KPIItem) string { return it.OrgName })}}
	case minsheng.KPIByCat:
		return []column{{head: "问题分类", value: str(func(it *minsheng.KPIItem) string { return it.CategoryName })}}
	case minsheng.KPIByChan:
		return []column{{head: "渠道", value: str(func(it *minsheng.KPIItem) string {
			if n := ChannelNames[it.Channel]; n != "" {
				return n
			}
			return string(it.Channel)
		})}}
	case minsheng.KPIByDay:
		return []column{{head: "日期", value: str(func(it *minsheng.KPIItem) string { return it.Day })}}
	case minsheng.KPIByWeek:
		return []column{{head: "周（起始日）", value: str(func(it *minsheng.KPIItem) string { return it.Week })}}
	case minsheng.KPIByMonth:
		return []column{{head: "月份", value: str(func(it *minsheng.KPIItem) string { return it.Month[:7] })}}
	}
	return []column{{head: "统计范围", value: str(func(*minsheng.KPIItem) string { return "合计" })}}
}

// Workbook renders KPI items as an .xlsx file with Chinese headers: a title
// row with the period, the header row, one row per item, rates as percentages.
func Workbook(q minsheng.KPIQuery, items []minsheng.KPIItem) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "绩效指标"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("kpi workbook: %w", err)
	}
	cols := append(keyColumns(q.GroupBy), figures...)
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		return nil, fmt.Errorf("kpi workbook: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, fmt.Errorf("kpi workbook: %w", err)
	}
	set := func(col, row int, v any) error {
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		if s, ok := v.(string); ok {
			v = Neutralise(s)
		}
		return f.SetCellValue(sheet, cell, v)
	}
	if err := set(1, 1, fmt.Sprintf("12345热线绩效指标 %s 至 %s", q.From, q.To)); err != nil {
		return nil, fmt.Errorf("kpi workbook: %w", err)
	}
	for i, c := range cols {
		if err := set(i+1, 2, c.head); err != nil {
			return nil, fmt.Errorf("kpi workbook: %w", err)
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), 2)
	if err := f.SetCellStyle(sheet, "A2", last, bold); err != nil {
		return nil, fmt.Errorf("kpi workbook: %w", err)
	}
	for r := range items {
		it := &items[r]
		rates := it.KPICounts.Rates()
		for i, c := range cols {
			v := c.value(it, rates)
			if v == nil {
				continue
			}
			if err := set(i+1, r+3, v); err != nil {
				return nil, fmt.Errorf("kpi workbook: %w", err)
			}
		}
	}
	for i, c := range cols {
		if !c.rate || len(items) == 0 {
			continue
		}
		top, _ := excelize.CoordinatesToCellName(i+1, 3)
		bottom, _ := excelize.CoordinatesToCellName(i+1, len(items)+2)
		if err := f.SetCellStyle(sheet, top, bottom, pct); err != nil {
			return nil, fmt.Errorf("kpi workbook: %w", err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("kpi workbook: %w", err)
	}
	return buf.Bytes(), nil
}

// Neutralise keeps a text cell from being read as a formula when the sheet
// is opened or re-exported (CSV injection): a text starting with = + - @, a
// tab or a carriage return gets a leading apostrophe.
func Neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
