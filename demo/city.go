// Package demo makes the synthetic city 海州市 and a stream of realistic
// citizen requests for it, so that the product can be shown, load-tested and
// developed against data that looks like a real 12345 hotline's without
// holding anyone's personal data. This part is pure data: no I/O and no
// database; a loader turns it into organisations, users and cases.
package demo

import "minsheng"

// OrgSeed is one body of the organisation tree. Bodies refer to each other by
// Key rather than by database id, so the city can be written down before any
// row exists.
type OrgSeed struct {
	Key, Parent, Name string
	Kind              minsheng.OrgKind
	// LeadApproval makes replies of the unit wait for its lead (pending_lead).
	LeadApproval bool
}

// CategorySeed is one node of the three-level category tree (大类/中类/小类),
// coded in the style of GB/T 39666-2020 with two digits per level.
type CategorySeed struct {
	Code, Name string
	Level      int
	// Parent is the code of the parent node, "" for level 1.
	Parent string
	// OrgKey is the responsible body from the responsibility list (职责清单),
	// set for levels 2 and 3; "" when the hotline must decide.
	OrgKey string
}

// RuleSeed is a deadline rule: working days, or working hours when Days is 0,
// for a category (and its descendants) at an urgency.
type RuleSeed struct {
	// CategoryCode is "" for the default rule of the urgency.
	CategoryCode string
	Urgency      minsheng.Urgency
	Days, Hours  int
}

// UserSeed is a staff account of the demo; every account shares the demo
// password the loader chooses.
type UserSeed struct {
	Username, Name string
	Role           minsheng.Role
	OrgKey         string
}

// ArticleSeed is a knowledge-base article that agents answer calls from
// (直接答复).
type ArticleSeed struct {
	Title, Body, CategoryCode string
	Keywords                  []string
}

// City is the demo city's whole configuration: the organisation tree (parents
// before children), categories (parents before children), deadline rules,
// staff accounts and knowledge base.
type City struct {
	Orgs       []OrgSeed
	Categories []CategorySeed
	Rules      []RuleSeed
	Users      []UserSeed
	Articles   []ArticleSeed
}

// CityName is the fictional city every demo datum belongs to.
const CityName = "海州市"

// NewCity returns a fresh copy of the demo city; callers may change it freely.
func NewCity() *City {
	c := &City{
		Orgs:       cityOrgs(),
		Categories: cityCategories(),
		Rules:      cityRules(),
		Users:      cityUsers(),
		Articles:   cityArticles(),
	}
	return c
}

// Org returns the organisation with the given key, or nil.
func (c *City) Org(key string) *OrgSeed {
	for i := range c.Orgs {
		if c.Orgs[i].Key == key {
			return &c.Orgs[i]
		}
	}
	return nil
}

// Category returns the category with the given code, or nil.
func (c *City) Category(code string) *CategorySeed {
	for i := range c.Categories {
		if c.Categories[i].Code == code {
			return &c.Categories[i]
		}
	}
	return nil
}

// User returns the account with the given username, or nil.
func (c *City) User(username string) *UserSeed {
	for i := range c.Users {
		if c.Users[i].Username == username {
			return &c.Users[i]
		}
	}
	return nil
}

// The organisation keys the generator and the tests rely on.
const (
	KeyGov        = "gov"
	KeyHotline    = "hotline"
	KeyMedia      = "media"
	KeyPetition   = "petition"
	KeyDiscipline = "discipline"
)

// cityDepartments are the city's departments under the people's government,
// with the units whose replies need their lead's approval. The housing bureau
// (the handler account's) deliberately has none, so the simplest walk through
// the lifecycle goes straight to the hotline's review.
var cityDepartments = []OrgSeed{
	{Key: "housing", Name: "市住房和城乡建设局", LeadApproval: true},
	{Key: "eco", Name: "市生态环境局"},
	{Key: "hrss", Name: "市人力资源和社会保障局", LeadApproval: true},
	{Key: "edu", Name: "市教育局"},
	{Key: "health", Name: "市卫生健康委员会"},
	{Key: "transport", Name: "市交通运输局"},
	{Key: "market", Name: "市市场监督管理局"},
	{Key: "urban", Name: "市城市管理局"},
	{Key: "police", Name: "市公安局", LeadApproval: true},
	{Key: "medicare", Name: "市医疗保障局"},
	{Key: "fund", Name: "市住房公积金管理中心"},
	{Key: "natres", Name: "市自然资源和规划局"},
	{Key: "culture", Name: "市文化和旅游局"},
	{Key: "civil", Name: "市民政局"},
	{Key: "fire", Name: "市消防救援支队"},
	{Key: "approval", Name: "市行政审批服务局"},
}

// cityCompanies are the public utilities; each sits under the department
// that supervises it, so the department sees its cases.
var cityCompanies = []OrgSeed{
	{Key: "heat_co", Parent: "housing", Name: "海州热力集团有限公司"},
	{Key: "water_co", Parent: "urban", Name: "海州水务集团有限公司"},
	{Key: "gas_co", Parent: "urban", Name: "海州燃气有限公司"},
	{Key: "bus_co", Parent: "transport", Name: "海州公交集团有限公司"},
}

