import crypto from 'node:crypto';
import type { z } from 'zod';
import { meetingRefusal } from '../../../core/coordination.js';
import { recordAudit } from '../../audit/record.js';
import { todayInChina } from '../../clock.js';
import { formatDateZh } from '../../../core/dates.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { readUpload } from '../../notices/use-cases/attach-file.js';
import { loadMeeting } from '../access.js';
import type { attachBody, recordBody } from '../schema.js';
import { ctrx } from '../tables.js';

type Ctx = ActionContext & { actor: CurrentUser };

/**
 * Records that the meeting was held: who came for each member organisation, and the minutes. Not
 * before the day it is held; again later to correct them (the audit keeps every version).
 */
export async function recordMeeting(ctx: Ctx, meetingId: number, input: z.output<typeof recordBody>) {
  return inTransaction(ctx.db, async (t) => {
    const trx = ctrx(t);
    const { meeting, body } = await loadMeeting(t, ctx.actor, meetingId, 'coordination.manage');
    await trx.selectFrom('coordination_meeting').select('id').where('id', '=', meeting.id).forUpdate().execute();
    const why = meetingRefusal('record', meeting.state);
    if (why) throw conflict(why);
    const today = todayInChina();
    if (meeting.held_on > today) throw conflict(`会议定于${formatDateZh(meeting.held_on)}召开，召开后才能登记出席情况和纪要`);
    const members = await trx.selectFrom('coordination_member').select('id').where('body_id', '=', body.id).execute();
    const ids = new Set(members.map((m) => m.id));
    for (const [i, a] of input.attendance.entries())
      if (!ids.has(a.memberId)) throw badRequest('出席单位不是本机制的成员单位', `attendance.${i}.memberId`);
    if (new Set(input.attendance.map((a) => a.memberId)).size !== input.attendance.length)
      throw badRequest('同一成员单位重复登记', 'attendance');
    if (!input.attendance.some((a) => a.present)) throw badRequest('请登记出席会议的成员单位', 'attendance');
    const before = {
      meeting,
      attendance: await trx.selectFrom('coordination_attendance').selectAll().where('meeting_id', '=', meeting.id).execute(),
    };
    await trx.deleteFrom('coordination_attendance').where('meeting_id', '=', meeting.id).execute();
    await trx
      .insertInto('coordination_attendance')
      .values(
        input.attendance.map((a) => ({ meeting_id: meeting.id, member_id: a.memberId, present: a.present, attendee: a.attendee ?? null })),
      )
      .execute();
    const after = await trx
      .updateTable('coordination_meeting')
      .set({ state: 'held', minutes: input.minutes, recorded_at: new Date() })
      .where('id', '=', meeting.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(t, ctx, {
      action: 'coordination.recordMeeting',
      entityType: 'coordination_meeting',
      entityId: meeting.id,
      nodeId: body.node_id,
      before,
      after: { meeting: after, attendance: input.attendance },
    });
  });
}

/** A file of the meeting (sign-in sheet, photos, materials), checked by content. */
export async function attachMeetingFile(ctx: Ctx, meetingId: number, input: z.output<typeof attachBody>) {
  const content = readUpload(input, '会议附件', null);
  return inTransaction(ctx.db, async (t) => {
    const trx = ctrx(t);
    const { meeting, body } = await loadMeeting(t, ctx.actor, meetingId, 'coordination.manage');
    const row = await trx
      .insertInto('coordination_file')
      .values({
        meeting_id: meeting.id,
        file_name: input.fileName,
        content_type: input.contentType,
        size: content.length,
        sha256: crypto.createHash('sha256').update(content).digest('hex'),
        content,
        created_by: ctx.actor.id,
      })
      .returning(['id', 'file_name', 'content_type', 'size', 'sha256'])
      .executeTakeFirstOrThrow();
    await recordAudit(t, ctx, {
      action: 'coordination.attach',
      entityType: 'coordination_meeting',
      entityId: meeting.id,
      nodeId: body.node_id,
      after: row,
    });
    return row.id;
  });
}
