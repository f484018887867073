// Package dupetest makes material for testing, benchmarking and evaluating
// package dupe: synthetic but varied citizen requests, and the edits by
// which one request becomes a near-duplicate of another (re-posted in a
// second channel, retold by a second caller, cut short by an operator).
package dupetest

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Request returns synthetic request i of the stream named by seed, and its
// place key (district and road). The same seed and i always give the same
// request, so a benchmark can regenerate an indexed text to derive queries
// instead of keeping a million texts in memory. Requests are assembled
// from places, problems, circumstances and demands drawn independently,
// so two of them rarely share more than a phrase or two.
func Request(seed uint64, i int64) (text, place string) {
	rng := rand.New(rand.NewPCG(seed, uint64(i)))
	district := pick(rng, districts)
	road := name(rng) + pick(rng, roadKinds)
	estate := name(rng) + pick(rng, estateKinds)
	place = district + road

	var b strings.Builder
	fmt.Fprintf(&b, pick(rng, openers), district+road+fmt.Sprint(1+rng.IntN(300))+"号"+estate)
	fmt.Fprintf(&b, "%s%s。", pick(rng, objects), pick(rng, issues))
	fmt.Fprintf(&b, "%s，", pick(rng, times))
	for _, e := range rng.Perm(len(effects))[:1+rng.IntN(3)] {
		b.WriteString(effects[e])
		b.WriteString(pick(rng, []string{"，", "，", "。"}))
	}
	if f := pick(rng, figures); f != "" {
		fmt.Fprintf(&b, f, 2+rng.IntN(400), 1+rng.IntN(12))
	}
	b.WriteString(pick(rng, demands))
	return b.String(), place
}

// pick returns a random element of list.
func pick(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }

// name returns a made-up two-character proper name for a road or estate.
func name(rng *rand.Rand) string {
	r := []rune(syllables)
	return string([]rune{r[rng.IntN(len(r))], r[rng.IntN(len(r))]})
}

const syllables = "金银枫桂松柏湘江河湖山岭新华民安康宁福兴盛长丰泰和平春秋龙凤阳光明德文武建设花园星月云海东西南北青白红紫梅竹兰菊"

var (
	districts   = []string{"东湖区", "西山区", "南江区", "北岭区", "高新区", "经开区", "临湖县", "青石县", "望城区", "河西区", "新港区", "白沙县"}
	roadKinds   = []string{"路", "街", "大道", "巷", "大街"}
	estateKinds = []string{"小区", "花园", "家园", "公寓", "新村", "苑", "城", "雅居"}
	openers     = []string{
		"%s的居民反映：", "本人是%s的业主，", "我住在%s，", "关于%s的问题：", "%s附近，", "你好，我是%s的住户，",
		"领导您好！我家在%s，", "我们是%s的一群老人，", "在%s上班的市民反映，", "家住%s，",
	}
	objects = []string{
		"小区门口的烧烤摊", "楼下新开的餐馆", "附近的建筑工地", "小区的电梯", "路口的红绿灯", "社区的健身器材",
		"楼顶的违章建筑", "旁边的KTV", "小区物业公司", "门口的菜市场", "公交站台", "学校附近的道路",
		"地下车库", "小区的供水管道", "楼道里的路灯", "河边的排污口", "附近的养殖场", "小区的消防通道",
		"一家培训机构", "附近的幼儿园", "社区卫生服务中心", "快递网点", "开发商", "小区内的化粪池",
		"燃气公司", "公共厕所", "收费停车场", "农贸市场", "一家装修公司", "隔壁的加工厂",
		"小区的垃圾站", "新修的人行道", "老旧小区改造工程", "共享单车", "渣土车", "夜市摊点",
		"一家网吧", "沿街的广告牌", "小区的二次供水设施", "附近的搅拌站", "学校食堂", "新建的变电站",
		"小区的充电桩", "对面的洗车店", "楼下的麻将馆", "河道清淤工程", "一家驾校", "小区的地下室",
	}
	issues = []string{
		"噪音扰民", "长期损坏无人维修", "乱收费", "油烟污染严重", "占道经营", "违规夜间施工",
		"污水横流", "存在严重安全隐患", "拖欠工人工资", "收费不透明", "经常停水停电", "散发难闻的异味",
		"违规占用绿地", "管理十分混乱", "虚假宣传", "拒绝退还费用", "服务态度恶劣", "长期堵塞",
		"垃圾堆积如山", "私自改变规划", "粉尘污染严重", "车辆乱停乱放", "延期交房", "偷排废水",
		"强行收取押金", "设备老化漏电", "无证经营", "半夜还在营业", "随意倾倒建筑垃圾", "霸占公共空间",
		"卫生状况很差", "价格虚高", "克扣押金", "工期一拖再拖", "长期闲置浪费", "擅自涨价",
	}
	times = []string{
		"从去年三月开始", "最近两个月以来", "今年春节以后", "每天晚上十点以后", "已经持续了半年多", "这个星期以来",
		"从上个月中旬起", "这几年一直这样", "每逢周末", "连续好几天", "自从换了物业以后", "一到下雨天",
		"去年国庆节前后", "入夏以来", "开学这段时间", "从凌晨四五点开始", "自打交房那天起", "一年四季都是这样",
	}
	effects = []string{
		"严重影响周边居民的正常休息", "老人和小孩出行非常不安全", "我们多次向物业反映均无结果", "打过几次热线电话也没有人来处理",
		"社区说这件事不归他们管", "附近商户的生意也受到影响", "路面积水根本没法走", "孩子上学每天都要绕很远的路",
		"家里老人因此生病住院", "邻居们意见都很大", "相关部门互相推诿", "晚上根本睡不着觉",
		"空气里都是刺鼻的味道", "车辆进出非常困难", "已经发生过好几次事故", "大家的合法权益得不到保障",
		"环境卫生越来越差", "找了城管也没有用", "业主群里天天有人投诉", "门窗关紧了还是听得到",
		"有关单位至今没有答复", "这样下去迟早要出大事", "上班族每天都要迟到", "商户们只能干着急",
		"夏天蚊蝇乱飞", "小孩写作业都受干扰", "窗户上全是一层灰", "过路的行人只能走到机动车道上",
		"打电话过去总是没人接", "物业只会推给开发商", "有人摔倒受了伤", "老人晚上起夜很危险",
		"楼下的绿化带被毁了", "每次都说马上处理", "出了问题没人负责", "居民只能自己掏钱修",
	}
	figures = []string{
		"涉及住户约%d户，已经反映了%d次。", "受影响的有%d多人，前后拖了%d个月。", "损失大约%d元，找了%d个部门。",
		"周边有%d户人家，每周要闹%d回。", "我们交了%d元，等了%d个星期。", "那里住着%d位老人，病了%d个。",
		"光是这条街就有%d家店，%d家没有执照。", "离学校只有%d米，每天早上%d点就开始。", "",
	}
	demands = []string{
		"请相关部门尽快处理。", "希望领导高度重视！", "恳请政府给我们一个说法。", "请城管部门依法查处。",
		"希望有关部门尽快派人来看看。", "请尽快协调解决，谢谢！", "望早日答复。", "请给予解决为盼。",
		"希望能还我们一个安静的环境。", "请问这种情况该找哪个部门？", "盼复！", "请有关部门给予答复。",
		"麻烦派人实地看看。", "希望能一次性解决，不要再拖了。", "谢谢！", "",
	}
)
