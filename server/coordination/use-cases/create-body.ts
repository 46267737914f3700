import type { z } from 'zod';
import { BODY_KIND_LABEL, BODY_NODE_KIND, DEFAULT_MEMBERS, type MemberKind } from '../../../core/coordination.js';
import { NODE_KIND_LABEL } from '../../../core/org.js';
import { requireAt } from '../../access/scope.js';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import type { createBodyBody } from '../schema.js';
import { ctrx } from '../tables.js';

/**
 * Sets up a coordinating body (seed item 6): a community's 四位一体 meeting or the street's 物业管理联席会议,
 * with the member organisations it starts with (the convenor edits them), so that meetings can follow.
 */
export async function createBody(ctx: ActionContext & { actor: CurrentUser }, input: z.output<typeof createBodyBody>) {
  await requireAt(ctx.db, ctx.actor, input.nodeId, 'coordination.manage', 'coordination.read', '社区或街道');
  return inTransaction(ctx.db, async (t) => {
    const trx = ctrx(t);
    const node = await trx.selectFrom('org_node').select(['id', 'kind', 'name']).where('id', '=', input.nodeId).executeTakeFirstOrThrow();
    const kind = BODY_NODE_KIND[input.kind];
    if (node.kind !== kind)
      throw badRequest(
        `${BODY_KIND_LABEL[input.kind]}设在${NODE_KIND_LABEL[kind]}，「${node.name}」是${NODE_KIND_LABEL[node.kind]}`,
        'nodeId',
      );
    const exists = await trx
      .selectFrom('coordination_body')
      .select('id')
      .where('kind', '=', input.kind)
      .where('node_id', '=', node.id)
      .executeTakeFirst();
    if (exists) throw conflict(`「${node.name}」已设立${BODY_KIND_LABEL[input.kind]}`);
    const body = await trx
      .insertInto('coordination_body')
      .values({
        kind: input.kind,
        node_id: node.id,
        name: input.name ?? `${node.name.replace(/（演示）$/, '')}${BODY_KIND_LABEL[input.kind]}`,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // a 四位一体 meeting seats the property companies serving the community's estates
    const companies =
      input.kind === 'fourInOne'
        ? await trx
            .selectFrom('company_estate as ce')
            .innerJoin('org_node as e', 'e.id', 'ce.estate_id')
            .innerJoin('org_node as c', 'c.id', 'ce.company_id')
            .select(['c.id', 'c.name'])
            .distinct()
            .where('e.parent_id', '=', node.id)
            .orderBy('c.name')
            .execute()
        : [];
    const members = DEFAULT_MEMBERS[input.kind].flatMap((m): { kind: MemberKind; organisation: string; company_id: number | null }[] =>
      m.kind === 'company' && companies.length > 0
        ? companies.map((c) => ({ kind: m.kind, organisation: c.name.replace(/（演示）$/, ''), company_id: c.id }))
        : [{ kind: m.kind, organisation: m.organisation, company_id: null }],
    );
    await trx
      .insertInto('coordination_member')
      .values(members.map((m, i) => ({ body_id: body.id, ...m, position: i })))
      .execute();
    await recordAudit(t, ctx, {
      action: 'coordination.createBody',
      entityType: 'coordination_body',
      entityId: body.id,
      nodeId: node.id,
      after: { ...body, members },
    });
    return body.id;
  });
}
