import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest } from '../../http/errors.js';
import { requireCompany } from '../access.js';
import type { createContractBody } from '../schema.js';
import { syncServedEstates } from '../served-estates.js';
import { checkContractPeriod, checkProjectManager } from './contract-rules.js';

/**
 * Records a service contract (a project) between a company and an estate. While it is current the
 * estate is among the company's served estates, so the company's staff reach it (scope).
 */
export async function createContract(
  ctx: ActionContext & { actor: CurrentUser },
  companyId: number,
  input: z.output<typeof createContractBody>,
) {
  return inTransaction(ctx.db, async (trx) => {
    await requireCompany(trx, ctx.actor, companyId, 'company.manage');
    await requireAt(trx, ctx.actor, input.estateId, 'company.manage', 'org.read', '小区');
    const estate = await trx.selectFrom('org_node').select(['kind', 'name']).where('id', '=', input.estateId).executeTakeFirstOrThrow();
    if (estate.kind !== 'estate') throw badRequest('服务合同只能签在小区（物业管理区域）上，请选择小区', 'estateId');
    const endedOn = input.endedOn ?? null;
    await checkContractPeriod(trx, { companyId, estateId: input.estateId, startedOn: input.startedOn, endedOn });
    await checkProjectManager(trx, companyId, input.projectManagerId);
    const contract = await trx
      .insertInto('service_contract')
      .values({
        company_id: companyId,
        estate_id: input.estateId,
        started_on: input.startedOn,
        ended_on: endedOn,
        project_manager_id: input.projectManagerId ?? null,
        note: input.note ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await syncServedEstates(trx, [{ companyId, estateId: input.estateId }]);
    await recordAudit(trx, ctx, {
      action: 'company.contract.create',
      entityType: 'service_contract',
      entityId: contract.id,
      nodeId: companyId,
      after: { ...contract, estateName: estate.name },
    });
    return contract;
  });
}
