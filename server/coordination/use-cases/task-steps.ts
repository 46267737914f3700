import crypto from 'node:crypto';
import type { z } from 'zod';
import { TASK_NEXT, taskRefusal, type TaskAction } from '../../../core/coordination.js';
import { recordAudit } from '../../audit/record.js';
import { inTransaction, type Trx } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { conflict, forbidden } from '../../http/errors.js';
import { notify } from '../../notifications/notify.js';
import { readUpload } from '../../notices/use-cases/attach-file.js';
import { loadTask } from '../access.js';
import { memberAccounts } from '../queries.js';
import type { finishBody, noteBody, reopenBody } from '../schema.js';
import { ctrx } from '../tables.js';

type Ctx = ActionContext & { actor: CurrentUser };

/**
 * Each step's audit code, spelled out so the compiler holds every one to core/audit-actions.ts
 * (a transfer is recorded with the resolution that carries the task on, server/coordination/use-cases/resolve.ts).
 */
const TASK_AUDIT = {
  note: 'task.note',
  finish: 'task.finish',
  confirm: 'task.confirm',
  reopen: 'task.reopen',
} as const satisfies Record<Exclude<TaskAction, 'transfer'>, string>;
type Loaded = Awaited<ReturnType<typeof loadTask>>;

/**
 * One step of a task, the same way every time (core/coordination.ts TASK_TRANSITIONS): load it within
 * the caller's reach (404), check who may take the step — the organisation carrying it out notes
 * progress and reports it done; only the meeting's convenor confirms or sends it back — and whether
 * the state allows it (409, the refusal in Chinese), then the work, the new state and the audit entry
 * in one transaction. Returns who to tell outside the app.
 */
async function step(
  ctx: Ctx,
  taskId: number,
  action: keyof typeof TASK_AUDIT,
  work: (trx: Trx, loaded: Loaded) => Promise<Record<string, unknown>>,
  tell?: (trx: Trx, loaded: Loaded) => Promise<number[]> | number[],
  message?: (loaded: Loaded) => { title: string; body: string },
) {
  return inTransaction(ctx.db, async (t) => {
    const trx = ctrx(t);
    const loaded = await loadTask(t, ctx.actor, taskId);
    await trx.selectFrom('coordination_task').select('id').where('id', '=', taskId).forUpdate().execute();
    const { task } = loaded;
    const convenorOnly = action === 'confirm' || action === 'reopen';
    if (convenorOnly && !loaded.convenes) throw forbidden('只有交办该任务的会议召集人可以确认办结或退回');
    if (!convenorOnly && !loaded.acts) throw forbidden('只有承办单位可以登记进展和报告办结');
    const why = taskRefusal(action, task.state);
    if (why) throw conflict(why);
    const detail = await work(t, loaded);
    const next = TASK_NEXT[action];
    if (next) await trx.updateTable('coordination_task').set({ state: next }).where('id', '=', taskId).execute();
    await recordAudit(t, ctx, {
      action: TASK_AUDIT[action],
      entityType: 'coordination_task',
      entityId: taskId,
      nodeId: task.body_node_id,
      before: { state: task.state },
      after: { state: next ?? task.state, ...detail },
    });
    if (!tell || !message) return [];
    return notify(t, await tell(t, loaded), { ...message(loaded), link: '/coordination?tab=tasks' });
  });
}

export const noteTask = (ctx: Ctx, taskId: number, input: z.output<typeof noteBody>) =>
  step(ctx, taskId, 'note', async (t, { task }) => {
    await ctrx(t).insertInto('coordination_task_note').values({ task_id: task.id, note: input.note, created_by: ctx.actor.id }).execute();
    return { note: input.note };
  });

/** Reported done with what shows it (a photo, a document); the convenor is told to confirm. */
export function finishTask(ctx: Ctx, taskId: number, input: z.output<typeof finishBody>) {
  const content = readUpload(input.evidence, '办结证明材料', 'evidence', ['application/pdf', 'image/jpeg', 'image/png']);
  return step(
    ctx,
    taskId,
    'finish',
    async (t, { task }) => {
      const trx = ctrx(t);
      const file = await trx
        .insertInto('coordination_file')
        .values({
          meeting_id: task.meeting_id,
          file_name: input.evidence.fileName,
          content_type: input.evidence.contentType,
          size: content.length,
          sha256: crypto.createHash('sha256').update(content).digest('hex'),
          content,
          created_by: ctx.actor.id,
        })
        .returning(['id', 'sha256'])
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('coordination_task')
        .set({ done_note: input.note, evidence_file_id: file.id, done_at: new Date() })
        .where('id', '=', task.id)
        .execute();
      return { note: input.note, evidence: file };
    },
    (_t, { task }) => (task.convenor_account_id ? [task.convenor_account_id] : []),
    ({ task }) => ({ title: '议事协调任务已报告办结', body: `${task.organisation}报告已办结：${task.title}，请确认。` }),
  );
}

export const confirmTask = (ctx: Ctx, taskId: number) =>
  step(
    ctx,
    taskId,
    'confirm',
    async (t, { task }) => {
      await ctrx(t)
        .updateTable('coordination_task')
        .set({ confirmed_by: ctx.actor.id, confirmed_at: new Date() })
        .where('id', '=', task.id)
        .execute();
      return {};
    },
    (t, { task }) => memberAccounts(t, task.member_id),
    ({ task }) => ({ title: '议事协调任务已确认办结', body: `${task.title}：召集人已确认办结。` }),
  );

/** Sent back by the convenor with the reason: the task is open again, its deadline unchanged. */
export const reopenTask = (ctx: Ctx, taskId: number, input: z.output<typeof reopenBody>) =>
  step(
    ctx,
    taskId,
    'reopen',
    async (t, { task }) => {
      await ctrx(t)
        .insertInto('coordination_task_note')
        .values({ task_id: task.id, note: `召集人退回：${input.reason}`, created_by: ctx.actor.id })
        .execute();
      await ctrx(t).updateTable('coordination_task').set({ done_at: null }).where('id', '=', task.id).execute();
      return { reason: input.reason };
    },
    (t, { task }) => memberAccounts(t, task.member_id),
    ({ task }) => ({ title: '议事协调任务被退回', body: `${task.title}：召集人退回，理由：${input.reason}` }),
  );
