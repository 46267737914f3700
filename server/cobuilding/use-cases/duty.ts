import { sql } from 'kysely';
import { recordAudit } from '../../audit/record.js';
import type { Db } from '../../db/connect.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import type { OutboundChannel } from '../../notifications/channel.js';
import { notify, sendOutbound } from '../../notifications/notify.js';
import { nowInstant } from '../../tickets/clock.js';
import { roleHoldersAbove } from '../../tickets/scope.js';
import { sdb, strx, type DutyKind } from '../../tickets/tables.js';
import { requireNode } from '../scope.js';

/** Check-in opens this long before a duty starts; a duty nobody checked in for this long after its start is missed. */
export const CHECK_IN_EARLY_MINUTES = 30;
export const MISSED_AFTER_MINUTES = 30;
const MIN = 60_000;

export interface DutyInput {
  startsAt: string;
  endsAt: string;
  dutyKind: DutyKind;
  personId?: number | null;
  accountId?: number | null;
}

/**
 * Puts someone on the roster of a station (坐班值班): a grid worker or property staff by their
 * account, a party member or volunteer by their entry in the registry (they check in with the owner
 * account bound to it). At most 12 hours; not in the past.
 */
export async function scheduleDuty(ctx: ActionContext & { actor: CurrentUser }, stationId: number, input: DutyInput, now = nowInstant()) {
  const st = await sdb(ctx.db).selectFrom('station').selectAll().where('id', '=', stationId).executeTakeFirst();
  if (!st) throw notFound('服务站点');
  await requireNode(ctx.db, ctx.actor, st.node_id, 'service.manage', ['grid', 'estate'], '服务站点');
  if (!st.active) throw conflict('该服务站点已停用，不能排班；如已恢复开放，请先在站点中重新启用');
  const starts = new Date(input.startsAt);
  const ends = new Date(input.endsAt);
  if (Number.isNaN(starts.getTime()) || Number.isNaN(ends.getTime())) throw badRequest('值班时间格式不正确', 'startsAt');
  if (ends <= starts) throw badRequest('值班结束时间须晚于开始时间', 'endsAt');
  if (ends.getTime() - starts.getTime() > 12 * 60 * MIN) throw badRequest('一次值班不能超过 12 小时', 'endsAt');
  if (ends <= now) throw badRequest('不能为已经结束的时段排班', 'endsAt');
  if (!input.personId && !input.accountId) throw badRequest('请选择值班人员', 'personId');
  let name: string;
  if (input.personId) {
    const street = await ctx.db
      .selectFrom('org_closure as c')
      .innerJoin('org_node as n', 'n.id', 'c.ancestor_id')
      .select('n.id')
      .where('c.descendant_id', '=', st.community_id)
      .where('n.kind', '=', 'street')
      .executeTakeFirstOrThrow();
    const p = await ctx.db.selectFrom('person').select(['name', 'street_id']).where('id', '=', input.personId).executeTakeFirst();
    if (!p || p.street_id !== street.id) throw badRequest('所选人员不在本街道人员名册中', 'personId');
    name = p.name;
  } else {
    const a = (await rosterableAccounts(ctx.db, st.community_id)).find((x) => x.id === input.accountId);
    if (!a)
      throw badRequest(
        '所选账号不能在本站点值班：只能安排本社区的网格员、社区工作人员或服务本社区小区的物业人员（账号须未停用）',
        'accountId',
      );
    name = a.name;
  }
  return inTransaction(ctx.db, async (trx) => {
    const row = await strx(trx)
      .insertInto('duty_shift')
      .values({
        station_id: stationId,
        starts_at: starts,
        ends_at: ends,
        duty_kind: input.dutyKind,
        person_id: input.personId ?? null,
        account_id: input.personId ? null : (input.accountId ?? null),
        name,
        created_by: ctx.actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'duty.create',
      entityType: 'duty_shift',
      entityId: row.id,
      nodeId: st.node_id,
      after: { ...input, name },
    });
    return row;
  });
}

