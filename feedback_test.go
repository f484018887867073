package minsheng

import "testing"

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"幸福里小区3号楼2单元501室暖气不热，电话13912345678": "幸福里小区**号楼**单元**室暖气不热，电话***",
		"来电人张三称朝阳路149号厂里欠薪":                 "来电人某称朝阳路**号厂里欠薪",
		"市民王女士反映路灯不亮":                       "市民某女士反映路灯不亮",
		"身份证 37020219800101123X 办不了社保":      "身份证 *** 办不了社保",
		"已于10月5日排气，室温恢复到20度。":               "已于10月5日排气，室温恢复到20度。",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}
