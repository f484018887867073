package web

import (
	"errors"
	"fmt"

	"minsheng"
)

// errorsZH says the domain's messages in Chinese, keyed by their format
// (minsheng.Error.Format) so that the same arguments fill both: the rules
// keep writing one English sentence and a Chinese page shows this one under
// the field. A format missing here falls back to a Chinese sentence that
// quotes the English (see fieldMessage); TestErrorVocabulary lists the
// formats the forms meet.
var errorsZH = map[string]string{
	"required":                                                   "必填",
	"required: true or false":                                    "请选择是或否",
	"required when the citizen was reached":                      "联系上市民时请选择是否解决",
	"required: the id of the master case":                        "请填写要并入的主工单编号",
	"at least %d characters, please say more":                    "至少 %d 个字，请说得具体些",
	"at most %d characters":                                      "最多 %d 个字",
	"at most %d characters, got %d":                              "最多 %d 个字，现在是 %d 个字",
	"at most 300 characters":                                     "最多 300 个字",
	"at most 50 characters":                                      "最多 50 个字",
	"at most 200 characters":                                     "最多 200 个字",
	"1-100 characters":                                           "请填写 1 到 100 个字",
	"must not be empty":                                          "不能为空",
	"empty":                                                      "不能为空",
	"is not valid UTF-8":                                         "含有无法识别的字符",
	"must not contain NUL (U+0000) characters":                   "含有无法识别的字符",
	"must not contain the NUL character (U+0000)":                "含有无法识别的字符",
	"must be a number":                                           "请填写数字",
	"a date and time such as 2026-12-07T18:00":                   "请填写日期和时间，例如 2026-12-07 18:00",
	"use YYYY-MM-DD or RFC 3339 (2026-11-30T17:00:00+08:00)":     "日期格式不对，请按 年-月-日 填写",
	"use true or false (or 1 or 0), not %q":                      "请勾选或不勾选（收到了 %q）",
	"must not be before the start date":                          "结束日期不能早于开始日期",
	"must be at least one hour from now":                         "办理时限至少要在一小时之后",
	"must be within a year from now":                             "办理时限不能超过一年",
	"no such active organisation":                                "请从列表中选择一个承办单位",
	"no such organisation":                                       "没有这个单位，请从列表中选择",
	"unknown organisation":                                       "没有这个单位，请从列表中选择",
	"must be an active sub-unit of the handling organisation":    "请选择本单位下属的在用单位",
	"dispatch to a handling body, not the hotline office":        "请派给办理单位，不能派给热线办自己",
	"the case is already with %s":                                "工单已经在%s办理",
	"a %s case goes to a %s body":                                "%s类工单应派给同类单位（%s）",
	"co-handlers must be other active handling bodies":           "协办单位须是主办单位以外的在用办理单位",
	"organisation %d is listed twice":                            "协办单位重复选择了（编号 %d）",
	"1 to 30 working days":                                       "请填写 1 到 30 个工作日",
	"1, 2 or 3":                                                  "请选择督办级别 1、2 或 3",
	"1 (一般督办), 2 (重点督办) or 3 (挂牌督办)":                             "请选择督办级别：1 一般督办，2 重点督办，3 挂牌督办",
	"no such other case":                                         "没有这个工单",
	"case %s is itself merged into another; merge into that one": "工单 %s 已并入其他工单，请并入那一件",
	"no such category":                                           "请从列表中选择类别",
	"no such active article":                                     "这条知识已停用或不存在",
	"one of solved, explained, cannot_solve":                     "请选择办理结果",
	"one of satisfied, basically_satisfied, dissatisfied":        "请选择满意程度",
	"one of service, media, petition, discipline":                "请选择分流类型",
	"one of normal, urgent, immediate":                           "请选择紧急程度",
	"unknown status %q":                                          "没有这个状态：%q",
	"unknown channel %q":                                         "没有这个来源渠道：%q",
	"unknown track %q":                                           "没有这个分流类型：%q",
	"5-20 digits, optionally with a leading + and spaces, dashes, dots or parentheses": "请填写 5 到 20 位电话号码",
	"coordinates out of range":                           "坐标超出范围",
	"lat and lng go together":                            "经纬度要一起填写",
	"confirm first: this cannot be taken back":           "请先勾选确认",
	"the form has no case version; reload the page":      "页面缺少工单版本，请刷新后再试",
	"not a cursor of this list; start again without one": "翻页位置已失效，请回到第一页",
}

// localMessage says a domain error in Chinese, from errorsZH, with enum
// arguments (tracks, states, channels) named in Chinese too. ok is false
// on English pages (the rule's own sentence serves) and when the
// vocabulary has no such format.
func localMessage(lang string, err error) (msg string, ok bool) {
	var e *minsheng.Error
	if lang == langEN || !errors.As(err, &e) {
		return "", false
	}
	f, ok := errorsZH[e.Format]
	if !ok {
		return "", false
	}
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		args[i] = localArg(lang, a)
	}
	return fmt.Sprintf(f, args...), true
}

// localArg names a track, state or channel code in the page's language;
// other arguments pass unchanged.
func localArg(lang string, a any) any {
	var s string
	switch v := a.(type) {
	case string:
		s = v
	case fmt.Stringer:
		s = v.String()
	case minsheng.Track:
		s = string(v)
	case minsheng.Status:
		s = string(v)
	case minsheng.Channel:
		s = string(v)
	default:
		return a
	}
	for _, prefix := range []string{"track.", "status.", "channel."} {
		if m, ok := catalogue[lang][prefix+s]; ok {
			return m
		}
	}
	return a
}
