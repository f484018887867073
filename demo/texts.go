package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Requests are composed, not copied: an opener that depends on the channel,
// a description of the problem with its place, how long it has lasted, what
// the citizen already tried and what they want. Each part comes from a list
// and carries slots like {at} or {temp}, so thousands of cases read like
// different people talking about the same few dozen things a city hears.

// problem is one kind of request: its category and handling body, where it
// happens, when it is frequent, and how people and departments talk about it.
type problem struct {
	code      string  // level-3 category
	org       string  // handling body; "" takes the category's
	local     float64 // share that the district of the place handles (属地管理)
	where     placeKind
	weight    float64
	season    season
	urgent    float64  // share reported as urgent
	immediate float64  // share reported as needing action now (即时)
	titles    []string // a generic title, then one for each description
	says      []string // the problem itself
	more      []string // details and consequences
	wants     []string // what the citizen asks for; generic demands when empty
	fixes     []string // substantive replies when it was solved
	explains  []string // substantive replies when it could only be explained
	wrong     []string // bodies it is plausibly first sent to by mistake; "district" is the place's
	// retell says the descriptions are one problem in other words, so a
	// second report may use another; otherwise each is a problem of its own
	// and a second report retells the same one.
	retell bool
}

// paraphrase rewords a description for a second report of the same problem.
var paraphrase = strings.NewReplacer("一直", "始终", "特别", "非常", "根本", "压根", "到现在", "至今",
	"没有", "没", "马上", "立刻", "晚上", "夜里", "孩子", "小孩", "老人", "老年人", "居民楼", "住宅楼",
	"不给", "不肯", "门口", "门前", "很大", "挺大", "严重", "厉害", "看病", "就诊", "医生", "大夫",
	"全是", "到处是", "很不方便", "非常不便", "经常", "常常", "家里", "家中", "突然", "忽然", "一下雨", "一到下雨天")

// secondVoice opens a second person's report when it would otherwise read
// word for word like the first.
var secondVoice = []string{"我也反映一下这个问题：", "同一个问题再反映一次：", "补充反映：", "这事邻居反映过，我也说一下："}

// season scales a problem's frequency over the year.
type season uint8

const (
	allYear  season = iota
	heating         // the heating period, November to March
	heatFees        // paying and disputing heating fees, autumn and early winter
	summer          // noise, water, smells, pests: June to September
	school          // enrolment and school districts: May to August
	newYear         // unpaid wages before the Spring Festival
)

// factor returns the frequency multiplier of the season in a month (1-12).
func (s season) factor(month int) float64 {
	switch s {
	case heating:
		if month >= 11 || month <= 3 {
			return 1.6
		}
		return 0.04
	case heatFees:
		if month >= 10 || month <= 1 {
			return 1.5
		}
		return 0.2
	case summer:
		if month >= 6 && month <= 9 {
			return 1.8
		}
		if month <= 2 || month == 12 {
			return 0.5
		}
		return 1
	case school:
		if month >= 5 && month <= 8 {
			return 2.5
		}
		return 0.5
	case newYear:
		if month == 12 || month <= 2 {
			return 2.5
		}
		return 0.8
	}
	return 1
}

// vars gives the slot values of one request. Values that are drawn (a
// temperature, a date) are drawn on first use and then kept, so the reply
// repeats what the request said and unused slots cost nothing.
type vars struct {
	r        *rand.Rand
	pl       *place
	at, orig time.Time
	have     uint32
	fixDays  int
	drawn    [nDrawn]string
}

// The drawn slots.
const (
	sFloor = iota
	sDur
	sWhen
	sTemp
	sN
	sTens
	sAmount
	sFee
	sMonths
	sRoute
	sTail
	sDate
	sFixdate
	sFixdate2
	nDrawn
)

// draw returns drawn slot k, drawing it the first time.
func (v *vars) draw(k int) string {
	if v.have&(1<<k) != 0 {
		return v.drawn[k]
	}
	r := v.r
	var s string
	switch k {
	case sFloor:
		s = strconv.Itoa(3+r.IntN(16)) + "楼"
	case sDur:
		s = pick(r, durations)
	case sWhen:
		s = pick(r, whens)
	case sTemp:
		s = strconv.Itoa(11 + r.IntN(6))
	case sN:
		s = cnSmall(2 + r.IntN(7))
	case sTens:
		s = tens[r.IntN(len(tens))]
	case sAmount:
		s = strconv.Itoa((5 + r.IntN(295)) * 100)
	case sFee:
		s = strconv.Itoa(15 + 5*r.IntN(17))
	case sMonths:
		s = cnSmall(2 + r.IntN(5))
	case sRoute:
		s = strconv.Itoa(1+r.IntN(99)) + "路"
	case sTail:
		s = "尾号" + strconv.Itoa(1000+r.IntN(9000))
	case sDate:
		s = mdate(v.at.Add(-time.Duration(30+r.IntN(300)) * 24 * time.Hour))
	case sFixdate:
		s = mdate(v.fix())
	case sFixdate2:
		s = mdate(v.fix().Add(time.Duration(1+r.IntN(4)) * 24 * time.Hour))
	}
	v.drawn[k] = s
	v.have |= 1 << k
	return s
}

