import { formatDateZh } from '../../core/dates.js';
import { dayIndex } from '../../core/workdays.js';
import { todayInChina } from '../clock.js';
import type { Trx } from '../db/transaction.js';
import { ownersUnder, tellOwners } from './tell-owners.js';

/** Notices older than this when recorded (补录 of paper history, the demo's past) tell nobody. */
const RECENT_DAYS = 7;

/**
 * Issue 19: a notice published on an estate's board — of the estate, its community or its street,
 * the nodes the public board shows — is told to the owners of the estates it reaches, once.
 */
export async function tellOwnersOfNotice(trx: Trx, n: { id: number; node_id: number; title: string; publish_date: string | null }) {
  if (!n.publish_date || dayIndex(n.publish_date) < dayIndex(todayInChina()) - RECENT_DAYS) return 0;
  const node = await trx.selectFrom('org_node').select(['kind', 'name']).where('id', '=', n.node_id).executeTakeFirst();
  if (!node || !['estate', 'community', 'street'].includes(node.kind)) return 0;
  return tellOwners(trx, ownersUnder(n.node_id), {
    event: 'notice.published',
    once: `notice:${n.id}`,
    title: `新公告：${n.title}`,
    body: `${node.name.replace(/（演示）$/, '')}于${formatDateZh(n.publish_date)}发布公告「${n.title}」，请打开本小区公告栏查看。`,
    link: node.kind === 'estate' ? `/public/estates/${n.node_id}#notice-${n.id}` : '/home',
  });
}
