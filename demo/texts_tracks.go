package demo

// Requests that first screening sends off the service track: long-standing
// grievances go to the petition bureau (信访), misconduct of officials to the
// discipline commission (纪检监察). Media-track requests are ordinary
// problems that came in through, or were taken up by, the newspaper.
var petitionProblems = []problem{
	{code: "010401", where: placeEstate, weight: 2,
		titles: []string{"{short}征收补偿问题", "{short}拆迁补偿多年未兑现", "{short}征收补偿标准不一"},
		says:   []string{"{short}拆迁时承诺的补偿款至今没有兑现，已经{n}年了。", "{short}征收时同样的房子，别人家补偿比我家多一倍。"},
		more:   []string{"找过街道、区里很多次，一直没有结果。", "家里老人等着安置，已经等不起了。"},
		fixes: []string{"1|经复查，{short}征收时对信访人房屋的面积认定有误，征收部门已于{fixdate}重新认定并补发补偿款{amount}元。",
			"0|市信访局依规受理后，会同房屋征收部门于{fixdate}与信访人面谈，核实补偿款未发放部分{amount}元已于{fixdate2}发放到位。"},
		explains: []string{"1|经复查，{short}补偿标准按征收方案执行，同一时期同类房屋标准一致，差异源于面积认定。已出具书面答复，并告知信访人复查复核途径。"}},
	{code: "010402", where: placeEstate, weight: 1.5,
		titles: []string{"{short}回迁安置问题", "{short}回迁房迟迟不交付", "{short}回迁房分配不公开"},
		says:   []string{"{short}旧改回迁房说好{date}交付，已经拖了{n}年，每月过渡费也停发了。", "{short}回迁房分房不公开，有关系的先挑好楼层。"},
		more:   []string{"一家人在外面租房子住，生活很困难。"},
		fixes: []string{"1|经调查，{short}回迁房分配确有未公开的情况，区政府已于{fixdate}责令重新公开摇号，并对相关人员进行问责。",
			"0|经协调，{short}回迁项目已于{fixdate}复工，过渡费已补发，区政府公布了交付时间表。"},
		explains: []string{"1|经调查，{short}回迁房分配按公开摇号进行，过程有公证记录，已向信访人出示并作解释。"}},
	{code: "020103", where: placeCompany, weight: 1,
		titles: []string{"劳动争议长期得不到解决", "{short}不执行仲裁裁决", "{short}不落实工伤待遇"},
		says:   []string{"和{short}的劳动争议仲裁已经裁决，公司一直不执行，拖了{months}个月。", "在{at}工作时受伤认定了工伤，公司一直不给报销医疗费。"},
		more:   []string{"找了很多部门，都说不归他们管。"},
		fixes: []string{"0|经市信访局协调，人社部门督促{short}于{fixdate}履行了仲裁裁决，款项已支付到位。",
			"1|经市信访局协调，人社部门督促{short}于{fixdate}支付了工伤待遇，信访人表示认可。"},
		explains: []string{"0|仲裁裁决已生效，用人单位拒不履行的，信访人可向人民法院申请强制执行，已告知办理途径并协助联系法律援助。"}},
}

var disciplineProblems = []problem{
	{code: "100201", where: placeEstate, weight: 2,
		titles:   []string{"反映工作人员推诿扯皮", "反映问题被来回推诿", "举报{street}工作人员不作为"},
		says:     []string{"反映的问题社区说归街道管，街道说归区里管，区里又让找社区，来回推了{n}次。", "{street}工作人员接到反映后一直拖着不办，问就说在研究。"},
		more:     []string{"已经拖了好几个月。"},
		fixes:    []string{"市纪委监委已将该问题线索转交驻部门纪检监察组核查，对相关责任人进行了谈话提醒，所反映问题已于{fixdate}督促办结。"},
		explains: []string{"经核查，未发现相关人员存在推诿情形，问题办理延迟系职责调整所致，已督促明确责任单位。"}},
	{code: "100202", where: placeEstate, weight: 1,
		titles:   []string{"举报工作人员吃拿卡要", "办审批时被暗示送礼", "举报{street}工作人员乱收费"},
		says:     []string{"办理审批时工作人员暗示要请客送礼，不然材料一直不给过。", "{street}有工作人员办事收取额外费用，不给收据。"},
		fixes:    []string{"市纪委监委已受理该问题线索，按规定开展初步核实，核查结果将依规处理。"},
		explains: []string{"经初步核实，反映的问题缺乏具体事实依据，已依规了结，如有新的线索可继续反映。"}},
}

// Track replies: what the media outlet and the petition bureau add to a
// department's answer.
var (
	mediaReplies = []string{"本报已于{fixdate}在民生热线版刊发读者反映，并转有关部门办理。", "民生热线记者于{fixdate}到现场核实，并转相关部门办理，办理结果将择期见报。"}
)
