import { ROLE_PERMISSIONS, type Role } from '../../core/access.js';
import { formatDateZh } from '../../core/dates.js';
import type { Db } from '../db/connect.js';
import { inTransaction } from '../db/transaction.js';
import { openAndFreeze, closeVoting } from '../decisions/use-cases/manage.js';
import { ddb } from '../decisions/tables.js';
import { AppError } from '../http/errors.js';
import type { OutboundChannel } from '../notifications/channel.js';
import { notify, sendOutbound } from '../notifications/notify.js';

const SYSTEM = { actor: null, requestId: null, ip: null };

/** Roles that organise an estate's decisions (decision.manage), held at the estate itself. */
const ORGANISER_ROLES = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes('decision.manage'));

/** Who hears about a scheduled step: whoever drafted the decision and the organisers posted at its estate. */
async function organisersOf(db: Db, d: { estate_id: number; created_by: number | null }): Promise<number[]> {
  const rows = await db
    .selectFrom('role_assignment')
    .select('account_id')
    .where('node_id', '=', d.estate_id)
    .where('role', 'in', ORGANISER_ROLES)
    .execute();
  return [...new Set([...(d.created_by ? [d.created_by] : []), ...rows.map((r) => r.account_id)])];
}

/** 409 from the guard: someone (an organiser, another instance) took the step already, or it is not due. */
const alreadyDone = (err: unknown) => err instanceof AppError && err.status === 409;

/**
 * The decisions' calendar, run hourly: voting opens by itself on the opening day of an announced
 * decision (the roll frozen as the organiser's "开始投票" does, R5) and closes by itself the day after
 * the last day of the period (R17); the organisers are told each time. Each step is the same use
 * case as the button, under the same row lock and guard, so running twice, or alongside an
 * organiser, does each step once.
 */
export async function runDecisionSchedule(db: Db, today: string, channel: OutboundChannel): Promise<{ opened: number; closed: number }> {
  const toOpen = await ddb(db)
    .selectFrom('decision')
    .select('id')
    .where('state', '=', 'announced')
    .where('opens_on', '<=', today)
    .orderBy('id')
    .limit(100)
    .execute();
  const toClose = await ddb(db)
    .selectFrom('decision')
    .select('id')
    .where('state', '=', 'voting')
    .where('closes_on', '<', today)
    .orderBy('id')
    .limit(100)
    .execute();
  let opened = 0;
  let closed = 0;
  for (const { id } of toOpen) {
    try {
      const r = await openAndFreeze({ db, ...SYSTEM }, id, today);
      opened++;
      await tell(db, channel, id, (d) => ({
        title: `表决已开始投票：${d.title}`,
        body: `「${d.title}」已按公告于${formatDateZh(d.opens_on!)}开始投票，业主名册已冻结：业主总人数${r.heads}人（R5）。投票至${formatDateZh(d.closes_on!)}截止。`,
      }));
    } catch (err) {
      if (!alreadyDone(err)) throw err;
    }
  }
  for (const { id } of toClose) {
    try {
      await closeVoting({ db, ...SYSTEM }, id, today);
      closed++;
      await tell(db, channel, id, (d) => ({
        title: `表决投票期已届满：${d.title}`,
        body: `「${d.title}」的投票期已于${formatDateZh(d.closes_on!)}届满，系统已截止投票。请录入尚未录入的纸质表决票并复核，在截止后3日内公布表决结果（R18）。`,
      }));
    } catch (err) {
      if (!alreadyDone(err)) throw err;
    }
  }
  return { opened, closed };
}

async function tell(
  db: Db,
  channel: OutboundChannel,
  id: number,
  message: (d: { title: string; opens_on: string | null; closes_on: string | null }) => { title: string; body: string },
) {
  const outbound = await inTransaction(db, async (trx) => {
    const d = await ddb(trx)
      .selectFrom('decision')
      .select(['title', 'estate_id', 'created_by', 'opens_on', 'closes_on'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return notify(trx, await organisersOf(trx, d), { ...message(d), link: `/decisions/${id}` });
  });
  await sendOutbound(channel, outbound);
}
