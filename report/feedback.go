package report

import (
	"minsheng"
)

// FeedbackWorkbook renders a published batch for the media (媒体集中反馈):
// one row per case with its request and reply, Chinese headers. The items
// are the batch's redacted snapshots, so no personal data is in it.
func FeedbackWorkbook(b *minsheng.FeedbackBatch) ([]byte, error) {
	s := sheet{name: "公开答复", head: []string{"序号", "工单编号", "问题类别", "标题", "群众反映", "承办单位", "办理答复", "答复日期"}}
	for i, it := range b.Items {
		s.rows = append(s.rows, []any{i + 1, it.Number, it.Category, it.Title, it.Request, it.Org, it.Reply, it.RepliedAt.In(cst).Format("2006-01-02")})
	}
	info := sheet{name: "批次", head: []string{"批次", "名称", "公开日期", "件数"},
		rows: [][]any{{b.ID, b.Name, b.PublishedAt.In(cst).Format("2006-01-02"), len(b.Items)}}}
	return writeSheets([]sheet{s, info})
}
