import { formatDateZh } from '../../core/dates.js';
import { recordAudit } from '../audit/record.js';
import type { Db } from '../db/connect.js';
import { inTransaction } from '../db/transaction.js';
import type { OutboundChannel } from '../notifications/channel.js';
import { notify, sendOutbound } from '../notifications/notify.js';

const SYSTEM = { actor: null, requestId: null, ip: null };

/**
 * Closes the publicity periods that have ended (end date before today): each is marked once, with
 * its audit entry, and whoever drafted it is told the next step may be taken.
 */
export async function closeEndedPeriods(db: Db, today: string, channel: OutboundChannel): Promise<number> {
  const due = await db
    .selectFrom('public_notice')
    .select(['id'])
    .where('status', '=', 'published')
    .where('end_date', '<', today)
    .where('period_closed_at', 'is', null)
    .orderBy('id')
    .limit(500)
    .execute();
  let closed = 0;
  for (const { id } of due) {
    const outbound = await inTransaction(db, async (trx) => {
      // Locked and re-checked: another instance may have closed it meanwhile.
      const n = await trx
        .selectFrom('public_notice')
        .selectAll()
        .where('id', '=', id)
        .where('period_closed_at', 'is', null)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!n) return null;
      await trx.updateTable('public_notice').set({ period_closed_at: new Date() }).where('id', '=', id).execute();
      await recordAudit(
        trx,
        { db: trx, ...SYSTEM },
        { action: 'notice.closePeriod', entityType: 'public_notice', entityId: id, nodeId: n.node_id, after: { endDate: n.end_date } },
      );
      closed++;
      return notify(trx, n.created_by ? [n.created_by] : [], {
        title: `公示期届满：${n.title}`,
        body: `「${n.title}」的公示期已于${formatDateZh(n.end_date!)}届满，可进行下一步工作。`,
        link: `/notices/${id}`,
      });
    });
    if (outbound) await sendOutbound(channel, outbound);
  }
  return closed;
}