const ROSTER_ROLE_LABEL = { gridWorker: '网格员', communityStaff: '社区工作人员', propertyStaff: '物业人员' } as const;

/**
 * The staff accounts that may be put on a station's roster (坐班值班): the grid workers and community
 * staff of the station's community (their role sits at the community or one of its grids), and the
 * property staff of a company serving an estate of that community. Nobody from another community or
 * street, no owner account, no disabled account — a roster names people who answer for the place.
 */
export async function rosterableAccounts(db: Db, communityId: number) {
  const rows = await db
    .selectFrom('role_assignment as ra')
    .innerJoin('account as a', 'a.id', 'ra.account_id')
    .select(['a.id', 'a.display_name', 'ra.role'])
    .where('a.disabled', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('ra.role', 'in', ['gridWorker', 'communityStaff']),
          eb.exists(
            eb
              .selectFrom('org_closure as c')
              .select('c.depth')
              .whereRef('c.descendant_id', '=', 'ra.node_id')
              .where('c.ancestor_id', '=', communityId),
          ),
        ]),
        eb.and([
          eb('ra.role', '=', 'propertyStaff'),
          eb.exists(
            eb
              .selectFrom('company_estate as ce')
              .innerJoin('org_closure as c', 'c.descendant_id', 'ce.estate_id')
              .select('c.depth')
              .whereRef('ce.company_id', '=', 'ra.node_id')
              .where('c.ancestor_id', '=', communityId),
          ),
        ]),
      ]),
    )
    .orderBy('ra.role')
    .orderBy('a.display_name')
    .execute();
  const seen = new Map<number, { id: number; name: string; roleLabel: string; dutyKind: 'gridWorker' | 'propertyStaff' }>();
  for (const r of rows) {
    const role = r.role as keyof typeof ROSTER_ROLE_LABEL;
    if (!seen.has(r.id))
      seen.set(r.id, {
        id: r.id,
        name: r.display_name,
        roleLabel: ROSTER_ROLE_LABEL[role],
        dutyKind: role === 'propertyStaff' ? 'propertyStaff' : 'gridWorker',
      });
  }
  return [...seen.values()];
}

/** For the roster form: who of the staff may be put on duty at this station. */
export async function listRosterable(db: Db, user: CurrentUser, stationId: number) {
  const st = await sdb(db).selectFrom('station').select(['node_id', 'community_id']).where('id', '=', stationId).executeTakeFirst();
  if (!st) throw notFound('服务站点');
  await requireNode(db, user, st.node_id, 'service.manage', ['grid', 'estate'], '服务站点');
  return { accounts: await rosterableAccounts(db, st.community_id) };
}

export async function deleteDuty(ctx: ActionContext & { actor: CurrentUser }, shiftId: number) {
  const d = await sdb(ctx.db)
    .selectFrom('duty_shift as d')
    .innerJoin('station as s', 's.id', 'd.station_id')
    .selectAll('d')
    .select('s.node_id')
    .where('d.id', '=', shiftId)
    .executeTakeFirst();
  if (!d) throw notFound('排班');
  await requireNode(ctx.db, ctx.actor, d.node_id, 'service.manage', ['grid', 'estate'], '排班');
  if (d.checked_in_at) throw conflict('已签到的值班不能删除');
  await inTransaction(ctx.db, async (trx) => {
    await strx(trx).deleteFrom('duty_shift').where('id', '=', shiftId).execute();
    await recordAudit(trx, ctx, { action: 'duty.delete', entityType: 'duty_shift', entityId: shiftId, nodeId: d.node_id, before: d });
  });
}

/** The duties that are the caller's: by their account, or by the registry person their owner account is bound to. */
export const mine = (user: CurrentUser) =>
  sql<boolean>`(d.account_id = ${user.id} or d.person_id in (select ob.person_id from owner_binding ob where ob.account_id = ${user.id}))`;

