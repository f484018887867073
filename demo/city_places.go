package demo

import (
	"math"
	"math/rand/v2"
	"strconv"
)

// The map of 海州市: two districts, three streets (街道) each, two
// communities (社区) per street, with the roads and housing estates (小区)
// that requests name. The centre is fictional; coordinates only need to
// cluster plausibly on a map.

// Centre of the city on the demo map.
const (
	centreLat = 36.07
	centreLng = 120.38
)

type district struct {
	key, name    string
	leadApproval bool
	lat, lng     float64 // offset from the centre
	streets      []street
}

type street struct {
	key, name   string
	lat, lng    float64 // offset from the district
	roads       []string
	communities []community
}

type community struct {
	key, name string
	estates   []string
}

// districts is the territorial part of the tree: 东港区 on the coast with
// the old harbour and shipyard estates, 西湖区 inland around the lake, the
// university quarter and the resettlement estates at the foot of 龙山.
var districts = []district{
	{key: "donggang", name: "东港区", leadApproval: true, lat: 0.012, lng: 0.048, streets: []street{
		{key: "donggang.haibin", name: "海滨街道", lat: 0.010, lng: 0.012,
			roads: []string{"滨海路", "渔港路", "望潮路", "观澜路"},
			communities: []community{
				{key: "donggang.haibin.yugang", name: "渔港社区", estates: []string{"渔港新村", "海悦花园", "望海苑"}},
				{key: "donggang.haibin.guanlan", name: "观澜社区", estates: []string{"观澜名邸", "滨海家园", "潮音小区"}},
			}},
		{key: "donggang.gangwan", name: "港湾街道", lat: -0.006, lng: 0.018,
			roads: []string{"港湾大道", "船厂路", "灯塔路", "海运路"},
			communities: []community{
				{key: "donggang.gangwan.chuanchang", name: "船厂社区", estates: []string{"船厂宿舍", "港湾新城", "海运小区"}},
				{key: "donggang.gangwan.dengta", name: "灯塔社区", estates: []string{"灯塔花园", "金港湾小区", "蓝湾国际"}},
			}},
		{key: "donggang.chaoyang", name: "朝阳街道", lat: -0.004, lng: -0.014,
			roads: []string{"朝阳路", "东风路", "建设大街", "红星路"},
			communities: []community{
				{key: "donggang.chaoyang.dongfeng", name: "东风社区", estates: []string{"东风里小区", "红星新村", "朝阳嘉园"}},
				{key: "donggang.chaoyang.jianshe", name: "建设社区", estates: []string{"建设里", "幸福里小区", "锦绣东城"}},
			}},
	}},
	{key: "xihu", name: "西湖区", lat: -0.008, lng: -0.052, streets: []street{
		{key: "xihu.huguang", name: "湖光街道", lat: 0.008, lng: 0.010,
			roads: []string{"湖光路", "翠湖路", "荷花路", "柳岸街"},
			communities: []community{
				{key: "xihu.huguang.cuihu", name: "翠湖社区", estates: []string{"翠湖花园", "湖畔雅居", "荷塘小区"}},
				{key: "xihu.huguang.liuan", name: "柳岸社区", estates: []string{"柳岸人家", "西湖印象", "电业宿舍"}},
			}},
		{key: "xihu.wenchang", name: "文昌街道", lat: -0.010, lng: 0.006,
			roads: []string{"文昌路", "学府路", "书院街", "明德路"},
			communities: []community{
				{key: "xihu.wenchang.xuefu", name: "学府社区", estates: []string{"学府名苑", "师院家属院", "书香门第"}},
				{key: "xihu.wenchang.mingde", name: "明德社区", estates: []string{"明德小区", "文昌阁小区", "纺织厂宿舍"}},
			}},
		{key: "xihu.longshan", name: "龙山街道", lat: 0.002, lng: -0.016,
			roads: []string{"龙山路", "龙泉大道", "石门路", "果园路"},
			communities: []community{
				{key: "xihu.longshan.longquan", name: "龙泉社区", estates: []string{"龙泉新村", "龙山御景", "石门小区"}},
				{key: "xihu.longshan.guoyuan", name: "果园社区", estates: []string{"果园新村", "龙山安置区", "山水华庭"}},
			}},
	}},
}

