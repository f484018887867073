package open311

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"minsheng"
	"minsheng/service"
)

// attributes is every service's definition. Urgency, the wish for a reply
// and a title are fields of our intake standard; the rest have no field of
// their own and are added to the description as labelled lines, so that
// the handling unit reads them where it reads the request. Together they
// use every datatype the standard has.
var attributes = []attribute{
	{Variable: true, Code: "urgency", Datatype: "singlevaluelist", Order: 1, Description: "紧急程度 (urgency)",
		DatatypeDoc: "one key", Values: []value{{"normal", "一般"}, {"urgent", "紧急"}, {"immediate", "特急"}}},
	{Variable: true, Code: "wants_reply", Datatype: "singlevaluelist", Order: 2, Description: "是否需要回复 (reply wanted)",
		DatatypeDoc: "one key", Values: []value{{"yes", "需要"}, {"no", "不需要"}}},
	{Variable: true, Code: "title", Datatype: "string", Order: 3, Description: "标题 (title)",
		DatatypeDoc: fmt.Sprintf("one line, at most %d characters", minsheng.MaxTitleRunes)},
	{Variable: true, Code: "observed_at", Datatype: "datetime", Order: 4, Description: "发现时间 (when it was noticed)",
		DatatypeDoc: "W3C datetime, e.g. 2026-11-30T08:15:00+08:00"},
	{Variable: true, Code: "people_affected", Datatype: "number", Order: 5, Description: "受影响人数 (people affected)",
		DatatypeDoc: "a whole number, 0 or more"},
	{Variable: true, Code: "details", Datatype: "text", Order: 6, Description: "补充说明 (more details)",
		DatatypeDoc: "free text, at most 2000 characters"},
	{Variable: true, Code: "hazards", Datatype: "multivaluelist", Order: 7, Description: "存在的风险 (hazards)",
		DatatypeDoc: "any number of keys", Values: []value{{"traffic", "影响交通"}, {"injury", "人身安全"},
			{"property", "财产损失"}, {"environment", "环境污染"}}},
}

// applyAttributes reads attribute[code] (and attribute[code][] for lists)
// from the form into the intake, checking each against its datatype.
// Unknown codes are refused, so a client learns of a typo at once.
func applyAttributes(form url.Values, in *service.Intake) error {
	got := map[string][]string{}
	for k, vs := range form {
		if !strings.HasPrefix(k, "attribute[") {
			continue
		}
		code, _, _ := strings.Cut(strings.TrimPrefix(k, "attribute["), "]")
		got[code] = append(got[code], vs...)
	}
	var lines []string
	for _, a := range attributes {
		vs := got[a.Code]
		delete(got, a.Code)
		if len(vs) == 0 || len(vs) == 1 && strings.TrimSpace(vs[0]) == "" {
			continue
		}
		field := "attribute[" + a.Code + "]"
		if a.Datatype != "multivaluelist" && len(vs) > 1 {
			return status(http.StatusBadRequest, field+": one value only")
		}
		v := strings.TrimSpace(vs[0])
		switch a.Code {
		case "urgency":
			if !hasKey(a, v) {
				return status(http.StatusBadRequest, field+": one of normal, urgent, immediate")
			}
			in.Urgency = minsheng.Urgency(v)
		case "wants_reply":
			if !hasKey(a, v) {
				return status(http.StatusBadRequest, field+": yes or no")
			}
			want := v == "yes"
			in.WantsReply = &want
		case "title":
			in.Title = v
		case "observed_at":
			t, err := parseW3C(field, v)
			if err != nil {
				return err
			}
			lines = append(lines, "发现时间："+w3c(t))
		case "people_affected":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 10_000_000 {
				return status(http.StatusBadRequest, field+": a whole number, 0 or more")
			}
			lines = append(lines, "受影响人数："+strconv.Itoa(n))
		case "details":
			if utf8.RuneCountInString(v) > 2000 {
				return status(http.StatusBadRequest, field+": at most 2000 characters")
			}
			lines = append(lines, "补充说明："+v)
		case "hazards":
			var names []string
			for _, k := range vs {
				i := slices.IndexFunc(a.Values, func(x value) bool { return x.Key == strings.TrimSpace(k) })
				if i < 0 {
					return status(http.StatusBadRequest, field+": unknown key "+strconv.Quote(k))
				}
				names = append(names, a.Values[i].Name)
			}
			lines = append(lines, "存在的风险："+strings.Join(names, "、"))
		}
	}
	for code := range got {
		return status(http.StatusBadRequest, "attribute["+code+"]: this service has no such attribute")
	}
	if len(lines) > 0 {
		in.Content = strings.TrimSpace(in.Content + "\n" + strings.Join(lines, "\n"))
	}
	return nil
}

func hasKey(a attribute, k string) bool {
	return slices.ContainsFunc(a.Values, func(v value) bool { return v.Key == k })
}