// fix is the day the problem was dealt with, a few days after the request.
func (v *vars) fix() time.Time {
	if v.fixDays == 0 {
		v.fixDays = 1 + v.r.IntN(6)
	}
	return v.at.Add(time.Duration(v.fixDays) * 24 * time.Hour)
}

var tens = []string{"二十", "三十", "四十", "五十", "六十", "七十", "八十"}

// slot returns the value of a named slot.
func (v *vars) slot(name string) string {
	p := v.pl
	switch name {
	case "at":
		return p.at
	case "short":
		return p.short
	case "district":
		return districts[p.d].name
	case "street":
		return p.street().name
	case "community":
		return p.street().communities[p.c].name
	case "estate":
		return p.estate()
	case "road":
		return p.road()
	case "road2":
		return p.road2()
	case "unit":
		return strconv.Itoa(p.unit) + "单元"
	case "no":
		return strconv.Itoa(p.no) + "号"
	case "shop":
		return shopNames[p.shop%len(shopNames)]
	case "train":
		return trainNames[p.shop%len(trainNames)]
	case "store":
		return storeNames[p.shop%len(storeNames)]
	case "company":
		return companyNames[p.shop%len(companyNames)]
	case "property":
		return propertyNames[(p.e+p.c*3+p.s*5)%len(propertyNames)]
	case "school":
		return schoolNames[p.shop%len(schoolNames)]
	case "hospital":
		return hospitalNames[p.shop%len(hospitalNames)]
	case "site":
		return sites[p.shop%len(sites)].name
	case "scenery":
		return sceneryNames[p.shop%len(sceneryNames)]
	case "origdate":
		if v.orig.IsZero() {
			return "此前"
		}
		return mdate(v.orig)
	}
	if k, ok := drawnSlots[name]; ok {
		return v.draw(k)
	}
	return ""
}

var drawnSlots = map[string]int{"floor": sFloor, "dur": sDur, "when": sWhen, "temp": sTemp, "n": sN,
	"tens": sTens, "amount": sAmount, "fee": sFee, "months": sMonths, "route": sRoute, "tail": sTail,
	"date": sDate, "fixdate": sFixdate, "fixdate2": sFixdate2}

// expand writes the template into b with its slots filled.
func (v *vars) expand(b *strings.Builder, tpl string) {
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			b.WriteString(tpl)
			return
		}
		j := strings.IndexByte(tpl[i:], '}')
		if j < 0 {
			b.WriteString(tpl)
			return
		}
		b.WriteString(tpl[:i])
		b.WriteString(v.slot(tpl[i+1 : i+j]))
		tpl = tpl[i+j+1:]
	}
}

// fill returns the template with its slots filled.
func (v *vars) fill(tpl string) string {
	var b strings.Builder
	b.Grow(len(tpl) + 32)
	v.expand(&b, tpl)
	return b.String()
}

// pick returns a random element of list.
func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

var cnDigits = []string{"零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"}

// cnSmall writes small counts the way people say them: 两, 三, 十.
func cnSmall(n int) string {
	if n >= 0 && n < len(cnDigits) {
		return cnDigits[n]
	}
	return strconv.Itoa(n)
}

