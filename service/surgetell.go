package service

import (
	"fmt"
	"strconv"
	"time"

	"minsheng"
)

// surgeRoles are the roles a new surge alert reaches in the workbench: the
// issue's "an alert to analysts and supervisors", those who study the rise
// and those who chase it.
var surgeRoles = []minsheng.Role{minsheng.RoleAnalyst, minsheng.RoleSupervisor}

// surgeTeller tells every active analyst and supervisor of a new surge
// alert, in Chinese: which category rose where, over which days, by how
// much against its baseline. users are the accounts read before the run;
// name names the alert's category and area.
func surgeTeller(users []*minsheng.User, name func(minsheng.Surge) (category, area string)) minsheng.SurgeTeller {
	return func(a minsheng.Surge) ([]minsheng.Notification, error) {
		category, area := name(a)
		note := surgeNote(a, category, placeName(area))
		var ns []minsheng.Notification
		for _, u := range users {
			if u.Disabled {
				continue
			}
			for _, r := range surgeRoles {
				if u.Role == r {
					ns = append(ns, minsheng.Notification{UserID: u.ID, AlertID: a.ID, Kind: minsheng.AlertSurge,
						Note: note, CreatedAt: a.CreatedAt})
				}
			}
		}
		return ns, nil
	}
}

// surgeNote says an alert in a sentence a supervisor reads at a glance:
// 东港区「停水」诉求上升：6月23日至6月29日受理 36 件，基线约 12.4 件，多 23.6 件（2.9 倍）。
func surgeNote(a minsheng.Surge, category, area string) string {
	if category == "" {
		category = "未分类"
	}
	span := chineseDay(a.Day)
	if a.From != "" && a.From != a.Day {
		span = chineseDay(a.From) + "至" + span
	}
	s := fmt.Sprintf("%s「%s」诉求上升：%s受理 %s 件，基线约 %s 件，多 %s 件", area, category, span,
		figure(a.Observed), figure(a.Expected), figure(a.Observed-a.Expected))
	if a.Expected > 0 {
		s += "（" + figure(a.Observed/a.Expected) + " 倍）"
	}
	return s + "。"
}

// chineseDay writes a YYYY-MM-DD day as 6月23日 (the day as given when it
// does not parse).
func chineseDay(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return fmt.Sprintf("%d月%d日", t.Month(), t.Day())
}

// figure writes a count with at most one decimal: 36, 12.4.
func figure(v float64) string {
	return strconv.FormatFloat(float64(int64(v*10+0.5))/10, 'f', -1, 64)
}
