import { CASE_ACTIONS, refusal, type CaseAction } from '../../core/formation.js';
import type { WorkCalendar } from '../../core/workdays.js';
import { recordAudit } from '../audit/record.js';
import { requireAt } from '../access/scope.js';
import { loadCalendar } from '../calendar/store.js';
import { todayInChina } from '../clock.js';
import { inTransaction, type Trx } from '../db/transaction.js';
import type { ActionContext, CurrentUser } from '../http/context.js';
import { conflict } from '../http/errors.js';
import { caseFacts, loadCaseRow, type CaseRow } from './case-facts.js';

export interface StepContext {
  trx: Trx;
  c: CaseRow;
  today: string;
  calendar: WorkCalendar;
}

/**
 * Runs one step of a formation case the same way every time: lock the case, check the caller's
 * permission at the estate (404/403), ask the state machine (core/formation.ts) whether the step
 * may run now — refused with the rule cited, nothing changed — then do the step's work, move the
 * state and write the audit entry, all in one transaction.
 */
export async function runStep<T>(
  ctx: ActionContext & { actor: CurrentUser },
  caseId: number,
  action: CaseAction,
  work: (s: StepContext) => Promise<T>,
  auditAfter?: (result: T) => unknown,
): Promise<T> {
  const calendar = await loadCalendar(ctx.db);
  const today = todayInChina();
  const rule = CASE_ACTIONS[action];
  return inTransaction(ctx.db, async (trx) => {
    const c = await loadCaseRow(trx, caseId, true);
    await requireAt(trx, ctx.actor, c.estate_id, rule.permission, 'governance.read', '组建案件');
    const why = refusal(action, await caseFacts(trx, c, today));
    if (why) throw conflict(why);
    const result = await work({ trx, c, today, calendar });
    if (rule.to && rule.to !== c.state)
      await trx.updateTable('formation_case').set({ state: rule.to, updated_at: new Date() }).where('id', '=', c.id).execute();
    else await trx.updateTable('formation_case').set({ updated_at: new Date() }).where('id', '=', c.id).execute();
    await recordAudit(trx, ctx, {
      action: `formation.${action}`,
      entityType: 'formation_case',
      entityId: c.id,
      nodeId: c.estate_id,
      before: { state: c.state },
      after: { state: rule.to ?? c.state, ...(auditAfter ? { detail: auditAfter(result) } : {}) },
    });
    return result;
  });
}
