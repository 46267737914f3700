/**
 * Every action the audit trail records, with its Chinese label and the capability it belongs to.
 * ONE table shared by the server (recordAudit accepts only these codes, so the compiler refuses an
 * unlabelled one) and the web (labels, the filter grouped by capability). A code the server writes
 * by SQL (the ballot writer) or by a template string is listed here too; core/audit-actions.test.ts
 * scans the server sources and fails when a written code is missing.
 */
import { CASE_ACTIONS, type CaseAction } from './formation.js';
import { TICKET_ACTIONS, type TicketAction } from './tickets.js';

export const AUDIT_GROUPS = {
  org: '组织架构与房屋',
  account: '账号与登录',
  calendar: '工作日历',
  notice: '公告与异议',
  registry: '业主名册',
  people: '人员、职务与党组织',
  company: '物业企业',
  import: 'Excel 导入',
  formation: '小区治理与物管会组建',
  decision: '业主共同决定',
  coordination: '议事协调',
  committee: '物管会（业委会）运行',
  service: '网格服务与诉求',
  cobuilding: '联建共建',
  disclosure: '十公开与质询',
  overview: '总览与考核',
  system: '系统',
} as const;
export type AuditGroup = keyof typeof AUDIT_GROUPS;

interface ActionInfo {
  label: string;
  group: AuditGroup;
}

const a = (group: AuditGroup, label: string): ActionInfo => ({ group, label });

/** formation.<step>: one code per step of the formation state machine, labelled as the case page labels it. */
const FORMATION_STEPS = Object.fromEntries(
  (Object.keys(CASE_ACTIONS) as CaseAction[]).map((k) => [`formation.${k}`, a('formation', CASE_ACTIONS[k].label)]),
) as Record<`formation.${CaseAction}`, ActionInfo>;

/** ticket.<step>: one code per step of the ticket lifecycle (core/tickets.ts), labelled as the ticket page labels it. */
const TICKET_STEPS = Object.fromEntries(
  (Object.keys(TICKET_ACTIONS) as TicketAction[]).map((k) => [`ticket.${k}`, a('service', `诉求${TICKET_ACTIONS[k].label}`)]),
) as Record<`ticket.${TicketAction}`, ActionInfo>;
/** The audit code of a ticket step. */
export const ticketAuditCode = (action: TicketAction): `ticket.${TicketAction}` => `ticket.${action}`;

