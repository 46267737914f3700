import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { requireCompany } from '../access.js';
import type { updateCompanyBody } from '../schema.js';
import { checkUscc } from './register-company.js';

/** Corrects a registered company's name, credit code, legal representative, phone or address. */
export async function updateCompany(ctx: ActionContext & { actor: CurrentUser }, id: number, input: z.output<typeof updateCompanyBody>) {
  return inTransaction(ctx.db, async (trx) => {
    const { company: before } = await requireCompany(trx, ctx.actor, id, 'company.manage');
    const uscc = input.uscc !== undefined ? await checkUscc(trx, input.uscc, id) : undefined;
    if (input.name && input.name !== before.name) {
      const dup = await trx
        .selectFrom('org_node')
        .select('id')
        .where('kind', '=', 'company')
        .where('parent_id', 'is', null)
        .where('name', '=', input.name)
        .where('id', '!=', id)
        .executeTakeFirst();
      if (dup) throw conflict(`已有名为“${input.name}”的物业企业，请换一个名称`);
    }
    if (input.name !== undefined || input.address !== undefined) {
      await trx
        .updateTable('org_node')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.address !== undefined ? { address: input.address } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    }
    const after = await trx
      .updateTable('property_company')
      .set({
        ...(uscc !== undefined ? { uscc } : {}),
        ...(input.legalRepresentative !== undefined ? { legal_representative: input.legalRepresentative } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        updated_at: new Date(),
      })
      .where('node_id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const node = await trx.selectFrom('org_node').select(['name', 'address']).where('id', '=', id).executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'company.update',
      entityType: 'property_company',
      entityId: id,
      nodeId: id,
      before,
      after: { ...after, ...node },
    });
    return after;
  });
}
