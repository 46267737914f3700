import type { Db } from '../db/connect.js';
import type { OutboundChannel } from './channel.js';

export interface NotificationInput {
  title: string;
  body: string;
  link?: string | null;
}

/** Writes in-app notifications inside the caller's transaction; returns who to reach outside the app. */
export async function notify(db: Db, accountIds: number[], n: NotificationInput) {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return [];
  await db
    .insertInto('notification')
    .values(ids.map((account_id) => ({ account_id, title: n.title, body: n.body, link: n.link ?? null })))
    .execute();
  const accounts = await db.selectFrom('account').select(['id', 'mobile']).where('id', 'in', ids).where('disabled', '=', false).execute();
  return accounts.map((a) => ({ accountId: a.id, mobile: a.mobile, title: n.title, body: n.body }));
}

/** Sends after the commit: a failing provider never undoes the change it reports. */
export async function sendOutbound(channel: OutboundChannel, messages: Awaited<ReturnType<typeof notify>>) {
  for (const m of messages) {
    try {
      await channel.send(m);
    } catch (err) {
      console.warn(`外发通知失败（${channel.name}）：${(err as Error).message}`);
    }
  }
}

/** The street admins whose scope covers a node: who answers for the street's deadlines. */
export async function streetAdminsOf(db: Db, nodeId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('role_assignment as ra')
    .innerJoin('org_closure as c', 'c.ancestor_id', 'ra.node_id')
    .select('ra.account_id')
    .where('c.descendant_id', '=', nodeId)
    .where('ra.role', '=', 'streetAdmin')
    .execute();
  return rows.map((r) => r.account_id);
}
