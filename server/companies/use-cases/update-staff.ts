import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, notFound } from '../../http/errors.js';
import { requireCompany } from '../access.js';
import { STAFF_ROLES, type updateStaffBody } from '../schema.js';

/** Ends a staff post (the person left) or corrects the person's party status (R39 counts). */
export async function updateStaff(
  ctx: ActionContext & { actor: CurrentUser },
  companyId: number,
  postId: number,
  input: z.output<typeof updateStaffBody>,
) {
  return inTransaction(ctx.db, async (trx) => {
    await requireCompany(trx, ctx.actor, companyId, 'company.report');
    const before = await trx
      .selectFrom('post')
      .selectAll()
      .where('id', '=', postId)
      .where('node_id', '=', companyId)
      .where('role', 'in', [...STAFF_ROLES])
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('企业人员');
    const person = await trx
      .selectFrom('person')
      .select(['id', 'name', 'party_status'])
      .where('id', '=', before.person_id)
      .executeTakeFirstOrThrow();
    if (input.endedOn != null && input.endedOn < before.started_on) throw badRequest('离职日期不能早于任职起始日期', 'endedOn');
    const after =
      input.endedOn !== undefined
        ? await trx.updateTable('post').set({ ended_on: input.endedOn }).where('id', '=', postId).returningAll().executeTakeFirstOrThrow()
        : before;
    if (input.partyStatus !== undefined && input.partyStatus !== person.party_status) {
      await trx
        .updateTable('person')
        .set({ party_status: input.partyStatus, updated_at: new Date() })
        .where('id', '=', person.id)
        .execute();
    }
    await recordAudit(trx, ctx, {
      action: 'company.staff.update',
      entityType: 'post',
      entityId: postId,
      nodeId: companyId,
      before: { ...before, partyStatus: person.party_status },
      after: { ...after, partyStatus: input.partyStatus ?? person.party_status },
    });
    return after;
  });
}