// Businesses, institutions and sites that requests are about.
var (
	shopNames = []string{"老街烧烤", "鑫源饭店", "川味小馆", "阿强海鲜大排档", "福满楼酒店", "金牛火锅", "麦香烘焙",
		"夜猫子烧烤", "百味鲜面馆", "东北饺子馆", "老张羊汤馆", "海鲜码头酒楼", "便民早餐店", "好再来快餐",
		"蜀香麻辣烫", "一品烤鱼", "西北牛肉拉面", "小城炸鸡", "湘味家常菜", "大碗面馆"}
	retailNames = []string{"好运来超市", "万家福超市", "大华五金店", "数码港电器", "惠民便利店", "金鑫家电城",
		"佳佳母婴店", "新世纪商场", "华联生活超市", "鑫隆建材市场"}
	trainNames = []string{"启航教育", "博学英语", "小天才美术", "乐学数学", "星火编程", "金话筒口才",
		"优优舞蹈", "明志书法", "思维乐园", "卓越课堂"}
	storeNames = []string{"悦动健身", "美丽人生美容院", "新概念美发", "童趣游泳馆", "鑫鑫洗车", "优品洗衣",
		"快乐宝贝早教", "健康无忧理疗馆", "时尚造型工作室", "康体瑜伽馆"}
	companyNames = []string{"海州宏达建筑工程有限公司", "海州顺通物流有限公司", "海州鑫盛装饰工程有限公司",
		"海州蓝海食品有限公司", "海州新港船舶配件厂", "海州金鼎餐饮管理有限公司", "海州华泰电子有限公司",
		"海州恒远劳务有限公司", "海州利民保洁服务有限公司", "海州东方纺织有限公司", "海州腾达汽车维修有限公司"}
	propertyNames = []string{"海悦物业", "安居物业", "金管家物业", "诚信物业", "绿城佳苑物业", "华安物业服务公司",
		"鑫家园物业"}
	schoolNames = []string{"东港区实验小学", "东港区海滨小学", "东港区第二中学", "西湖区文昌小学", "西湖区学府小学",
		"西湖区龙山中学", "海州市第三中学", "海州市第七中学", "东港区朝阳小学", "西湖区翠湖幼儿园"}
	hospitalNames = []string{"海州市人民医院", "海州市中心医院", "海州市中医院", "东港区人民医院", "西湖区妇幼保健院",
		"海滨街道社区卫生服务中心", "龙山街道社区卫生服务中心", "海州市口腔医院"}
	// Building sites stand in a fixed street each.
	sites = []struct {
		name string
		d, s int
	}{{"滨海壹号项目", 0, 0}, {"港湾新城三期", 0, 1}, {"朝阳商业综合体", 0, 2}, {"龙山御景二期", 1, 2},
		{"学府名苑商业楼", 1, 1}, {"翠湖湾住宅项目", 1, 0}, {"地铁2号线施工段", 0, 2}, {"雨污分流改造工程", 1, 1},
		{"海运路拓宽工程", 0, 1}}
	sceneryNames = []string{"龙山风景区", "西湖公园", "渔港老街", "灯塔公园", "海滨浴场", "石门古镇"}
)

// placeKind says what sort of place a problem happens at.
type placeKind uint8

const (
	placeNone     placeKind = iota // no place: questions about rules and benefits
	placeHome                      // a flat: estate, building, entrance
	placeEstate                    // a whole housing estate
	placeRoad                      // a road: a house number or a crossing
	placeShop                      // a restaurant on a road
	placeRetail                    // a shop or supermarket
	placeStore                     // a gym, salon, car wash: prepaid cards
	placeTrain                     // an after-school training centre
	placeSite                      // a construction site
	placeCompany                   // an employer
	placeSchool                    // a school or kindergarten
	placeHospital                  // a hospital or clinic
	placeScenery                   // a park or scenic spot
)

// place is where a request is about, fixed once so that a repeat call or a
// second caller can name the same place in other words.
type place struct {
	kind               placeKind
	d, s, c, e         int
	r1, r2             int
	shop               int // picks the shop, school, company … from its list
	building, unit, no int
	addr, at, short    string
	lat, lng           float64
	cross              bool
}

func (p *place) street() *street { return &districts[p.d].streets[p.s] }
func (p *place) estate() string  { return p.street().communities[p.c].estates[p.e] }
func (p *place) road() string    { return p.street().roads[p.r1] }
func (p *place) road2() string   { return p.street().roads[p.r2] }

