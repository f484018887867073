package report

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"minsheng/stats"
)

// sheet is one worksheet: a Chinese name, a header row and the rows.
type sheet struct {
	name string
	head []string
	rows [][]any
}

// rate is a rate cell: a number formatted as a percentage, or empty.
type rate struct{ v *float64 }

// Workbook renders the report as an .xlsx file with Chinese sheet names
// and headers, one sheet per section, rates as percentages.
func Workbook(m *Monthly) ([]byte, error) {
	var sheets []sheet
	sum := sheet{name: "概况", head: []string{"指标", "本月", "上月", "去年同期"}}
	for _, f := range m.Headline {
		if f.Rate {
			sum.rows = append(sum.rows, []any{f.Name, rate{f.This}, rate{f.LastMonth}, rate{f.LastYear}})
		} else {
			sum.rows = append(sum.rows, []any{f.Name, num(f.This), num(f.LastMonth), num(f.LastYear)})
		}
	}
	sum.rows = append(sum.rows, []any{})
	for _, s := range m.Summary {
		sum.rows = append(sum.rows, []any{s})
	}
	sheets = append(sheets, sum)
	cats := sheet{name: "诉求类别", head: []string{"类别", "本月", "占比", "上月", "变化"}}
	for _, c := range m.Categories {
		share := c.Share
		cats.rows = append(cats.rows, []any{c.Name, c.This, rate{&share}, c.Last, c.Delta})
	}
	sheets = append(sheets, cats)
	rising := sheet{name: "上升问题", head: []string{"问题", "本月", "上月", "增加"}}
	for _, c := range m.Rising {
		rising.rows = append(rising.rows, []any{c.Name, c.This, c.Last, c.Delta})
	}
	sheets = append(sheets, rising)
	hot := sheet{name: "热点", head: []string{"关键词", "地点", "件数", "热度"}}
	for _, h := range m.Hotspots {
		hot.rows = append(hot.rows, []any{h.Terms, h.Place, h.Cases, h.Heat})
	}
	if m.HotspotBasis > 0 {
		hot.rows = append(hot.rows, []any{}, []any{"热点话题取自本月受理的 " + strconv.Itoa(m.HotspotOf) + " 件诉求中均匀抽取的 " +
			strconv.Itoa(m.HotspotBasis) + " 件。"})
	}
	sheets = append(sheets, hot)
	units := sheet{name: "承办单位", head: []string{"单位", "派单量", "办结量", "办结率", "按时办结率", "解决率", "满意率", "退单率", "退回重办率", "超期在办"}}
	for _, u := range m.Units {
		units.rows = append(units.rows, []any{u.Name, u.Dispatched, u.Closed, rate{u.CloseRate}, rate{u.OnTimeRate}, rate{u.SolveRate},
			rate{u.Satisfaction}, rate{u.ReturnRate}, rate{u.SendBackRate}, u.Overdue})
	}
	sheets = append(sheets, units)
	for _, l := range []struct {
		name  string
		cases []CaseLine
	}{{"重复诉求", m.Repeated}, {"重办最多", m.Reopened}, {"久拖未决", m.LongOpen}, {"退单最多", m.Returned}} {
		s := sheet{name: l.name, head: []string{"编号", "标题", "承办单位", "受理日期", "状态", "退单次数", "重办次数"}}
		for _, c := range l.cases {
			s.rows = append(s.rows, []any{c.Number, c.Title, c.Org, c.Received.In(cst).Format("2006-01-02"), c.Status, c.Returns, c.Reopens})
		}
		sheets = append(sheets, s)
	}
	typ := sheet{name: "典型案例", head: []string{"编号", "类别", "标题", "群众反映", "承办单位", "办理答复", "是否解决", "是否满意"}}
	for _, t := range m.Typical {
		typ.rows = append(typ.rows, []any{t.Number, t.Category, t.Title, t.Request, t.Org, t.Reply, yesNo(t.Solved), yesNo(t.Satisfied)})
	}
	sheets = append(sheets, typ)
	sug := sheet{name: "意见建议", head: []string{"序号", "建议"}}
	for i, s := range m.Suggestions {
		sug.rows = append(sug.rows, []any{i + 1, s})
	}
	sheets = append(sheets, sug)
	return writeSheets(sheets)
}

func num(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

func writeSheets(sheets []sheet) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	pctStyle, err := f.NewStyle(&excelize.Style{NumFmt: 10})
	if err != nil {
		return nil, fmt.Errorf("report workbook: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, fmt.Errorf("report workbook: %w", err)
	}
	for i, s := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err != nil {
			return nil, fmt.Errorf("report workbook: %w", err)
		}
		if err := f.SetSheetRow(s.name, "A1", &s.head); err != nil {
			return nil, fmt.Errorf("report workbook: %w", err)
		}
		last, _ := excelize.CoordinatesToCellName(len(s.head), 1)
		if err := f.SetCellStyle(s.name, "A1", last, bold); err != nil {
			return nil, fmt.Errorf("report workbook: %w", err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
				switch x := v.(type) {
				case rate:
					if x.v == nil {
						continue
					}
					v = *x.v
					if err := f.SetCellStyle(s.name, cell, cell, pctStyle); err != nil {
						return nil, fmt.Errorf("report workbook: %w", err)
					}
				case string:
					v = stats.Neutralise(x)
				}
				if err := f.SetCellValue(s.name, cell, v); err != nil {
					return nil, fmt.Errorf("report workbook: %w", err)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("report workbook: %w", err)
	}
	return buf.Bytes(), nil
}