// cityOrgs builds the tree: government, hotline, departments and their
// companies, the districts with streets and communities, and the three
// bodies of the other tracks.
func cityOrgs() []OrgSeed {
	orgs := []OrgSeed{
		{Key: KeyGov, Name: "海州市人民政府", Kind: minsheng.OrgDepartment},
		{Key: KeyHotline, Parent: KeyGov, Name: "市12345政务服务便民热线办公室", Kind: minsheng.OrgHotline},
	}
	for _, d := range cityDepartments {
		d.Parent, d.Kind = KeyGov, minsheng.OrgDepartment
		orgs = append(orgs, d)
	}
	for _, d := range cityCompanies {
		d.Kind = minsheng.OrgCompany
		orgs = append(orgs, d)
	}
	for _, d := range districts {
		orgs = append(orgs, OrgSeed{Key: d.key, Parent: KeyGov, Name: d.name + "人民政府",
			Kind: minsheng.OrgDistrict, LeadApproval: d.leadApproval})
		for _, s := range d.streets {
			orgs = append(orgs, OrgSeed{Key: s.key, Parent: d.key, Name: d.name + s.name + "办事处",
				Kind: minsheng.OrgStreet})
			for _, cm := range s.communities {
				orgs = append(orgs, OrgSeed{Key: cm.key, Parent: s.key, Name: s.name + cm.name + "居民委员会",
					Kind: minsheng.OrgCommunity})
			}
		}
	}
	return append(orgs,
		OrgSeed{Key: KeyMedia, Parent: KeyGov, Name: "海州日报社·民生热线", Kind: minsheng.OrgMedia},
		OrgSeed{Key: KeyPetition, Parent: KeyGov, Name: "市信访局", Kind: minsheng.OrgPetition},
		OrgSeed{Key: KeyDiscipline, Parent: KeyGov, Name: "市纪委监委", Kind: minsheng.OrgDiscipline},
	)
}

// cityUsers gives one account per role, named by the role id, plus handler2
// in another department, so that scope rules can be shown with two handlers.
func cityUsers() []UserSeed {
	return []UserSeed{
		{Username: "agent", Name: "林晓燕", Role: minsheng.RoleAgent, OrgKey: KeyHotline},
		{Username: "dispatcher", Name: "周建国", Role: minsheng.RoleDispatcher, OrgKey: KeyHotline},
		{Username: "handler", Name: "王志刚", Role: minsheng.RoleHandler, OrgKey: "housing"},
		{Username: "handler2", Name: "孙丽娟", Role: minsheng.RoleHandler, OrgKey: "urban"},
		{Username: "dept_lead", Name: "赵永明", Role: minsheng.RoleDeptLead, OrgKey: "housing"},
		{Username: "reviewer", Name: "陈静", Role: minsheng.RoleReviewer, OrgKey: KeyHotline},
		{Username: "visitor", Name: "刘佳怡", Role: minsheng.RoleVisitor, OrgKey: KeyHotline},
		{Username: "supervisor", Name: "高振华", Role: minsheng.RoleSupervisor, OrgKey: KeyHotline},
		{Username: "field_worker", Name: "马红梅", Role: minsheng.RoleFieldWorker, OrgKey: districts[0].streets[0].communities[0].key},
		{Username: "analyst", Name: "徐文博", Role: minsheng.RoleAnalyst, OrgKey: KeyHotline},
		{Username: "inspector", Name: "郑国强", Role: minsheng.RoleInspector, OrgKey: KeyDiscipline},
		{Username: "admin", Name: "何晓东", Role: minsheng.RoleAdmin, OrgKey: KeyHotline},
		{Username: "leader", Name: "沈立新", Role: minsheng.RoleLeader, OrgKey: KeyHotline},
	}
}

// cityRules are the time limits: a default per urgency (即时 2 working hours,
// urgent 1 working day, normal 5), then shorter or longer limits where the
// kind of problem calls for it.
func cityRules() []RuleSeed {
	return []RuleSeed{
		{Urgency: minsheng.UrgencyImmediate, Hours: 2},
		{Urgency: minsheng.UrgencyUrgent, Days: 1},
		{Urgency: minsheng.UrgencyNormal, Days: 5},
		{CategoryCode: "090100", Urgency: minsheng.UrgencyUrgent, Days: 1},  // 停水
		{CategoryCode: "090100", Urgency: minsheng.UrgencyNormal, Days: 3},  // 水质水压
		{CategoryCode: "090200", Urgency: minsheng.UrgencyNormal, Days: 3},  // 供暖
		{CategoryCode: "090200", Urgency: minsheng.UrgencyUrgent, Days: 1},  // 暖气漏水
		{CategoryCode: "090300", Urgency: minsheng.UrgencyNormal, Days: 3},  // 燃气服务
		{CategoryCode: "090300", Urgency: minsheng.UrgencyUrgent, Hours: 4}, // 燃气隐患
		{CategoryCode: "090400", Urgency: minsheng.UrgencyNormal, Days: 3},  // 市政道路
		{CategoryCode: "090500", Urgency: minsheng.UrgencyNormal, Days: 3},  // 路灯
		{CategoryCode: "100100", Urgency: minsheng.UrgencyNormal, Days: 5},  // 政策咨询
		{CategoryCode: "020100", Urgency: minsheng.UrgencyNormal, Days: 15}, // 劳动关系
		{CategoryCode: "020100", Urgency: minsheng.UrgencyUrgent, Days: 5},  // 讨薪
		{CategoryCode: "010400", Urgency: minsheng.UrgencyNormal, Days: 15}, // 征收补偿
		{CategoryCode: "010200", Urgency: minsheng.UrgencyNormal, Days: 15}, // 规划与违建
		{CategoryCode: "040100", Urgency: minsheng.UrgencyNormal, Days: 15}, // 消费维权
		{CategoryCode: "050200", Urgency: minsheng.UrgencyNormal, Days: 3},  // 噪声
		{CategoryCode: "080300", Urgency: minsheng.UrgencyNormal, Days: 1},  // 消防
	}
}