/** Check-in and check-out on the phone: only the person on duty, check-in from half an hour before the start to the end. */
export async function checkDuty(ctx: ActionContext & { actor: CurrentUser }, shiftId: number, step: 'in' | 'out', now = nowInstant()) {
  return inTransaction(ctx.db, async (trx) => {
    const d = await sdb(trx)
      .selectFrom('duty_shift as d')
      .innerJoin('station as s', 's.id', 'd.station_id')
      .selectAll('d')
      .select('s.node_id')
      .where('d.id', '=', shiftId)
      .where(mine(ctx.actor))
      .forUpdate()
      .executeTakeFirst();
    if (!d) throw notFound('值班');
    if (step === 'in') {
      if (d.checked_in_at) throw conflict('已经签到');
      if (now.getTime() < new Date(d.starts_at).getTime() - CHECK_IN_EARLY_MINUTES * MIN)
        throw conflict(`值班开始前 ${CHECK_IN_EARLY_MINUTES} 分钟内才能签到`);
      if (now >= new Date(d.ends_at)) throw conflict('值班时段已结束，不能再签到');
      await strx(trx).updateTable('duty_shift').set({ checked_in_at: now }).where('id', '=', shiftId).execute();
    } else {
      if (!d.checked_in_at) throw conflict('尚未签到，不能签退');
      if (d.checked_out_at) throw conflict('已经签退');
      await strx(trx).updateTable('duty_shift').set({ checked_out_at: now }).where('id', '=', shiftId).execute();
    }
    await recordAudit(trx, ctx, {
      action: step === 'in' ? 'duty.checkIn' : 'duty.checkOut',
      entityType: 'duty_shift',
      entityId: shiftId,
      nodeId: d.node_id,
      after: { at: now.toISOString() },
    });
  });
}

/**
 * The missed-duty job: a duty nobody checked in for by half an hour after its start is flagged to the
 * community's staff once (in-app and outbound), with an audit entry. Idempotent.
 */
export async function flagMissedDuties(db: Db, now: Date, channel: OutboundChannel): Promise<{ flagged: number }> {
  const late = await sdb(db)
    .selectFrom('duty_shift as d')
    .innerJoin('station as s', 's.id', 'd.station_id')
    .select(['d.id', 'd.name', 'd.starts_at', 's.name as station', 's.community_id', 's.node_id'])
    .where('d.checked_in_at', 'is', null)
    .where('d.missed_flagged_at', 'is', null)
    .where('d.starts_at', '<=', new Date(now.getTime() - MISSED_AFTER_MINUTES * MIN))
    .orderBy('d.id')
    .limit(1000)
    .execute();
  let flagged = 0;
  for (const d of late) {
    const out = await inTransaction(db, async (trx) => {
      const row = await sdb(trx)
        .selectFrom('duty_shift')
        .select(['missed_flagged_at', 'checked_in_at'])
        .where('id', '=', d.id)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row || row.missed_flagged_at || row.checked_in_at) return [];
      await strx(trx).updateTable('duty_shift').set({ missed_flagged_at: now }).where('id', '=', d.id).execute();
      await recordAudit(
        trx,
        { db: trx, actor: null, requestId: null, ip: null },
        { action: 'duty.missed', entityType: 'duty_shift', entityId: d.id, nodeId: d.node_id, after: { name: d.name } },
      );
      flagged++;
      const when = new Date(new Date(d.starts_at).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
      return notify(trx, await roleHoldersAbove(trx, d.community_id, 'communityStaff'), {
        title: '值班缺岗',
        body: `${d.station}${when}的值班（${d.name}）开始 ${MISSED_AFTER_MINUTES} 分钟后仍未签到，请核实并安排补岗。`,
        link: '/stations',
      });
    });
    await sendOutbound(channel, out);
  }
  return { flagged };
}
