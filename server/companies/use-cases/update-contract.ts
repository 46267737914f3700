import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import { requireCompany } from '../access.js';
import type { updateContractBody } from '../schema.js';
import { syncServedEstates } from '../served-estates.js';
import { checkContractPeriod, checkProjectManager } from './contract-rules.js';

/** Ends a contract (or corrects its dates, manager, note); the served estates follow the dates. */
export async function updateContract(
  ctx: ActionContext & { actor: CurrentUser },
  companyId: number,
  contractId: number,
  input: z.output<typeof updateContractBody>,
) {
  return inTransaction(ctx.db, async (trx) => {
    await requireCompany(trx, ctx.actor, companyId, 'company.manage');
    const before = await trx
      .selectFrom('service_contract')
      .selectAll()
      .where('id', '=', contractId)
      .where('company_id', '=', companyId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('服务合同');
    await requireAt(trx, ctx.actor, before.estate_id, 'company.manage', 'org.read', '服务合同');
    const startedOn = input.startedOn ?? before.started_on;
    const endedOn = input.endedOn !== undefined ? input.endedOn : before.ended_on;
    await checkContractPeriod(trx, { companyId, estateId: before.estate_id, startedOn, endedOn, exceptId: contractId });
    if (input.projectManagerId !== undefined) await checkProjectManager(trx, companyId, input.projectManagerId);
    const after = await trx
      .updateTable('service_contract')
      .set({
        started_on: startedOn,
        ended_on: endedOn,
        ...(input.projectManagerId !== undefined ? { project_manager_id: input.projectManagerId } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
      })
      .where('id', '=', contractId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await syncServedEstates(trx, [{ companyId, estateId: before.estate_id }]);
    await recordAudit(trx, ctx, {
      action: 'company.contract.update',
      entityType: 'service_contract',
      entityId: contractId,
      nodeId: companyId,
      before,
      after,
    });
    return after;
  });
}
