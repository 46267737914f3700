import type { z } from 'zod';
import { validateUscc } from '../../../core/identity.js';
import { recordAudit } from '../../audit/record.js';
import { inTransaction, type Trx } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { rebuildClosure } from '../../org/closure.js';
import { requireStreet } from '../access.js';
import type { registerCompanyBody } from '../schema.js';

/** Validates a USCC (check character included) and refuses one already registered to another company. */
export async function checkUscc(trx: Trx, input: string, exceptCompanyId?: number): Promise<string> {
  const v = validateUscc(input);
  if (!v.ok) throw badRequest(v.message, 'uscc');
  let q = trx
    .selectFrom('property_company as pc')
    .innerJoin('org_node as n', 'n.id', 'pc.node_id')
    .select(['n.name'])
    .where('pc.uscc', '=', v.value);
  if (exceptCompanyId) q = q.where('pc.node_id', '!=', exceptCompanyId);
  const dup = await q.executeTakeFirst();
  if (dup) throw conflict(`统一社会信用代码 ${v.value} 已登记为“${dup.name}”，同一企业不能重复登记，请在列表中查找该企业`);
  return v.value;
}

/**
 * Registers a property company with the street: a new company node outside the street tree (its
 * served estates become its descendants through contracts), or a company node already in the
 * hierarchy that no street has registered yet. The R39 party-building data is entered with it.
 */
export async function registerCompany(ctx: ActionContext & { actor: CurrentUser }, input: z.output<typeof registerCompanyBody>) {
  return inTransaction(ctx.db, async (trx) => {
    await requireStreet(trx, ctx.actor, input.streetId, 'company.manage');
    const uscc = await checkUscc(trx, input.uscc);
    let nodeId: number;
    if (input.nodeId != null) {
      const node = await trx.selectFrom('org_node').selectAll().where('id', '=', input.nodeId).forUpdate().executeTakeFirst();
      if (!node || node.kind !== 'company' || node.parent_id !== null) throw notFound('物业企业节点');
      const registered = await trx.selectFrom('property_company').select('street_id').where('node_id', '=', node.id).executeTakeFirst();
      if (registered) throw conflict(`“${node.name}”已经登记，不能重复登记`);
      const elsewhere = await trx
        .selectFrom('company_estate as ce')
        .select([
          (eb) => eb.fn.countAll<number>().as('all'),
          (eb) =>
            eb.fn
              .count<number>('ce.estate_id')
              .filterWhere(
                'ce.estate_id',
                'in',
                trx.selectFrom('org_closure').select('descendant_id').where('ancestor_id', '=', input.streetId),
              )
              .as('here'),
        ])
        .where('ce.company_id', '=', node.id)
        .executeTakeFirstOrThrow();
      if (Number(elsewhere.all) > 0 && Number(elsewhere.here) === 0) {
        throw badRequest(`“${node.name}”服务的小区都不在本街道，应由其所在街道登记`, 'nodeId');
      }
      if (input.name || input.address !== undefined) {
        await trx
          .updateTable('org_node')
          .set({
            ...(input.name ? { name: input.name } : {}),
            ...(input.address !== undefined ? { address: input.address } : {}),
            updated_at: new Date(),
          })
          .where('id', '=', node.id)
          .execute();
      }
      nodeId = node.id;
    } else {
      if (!input.name) throw badRequest('请填写企业名称', 'name');
      const dup = await trx
        .selectFrom('org_node')
        .select('id')
        .where('kind', '=', 'company')
        .where('parent_id', 'is', null)
        .where('name', '=', input.name)
        .executeTakeFirst();
      if (dup) throw conflict(`已有名为“${input.name}”的物业企业，请在列表中查找该企业，或选择“登记已有企业”`);
      const node = await trx
        .insertInto('org_node')
        .values({ kind: 'company', name: input.name, parent_id: null, address: input.address ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      nodeId = node.id;
      await rebuildClosure(trx, [nodeId]);
    }
    const company = await trx
      .insertInto('property_company')
      .values({
        node_id: nodeId,
        street_id: input.streetId,
        uscc,
        legal_representative: input.legalRepresentative ?? null,
        phone: input.phone ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const node = await trx.selectFrom('org_node').select(['name', 'address']).where('id', '=', nodeId).executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'company.register',
      entityType: 'property_company',
      entityId: nodeId,
      nodeId,
      after: { ...company, ...node },
    });
    return company;
  });
}
