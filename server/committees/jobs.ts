import { sql } from 'kysely';
import { COMMITTEE_KIND_LABEL, minutesStatus } from '../../core/committee.js';
import { formatDateZh } from '../../core/dates.js';
import { recordAudit } from '../audit/record.js';
import type { Db } from '../db/connect.js';
import { inTransaction } from '../db/transaction.js';
import type { OutboundChannel } from '../notifications/channel.js';
import { notify, sendOutbound } from '../notifications/notify.js';
import { keepers } from './keepers.js';
import { memberAccounts } from './use-cases/files.js';
import { settingsFor } from './queries.js';
import { kdb, ktrx } from './tables.js';

const SYSTEM = { actor: null, requestId: null, ip: null };

/**
 * R32: a held meeting's minutes not yet posted — its keepers are reminded once when the posting
 * deadline is near (or already past), recorded on the meeting and audited.
 */
export async function remindMinutes(db: Db, today: string, channel: OutboundChannel): Promise<number> {
  const rows = await kdb(db)
    .selectFrom('committee_meeting as m')
    .innerJoin('org_node as e', 'e.id', 'm.estate_id')
    .select(['m.id', 'm.title', 'm.held_on', 'm.estate_id', 'm.committee_kind', 'm.committee_id', 'e.name as estate'])
    .where('m.state', '=', 'held')
    .where('m.minutes_notice_id', 'is', null)
    .where('m.reminded_at', 'is', null)
    .limit(500)
    .execute();
  let n = 0;
  for (const m of rows) {
    const s = await settingsFor(db, m.estate_id);
    const st = minutesStatus(m.held_on, true, null, today, s);
    if (st.status !== 'dueSoon' && st.status !== 'overdue') continue;
    const to = await keepers(db, m.estate_id, m.committee_kind, m.committee_id);
    const out = await inTransaction(db, async (t) => {
      const done = await ktrx(t)
        .updateTable('committee_meeting')
        .set({ reminded_at: new Date() })
        .where('id', '=', m.id)
        .where('reminded_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!done) return [];
      await recordAudit(
        t,
        { db, ...SYSTEM },
        {
          action: 'committee.minutesReminder',
          entityType: 'committee_meeting',
          entityId: m.id,
          nodeId: m.estate_id,
          after: { status: st.status, deadline: st.deadline },
        },
      );
      return notify(t as unknown as Db, to, {
        title: st.status === 'overdue' ? `会议纪要逾期未公示：${m.title}` : `会议纪要请于${formatDateZh(st.deadline)}前公示：${m.title}`,
        body: `${m.estate.replace(/（演示）$/, '')}委员会${formatDateZh(m.held_on)}召开的会议，纪要和决议应在会后3日内公示（R32）。`,
        link: `/committees/meetings/${m.id}`,
      });
    });
    await sendOutbound(channel, out);
    if (out.length || to.length === 0) n++;
  }
  return n;
}

/**
 * R37, monthly: every owner representative sitting on a committee who owns a unit of the estate in
 * arrears (the roll's fee status) is listed for the community as a negative-list candidate, once a
 * month. Nothing is suspended: the community reports, the street decides (R35).
 */
export async function listArrearsCandidates(db: Db, today: string, channel: OutboundChannel): Promise<number> {
  const month = today.slice(0, 7);
  const found = await kdb(db)
    .selectFrom('committee_member as cm')
    .innerJoin('person as p', 'p.id', 'cm.person_id')
    .select(['cm.id', 'cm.estate_id', 'cm.committee_kind', 'cm.committee_id', 'p.name'])
    .select(
      sql<string>`(select string_agg(b.name || u.number, '、' order by u.id) from ownership o join unit u on u.id = o.unit_id
        join org_node b on b.id = u.building_id
        where o.person_id = cm.person_id and o.ended_on is null and u.estate_id = cm.estate_id and u.fee_status = 'arrears')`.as('units'),
    )
    .where('cm.ended_on', 'is', null)
    .where('cm.owner_representative', '=', true)
    .where(
      sql<boolean>`exists (select 1 from ownership o join unit u on u.id = o.unit_id
        where o.person_id = cm.person_id and o.ended_on is null and u.estate_id = cm.estate_id and u.fee_status = 'arrears')`,
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom('negative_candidate as nc').select('nc.id').whereRef('nc.member_id', '=', 'cm.id').where('nc.month', '=', month)),
      ),
    )
    .execute();
  let n = 0;
  for (const c of found) {
    const to = await keepers(db, c.estate_id, c.committee_kind, c.committee_id).then((ids) => ids);
    const out = await inTransaction(db, async (t) => {
      const row = await ktrx(t)
        .insertInto('negative_candidate')
        .values({
          member_id: c.id,
          estate_id: c.estate_id,
          month,
          reason: `业主代表委员${c.name}名下房屋${c.units ?? ''}欠缴物业费（R37）`,
        })
        .onConflict((oc) => oc.columns(['member_id', 'month']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) return [];
      await recordAudit(
        t,
        { db, ...SYSTEM },
        { action: 'negative.candidates', entityType: 'negative_candidate', entityId: row.id, nodeId: c.estate_id, after: row },
      );
      return notify(t as unknown as Db, to, {
        title: `负面清单线索：业主代表委员${c.name}欠缴物业费`,
        body: `${row.reason}。请社区核实后决定是否向街道报告；未经街道认定不暂停履职（R35、R37）。`,
        link: `/committees/${c.committee_kind}/${c.committee_id}`,
      });
    });
    await sendOutbound(channel, out);
    n++;
  }
  return n;
}

