package demo

import "strings"

// categoryTable is the category tree and the responsibility list (职责清单)
// in one: each line is code, name and, for levels 2 and 3, the key of the
// responsible body. Codes follow the GB/T 39666-2020 pattern of two digits
// per level; the level and the parent follow from the code.
var categoryTable = [][3]string{
	{"010000", "城乡建设", ""},
	{"010100", "住房保障与房地产", "housing"},
	{"010101", "物业服务", "housing"},
	{"010102", "不动产登记", "natres"},
	{"010103", "延期交房", "housing"},
	{"010105", "住房公积金", "fund"},
	{"010200", "城乡规划", "natres"},
	{"010201", "违章建筑", "urban"},
	{"010300", "老旧小区改造", "housing"},
	{"010301", "改造工程质量", "housing"},
	{"010400", "房屋征收与补偿", "housing"},
	{"010401", "安置补偿", "housing"},
	{"010402", "回迁安置", "housing"},
	{"010500", "建筑市场", "housing"},
	{"010501", "拖欠工程款", "housing"},

	{"020000", "劳动和社会保障", ""},
	{"020100", "劳动关系", "hrss"},
	{"020101", "拖欠工资", "hrss"},
	{"020102", "劳动合同", "hrss"},
	{"020103", "劳动争议", "hrss"},
	{"020200", "社会保险", "hrss"},
	{"020201", "养老保险", "hrss"},
	{"020202", "社保关系转移", "hrss"},
	{"020203", "社会保障卡", "hrss"},
	{"020300", "就业创业", "hrss"},
	{"020301", "就业服务", "hrss"},
	{"020302", "职业技能培训", "hrss"},
	{"020400", "医疗保障", "medicare"},
	{"020401", "医保报销", "medicare"},
	{"020402", "异地就医", "medicare"},
	{"020500", "社会救助与养老", "civil"},
	{"020501", "最低生活保障", "civil"},
	{"020502", "养老服务", "civil"},

	{"030000", "教育文体", ""},
	{"030100", "基础教育", "edu"},
	{"030101", "学区划分", "edu"},
	{"030102", "入学政策", "edu"},
	{"030103", "学校管理", "edu"},
	{"030200", "校外培训", "edu"},
	{"030201", "培训退费", "edu"},
	{"030202", "违规办学", "edu"},
	{"030300", "文化体育和旅游", "culture"},
	{"030301", "公共文体设施", "culture"},
	{"030302", "景区管理", "culture"},

	{"040000", "商贸旅游", ""},
	{"040100", "消费维权", "market"},
	{"040101", "预付卡退费", "market"},
	{"040102", "商品质量", "market"},
	{"040103", "价格收费", "market"},
	{"040200", "食品安全", "market"},
	{"040201", "餐饮卫生", "market"},
	{"040300", "特种设备", "market"},
	{"040301", "电梯安全", "market"},

	{"050000", "环境保护", ""},
	{"050100", "大气污染", "eco"},
	{"050101", "餐饮油烟", "urban"},
	{"050102", "工业废气", "eco"},
	{"050103", "扬尘污染", "eco"},
	{"050200", "噪声污染", "eco"},
	{"050201", "建筑施工噪声", "eco"},
	{"050202", "社会生活噪声", "police"},
	{"050203", "商业经营噪声", "urban"},
	{"050300", "水污染", "eco"},
	{"050301", "河道污染", "eco"},
	{"050400", "固体废物", "urban"},
	{"050401", "垃圾清运", "urban"},

	{"060000", "卫生计生", ""},
	{"060100", "医疗服务", "health"},
	{"060101", "医疗服务质量", "health"},
	{"060102", "医疗收费", "health"},
	{"060200", "公共卫生", "health"},
	{"060201", "预防接种", "health"},
	{"060202", "病媒生物防制", "health"},
	{"060203", "生育登记", "health"},

	{"070000", "交通运输", ""},
	{"070100", "公共交通", "transport"},
	{"070101", "公交线路", "transport"},
	{"070102", "公交服务", "bus_co"},
	{"070200", "出租汽车", "transport"},
	{"070201", "出租车和网约车", "transport"},
	{"070300", "道路交通管理", "police"},
	{"070301", "交通信号与标志", "police"},
	{"070302", "停车管理", "police"},

	{"080000", "公共安全", ""},
	{"080100", "治安管理", "police"},
	{"080101", "治安隐患", "police"},
	{"080102", "养犬管理", "police"},
	{"080200", "户籍管理", "police"},
	{"080201", "户口登记", "police"},
	{"080202", "居住证", "police"},
	{"080300", "消防安全", "fire"},
	{"080301", "消防通道", "fire"},
	{"080302", "消防隐患", "fire"},

	{"090000", "市政公用", ""},
	{"090100", "供水", "water_co"},
	{"090101", "停水", "water_co"},
	{"090102", "水质水压", "water_co"},
	{"090200", "供热", "housing"},
	{"090201", "供暖温度", "housing"},
	{"090202", "供热设施", "heat_co"},
	{"090203", "供暖收费", "housing"},
	{"090300", "燃气", "gas_co"},
	{"090301", "燃气安全", "gas_co"},
	{"090302", "燃气服务", "gas_co"},
	{"090400", "市政道路", "urban"},
	{"090401", "道路破损", "urban"},
	{"090402", "井盖缺失", "urban"},
	{"090500", "路灯照明", "urban"},
	{"090501", "路灯不亮", "urban"},
	{"090600", "园林绿化", "urban"},
	{"090601", "树木修剪", "urban"},
	{"090700", "市容秩序", "urban"},
	{"090701", "占道经营", "urban"},

	{"100000", "政务服务", ""},
	{"100100", "政策咨询", "approval"},
	{"100101", "办事指南", "approval"},
	{"100102", "证照办理", "approval"},
	{"100200", "工作作风", "discipline"},
	{"100201", "推诿扯皮", "discipline"},
	{"100202", "吃拿卡要", "discipline"},
}

// cityCategories expands the table into seeds, deriving level and parent
// from the code.
func cityCategories() []CategorySeed {
	out := make([]CategorySeed, 0, len(categoryTable))
	for _, row := range categoryTable {
		code := row[0]
		c := CategorySeed{Code: code, Name: row[1], OrgKey: row[2]}
		switch {
		case strings.HasSuffix(code, "0000"):
			c.Level = 1
		case strings.HasSuffix(code, "00"):
			c.Level, c.Parent = 2, code[:2]+"0000"
		default:
			c.Level, c.Parent = 3, code[:4]+"00"
		}
		out = append(out, c)
	}
	return out
}
