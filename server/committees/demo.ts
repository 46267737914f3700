import { countEvaluations } from '../../core/committee.js';
import { addDays } from '../../core/dates.js';
import { loadCalendar } from '../calendar/store.js';
import { todayInChina } from '../clock.js';
import type { Trx } from '../db/transaction.js';
import { loadDemoOwnersCommittee } from './demo-owners.js';
import { estateRoll } from './roll.js';
import { requiredPeople } from './training.js';
import type { Db } from '../db/connect.js';
import { ktrx } from './tables.js';

const TOPICS = [
  ['审议物业服务季度报告', '同意物业服务企业第四季度服务报告，督促整改电梯维保记录不全问题。'],
  ['安排春节期间安全巡查', '春节前组织一次消防通道和电动自行车充电安全巡查，由副主任牵头。'],
  ['公共收益收支公示', '同意按季度公示公共收益收支情况，张贴于各楼栋公告栏。'],
  ['地下车库照明维修', '委托物业服务企业更换地下车库损坏照明灯具，费用从日常维修费列支。'],
  ['垃圾分类督导排班', '同意5月起由委员轮流参加垃圾分类桶前督导。'],
  ['汛期排水设施检查', '汛期前检查雨水管网和地下车库挡水板，发现问题限期整改。'],
  ['物业服务满意度调查', '同意在小区开展物业服务满意度问卷调查，结果在公示栏公开。'],
  ['绿化补种方案', '同意物业服务企业提出的3号楼前绿地补种方案。'],
  ['消防设施年度检测', '督促物业服务企业委托有资质单位开展消防设施年度检测。'],
  ['国庆期间值班安排', '国庆期间委员与物业服务企业联合值班，值班表在小区公告栏公示。'],
  ['供暖季前设施检查', '协调供热单位在供暖季前完成管网检查。'],
] as const;

/**
 * The demo PMC at work (issue 14): its roster (the director acts through the `zhuren` login, a
 * member through `weiyuan`), a year of monthly meetings — each quorate, with a resolution signed by
 * more than half of the members and its minutes posted for 10 working days — and this month's
 * meeting, held three days ago, whose resolution waits for signatures and whose minutes are due.
 */