const ACTIONS = {
  'org.create': a('org', '新建组织节点'),
  'org.update': a('org', '修改组织节点'),
  'org.move': a('org', '移动组织节点'),
  'org.delete': a('org', '删除组织节点'),
  'unit.create': a('org', '新建房屋'),
  'unit.update': a('org', '修改房屋'),
  'unit.delete': a('org', '删除房屋'),

  'account.create': a('account', '新建账号'),
  'account.update': a('account', '修改账号'),
  'account.resetPassword': a('account', '重置密码'),
  'account.changePassword': a('account', '修改本人密码'),

  'calendar.setDay': a('calendar', '登记日历'),
  'calendar.removeDay': a('calendar', '删除日历登记'),
  'calendar.setYear': a('calendar', '标记年度日历'),

  'notice.create': a('notice', '起草公告'),
  'notice.update': a('notice', '修改公告'),
  'notice.publish': a('notice', '发布公告'),
  'notice.post': a('notice', '自动发布公告'),
  'notice.correct': a('notice', '起草更正公告'),
  'notice.attach': a('notice', '添加公告附件'),
  'notice.detach': a('notice', '删除公告附件'),
  'notice.closePeriod': a('notice', '公示期届满'),
  'objection.file': a('notice', '提出异议'),
  'objection.verify': a('notice', '核查异议'),
  'objection.overdue': a('notice', '异议核查逾期'),

  'ownership.create': a('registry', '登记业主'),
  'ownership.end': a('registry', '终止权属'),
  'ownership.designateVoter': a('registry', '指定共有房屋表决人'),
  'owner.bind': a('registry', '绑定业主账号'),
  'owner.settings': a('registry', '修改业主通知与显示设置'),
  'unit.transfer': a('registry', '房屋过户'),
  'unit.registry': a('registry', '修改开发商房屋与物业费状态'),

  'person.create': a('people', '新建人员'),
  'person.update': a('people', '修改人员'),
  'person.reveal': a('people', '查看完整个人信息'),
  'person.negativeList': a('people', '登记负面清单'),
  'post.create': a('people', '新建职务'),
  'post.update': a('people', '修改职务'),
  'post.delete': a('people', '删除职务'),
  'partyOrg.create': a('people', '新建党组织'),
  'partyOrg.update': a('people', '修改党组织'),
  'partyOrg.delete': a('people', '删除党组织'),

  'company.register': a('company', '登记物业企业'),
  'company.update': a('company', '修改物业企业'),
  'company.party.set': a('company', '登记企业党建情况'),
  'company.contract.create': a('company', '新建服务合同'),
  'company.contract.update': a('company', '修改服务合同'),
  'company.contract.party.set': a('company', '登记项目党建情况'),
  'company.staff.add': a('company', '添加从业人员'),
  'company.staff.update': a('company', '修改从业人员'),

  'import.commit': a('import', '确认导入'),
  'import.discard': a('import', '放弃导入'),

  'governance.set': a('formation', '设置小区治理状态'),
  'governance.plan': a('formation', '设置实施方案'),
  'governance.profile': a('formation', '选择规则配置'),
  // Issue 18 §1: 调查摸底 and 分类管理
  'survey.submit': a('formation', '填报调查摸底'),
  'classification.classes': a('formation', '修改小区分类与分类施策'),
  'classification.override': a('formation', '调整小区分类'),
  'classification.overrideClear': a('formation', '取消小区分类调整'),
  'classification.pilot': a('formation', '确定试点小区'),
  'classification.pilotClear': a('formation', '取消试点小区'),
  'formation.start': a('formation', '启动物管会组建'),
  'formation.sign': a('formation', '业主联名推荐签名'),
  ...FORMATION_STEPS,
  'ownersCommittee.create': a('formation', '登记业委会产生'),
  'propertyCommittee.dissolve': a('formation', '物管会解散'),
  'propertyCommittee.handover': a('formation', '登记资料与印章移交'),

  'decision.create': a('decision', '起草表决事项'),
  'decision.update': a('decision', '修改表决事项'),
  'decision.announce': a('decision', '公告表决事项'),
  'decision.open': a('decision', '开始表决'),
  'decision.close': a('decision', '截止表决'),
  'decision.cancel': a('decision', '取消表决'),
  'decision.publish': a('decision', '公布表决结果'),
  'ballot.cast': a('decision', '业主在线投票'),
  'ballot.paper.first': a('decision', '录入纸质表决票'),
  'ballot.paper.second': a('decision', '第二人核对录入纸质表决票'),
  'ballot.paper.review': a('decision', '复核纸质表决票'),

  'coordination.createBody': a('coordination', '设立议事协调机制'),
  'coordination.updateMembers': a('coordination', '调整议事协调成员单位'),
  'coordination.createMeeting': a('coordination', '安排议事协调会议'),
  'coordination.addAgenda': a('coordination', '列入会议议题'),
  'coordination.removeAgenda': a('coordination', '撤下会议议题'),
  'coordination.recordMeeting': a('coordination', '登记会议出席与纪要'),
  'coordination.attach': a('coordination', '上传会议附件'),
  'coordination.resolve': a('coordination', '形成会议决议并交办任务'),
  'task.note': a('coordination', '登记任务进展'),
  'task.finish': a('coordination', '报告任务办结'),
  'task.confirm': a('coordination', '确认任务办结'),
  'task.reopen': a('coordination', '退回任务'),
  'task.overdue': a('coordination', '任务逾期'),
  'dispute.register': a('coordination', '登记矛盾纠纷'),
  'dispute.mediate': a('coordination', '登记纠纷调解'),
  'dispute.close': a('coordination', '办结矛盾纠纷'),
  'coordinationRequest.submit': a('coordination', '提请四位一体会议协调'),
  'coordinationRequest.withdraw': a('coordination', '撤回提请事项'),
  'serviceKind.create': a('service', '新增服务清单事项'),
  'serviceKind.update': a('service', '修改服务清单事项'),
  'serviceKind.standard': a('service', '载入标准服务清单'),
  'ticket.raise': a('service', '提出诉求'),
  ...TICKET_STEPS,
  'ticket.escalate': a('service', '诉求逾期升级'),
  'ticket.photo': a('service', '上传诉求照片'),
  'station.create': a('service', '新建服务站点'),
  'station.update': a('service', '修改服务站点'),
  'duty.create': a('service', '排班'),
  'duty.delete': a('service', '删除排班'),
  'duty.checkIn': a('service', '值班签到'),
  'duty.checkOut': a('service', '值班签退'),
  'duty.missed': a('service', '值班缺岗'),

  'wish.post': a('cobuilding', '提出微心愿'),
  'wish.review': a('cobuilding', '审核微心愿'),
  'wish.claim': a('cobuilding', '认领微心愿'),
  'wish.fulfil': a('cobuilding', '完成微心愿'),
  'pledge.create': a('cobuilding', '登记党员承诺'),
  'pledge.progress': a('cobuilding', '登记践诺进展'),
  'pledge.fulfil': a('cobuilding', '承诺兑现'),

  'disclosure.update': a('disclosure', '更新十公开事项'),
  'disclosure.sync': a('disclosure', '十公开事项随登记信息更新'),
  'disclosure.stale': a('disclosure', '十公开事项逾期未更新'),
  // Issue 18 §3: 社区目标考核
  'assessment.settings': a('overview', '修改社区目标考核设置'),
  'question.ask': a('disclosure', '业主提出质询'),
  'question.answer': a('disclosure', '答复质询'),
  'question.hide': a('disclosure', '隐藏不当质询'),
  'question.overdue': a('disclosure', '质询逾期未答复'),
  'committee.demand': a('committee', '委员书面提议召开会议'),
  'committee.demandSign': a('committee', '委员附议召开会议'),
  'committee.convene': a('committee', '召集委员会会议'),
  'committee.attendance': a('committee', '登记委员出席'),
  'committee.hold': a('committee', '登记会议召开与纪要'),
  'committee.cancel': a('committee', '取消委员会会议'),
  'committee.setting': a('committee', '设置年度述职月份'),
  'committee.reportReminder': a('committee', '年度述职提醒'),
  'rectification.overdueReminder': a('committee', '整改事项逾期提醒'),
  'committee.attach': a('committee', '上传委员会文件'),
  'committee.propose': a('committee', '提出会议决议'),
  'committee.sign': a('committee', '委员签字'),
  'committee.signPaper': a('committee', '录入纸质签字'),
  'committee.toOwners': a('committee', '决议转业主共同决定草案'),
  'committee.publishMinutes': a('committee', '公示会议纪要和决议'),
  'committee.minutesReminder': a('committee', '会议纪要公示提醒'),
  'committee.compliance': a('committee', '委员会构成复核'),
  'negative.addItem': a('committee', '新增负面清单事项'),
  'negative.report': a('committee', '报告委员触及负面清单'),
  'negative.decide': a('committee', '认定负面清单报告'),
  'negative.lift': a('committee', '恢复委员履职'),
  'negative.remove': a('committee', '罢免委员'),
  'negative.candidates': a('committee', '欠费业主代表列为负面清单线索'),
  'committee.memberEnd': a('committee', '委员辞职或被罢免'),
  'committee.nominate': a('committee', '提名补选业主代表委员'),
  'committee.vet': a('committee', '审核补选人选'),
  'committee.publicize': a('committee', '公示补选人选'),
  'committee.seat': a('committee', '补选委员就任'),
  'committee.report': a('committee', '提交述职报告并开启评议'),
  'committee.evaluate': a('committee', '业主评议'),
  'committee.publishResult': a('committee', '公布评议结果'),
  'rectification.create': a('committee', '形成整改事项'),
  'rectification.progress': a('committee', '登记整改进展'),
  'rectification.done': a('committee', '整改完成'),
  'committee.feedback': a('committee', '公开整改反馈'),
  'training.record': a('committee', '登记集中培训'),
  'training.attendance': a('committee', '登记培训签到'),

  'demo.load': a('system', '载入演示数据'),
  'registry.rotateKey': a('system', '轮换身份证号加密密钥'),
} satisfies Record<string, ActionInfo>;

