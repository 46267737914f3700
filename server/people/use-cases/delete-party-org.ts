import { sql } from 'kysely';
import { recordAudit } from '../../audit/record.js';
import { inRegistryScope, requireRegistryAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { conflict, notFound } from '../../http/errors.js';

/** Removes a party organisation entered by mistake: only while nothing hangs on it. */
export async function deletePartyOrg(ctx: ActionContext & { actor: CurrentUser }, id: number) {
  return inTransaction(ctx.db, async (trx) => {
    const org = await trx
      .selectFrom('party_org as o')
      .selectAll('o')
      .where('o.id', '=', id)
      .where(inRegistryScope(ctx.actor, 'registry.read', sql.ref('o.node_id')))
      .forUpdate()
      .executeTakeFirst();
    if (!org) throw notFound('党组织');
    await requireRegistryAt(trx, ctx.actor, org.node_id, 'party.manage', 'registry.read', '党组织');
    const count = async (q: Promise<{ n: number }>) => Number((await q).n);
    const children = await count(
      trx
        .selectFrom('party_org')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('parent_id', '=', id)
        .executeTakeFirstOrThrow(),
    );
    if (children > 0) throw conflict(`该党组织下还有 ${children} 个下级党组织，请先删除或移走`);
    const members = await count(
      trx
        .selectFrom('person')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('party_org_id', '=', id)
        .executeTakeFirstOrThrow(),
    );
    if (members > 0) throw conflict(`该党组织还有 ${members} 名党员，请先把他们转到其他党组织`);
    const posts = await count(
      trx
        .selectFrom('post')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('party_org_id', '=', id)
        .executeTakeFirstOrThrow(),
    );
    if (posts > 0) throw conflict(`该党组织有 ${posts} 条任职记录（含已离任），不能删除`);
    const linked = await count(
      trx
        .selectFrom('property_company')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('party_org_id', '=', id)
        .executeTakeFirstOrThrow(),
    );
    const contracts = await count(
      trx
        .selectFrom('service_contract')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('party_org_id', '=', id)
        .executeTakeFirstOrThrow(),
    );
    if (linked + contracts > 0) throw conflict('该党组织已登记为物业企业或项目的党组织，请先在物业企业页解除');
    await recordAudit(trx, ctx, { action: 'partyOrg.delete', entityType: 'party_org', entityId: id, nodeId: org.node_id, before: org });
    await trx.deleteFrom('party_org').where('id', '=', id).execute();
  });
}
