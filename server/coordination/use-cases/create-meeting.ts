import type { z } from 'zod';
import { todayInChina } from '../../clock.js';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { loadBody } from '../access.js';
import { overdueTasksUnder } from '../queries.js';
import type { createMeetingBody } from '../schema.js';
import { ctrx } from '../tables.js';

/**
 * A meeting of a body, convened by the caller. Every task still open past its deadline in the body's
 * reach — the body's own, and for the street's 联席会议 those of its communities' 四位一体 meetings —
 * goes on its agenda at once (issue 17: overdue tasks go on the next meeting's agenda automatically).
 */
export async function createMeeting(ctx: ActionContext & { actor: CurrentUser }, input: z.output<typeof createMeetingBody>) {
  return inTransaction(ctx.db, async (t) => {
    const trx = ctrx(t);
    const { body } = await loadBody(t, ctx.actor, input.bodyId, 'coordination.manage');
    const meeting = await trx
      .insertInto('coordination_meeting')
      .values({
        body_id: body.id,
        title: input.title,
        held_on: input.heldOn,
        location: input.location ?? null,
        convenor_account_id: ctx.actor.id,
        created_by: ctx.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const overdue = await overdueTasksUnder(t, body.node_id, todayInChina());
    if (overdue.length)
      await trx
        .insertInto('coordination_agenda')
        .values(
          overdue.map((o, i) => ({
            meeting_id: meeting.id,
            source: 'overdueTask' as const,
            source_id: o.id,
            estate_id: null,
            title: `逾期任务：${o.title}（${o.organisation}，期限${o.due_on}）`,
            note: `来自${o.meeting_title}`,
            position: i,
          })),
        )
        .execute();
    await recordAudit(t, ctx, {
      action: 'coordination.createMeeting',
      entityType: 'coordination_meeting',
      entityId: meeting.id,
      nodeId: body.node_id,
      after: { ...meeting, overdueTasks: overdue.map((o) => o.id) },
    });
    return meeting.id;
  });
}