/** Every code the audit trail may record. */
export type AuditAction = keyof typeof ACTIONS;
export const AUDIT_ACTIONS: Readonly<Record<AuditAction, ActionInfo>> = ACTIONS;

export const isAuditAction = (code: string): code is AuditAction => Object.hasOwn(ACTIONS, code);

/** The Chinese label of a stored code; an unknown code (written by an older version) says so instead of showing itself. */
export const auditActionLabel = (code: string): string => (isAuditAction(code) ? ACTIONS[code].label : '其他操作');

/** The filter's options: every action, grouped by capability, in the table's order. */
export function auditActionGroups(): { group: AuditGroup; label: string; actions: { code: AuditAction; label: string }[] }[] {
  return (Object.keys(AUDIT_GROUPS) as AuditGroup[]).map((group) => ({
    group,
    label: AUDIT_GROUPS[group],
    actions: (Object.keys(ACTIONS) as AuditAction[])
      .filter((c) => ACTIONS[c].group === group)
      .map((code) => ({ code, label: ACTIONS[code].label })),
  }));
}

/** What kind of object an entry is about, in words. */
export const AUDIT_ENTITY_LABEL: Record<string, string> = {
  org_node: '组织节点',
  street: '街道',
  estate: '小区',
  unit: '房屋',
  account: '账号',
  calendar_day: '日历登记',
  calendar_year: '年度日历',
  public_notice: '公告',
  notice_attachment: '公告附件',
  objection: '异议',
  person: '人员',
  post: '职务',
  party_org: '党组织',
  property_company: '物业企业',
  service_contract: '服务合同',
  import_batch: '导入批次',
  formation_case: '组建案件',
  owners_committee: '业委会',
  property_committee: '物管会',
  decision: '表决事项',
  ballot_submission: '业主投票',
  paper_entry: '纸质表决票',
  service_kind: '服务清单事项',
  ticket: '诉求',
  service_photo: '诉求照片',
  station: '服务站点',
  duty_shift: '值班',
  micro_wish: '微心愿',
  pledge: '党员承诺',
  disclosure_version: '十公开事项',
  disclosure_question: '质询',
};

