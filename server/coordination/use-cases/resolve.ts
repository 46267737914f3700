import type { z } from 'zod';
import { meetingRefusal } from '../../../core/coordination.js';
import { recordAudit } from '../../audit/record.js';
import { loadCalendar } from '../../calendar/store.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { notify } from '../../notifications/notify.js';
import { loadMeeting } from '../access.js';
import { memberAccounts } from '../queries.js';
import type { resolutionBody } from '../schema.js';
import { ctrx } from '../tables.js';

/**
 * A resolution of a held meeting, and the tasks it gives: each to a member organisation (and a person
 * there), due a number of working days after the meeting (the working-day calendar, 调休 included).
 * A task may carry on an overdue one from the agenda (转交): the old one is marked transferred, the
 * new one keeps its origin. Those who carry out each task are told (in the app; by SMS after the commit).
 */
export async function addResolution(
  ctx: ActionContext & { actor: CurrentUser },
  meetingId: number,
  input: z.output<typeof resolutionBody>,
) {
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (t) => {
    const trx = ctrx(t);
    const { meeting, body } = await loadMeeting(t, ctx.actor, meetingId, 'coordination.manage');
    await trx.selectFrom('coordination_meeting').select('id').where('id', '=', meeting.id).forUpdate().execute();
    const why = meetingRefusal('resolve', meeting.state);
    if (why) throw conflict(why);
    const agenda = await trx.selectFrom('coordination_agenda').selectAll().where('meeting_id', '=', meeting.id).execute();
    if (input.agendaId != null && !agenda.some((a) => a.id === input.agendaId)) throw badRequest('所选议题不是本次会议的议题', 'agendaId');
    const members = await trx.selectFrom('coordination_member').selectAll().where('body_id', '=', body.id).execute();
    for (const [i, task] of input.tasks.entries()) {
      const m = members.find((x) => x.id === task.memberId);
      if (!m || !m.active) throw badRequest('承办单位不是本机制的成员单位', `tasks.${i}.memberId`);
      if (task.originTaskId != null && !agenda.some((a) => a.source === 'overdueTask' && a.source_id === task.originTaskId))
        throw badRequest('只能转交本次会议议题中的逾期任务', `tasks.${i}.originTaskId`);
    }
    const last = await trx
      .selectFrom('coordination_resolution')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('meeting_id', '=', meeting.id)
      .executeTakeFirst();
    const resolution = await trx
      .insertInto('coordination_resolution')
      .values({
        meeting_id: meeting.id,
        text: input.text,
        agenda_id: input.agendaId ?? null,
        position: Number(last?.p ?? -1) + 1,
        created_by: ctx.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const tasks = [];
    for (const task of input.tasks) {
      if (task.originTaskId != null) {
        const moved = await trx
          .updateTable('coordination_task')
          .set({ state: 'transferred' })
          .where('id', '=', task.originTaskId)
          .where('state', '=', 'open')
          .returning('id')
          .executeTakeFirst();
        if (!moved) throw conflict('原任务已办结或已转交，不能再转交');
      }
      const due = calendar.addWorkdays(meeting.held_on, task.dueWorkdays);
      tasks.push(
        await trx
          .insertInto('coordination_task')
          .values({
            resolution_id: resolution.id,
            member_id: task.memberId,
            assignee: task.assignee ?? null,
            title: task.title,
            due_workdays: task.dueWorkdays,
            due_on: due.date,
            calendar_complete: due.calendarComplete,
            origin_task_id: task.originTaskId ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
    }
    await recordAudit(t, ctx, {
      action: 'coordination.resolve',
      entityType: 'coordination_meeting',
      entityId: meeting.id,
      nodeId: body.node_id,
      after: { resolution, tasks },
    });
    const outbound = [];
    for (const task of tasks) {
      const to = await memberAccounts(t, task.member_id);
      outbound.push(
        ...(await notify(t, to, {
          title: '新的议事协调任务',
          body: `${meeting.title}交办：${task.title}，请于${task.due_on}前办结并报告。`,
          link: '/coordination?tab=tasks',
        })),
      );
    }
    return { resolutionId: resolution.id, outbound };
  });
}