// OrgKeys of the territorial units a place belongs to.
func (p *place) districtKey() string  { return districts[p.d].key }
func (p *place) streetKey() string    { return p.street().key }
func (p *place) communityKey() string { return p.street().communities[p.c].key }

// newPlace draws a place of the given kind somewhere in the city.
func newPlace(r *rand.Rand, kind placeKind) place {
	p := place{kind: kind}
	if kind == placeNone {
		return p
	}
	if r.Float64() < 0.45 {
		p.d = 1
	}
	d := &districts[p.d]
	p.s = r.IntN(len(d.streets))
	st := &d.streets[p.s]
	p.c = r.IntN(len(st.communities))
	p.e = r.IntN(len(st.communities[p.c].estates))
	p.r1 = r.IntN(len(st.roads))
	p.r2 = (p.r1 + 1 + r.IntN(len(st.roads)-1)) % len(st.roads)
	p.shop = r.IntN(27720) // a multiple of every list's length keeps each choice even
	p.building, p.unit, p.no = 1+r.IntN(28), 1+r.IntN(4), 1+r.IntN(260)
	p.cross = r.IntN(2) == 0
	// An employer or a building site is one place: every request about it
	// names the same address.
	switch kind {
	case placeCompany:
		i := p.shop % len(companyNames)
		p.d, p.s, p.r1, p.no = i%2, (i/2)%3, (i*3)%4, 1+(i*37)%260
	case placeSite:
		i := p.shop % len(sites)
		p.d, p.s, p.r1 = sites[i].d, sites[i].s, i%4
	}
	d, st = &districts[p.d], &districts[p.d].streets[p.s]

	dn := d.name
	road, no := p.road(), strconv.Itoa(p.no)+"号"
	p.lat = centreLat + d.lat + st.lat
	p.lng = centreLng + d.lng + st.lng
	switch kind {
	case placeHome:
		p.short = p.estate()
		p.at = p.short + strconv.Itoa(p.building) + "号楼"
		p.addr = dn + p.at + strconv.Itoa(p.unit) + "单元"
	case placeEstate:
		p.short, p.at = p.estate(), p.estate()
		p.addr = dn + st.name + p.at
	case placeRoad:
		p.short = road
		if p.cross {
			p.at = road + "与" + p.road2() + "交叉口"
		} else {
			p.at = road + no + "附近"
		}
		p.addr = dn + p.at
	case placeShop, placeRetail, placeStore, placeTrain, placeCompany:
		var name string
		switch kind {
		case placeShop:
			name = shopNames[p.shop%len(shopNames)]
		case placeRetail:
			name = retailNames[p.shop%len(retailNames)]
		case placeStore:
			name = storeNames[p.shop%len(storeNames)]
		case placeTrain:
			name = trainNames[p.shop%len(trainNames)]
		default:
			name = companyNames[p.shop%len(companyNames)]
		}
		p.short = name
		p.at = road + no + "的" + name
		p.addr = dn + road + no + name
	case placeSite:
		p.short = sites[p.shop%len(sites)].name
		p.at = road + "上的" + p.short + "工地"
		p.addr = dn + road + p.short + "工地"
	case placeSchool:
		p.short = schoolNames[p.shop%len(schoolNames)]
		p.at, p.addr = p.short, p.short
	case placeHospital:
		p.short = hospitalNames[p.shop%len(hospitalNames)]
		p.at, p.addr = p.short, p.short
	case placeScenery:
		p.short = sceneryNames[p.shop%len(sceneryNames)]
		p.at, p.addr = p.short, p.short
	}
	// Estates sit in a grid inside their street; roads run through it.
	switch kind {
	case placeHome, placeEstate:
		p.lat += float64(p.c*2-1)*0.004 + float64(p.e-1)*0.0018
		p.lng += float64(p.e-1)*0.0025 - float64(p.c*2-1)*0.002
	default:
		p.lat += float64(p.r1)*0.0022 - 0.0033
		p.lng += float64(p.no)/260*0.012 - 0.006
	}
	p.lat += (r.Float64() - 0.5) * 0.001
	p.lng += (r.Float64() - 0.5) * 0.001
	p.lat, p.lng = math.Round(p.lat*1e6)/1e6, math.Round(p.lng*1e6)/1e6
	return p
}