// Parts of requests shared by every kind of problem.
var (
	durations = []string{"已经三天了", "有一个多星期了", "从上周开始", "快半个月了", "这两天一直这样",
		"今天早上开始", "好几个月了", "从去年就有这个问题", "断断续续一个多月了", "已经持续十来天",
		"前天开始", "这个月以来", "有小半年了", "从上个月中旬到现在"}
	whens = []string{"每天晚上十点以后", "每天早上五六点", "一到周末", "晚上九点到十二点", "中午休息时间",
		"每天傍晚", "凌晨两三点", "一天到晚"}
	tries = []string{"找过物业好几次都没用", "跟社区反映过，说已经上报了", "之前打过12345，说转给相关部门了，一直没有动静",
		"自己找对方协商过，对方态度很差", "打过相关单位的电话，没人接", "邻居们也都反映过，一直没人管",
		"去现场找过负责人，找不到人"}
	demands = []string{"希望相关部门尽快处理。", "请有关部门尽快解决！", "希望能给个说法。", "请尽快派人来看看。",
		"希望相关部门重视，给老百姓解决实际困难。", "麻烦尽快协调处理，谢谢！",
		"要求尽快答复。", "希望早日解决，谢谢。", "希望有关部门管一管。", "请尽快给予答复。"}
	askOpeners = []string{"", "您好，", "咨询："}
	closings   = []string{"盼复！", "谢谢！", "望早日解决，谢谢领导。", "期待回复。", "辛苦了！"}
	followUps  = []string{"另外想问一下能不能在网上办理。", "希望能告知具体的办理地点和需要的材料。", "之前问过社区，社区也说不清楚。",
		"请工作人员给个准确答复。", "谢谢。", "希望能详细解答一下。", "去窗口问了两次，说法不一样。", "请给予解答。"}
	interim = []string{"经现场查看，已督促责任单位整改，并告知市民有问题可随时反映。", "已安排人员上门处理，问题已初步解决。",
		"已协调相关单位现场处理，后续将持续关注。"}
	perfunctory = []string{"已收到，正在研究处理方案。", "我单位高度重视，将出方案尽快解决。", "该问题正在研究中，待有结果后再行答复。",
		"已转相关科室，正在协调中。", "已安排人员了解情况，后续将妥善处理。", "我单位将尽快研究，形成处理意见后答复市民。"}
)

// Openers set the voice: agents record calls in the third person, citizens
// write in the first, field workers and partner channels say where it came from.
var (
	openPhone   = []string{"来电人反映：", "市民来电反映，", "来电反映", "来电人称，", "", "来电人表示，", "市民来电："}
	openWeb     = []string{"您好！", "尊敬的领导：您好，", "你好，", "", "我要反映一个问题：", "领导好，", ""}
	openField   = []string{"网格员入户走访时居民反映：", "民情书记走访收集：", "社区网格员上报：居民反映", "居民在社区议事会上反映，"}
	openMedia   = []string{"市民致电海州日报民生热线反映：", "海州日报民生热线转来市民反映：", "读者来电反映，"}
	openPetit   = []string{"信访人反映：", "来信反映：", "信访人到市信访局反映，"}
	openDept    = []string{"部门服务热线转来：市民反映，", "市民通过部门热线反映：", "部门窗口转来市民诉求："}
	repeatPhone = []string{"来电人称{origdate}已反映过此问题，至今没有解决。", "来电人再次反映：{origdate}打过电话，问题还在。",
		"来电人称此前反映的问题一直没人处理，"}
	repeatWeb = []string{"我{origdate}已经反映过，到现在还没有解决！", "再次反映：{origdate}反映的问题至今没有处理。",
		"之前反映过一次，一直没有结果，"}
)

// Citizens' names: common family names, given-name characters, and the
// way agents often record only a family name with 先生/女士.
var (
	surnames    = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	givenMale   = []rune("伟强磊军勇杰涛斌明超刚平辉鹏华飞鑫波宁建国志海峰东林浩然宇晨博文亮成俊凯")
	givenFemale = []rune("芳娜敏静丽艳娟霞秀兰英华玲红梅燕琳雪婷慧颖洁莹倩琴云萍菲欣怡佳悦晓")
	mobilePre   = []string{"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
		"155", "157", "158", "159", "170", "176", "177", "178", "180", "181", "182", "185", "186", "187",
		"188", "189", "191", "198", "199"}
)

// personName returns a realistic full name, or a family name with a title.
func personName(r *rand.Rand) string {
	var b strings.Builder
	b.WriteRune(surnames[r.IntN(len(surnames))])
	female := r.IntN(2) == 0
	if chance(r, 0.3) {
		if female {
			b.WriteString("女士")
		} else {
			b.WriteString("先生")
		}
		return b.String()
	}
	given := givenMale
	if female {
		given = givenFemale
	}
	for n := 1 + r.IntN(2); n > 0; n-- {
		b.WriteRune(given[r.IntN(len(given))])
	}
	return b.String()
}

// phoneNumber returns a synthetic mobile number, or now and then a local
// landline; the digits come from the generator, not from any directory.
func phoneNumber(r *rand.Rand) string {
	var buf [11]byte
	if chance(r, 0.08) {
		buf[0] = '8'
		for i := 1; i < 8; i++ {
			buf[i] = byte('0' + r.IntN(10))
		}
		return string(buf[:8])
	}
	copy(buf[:], pick(r, mobilePre))
	for i := 3; i < 11; i++ {
		buf[i] = byte('0' + r.IntN(10))
	}
	return string(buf[:])
}