export const auditEntityLabel = (type: string): string => AUDIT_ENTITY_LABEL[type] ?? '其他对象';

/** The page an entry's object lives on (the web's routes). */
export type AuditTarget =
  | { kind: 'notice' | 'decision' | 'formation' | 'roll' | 'org' | 'company'; id: number }
  | { kind: 'people' | 'partyOrgs' | 'accounts' | 'imports' | 'calendar' | 'governance' };

export function auditTargetPath(t: AuditTarget): string {
  switch (t.kind) {
    case 'notice':
      return `/notices/${t.id}`;
    case 'decision':
      return `/decisions/${t.id}`;
    case 'formation':
      return `/formation/${t.id}`;
    case 'roll':
      return `/roll/${t.id}`;
    case 'org':
      return `/org/${t.id}`;
    case 'company':
      return `/companies/${t.id}`;
    case 'people':
      return '/people';
    case 'partyOrgs':
      return '/party-orgs';
    case 'accounts':
      return '/accounts';
    case 'imports':
      return '/imports';
    case 'calendar':
      return '/calendar';
    case 'governance':
      return '/governance';
  }
}

/**
 * Entries that carry a room's choices (R19 ballots, online and paper). Until the decision's result
 * is published nobody reads them: the audit read paths hide them (the stored entry is unchanged).
 */
export const carriesChoices = (code: string): boolean => code === 'ballot.cast' || code.startsWith('ballot.paper.');
export const HIDDEN_CHOICES = '（表决结果公布前不显示）';
