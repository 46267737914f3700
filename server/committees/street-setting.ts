import { sql } from 'kysely';
import type { z } from 'zod';
import { COMMITTEE_KIND_LABEL, DEFAULT_REPORT_MONTH, reportYearFor } from '../../core/committee.js';
import { inScope, permissionsAt, requireAt } from '../access/scope.js';
import { recordAudit } from '../audit/record.js';
import type { Db } from '../db/connect.js';
import { inTransaction, type Trx } from '../db/transaction.js';
import type { ActionContext, CurrentUser } from '../http/context.js';
import { badRequest } from '../http/errors.js';
import type { OutboundChannel } from '../notifications/channel.js';
import { notify, sendOutbound } from '../notifications/notify.js';
import { keepers } from './keepers.js';
import type { streetSettingBody } from './schema.js';
import { kdb, ktrx } from './tables.js';

type Ctx = ActionContext & { actor: CurrentUser };
const SYSTEM = { actor: null, requestId: null, ip: null };

/** R36: the street's 述职 month (the setting, or December). */
export async function reportMonthOf(db: Db | Trx, streetId: number): Promise<number> {
  const r = await kdb(db)
    .selectFrom('committee_street_setting')
    .select('report_month')
    .where('street_id', '=', streetId)
    .executeTakeFirst();
  return r?.report_month ?? DEFAULT_REPORT_MONTH;
}

/** The streets in the caller's reach with their 述职 month, and whether the caller may change it. */
export async function streetSettings(db: Db, user: CurrentUser) {
  const streets = await kdb(db)
    .selectFrom('org_node as s')
    .leftJoin('committee_street_setting as cs', 'cs.street_id', 's.id')
    .select(['s.id', 's.name', 'cs.report_month'])
    .where('s.kind', '=', 'street')
    .where(inScope(user, 'committee.read', sql.ref('s.id')))
    .orderBy('s.id')
    .execute();
  const held = await permissionsAt(
    db,
    user,
    streets.map((s) => s.id),
  );
  return streets.map((s) => ({
    streetId: s.id,
    streetName: s.name,
    reportMonth: s.report_month ?? DEFAULT_REPORT_MONTH,
    canManage: held.get(s.id)?.has('committee.supervise') ?? false,
  }));
}

/** The street sets its 述职 month (R36: the month is a setting). */
export async function setReportMonth(ctx: Ctx, streetId: number, input: z.output<typeof streetSettingBody>) {
  await requireAt(ctx.db, ctx.actor, streetId, 'committee.supervise', 'committee.read', '街道');
  const node = await ctx.db.selectFrom('org_node').select('kind').where('id', '=', streetId).executeTakeFirstOrThrow();
  if (node.kind !== 'street') throw badRequest('述职月份由街道设置，请选择街道');
  return inTransaction(ctx.db, async (t) => {
    const before = await reportMonthOf(t, streetId);
    await ktrx(t)
      .insertInto('committee_street_setting')
      .values({ street_id: streetId, report_month: input.reportMonth, updated_by: ctx.actor.id })
      .onConflict((oc) =>
        oc.column('street_id').doUpdateSet({ report_month: input.reportMonth, updated_by: ctx.actor.id, updated_at: new Date() }),
      )
      .execute();
    await recordAudit(t, ctx, {
      action: 'committee.setting',
      entityType: 'street',
      entityId: streetId,
      nodeId: streetId,
      before: { reportMonth: before },
      after: { reportMonth: input.reportMonth },
    });
  });
}

/**
 * R36, in each street's 述职 month: every committee at work (PMC or 业委会) that has not submitted the
 * year's report — its director and the community staff are told, once a year per street (the mark on
 * the street's setting), on the first run in that month.
 */
export async function remindAnnualReports(db: Db, today: string, channel: OutboundChannel): Promise<number> {
  const month = Number(today.slice(5, 7));
  const streets = await kdb(db)
    .selectFrom('org_node as s')
    .leftJoin('committee_street_setting as cs', 'cs.street_id', 's.id')
    .select(['s.id', 'cs.report_month', 'cs.report_reminded_year'])
    .where('s.kind', '=', 'street')
    .execute();
  let n = 0;
  for (const s of streets) {
    const reportMonth = s.report_month ?? DEFAULT_REPORT_MONTH;
    const year = Number(today.slice(0, 4));
    if (reportMonth !== month || s.report_reminded_year === year) continue;
    const reportYear = reportYearFor(today, reportMonth);
    const due = await sql<{ kind: 'pmc' | 'owners'; id: number; estate_id: number; estate: string }>`
      select 'pmc' as kind, c.id, c.estate_id, e.name as estate from property_committee c
        join org_node e on e.id = c.estate_id join org_closure oc on oc.descendant_id = c.estate_id and oc.ancestor_id = ${s.id}
        where c.status = 'active'
      union all
      select 'owners', c.id, c.estate_id, e.name from owners_committee c
        join org_node e on e.id = c.estate_id join org_closure oc on oc.descendant_id = c.estate_id and oc.ancestor_id = ${s.id}
        join estate_governance g on g.estate_id = c.estate_id and g.status = 'ownersCommittee'
        where c.id = (select max(o2.id) from owners_committee o2 where o2.estate_id = c.estate_id)`.execute(db);
    const out = await inTransaction(db, async (t) => {
      const mark = await ktrx(t)
        .insertInto('committee_street_setting')
        .values({ street_id: s.id, report_month: reportMonth, report_reminded_year: year })
        .onConflict((oc) =>
          oc
            .column('street_id')
            .doUpdateSet({ report_reminded_year: year })
            .where(sql<boolean>`committee_street_setting.report_reminded_year is distinct from ${year}`),
        )
        .returning('street_id')
        .executeTakeFirst();
      if (!mark) return { sent: [], reminded: 0 };
      const sent = [];
      let reminded = 0;
      for (const c of due.rows) {
        const done = await kdb(t)
          .selectFrom('committee_report')
          .select('id')
          .where('committee_kind', '=', c.kind)
          .where('committee_id', '=', c.id)
          .where('year', '=', reportYear)
          .executeTakeFirst();
        if (done) continue;
        const to = await keepers(t, c.estate_id, c.kind, c.id);
        reminded++;
        sent.push(
          ...(await notify(t as unknown as Db, to, {
            title: `请提交${reportYear}年度述职报告`,
            body: `${c.estate.replace(/（演示）$/, '')}${COMMITTEE_KIND_LABEL[c.kind]}应于本月向业主代表述职并提交述职报告，开启业主评议（R36）。`,
            link: `/committees/${c.kind}/${c.id}`,
          })),
        );
      }
      await recordAudit(
        t,
        { db, ...SYSTEM },
        {
          action: 'committee.reportReminder',
          entityType: 'street',
          entityId: s.id,
          nodeId: s.id,
          after: { year: reportYear, month: reportMonth, committees: due.rows.length },
        },
      );
      return { sent, reminded };
    });
    await sendOutbound(channel, out.sent);
    n += out.reminded;
  }
  return n;
}
