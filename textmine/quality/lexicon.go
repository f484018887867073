package quality

import (
	"regexp"
	"strings"
)

// stopChars are function characters. A bigram holding one of them (的问,
// 了一) is grammar, not topic, so it never counts as a key term.
var stopChars = setOf([]rune("的了是在我你您他她它们和与及或也都就这那个吗呢吧啊呀哦嘛把被对于从等还又很请让给该其之而并但却所此么啥些每某哪谁着过得已将会要没不"))

// genericBigrams are words every request and every reply share whatever
// the topic: greetings, thanks, the hotline's own vocabulary. They carry no
// evidence that a reply is about this request, so they weigh nothing; all
// other bigrams are the rarer, topical ones and weigh one (two in the
// title).
var genericBigrams = setOf(strings.Fields(`
	市民 群众 网友 百姓 居民 业主 您好 你好 尊敬 谢谢 感谢 支持 理解 关心 关注 监督 信任
	反映 问题 情况 留言 来信 信箱 平台 书记 市长 领导 政府 有关 相关 部门 单位 工作 人员
	回复 答复 如下 现将 收悉 处理 解决 调查 核实 落实 重视 要求 请求 希望 恳请 咨询 投诉
	举报 建议 意见 反应 以上 目前 现在 已经 没有 可以 能够 一直 一个 这个 那个 这样 因为
	所以 但是 如果 还是 什么 怎么 如何 为何 是否 能否 时间 今年 去年 明年 多次 认为 表示
	知道 自己 大家 我们 你们 他们 本人 同志 特此 根据 按照 规定 进行 有限 公司 之后 以后
	以来 同时 其中 进一 一步 予以 给予 尽快 及时 希望 麻烦 谢谢 严重 非常 十分 很多 一些
	具体 涉及 存在 出现 发生 造成 导致 影响 关于 方面 通过 需要 必须 应该 不能 无法 时候
	月份 年度 今天 现已 已于 及其
`))

// stockPhrases are the stock non-answers the seeds complain about: they
// promise study, referral or attention without saying what was done.
// Longer phrases come before the shorter ones they contain.
var stockPhrases = []string{
	"将出方案", "出台方案", "正在研究", "研究中", "认真研究", "研究解决", "研究处理",
	"已转相关部门", "已转有关部门", "已转交", "已转至", "已转", "转交", "转至", "转有关部门", "交由",
	"会尽快处理", "尽快处理", "尽快解决", "尽快落实", "尽快给予",
	"高度重视", "加强管理", "加强监管", "加大力度", "加大工作力度", "进一步核实", "进一步了解",
	"纳入计划", "列入计划", "择机", "适时", "待条件成熟", "条件成熟时", "统筹考虑", "逐步解决",
	"耐心等待", "请咨询", "另行答复", "积极协调", "积极争取", "密切关注", "持续关注",
}

// stockPatterns are stock phrases with a gap: advice to ask someone else
// (建议您直接向县教育局咨询), hand-overs (已交发改部门调查核处), plans
// (纳入工作计划) and more effort (加大执法力度).
var stockPatterns = regexp.MustCompile(`(建议|请)(您|你)?(直接)?(向|到)[^。,!;]{1,16}(咨询|反映)` +
	`|已(移)?交(由)?[^。,付纳费]{1,12}(部门|单位|局|委|办|政府|管委会|街道|镇)` +
	`|(纳入|列入)[^。,]{1,8}计划|加大[^。,]{1,6}力度`)

