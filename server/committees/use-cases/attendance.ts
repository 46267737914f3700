import type { z } from 'zod';
import { MEETING_REFUSAL, meetingNext, quorum } from '../../../core/committee.js';
import { recordAudit } from '../../audit/record.js';
import { todayInChina } from '../../clock.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { loadMeeting } from '../access.js';
import { asRoster, rosterOf, settingsFor } from '../queries.js';
import type { attendanceBody, holdBody } from '../schema.js';
import { ktrx } from '../tables.js';

type Ctx = ActionContext & { actor: CurrentUser };

/**
 * Who attends (in person or online), replacing the list: a suspended member cannot attend (R35) and
 * an owner representative sends no proxy (R32). Recorded on the day, by the director or staff; the
 * page shows the quorum live.
 */
export async function recordAttendance(ctx: Ctx, meetingId: number, input: z.output<typeof attendanceBody>) {
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const { meeting, committee } = await loadMeeting(t, ctx.actor, meetingId, 'manage');
    if (meeting.state === 'cancelled') throw conflict('会议已取消');
    if (meeting.state === 'held') throw conflict('会议已登记召开，出席情况不能再改');
    if (meeting.held_on > todayInChina()) throw badRequest('会议尚未到召开日期，不能登记出席');
    const roster = await rosterOf(t, meeting.committee_kind, meeting.committee_id);
    const seen = new Set<number>();
    for (const [i, a] of input.attendance.entries()) {
      const m = roster.find((r) => r.id === a.memberId);
      if (!m) throw badRequest('出席人员中有不是本委员会在任委员的人', `attendance.${i}.memberId`);
      if (seen.has(m.id)) throw badRequest(`${m.name}重复登记`, `attendance.${i}.memberId`);
      seen.add(m.id);
      if (m.suspended) throw badRequest(`${m.name}已于${m.suspendedOn}起被暂停履行职责，不能出席会议（R35）`, `attendance.${i}.memberId`);
      if (a.proxy && m.ownerRepresentative)
        throw badRequest(`${m.name}是业主代表委员，不得委托他人代为出席，应本人出席（R32）`, `attendance.${i}.proxy`);
    }
    await trx.deleteFrom('committee_attendance').where('meeting_id', '=', meeting.id).execute();
    if (input.attendance.length)
      await trx
        .insertInto('committee_attendance')
        .values(
          input.attendance.map((a) => ({
            meeting_id: meeting.id,
            member_id: a.memberId,
            mode: a.mode,
            proxy: a.proxy ?? null,
            recorded_by: ctx.actor.id,
          })),
        )
        .execute();
    const s = await settingsFor(t, committee.estateId);
    const q = quorum(asRoster(roster), seen, s);
    await recordAudit(t, ctx, {
      action: 'committee.attendance',
      entityType: 'committee_meeting',
      entityId: meeting.id,
      nodeId: committee.estateId,
      after: { attendance: input.attendance, quorum: q },
    });
    return q;
  });
}

/** The meeting took place: its minutes are entered. A meeting that was not quorate is recorded as such and adopts nothing. */
export async function holdMeeting(ctx: Ctx, meetingId: number, input: z.output<typeof holdBody>) {
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const { meeting, committee } = await loadMeeting(t, ctx.actor, meetingId, 'manage');
    const next = meetingNext(meeting.state, 'hold');
    if (!next) throw conflict(MEETING_REFUSAL[meeting.state].hold);
    if (meeting.held_on > todayInChina()) throw badRequest('会议尚未到召开日期');
    await trx
      .updateTable('committee_meeting')
      .set({ state: next, minutes: input.minutes, recorded_at: new Date() })
      .where('id', '=', meeting.id)
      .execute();
    await recordAudit(t, ctx, {
      action: 'committee.hold',
      entityType: 'committee_meeting',
      entityId: meeting.id,
      nodeId: committee.estateId,
      before: { state: meeting.state },
      after: { state: next, minutes: input.minutes },
    });
  });
}
