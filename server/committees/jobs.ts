import { sql } from 'kysely';
import { minutesStatus } from '../../core/committee.js';
import { formatDateZh } from '../../core/dates.js';
import { recordAudit } from '../audit/record.js';
import type { Db } from '../db/connect.js';
import { inTransaction } from '../db/transaction.js';
import type { OutboundChannel } from '../notifications/channel.js';
import { notify, sendOutbound } from '../notifications/notify.js';
import { settingsFor } from './queries.js';
import { kdb, ktrx } from './tables.js';

const SYSTEM = { actor: null, requestId: null, ip: null };

/** The community staff over an estate, and the committee's director: who answers for the committee's deadlines. */
async function keepers(db: Db, estateId: number, kind: string, committeeId: number) {
  const staff = await db
    .selectFrom('role_assignment as ra')
    .innerJoin('org_closure as c', 'c.ancestor_id', 'ra.node_id')
    .select('ra.account_id')
    .where('c.descendant_id', '=', estateId)
    .where('ra.role', '=', 'communityStaff')
    .execute();
  const director = await kdb(db)
    .selectFrom('committee_member')
    .select('account_id')
    .where('committee_kind', '=', kind as 'pmc')
    .where('committee_id', '=', committeeId)
    .where('seat', '=', 'director')
    .where('ended_on', 'is', null)
    .execute();
  return [...staff.map((s) => s.account_id), ...director.map((d) => d.account_id).filter((x): x is number => x != null)];
}

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