/**
 * R36: a rectification item still open past its deadline — the committee (its director and the
 * responsible member) and the community staff are reminded once per overdue period: the mark is the
 * due date reminded for, so an item is told once, and again only if its deadline moves and passes anew.
 */
export async function remindOverdueRectifications(db: Db, today: string, channel: OutboundChannel): Promise<number> {
  const rows = await kdb(db)
    .selectFrom('rectification as x')
    .innerJoin('committee_report as r', 'r.id', 'x.report_id')
    .innerJoin('committee_member as cm', 'cm.id', 'x.member_id')
    .innerJoin('person as p', 'p.id', 'cm.person_id')
    .innerJoin('org_node as e', 'e.id', 'r.estate_id')
    .select(['x.id', 'x.title', 'x.due_on', 'x.member_id', 'r.id as report_id', 'r.estate_id', 'r.committee_kind', 'r.committee_id'])
    .select(['p.name', 'e.name as estate'])
    .where('x.state', '=', 'open')
    .where('x.due_on', '<', today)
    .where(sql<boolean>`x.overdue_reminded_for is distinct from x.due_on`)
    .orderBy('x.id')
    .limit(500)
    .execute();
  let n = 0;
  for (const x of rows) {
    const out = await inTransaction(db, async (t) => {
      const marked = await ktrx(t)
        .updateTable('rectification')
        .set({ overdue_reminded_for: x.due_on })
        .where('id', '=', x.id)
        .where('state', '=', 'open')
        .where(sql<boolean>`overdue_reminded_for is distinct from due_on`)
        .returning('id')
        .executeTakeFirst();
      if (!marked) return null;
      const director = await ktrx(t)
        .selectFrom('committee_member')
        .select('id')
        .where('committee_kind', '=', x.committee_kind)
        .where('committee_id', '=', x.committee_id)
        .where('seat', '=', 'director')
        .where('ended_on', 'is', null)
        .execute();
      const to = [
        ...(await keepers(t, x.estate_id, x.committee_kind, x.committee_id)),
        ...(await memberAccounts(t, x.committee_kind, x.committee_id, [x.member_id, ...director.map((d) => d.id)])),
      ];
      await recordAudit(
        t,
        { db, ...SYSTEM },
        {
          action: 'rectification.overdueReminder',
          entityType: 'rectification',
          entityId: x.id,
          nodeId: x.estate_id,
          after: { dueOn: x.due_on, memberId: x.member_id },
        },
      );
      return notify(t as unknown as Db, to, {
        title: `整改事项逾期未完成：${x.title}`,
        body: `${x.estate.replace(/（演示）$/, '')}${COMMITTEE_KIND_LABEL[x.committee_kind]}的整改事项“${x.title}”（责任委员${x.name}）应于${formatDateZh(x.due_on)}前完成，现已逾期。请尽快整改并登记完成情况和证明材料。`,
        link: `/committees/reports/${x.report_id}`,
      });
    });
    if (out === null) continue;
    await sendOutbound(channel, out);
    n++;
  }
  return n;
}
