import { BODY_KIND_LABEL, DEFAULT_MEMBERS, type MemberKind } from '../../core/coordination.js';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { loadCalendar } from '../calendar/store.js';
import { todayInChina } from '../clock.js';
import type { Trx } from '../db/transaction.js';
import { ctrx } from './tables.js';

const undemo = (s: string) => s.replace(/（演示）$/, '');

/**
 * The demo street's coordination (issue 17): the street's 联席会议 (区住建 acted for by the `quzhujian`
 * login) and the first community's 四位一体 meeting (the property company serving its estates, the
 * PMC director `zhuren`), a year of monthly 四位一体 meetings and quarterly joint meetings, each with
 * its minutes, attendance, a resolution and tasks — most confirmed done, one of the company's overdue
 * (on the agenda of the next meeting), one open with the housing department — and a register of
 * disputes, settled and open.
 */
export async function loadDemoCoordination(t: Trx, streetId: number): Promise<void> {
  const trx = ctrx(t);
  const today = todayInChina();
  const calendar = await loadCalendar(t);
  const community = await trx
    .selectFrom('org_node')
    .select(['id', 'name'])
    .where('parent_id', '=', streetId)
    .where('kind', '=', 'community')
    .orderBy('id')
    .executeTakeFirst();
  if (!community) return;
  const account = async (username: string) =>
    (await trx.selectFrom('account').select('id').where('username', '=', username).executeTakeFirst())?.id ?? null;
  const [jiedao, shequ, zhuren, quzhujian] = [
    await account('jiedao'),
    await account('shequ'),
    await account('zhuren'),
    await account('quzhujian'),
  ];
  const company = await trx
    .selectFrom('company_estate as ce')
    .innerJoin('org_node as e', 'e.id', 'ce.estate_id')
    .innerJoin('org_node as c', 'c.id', 'ce.company_id')
    .select(['c.id', 'c.name'])
    .where('e.parent_id', '=', community.id)
    .orderBy('c.id')
    .executeTakeFirst();
  const estates = await trx
    .selectFrom('org_node')
    .select(['id', 'name'])
    .where('parent_id', '=', community.id)
    .where('kind', '=', 'estate')
    .orderBy('id')
    .execute();
  const street = await trx.selectFrom('org_node').select('name').where('id', '=', streetId).executeTakeFirstOrThrow();

  const body = async (
    kind: 'fourInOne' | 'jointMeeting',
    nodeId: number,
    name: string,
    extra: Partial<Record<string, { account?: number | null; rep?: string; company?: number }>>,
  ) => {
    const b = await trx
      .insertInto('coordination_body')
      .values({ kind, node_id: nodeId, name: `${name}${BODY_KIND_LABEL[kind]}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = DEFAULT_MEMBERS[kind].map((m, i) => {
      const x = extra[m.organisation] ?? extra[m.kind] ?? {};
      return {
        body_id: b.id,
        kind: m.kind as MemberKind,
        organisation: m.kind === 'company' && company ? undemo(company.name) : m.organisation,
        representative: x.rep ?? null,
        account_id: x.account ?? null,
        company_id: m.kind === 'company' ? (company?.id ?? null) : null,
        position: i,
      };
    });
    const members = await trx.insertInto('coordination_member').values(rows).returning(['id', 'kind', 'organisation']).execute();
    return { id: b.id, members };
  };
  const four = await body('fourInOne', community.id, undemo(community.name), {
    communityPartyOrg: { rep: '社区党委书记' },
    residentsCommittee: { rep: '居委会主任' },
    committee: { account: zhuren, rep: '物管会主任' },
    company: { rep: '项目经理' },
  });
  const joint = await body('jointMeeting', streetId, undemo(street.name), {
    区住房和城乡建设局: { account: quzhujian, rep: '物业科' },
    street: { rep: '街道物业办' },
  });
  const member = (b: typeof four, kind: MemberKind, org?: string) =>
    b.members.find((m) => m.kind === kind && (!org || m.organisation === org))!.id;

  /** A meeting held on `on`, everyone present, with minutes, one resolution and its tasks. */
  const meeting = async (
    b: typeof four,
    convenor: number | null,
    on: string,
    title: string,
    agenda: string,
    resolution: string,
    tasks: { member: number; title: string; days: number; state: 'open' | 'confirmed' }[],
  ) => {
    const m = await trx
      .insertInto('coordination_meeting')
      .values({
        body_id: b.id,
        title,
        held_on: on,
        location: '社区党群服务中心',
        convenor_account_id: convenor,
        state: 'held',
        minutes: `会议听取了${agenda}的情况汇报，与会单位逐项研究，形成决议如下。`,
        created_by: convenor,
        recorded_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('coordination_attendance')
      .values(b.members.map((x) => ({ meeting_id: m.id, member_id: x.id, present: true, attendee: null })))
      .execute();
    const item = await trx
      .insertInto('coordination_agenda')
      .values({ meeting_id: m.id, source: 'typed', title: agenda, position: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = await trx
      .insertInto('coordination_resolution')
      .values({ meeting_id: m.id, text: resolution, agenda_id: item.id, created_by: convenor })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const task of tasks) {
      const due = calendar.addWorkdays(on, task.days);
      const done = task.state === 'confirmed';
      await trx
        .insertInto('coordination_task')
        .values({
          resolution_id: r.id,
          member_id: task.member,
          title: task.title,
          due_workdays: task.days,
          due_on: due.date,
          calendar_complete: due.calendarComplete,
          state: task.state,
          done_note: done ? '已按期办结，附现场照片。' : null,
          done_at: done ? new Date(`${dateOf(Math.min(dayIndex(due.date), dayIndex(today)))}T10:00:00+08:00`) : null,
          confirmed_by: done ? convenor : null,
          confirmed_at: done ? new Date(`${dateOf(Math.min(dayIndex(due.date) + 1, dayIndex(today)))}T10:00:00+08:00`) : null,
        })
        .execute();
    }
    return m.id;
  };

  // A year of monthly 四位一体 meetings (the 15th), the last still with work open.
  const TOPICS = [
    ['小区消防通道堵塞', '物业公司每周巡查并清理消防通道', '清理消防通道杂物'],
    ['电动车楼道充电', '开展电动车安全宣传，劝离楼道充电', '张贴安全告示并入户劝导'],
    ['垃圾分类投放点异味', '物业公司增加清运频次', '调整清运时间并清洗投放点'],
    ['2号楼外墙渗水', '物业公司排查并提出维修方案', '排查渗水原因并报维修方案'],
    ['地库照明不足', '物业公司更换地库灯具', '更换地库损坏灯具'],
    ['绿化修剪与病虫害', '物业公司安排绿化养护', '修剪绿篱并防治病虫害'],
  ];
  const first = dayIndex(today) - 365;
  const monthly: string[] = [];
  for (let k = 0; k < 12; k++) {
    const d = dateOf(first + k * 30 + 14);
    if (d < today) monthly.push(d);
  }
  for (const [k, on] of monthly.entries()) {
    const [agenda, resolution, task] = TOPICS[k % TOPICS.length]!;
    const last = k === monthly.length - 1;
    await meeting(four, shequ, on, `${Number(on.slice(5, 7))}月“四位一体”协调会`, agenda!, resolution!, [
      // the latest month's company task runs past its deadline: it goes on the next meeting's agenda
      { member: member(four, 'company'), title: task!, days: 5, state: last ? 'open' : 'confirmed' },
      ...(k % 3 === 0
        ? [
            {
              member: member(four, 'committee'),
              title: '向业主公开处理进展',
              days: 10,
              state: last ? ('open' as const) : ('confirmed' as const),
            },
          ]
        : []),
    ]);
  }
  // Quarterly 联席会议 of the street with the departments.
  for (let q = 0; q < 4; q++) {
    const on = dateOf(first + q * 91 + 40);
    if (on >= today) continue;
    const lastQuarter = q === 3 || dateOf(first + (q + 1) * 91 + 40) >= today;
    await meeting(
      joint,
      jiedao,
      on,
      `第${q + 1}次物业管理联席会议`,
      '各社区逾期未办结事项及物管会组建进度',
      '区住建局督促物业企业限期整改，城管部门配合查处违建',
      [
        {
          member: member(joint, 'department', '区住房和城乡建设局'),
          title: '督促物业企业整改服务问题',
          days: 15,
          state: lastQuarter ? 'open' : 'confirmed',
        },
        { member: member(joint, 'department', '区城市管理局'), title: '查处小区违法搭建', days: 20, state: 'confirmed' },
      ],
    );
  }

  // The register of disputes: two settled, one being mediated, one new.
  const disputes = [
    {
      estate: 0,
      category: 'parking',
      title: '地库车位被长期占用',
      days: 200,
      state: 'resolved' as const,
      outcome: '经调解，占用方退还车位并书面致歉',
    },
    {
      estate: 1,
      category: 'neighbours',
      title: '楼上漏水引发邻里纠纷',
      days: 120,
      state: 'resolved' as const,
      outcome: '双方协商由楼上业主维修并赔偿',
    },
    { estate: 0, category: 'propertyService', title: '业主对电梯维保不满拒交物业费', days: 40, state: 'open' as const, outcome: null },
    { estate: 2, category: 'commonParts', title: '小区广告收益去向不明', days: 6, state: 'open' as const, outcome: null },
  ];
  for (const d of disputes) {
    const e = estates[d.estate] ?? estates[0];
    if (!e) break;
    const occurred = dateOf(dayIndex(today) - d.days);
    const row = await trx
      .insertInto('dispute')
      .values({
        estate_id: e.id,
        category: d.category,
        title: d.title,
        description: `${d.title}，当事人多次到社区反映。`,
        parties: JSON.stringify([
          { kind: 'resident', name: '相关业主' },
          { kind: 'company', name: company ? undemo(company.name) : '物业服务企业' },
        ]),
        occurred_on: occurred,
        state: d.state,
        outcome: d.outcome,
        registered_by: shequ,
        created_at: new Date(`${occurred}T09:00:00+08:00`),
        closed_at: d.state === 'open' ? null : new Date(`${dateOf(dayIndex(occurred) + 20)}T09:00:00+08:00`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (d.days > 10)
      await trx
        .insertInto('dispute_mediation')
        .values({
          dispute_id: row.id,
          mediated_on: dateOf(dayIndex(occurred) + 5),
          mediator: '党员楼栋长',
          record: '组织双方当面沟通，说明相关规定。',
          created_by: shequ,
        })
        .execute();
  }
  // the PMC's own request to the community's next meeting, waiting to be taken up (提请事项)
  if (zhuren && estates[0])
    await trx
      .insertInto('coordination_request')
      .values({
        estate_id: estates[0].id,
        title: '单元门禁频繁损坏，维修责任不清',
        content: '3号楼、5号楼单元门禁一个月内损坏4次，物业认为属人为损坏应由业主承担，业主认为属正常维修。请四位一体会议协调明确责任。',
        submitted_by: zhuren,
        submitted_at: new Date(`${dateOf(dayIndex(today) - 3)}T10:00:00+08:00`),
      })
      .execute();
}
