import { sql } from 'kysely';
import type { z } from 'zod';
import { POST_ROLES } from '../../../core/registry.js';
import { recordAudit } from '../../audit/record.js';
import { inRegistryScope } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, notFound } from '../../http/errors.js';
import type { createPostBody } from '../schema.js';
import { checkPostPeriod, resolvePostBody } from './post-rules.js';

/**
 * Appoints a person to a post from a date (and, for history entered later, until a date). Party
 * posts are kept by the party office; the others by the registry's keepers at the post's node.
 */
export async function createPost(ctx: ActionContext & { actor: CurrentUser }, personId: number, input: z.output<typeof createPostBody>) {
  return inTransaction(ctx.db, async (trx) => {
    const person = await trx
      .selectFrom('person as p')
      .select(['p.id', 'p.street_id', 'p.kind'])
      .where('p.id', '=', personId)
      .where(inRegistryScope(ctx.actor, 'registry.read', sql.ref('p.node_id')))
      .forUpdate()
      .executeTakeFirst();
    if (!person) throw notFound('人员');
    if (person.kind !== 'natural') throw badRequest('单位不能担任职务，请选择自然人', 'role');
    const body = await resolvePostBody(trx, ctx.actor, person.street_id, input.role, input);
    let estateId: number | null = null;
    if (input.estateId != null) {
      if (POST_ROLES[input.role].body !== 'company') throw badRequest('只有物业企业职务可以填写所在项目（小区）', 'estateId');
      const linked = await trx
        .selectFrom('org_node as e')
        .select('e.id')
        .where('e.id', '=', input.estateId)
        .where('e.kind', '=', 'estate')
        .where((eb) =>
          eb.or([
            eb.exists(
              eb
                .selectFrom('company_estate as ce')
                .select('ce.estate_id')
                .whereRef('ce.estate_id', '=', 'e.id')
                .where('ce.company_id', '=', body.nodeId),
            ),
            eb.exists(
              eb
                .selectFrom('service_contract as sc')
                .select('sc.id')
                .whereRef('sc.estate_id', '=', 'e.id')
                .where('sc.company_id', '=', body.nodeId),
            ),
          ]),
        )
        .executeTakeFirst();
      if (!linked) throw badRequest('所选小区不是该物业企业服务的项目', 'estateId');
      estateId = linked.id;
    }
    const endedOn = input.endedOn ?? null;
    await checkPostPeriod(trx, { personId, role: input.role, body, startedOn: input.startedOn, endedOn });
    const post = await trx
      .insertInto('post')
      .values({
        person_id: personId,
        role: input.role,
        node_id: body.nodeId,
        party_org_id: body.partyOrgId,
        estate_id: estateId,
        started_on: input.startedOn,
        ended_on: endedOn,
        note: input.note || null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'post.create', entityType: 'post', entityId: post.id, nodeId: post.node_id, after: post });
    return post;
  });
}
