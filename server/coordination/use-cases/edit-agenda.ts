import type { z } from 'zod';
import { meetingRefusal } from '../../../core/coordination.js';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { loadMeeting } from '../access.js';
import { agendaCandidates } from '../queries.js';
import type { agendaBody } from '../schema.js';
import { ctrx } from '../tables.js';

type Ctx = ActionContext & { actor: CurrentUser };

/**
 * Puts an item on a planned meeting's agenda: picked from what the platform knows (an overdue task,
 * a registered dispute, an estate behind the plan, a registry flag…) — only an item the candidate
 * lists offer, so nobody puts another street's dispute on the table — or typed.
 */
export async function addAgendaItem(ctx: Ctx, meetingId: number, input: z.output<typeof agendaBody>) {
  return inTransaction(ctx.db, async (t) => {
    const trx = ctrx(t);
    const { meeting, body } = await loadMeeting(t, ctx.actor, meetingId, 'coordination.manage');
    await trx.selectFrom('coordination_meeting').select('id').where('id', '=', meeting.id).forUpdate().execute();
    const why = meetingRefusal('editAgenda', meeting.state);
    if (why) throw conflict(why);
    let estateId = input.estateId ?? null;
    if (input.source !== 'typed') {
      if (input.sourceId == null) throw badRequest('请从清单中选择议题', 'sourceId');
      const offered = (await agendaCandidates(t, ctx.actor, meeting.id, input.source)).find(
        (c) => c.source === input.source && c.sourceId === input.sourceId,
      );
      if (!offered) throw badRequest('所选事项不在本会议可列入的清单中（可能已列入或不在本机制范围内）', 'sourceId');
      estateId = offered.estateId;
    } else if (estateId != null) {
      const e = await trx
        .selectFrom('org_closure')
        .select('descendant_id')
        .where('ancestor_id', '=', body.node_id)
        .where('descendant_id', '=', estateId)
        .executeTakeFirst();
      if (!e) throw badRequest('所选小区不在本机制范围内', 'estateId');
    }
    const last = await trx
      .selectFrom('coordination_agenda')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('meeting_id', '=', meeting.id)
      .executeTakeFirst();
    const item = await trx
      .insertInto('coordination_agenda')
      .values({
        meeting_id: meeting.id,
        source: input.source,
        source_id: input.source === 'typed' ? null : input.sourceId!,
        estate_id: estateId,
        title: input.title,
        note: input.note ?? null,
        position: Number(last?.p ?? -1) + 1,
        added_by: ctx.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(t, ctx, {
      action: 'coordination.addAgenda',
      entityType: 'coordination_meeting',
      entityId: meeting.id,
      nodeId: body.node_id,
      after: item,
    });
    return item.id;
  });
}

export async function removeAgendaItem(ctx: Ctx, meetingId: number, itemId: number) {
  await inTransaction(ctx.db, async (t) => {
    const trx = ctrx(t);
    const { meeting, body } = await loadMeeting(t, ctx.actor, meetingId, 'coordination.manage');
    const why = meetingRefusal('editAgenda', meeting.state);
    if (why) throw conflict(why);
    const item = await trx
      .deleteFrom('coordination_agenda')
      .where('id', '=', itemId)
      .where('meeting_id', '=', meeting.id)
      .returningAll()
      .executeTakeFirst();
    if (!item) throw notFound('议题');
    await recordAudit(t, ctx, {
      action: 'coordination.removeAgenda',
      entityType: 'coordination_meeting',
      entityId: meeting.id,
      nodeId: body.node_id,
      before: item,
    });
  });
}