// action matches what a department says it has done. The forms are past
// or completed (已…, 进行了…, 对其…) or are verbs that only make sense as
// an act (责令, 责成, 下达整改通知); a match right after 将, 拟, 会, 未
// and the like is a promise or a negation and does not count (see
// promiseMarks).
var action = regexp.MustCompile(`已经?(依法|全部|及时|基本|陆续|先后|多次|专门|立即|迅速)?(` + doneVerbs + `)` +
	`|已于[^。,]{1,14}?(` + doneVerbs + `|完成|办结)` +
	`|已(向|与|同|对)[^。,]{1,14}?(` + doneVerbs + `|汇报|报告|沟通|协商|对接)` +
	`|现场核查|责令|责成|下达[^。]{0,8}(整改|限期|责令)[^。]{0,4}通知|立案查处|依法立案|予以(处罚|查处|拆除|取缔|退还|纠正)|处以[^。]{0,6}罚款` +
	`|进行了[^。,]{0,6}(维修|更换|清理|拆除|整改|处理|疏通|修复|查处|约谈|检查|整治|处罚|调解|协调|清运|教育|劝导)` +
	`|(开展|组织|实施|采取)了|采取(了)?[^。]{4,20}?等措施|(立即|迅速|随即|随后|及时)(开展|组织|安排|联系|派|前往|赶|进行|召开)|(电话|上门)(联系|走访|回访|沟通)` +
	`|(已|已经)?(与|同)[^。,]{1,10}取得(了)?联系|(\d{1,2}月|[本上]月)\d{1,2}[日号][^。]{0,30}?(组织|开展|前往|召开|进行了|联系|派员|安排|赶赴|到达|约谈|下达)` +
	`|对其[^。,]{0,6}(进行|作出|做出|予以)|当(场|即)(查处|拆除|处罚|扣押|暂扣|没收|清理|纠正|制止|解决|办理|退还|责令|责成|要求|组织|安排|联系|整改|教育|下达)|(赶至|赶到|赶赴|到达)现场`)

// doneVerbs are the verbs of work done that follow 已 in action. 要求 and
// 收悉 are left out on purpose: "已要求相关部门认真研究" is a stock reply.
const doneVerbs = `安排|维修|修复|修缮|更换|清理|清运|清除|清扫|协调|责令|责成|拆除|退还|退回|退款|恢复|下达|下发|督促|整改|整治|办理|发放|补发|处理|立案|查处|处罚|罚款|约谈|暂停|停止|关停|取缔|查封|扣押|没收|安装|铺设|硬化|疏通|封堵|启动|开工|施工|实施|组织|召开|联系|告知|通知|核发|审批|批复|受理|支付|拨付|签订|调整|纠正|撤销|补办|开通|建成|制定|出台|发布|发函|委托|收回|移除|修剪|补种|补植|增设|设置|张贴|更新|解除|派出|派人|上门|赶赴|进场|投入|召集|会同|联合|成立|建立|进行`

// results are outcomes: the problem is gone, money arrived, the citizen
// agreed. Longer phrases come before the shorter ones they contain.
var results = []string{
	"已解决", "得到解决", "得到了解决", "已恢复正常", "恢复正常", "已办结", "办理完毕", "整改到位",
	"整改完毕", "已到账", "发放到位", "已通车", "已通水", "已通电", "已竣工", "已完工", "已投入使用",
	"清理完毕", "清运完毕", "拆除完毕", "维修完毕", "修复完毕", "市民表示满意", "表示满意", "表示认可",
	"表示理解", "达成一致", "已全部", "已完成", "已经同意", "已同意", "表示同意", "已批准", "获批",
}

// investigated matches evidence that someone looked into the case and
// found something out: findings are a partial answer even without action.
var investigated = regexp.MustCompile(`(经|据)([^济营开费历验典常理纪销办。,;!][^。,;!]{0,14}?)?(查|核实|核查|调查|了解|现场|实地|走访|排查|检查|查询|审核|复核|咨询|确认)|查实|属实|实地(查看|调查|核查|察看|走访)|现场(查看|察看|检查|勘查|调查)|走访|(调查|检查|核查|查询)发现|(没有|未)发现|到现场|赶赴现场|进行了[^。,]{0,8}(调查|核实|核查|走访)`)

