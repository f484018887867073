package importer

import (
	"fmt"
	"strings"

	"minsheng"
)

// synonyms are the headers other channels' exports use for each field, in
// the order they are tried; a header matches after trimming, lower-casing
// and dropping spaces.
var synonyms = map[minsheng.ImportField][]string{
	minsheng.ImportRef: {"编号", "留言编号", "信件编号", "来信编号", "工单编号", "工单号", "受理编号", "件号", "id", "ref",
		"number", "no"},
	minsheng.ImportTitle: {"标题", "留言主题", "主题", "信件标题", "来信标题", "诉求标题", "title", "subject"},
	minsheng.ImportContent: {"内容", "留言详情", "留言内容", "详情", "来信内容", "信件内容", "诉求内容", "问题描述", "正文",
		"content", "detail", "details", "body", "message"},
	minsheng.ImportTime: {"时间", "留言时间", "来信时间", "提交时间", "受理时间", "日期", "time", "date", "created_at",
		"submitted"},
	minsheng.ImportPhone: {"电话", "联系电话", "手机", "手机号", "手机号码", "联系方式", "phone", "tel", "mobile"},
	minsheng.ImportName:  {"姓名", "留言用户", "联系人", "来信人", "用户", "留言人", "name", "user", "citizen"},
	minsheng.ImportAddress: {"地址", "地点", "所在地", "详细地址", "事发地点", "问题地址", "address", "location",
		"place"},
	minsheng.ImportCategory: {"类别", "分类", "问题分类", "类型", "一级分类", "一级标签", "category", "label1", "label",
		"type"},
}

func normHeader(h string) string {
	h = strings.TrimPrefix(h, "\uFEFF")
	return strings.ToLower(strings.Join(strings.Fields(h), ""))
}

// DefaultMapping picks a column for each field by its header. A column
// serves one field at most.
func DefaultMapping(header []string) minsheng.ImportMapping {
	m := minsheng.ImportMapping{}
	used := map[int]bool{}
	for _, f := range minsheng.ImportFields {
	next:
		for _, syn := range synonyms[f] {
			for i, h := range header {
				if !used[i] && normHeader(h) == syn {
					m[f], used[i] = h, true
					break next
				}
			}
		}
	}
	return m
}

// columns is a mapping resolved against one file's header: the index of
// each field's column, -1 when the file has none.
type columns map[minsheng.ImportField]int

// resolve finds each mapped header in the file. Errors: EINVALID naming the
// field whose column the file lacks.
func resolve(m minsheng.ImportMapping, header []string) (columns, error) {
	cols := columns{}
	for _, f := range minsheng.ImportFields {
		cols[f] = -1
		want, ok := m[f]
		if !ok || want == "" {
			continue
		}
		for i, h := range header {
			if normHeader(h) == normHeader(want) {
				cols[f] = i
				break
			}
		}
		if cols[f] < 0 {
			return nil, minsheng.Invalid("mapping", "the %s column %q is not in this file's header (%s)", f, want,
				strings.Join(header, ", "))
		}
	}
	if cols[minsheng.ImportContent] < 0 {
		return nil, minsheng.Invalid("mapping", "no column holds the content (内容); the header is: %s — map one with --mapping",
			strings.Join(header, ", "))
	}
	return cols, nil
}

// FieldNames are the fields as the report names them.
var FieldNames = map[minsheng.ImportField]string{
	minsheng.ImportRef: "编号", minsheng.ImportTitle: "标题", minsheng.ImportContent: "内容", minsheng.ImportTime: "时间",
	minsheng.ImportPhone: "电话", minsheng.ImportName: "姓名", minsheng.ImportAddress: "地址", minsheng.ImportCategory: "类别",
}

// describe lists a mapping for the report: "标题 ← subject, 内容 ← detail".
func describe(m minsheng.ImportMapping) string {
	var parts []string
	for _, f := range minsheng.ImportFields {
		if col := m[f]; col != "" {
			parts = append(parts, fmt.Sprintf("%s(%s) ← %s", FieldNames[f], f, col))
		}
	}
	return strings.Join(parts, ", ")
}
