import { formatDateZh } from '../../core/dates.js';
import type { NoticeKind } from '../../core/notices.js';

/** The place a notice is for, and today's date: what a template fills in. */
export interface TemplateContext {
  place: string; // the estate (or community / street) name
  community: string | null;
  street: string | null;
  today: string;
}

/**
 * Notice templates in code, one per kind, worded after the implementation measures; staff edit the
 * draft before publishing. Each names the rule it serves. The salutation (主送, "…全体业主：") is
 * not part of the body: the official document adds it for an estate's notices.
 */
export const NOTICE_TEMPLATES: Record<NoticeKind, (c: TemplateContext) => { title: string; body: string }> = {
  // R27: member conditions, how to apply, and the start date; publicity ≥ 5 working days.
  announcement: (c) => ({
    title: `关于组建${c.place}物业管理委员会的公告`,
    body: [
      `根据《${c.street ?? ''}物业管理委员会组建运行实施办法》，${c.place}目前不具备成立业主大会条件（或确有困难、未能选举产生业主委员会），经研究，由街道办事处、社区居民委员会组建${c.place}物业管理委员会。现将有关事项公告如下：`,
      '一、委员组成',
      '物业管理委员会由社区党组织、居民委员会、驻社区城管、业主代表等七人以上单数组成，其中业主代表不少于委员人数的二分之一，党员委员不少于委员人数的二分之一，主任由社区党组织成员担任。',
      '二、业主代表条件',
      '本物业管理区域内的业主，遵纪守法，热心公益，具有履职能力和时间，按时缴纳物业费等相关费用，本人及近亲属与本小区物业服务企业无利害关系。',
      '三、报名方式',
      `符合条件的业主可自荐，也可由社区党组织、居民委员会推荐或十名以上业主联名推荐。请于公示期内到${c.community ?? '社区'}居民委员会报名，或在本平台提交。`,
      '四、起始日期',
      `报名自${formatDateZh(c.today)}起。`,
    ].join('\n'),
  }),
  // R29: name, occupation, address of every member; publicity ≥ 5 working days; R30 objections.
  memberList: (c) => ({
    title: `${c.place}物业管理委员会委员名单公示`,
    body: [
      '经业主自荐、社区党组织与居民委员会推荐及业主联名推荐，街道、社区党组织把关，街道办事处组织居民委员会确定了物业管理委员会委员名单，现予公示（姓名、职业、住址）：',
      '1. 姓名　　职业　　住址（主任）',
      '2. 姓名　　职业　　住址',
      '……',
      '如有异议，请于公示期内以书面形式向街道办事处提出。街道办事处将在收到异议之日起5个工作日内完成核查，并将核查结果在本物业管理区域内显著位置公示。',
    ].join('\n'),
  }),
  // R30: the street's verification result, published in the estate.
  verificationResult: (c) => ({
    title: `关于${c.place}物业管理委员会委员名单异议核查结果的公示`,
    body: ['公示期内，街道办事处收到书面异议　件。经核查，情况如下：', '……', '特此公示。'].join('\n'),
  }),
  // R18: results within 3 days of the close of voting.
  decisionResult: (c) => ({
    title: `${c.place}业主共同决定事项表决结果公告`,
    body: ['本次表决于　年　月　日结束。按照《民法典》第二百七十八条，表决结果如下：', '……', '计票明细可在小区公告栏下载核验。'].join('\n'),
  }),
  // R35: a member hits the negative list; the street orders suspension; written notice to all owners.
  suspension: (c) => ({
    title: `关于${c.place}物业管理委员会委员暂停履行职责的公告`,
    body: ['经社区上报、街道核实，物业管理委员会委员　　存在负面清单所列情形，根据实施办法，自即日起暂停履行委员职责。', '特此公告。'].join(
      '\n',
    ),
  }),
  // R34: dissolution from the day an owners' committee is produced or resumes its duties.
  dissolution: (c) => ({
    title: `关于${c.place}物业管理委员会停止履行职责的公告`,
    body: [
      `${c.place}业主委员会已于　年　月　日产生（或恢复履行职责）。根据实施办法，${c.place}物业管理委员会自该日起停止履行职责，自动解散，相关资料和印章依法移交。`,
      '特此公告。',
    ].join('\n'),
  }),
  // R38: the ten items of the supervision board.
  disclosure: (c) => ({
    title: `${c.place}物业服务"十公开"`,
    body: [
      '一、服务标准',
      '二、服务内容',
      '三、收费标准',
      '四、物业合同',
      '五、公共收益支出',
      '六、有偿服务内容',
      '七、物业监督电话',
      '八、业委会（物管会）成员',
      '九、物业服务人员',
      '十、小区党员承诺',
    ].join('\n'),
  }),
  other: (c) => ({ title: `${c.place}公告`, body: `……\n特此公告。` }),
};