export async function loadDemoCommittees(t: Trx, streetId: number): Promise<void> {
  const trx = ktrx(t);
  const today = todayInChina();
  const calendar = await loadCalendar(t);
  const shequStaff = (await t.selectFrom('account').select('id').where('username', '=', 'shequ').executeTakeFirst())?.id ?? null;
  await loadDemoOwnersCommittee(t, streetId, today, shequStaff);
  const pmc = await t
    .selectFrom('property_committee as c')
    .innerJoin('org_closure as oc', 'oc.descendant_id', 'c.estate_id')
    .innerJoin('org_node as e', 'e.id', 'c.estate_id')
    .select(['c.id', 'c.estate_id', 'c.case_id', 'c.established_on', 'e.name'])
    .where('oc.ancestor_id', '=', streetId)
    .where('c.status', '=', 'active')
    .orderBy('c.id')
    .executeTakeFirst();
  if (!pmc) return;
  const account = async (username: string) =>
    (await t.selectFrom('account').select('id').where('username', '=', username).executeTakeFirst())?.id ?? null;
  const posts = await t
    .selectFrom('post')
    .select(['id', 'person_id', 'role', 'note', 'started_on'])
    .where('node_id', '=', pmc.estate_id)
    .where('ended_on', 'is', null)
    .where('role', 'in', ['propertyCommitteeDirector', 'propertyCommitteeDeputy', 'propertyCommitteeMember'])
    .orderBy('id')
    .execute();
  const [zhuren, weiyuan, shequ] = [await account('zhuren'), await account('weiyuan'), await account('shequ')];
  let memberAccountGiven = false;
  const members: { id: number; owner_representative: boolean }[] = [];
  for (const p of posts) {
    const owner = p.note === '业主代表';
    const director = p.role === 'propertyCommitteeDirector';
    const giveMember = !director && !owner && !memberAccountGiven;
    if (giveMember) memberAccountGiven = true;
    const row = await trx
      .insertInto('committee_member')
      .values({
        committee_kind: 'pmc',
        committee_id: pmc.id,
        estate_id: pmc.estate_id,
        person_id: p.person_id,
        post_id: p.id,
        seat: director ? 'director' : p.role === 'propertyCommitteeDeputy' ? 'deputyDirector' : 'member',
        owner_representative: owner,
        sent_by: owner ? 'owners' : director ? 'communityPartyOrg' : 'residentsCommittee',
        account_id: director ? zhuren : giveMember ? weiyuan : null,
        started_on: p.started_on,
      })
      .returning(['id', 'owner_representative'])
      .executeTakeFirstOrThrow();
    members.push(row);
  }
  if (members.length < 3) return;
  // The survey found most of the committee in the party (R24 needs half): all but the last owner
  // representative, so that the committee starts compliant and a suspension shows what R23 does.
  const lastOwner = [...members].reverse().find((x) => x.owner_representative);
  const partyIds = members.filter((x) => x !== lastOwner).map((x) => x.id);
  await t
    .updateTable('person')
    .set({ party_status: 'full' })
    .where('id', 'in', trx.selectFrom('committee_member').select('person_id').where('id', 'in', partyIds))
    .where('party_status', '=', 'none')
    .execute();
  const estate = pmc.name.replace(/（演示）$/, '');
  const heldDates: string[] = [];
  for (let k = 11; k >= 1; k--) {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(10);
    d.setUTCMonth(d.getUTCMonth() - k);
    const date = d.toISOString().slice(0, 10);
    if (date > pmc.established_on && date < addDays(today, -5)) heldDates.push(date);
  }
  heldDates.push(addDays(today, -3));
  for (const [i, heldOn] of heldDates.entries()) {
    const last = i === heldDates.length - 1;
    const [title, text] = TOPICS[i % TOPICS.length]!;
    const m = await trx
      .insertInto('committee_meeting')
      .values({
        committee_kind: 'pmc',
        committee_id: pmc.id,
        estate_id: pmc.estate_id,
        title: `${heldOn.slice(0, 7).replace('-', '年')}月例会`,
        held_on: heldOn,
        location: '小区党群服务站',
        convened_by: 'director',
        agenda: JSON.stringify([title]),
        state: 'held',
        minutes: `会议由主任主持。${text}`,
        created_by: zhuren,
        recorded_at: new Date(`${heldOn}T10:00:00Z`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Everyone but one member (in turn) attended; owner representatives in person.
    const absent = members[i % members.length]!.id;
    await trx
      .insertInto('committee_attendance')
      .values(
        members
          .filter((x) => x.id !== absent)
          .map((x, k) => ({
            meeting_id: m.id,
            member_id: x.id,
            mode: k % 3 === 2 ? ('online' as const) : ('inPerson' as const),
            recorded_by: shequ,
          })),
      )
      .execute();
    const r = await trx
      .insertInto('committee_resolution')
      .values({
        meeting_id: m.id,
        position: 1,
        title,
        text,
        state: last ? 'open' : 'adopted',
        adopted_on: last ? null : addDays(heldOn, 1),
        created_by: zhuren,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The last meeting's resolution has three signatures (not yet more than half); the member login has not signed.
    const signers = last ? members.filter((x) => x.id !== members[1]!.id).slice(0, 3) : members.filter((x) => x.id !== absent).slice(0, 5);
    await trx
      .insertInto('committee_signature')
      .values(
        signers.map((x) => ({
          resolution_id: r.id,
          member_id: x.id,
          via: 'app' as const,
          signed_by: zhuren,
          signed_at: new Date(`${heldOn}T12:00:00Z`),
        })),
      )
      .execute();
    if (last) continue;
    const posted = addDays(heldOn, 2);
    const end = calendar.addWorkdays(posted, 10);
    const notice = await t
      .insertInto('public_notice')
      .values({
        node_id: pmc.estate_id,
        kind: 'disclosure',
        title: `${estate}物业管理委员会会议纪要及决议公示（${heldOn}）`,
        body: `${heldOn}，物业管理委员会召开${m.id ? '例会' : ''}。议题：${title}。决议：${text}（已通过）`,
        status: 'published',
        period_unit: 'workdays',
        period_days: 10,
        publish_date: posted,
        end_date: end.date,
        calendar_complete: end.calendarComplete,
        created_by: shequ,
        published_by: shequ,
        published_at: new Date(`${posted}T02:00:00Z`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('committee_meeting')
      .set({ minutes_notice_id: notice.id, minutes_posted_on: posted })
      .where('id', '=', m.id)
      .execute();
  }

  // A suspension last summer (R35): an owner representative reported for arrears, upheld, notice posted; lifted once paid.
  const suspended = members.find((x, i) => x.owner_representative && i >= 4) ?? members[members.length - 1]!;
  const person = await trx
    .selectFrom('committee_member as cm')
    .innerJoin('person as p', 'p.id', 'cm.person_id')
    .select('p.name')
    .where('cm.id', '=', suspended.id)
    .executeTakeFirstOrThrow();
  const item = await trx.selectFrom('negative_item').select(['id', 'label']).where('code', '=', 'arrears').executeTakeFirstOrThrow();
  const reportedOn = addDays(today, -130);
  const decidedOn = addDays(today, -126);
  const liftedOn = addDays(today, -70);
  const jiedao = await account('jiedao');
  const notice = await t
    .insertInto('public_notice')
    .values({
      node_id: pmc.estate_id,
      kind: 'suspension',
      title: `关于暂停${person.name}履行物业管理委员会委员职责的公告`,
      body: `${estate}全体业主：\n经社区报告、街道办事处核实，物业管理委员会委员${person.name}存在“${item.label}”情形，自${decidedOn}起暂停其履行委员职责。\n特此公告。`,
      status: 'published',
      publish_date: decidedOn,
      created_by: jiedao,
      published_by: jiedao,
      published_at: new Date(`${decidedOn}T03:00:00Z`),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const decideBy = calendar.addWorkdays(reportedOn, 5);
  await trx
    .insertInto('negative_report')
    .values({
      committee_kind: 'pmc',
      committee_id: pmc.id,
      estate_id: pmc.estate_id,
      member_id: suspended.id,
      item_id: item.id,
      facts: '该委员名下房屋欠缴物业费11个月，经社区两次提醒仍未缴纳。',
      reported_on: reportedOn,
      reported_by: shequ,
      decide_by: decideBy.date,
      calendar_complete: decideBy.calendarComplete,
      state: 'upheld',
      decision_reason: '经核实物业服务企业收费台账，欠费属实。',
      decided_by: jiedao,
      decided_on: decidedOn,
      notice_id: notice.id,
      outcome: 'lifted',
      outcome_on: liftedOn,
      outcome_reason: '已补缴全部欠费，恢复履行职责。',
      outcome_by: jiedao,
    })
    .execute();

  // Last year's 述职 (R36): evaluated by a share of the estate's heads, the result and the feedback posted.
  const { roll, totals } = await estateRoll(t, pmc.estate_id);
  const byHead = new Map<string, { areaCenti: number; units: number; personId: number }>();
  for (const u of roll)
    if (!u.developerStock && u.ownerIds.length) {
      const h = byHead.get(u.head) ?? { areaCenti: 0, units: 0, personId: u.ownerIds[0]! };
      h.areaCenti += u.areaCenti;
      h.units += 1;
      byHead.set(u.head, h);
    }
  const year = Number(today.slice(0, 4)) - 1;
  const opensOn = `${year + 1}-01-05`;
  const closesOn = `${year + 1}-01-16`;
  if (opensOn < today && byHead.size > 0) {
    const report = await trx
      .insertInto('committee_report')
      .values({
        committee_kind: 'pmc',
        committee_id: pmc.id,
        estate_id: pmc.estate_id,
        year,
        text: `${year}年，物业管理委员会召开会议，督促物业服务企业落实服务标准，公示公共收益收支，组织消防安全巡查。`,
        submitted_on: `${year}-12-28`,
        opens_on: opensOn,
        closes_on: closesOn,
        created_by: zhuren,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const heads = [...byHead.entries()].slice(0, Math.max(1, Math.floor(byHead.size * 0.6)));
    const choices = ['satisfied', 'satisfied', 'basic', 'satisfied', 'dissatisfied'] as const;
    const opinions = ['地下车库照明不足，希望尽快修复', '电动自行车充电桩数量不够'];
    const evalRows = await trx
      .insertInto('committee_evaluation')
      .values(
        heads.map(([head, h], i) => ({
          report_id: report.id,
          head_key: head,
          area_centi: h.areaCenti,
          units: h.units,
          person_id: h.personId,
          choice: choices[i % choices.length]!,
          opinion: i < opinions.length ? opinions[i]! : null,
          created_at: new Date(`${opensOn}T03:00:00Z`),
        })),
      )
      .returning(['id', 'choice', 'area_centi'])
      .execute();
    const result = countEvaluations(
      evalRows.map((e) => ({ choice: e.choice, areaCenti: Number(e.area_centi) })),
      totals,
    );
    const resultNotice = await t
      .insertInto('public_notice')
      .values({
        node_id: pmc.estate_id,
        kind: 'disclosure',
        title: `${estate}物业管理委员会${year}年度述职评议结果`,
        body: `本小区业主共${result.totalHeads}户；参加评议${result.evaluatedHeads}户。满意${result.heads.satisfied}户，基本满意${result.heads.basic}户，不满意${result.heads.dissatisfied}户。`,
        status: 'published',
        publish_date: addDays(closesOn, 3),
        created_by: shequ,
        published_by: shequ,
        published_at: new Date(`${addDays(closesOn, 3)}T02:00:00Z`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('committee_report')
      .set({ result: JSON.stringify(result), result_notice_id: resultNotice.id })
      .where('id', '=', report.id)
      .execute();
    const created = addDays(closesOn, 4);
    for (const [i, title] of ['修复地下车库照明', '增设电动自行车充电桩'].entries()) {
      const due = calendar.addWorkdays(created, 20);
      const doneOn = i === 0 ? addDays(created, 10) : addDays(due.date, 6);
      await trx
        .insertInto('rectification')
        .values({
          report_id: report.id,
          evaluation_id: evalRows[i]?.id ?? null,
          title,
          member_id: members[Math.min(i + 1, members.length - 1)]!.id,
          due_workdays: 20,
          due_on: due.date,
          calendar_complete: due.calendarComplete,
          state: 'done',
          progress: JSON.stringify([{ on: doneOn, note: i === 0 ? '已更换灯具42盏' : '已增设充电桩20个' }]),
          done_note: i === 0 ? '已更换灯具42盏' : '已增设充电桩20个',
          done_on: doneOn,
          created_by: shequ,
        })
        .execute();
    }
  }

  // R41: this year's centralised training, attended by some of those who must attend (the others show as missing).
  const trainYear = Number(today.slice(0, 4));
  const required = await requiredPeople(t as unknown as Db, streetId, trainYear);
  const heldOn = `${trainYear}-04-16`;
  if (heldOn < today) {
    const training = await trx
      .insertInto('training')
      .values({ street_id: streetId, held_on: heldOn, topic: '《物业管理条例》与物业管理委员会运行实务', created_by: jiedao })
      .returning('id')
      .executeTakeFirstOrThrow();
    const came = [...new Set(required.map((r) => r.person_id))].filter((_, i) => i % 2 === 0);
    if (came.length)
      await trx
        .insertInto('training_attendance')
        .values(came.map((person_id) => ({ training_id: training.id, person_id })))
        .execute();
  }
}