// explainKinds are the marks of a substantive explanation, the usual answer
// to a consultation or to a suggestion that cannot be taken up: a cited
// document or clause, what the policy allows, why (因此, 不属于…范围),
// guidance on what to do, and measured facts. Each kind found adds a
// little (see Assess).
var explainKinds = []struct {
	code string
	re   *regexp.Regexp
}{
	{"document", regexp.MustCompile(`《[^》]{0,40}(法|条例|办法|规定|通知|意见|细则|标准|规范|方案|规划|决定|纲要|指南|通告|公告|合同|协议|制度|规则|批复|目录|清单)(\([^)]{0,10}\))?》|\[政府发文\]|[\p{Han}]{1,6}[〔\[]\d{4}[〕\]]\d+号`)},
	{"clause", regexp.MustCompile(`第[\d一二三四五六七八九十百]+(条|款|项)`)},
	{"policy", regexp.MustCompile(`政策(规定)?[^。]{0,6}(可以|可|不能|不得|应|须|需)|现有政策|现行政策|明文规定|才能|方可|(法|条例|办法)[^。]{0,4}明确规定|符合[^。]{0,12}条件|不符合|可以(领取|申请|办理|转移|转回|补缴|缴纳|报销|享受)|(享受|领取)[^。]{0,8}(待遇|补贴|补助|养老金)`)},
	{"reasoning", regexp.MustCompile(`因此|因而|因为|所以|由于|鉴于|[,。]故|原因(是|如下|在于|主要)|无权|不属于|不在[^。]{1,12}范围|属于[^。]{1,12}(范围|职责|管辖)`)},
	{"guidance", regexp.MustCompile(`(请|可)(您|你)?(按照|按|根据)[^。]{0,10}(提示|要求|流程|指引)|(可|可以|需|需要|应|应当)(携带|持|到|前往|登录|拨打|提交|提供|申请|办理|咨询)|办理(流程|程序|条件|时限)|申请条件|所需材料|以下材料|办事指南`)},
	{"facts", regexp.MustCompile(`\d+(\.\d+)?\s*(元|万元|亿元|米|平方米|㎡|亩|公里|千米|km|kv|吨|户|人|名|辆|台|套|处|栋|个|间|次|盏|棵|%|‰)`)},
	{"points", regexp.MustCompile(`[1一](、|\.[^\d])[\s\S]{8,}?[2二](、|\.[^\d])|一是[\s\S]{4,}?二是|第一[,、][\s\S]{4,}?第二[,、]`)},
}

// datePatterns find concrete dates and times. Relative words count when
// they pin a day (次日, 当天, 本周内); vague ones (近期, 近日) do not.
var datePatterns = regexp.MustCompile(`(\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]` +
	`|(\d{4}\s*年\s*)?\d{1,2}\s*月(上旬|中旬|下旬|底|初|末|份)` +
	`|\d{4}\s*年(底|末|内|上半年|下半年)` +
	`|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}` +
	`|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}[日号]|[本上下]月\d{1,2}[日号]` +
	`|[\d一二三四五六七八九十两]+\s*个?(工作日|自然日|日|天|周|星期|个月|月)(内|之内|以内)` +
	`|当天|当日|次日|翌日|当晚|本周内?|下周|本月(内|底)|下月|月底|年底|年内` +
	`|\d{1,2}\s*[:：]\s*\d{2}|(上午|下午|晚上|凌晨|中午)\s*\d{1,2}\s*[点时]`)

// deadlineSuffix follows a date that is a deadline: 3月5日前, 月底之前.
var deadlineSuffix = regexp.MustCompile(`^\s*(前|之前|以前|内|之内|以内|底前|完成|到位|截止)`)

// relativeDeadline is a date pattern that is a deadline by itself.
var relativeDeadline = regexp.MustCompile(`(内|之内|以内)$|^(本周内|本月内|本月底|月底|年底|年内|下周|下月)$`)

// requestDate follows a date that only says when the citizen wrote (您于
// 2019年1月9日在平台的留言), not when anything is done.
var requestDate = regexp.MustCompile(`^[^。,]{0,8}(留言|来信|发帖|网帖|来电|信件|反映|提出|投诉)`)

// promises are words of future work. Promising without a deadline is what
// "投诉才办、不投诉就拖" feeds on, so a promise without any date costs
// points (no_time).
var promises = []string{
	"尽快", "将进一步", "将继续", "将及时", "将积极", "将加强", "将加大", "将督促", "将安排", "将组织",
	"将协调", "将依法", "将严肃", "将根据", "将对", "将在", "将于", "将会", "拟", "计划", "下一步",
	"争取", "力争", "近期", "后续", "择机", "适时", "逐步",
}

// setOf builds a lookup set.
func setOf[T comparable](xs []T) map[T]bool {
	m := make(map[T]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}
