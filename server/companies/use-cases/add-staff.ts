import { sql } from 'kysely';
import type { z } from 'zod';
import { POST_ROLES } from '../../../core/registry.js';
import { inRegistryScope } from '../../access/scope.js';
import { recordAudit } from '../../audit/record.js';
import { todayInChina } from '../../clock.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import type { IdentityKeys } from '../../people/identity.js';
import { insertPerson } from '../../people/person-store.js';
import { requireCompany } from '../access.js';
import type { addStaffBody } from '../schema.js';

/**
 * Adds a person to a company's staff list (企业负责人, 项目经理 or 从业人员, at a project or the
 * company as a whole). A new person is registered at the company node so the company's own staff
 * and its street see them; their party status feeds the R39 counts.
 */
export async function addStaff(
  ctx: ActionContext & { actor: CurrentUser },
  keys: IdentityKeys,
  companyId: number,
  input: z.output<typeof addStaffBody>,
) {
  return inTransaction(ctx.db, async (trx) => {
    const { company } = await requireCompany(trx, ctx.actor, companyId, 'company.report');
    const estateId = input.estateId ?? null;
    if (input.role === 'projectManager' && estateId === null) throw badRequest('项目经理须选择所在项目（小区）', 'estateId');
    if (input.role === 'companyHead' && estateId !== null) throw badRequest('企业负责人属于企业本身，不选项目', 'estateId');
    if (estateId !== null) {
      const served = await trx
        .selectFrom('company_estate')
        .select('estate_id')
        .where('company_id', '=', companyId)
        .where('estate_id', '=', estateId)
        .executeTakeFirst();
      if (!served) throw badRequest('所选项目不是本企业当前服务的小区，请先登记服务合同', 'estateId');
    }
    const today = todayInChina();
    if (input.startedOn > today) throw badRequest('任职起始日期不能晚于今天', 'startedOn');

    let personId: number;
    if (input.personId !== undefined) {
      // An existing person: one of this company's, or one the caller may read in the registry.
      const person = await trx
        .selectFrom('person as pe')
        .select(['pe.id'])
        .where('pe.id', '=', input.personId)
        .where('pe.street_id', '=', company.street_id)
        .where((eb) => eb.or([eb('pe.node_id', '=', companyId), inRegistryScope(ctx.actor, 'registry.read', sql.ref('pe.node_id'))]))
        .executeTakeFirst();
      if (!person) throw notFound('人员');
      personId = person.id;
      const dup = await trx
        .selectFrom('post')
        .select('id')
        .where('person_id', '=', personId)
        .where('node_id', '=', companyId)
        .where('role', '=', input.role)
        .where(estateId === null ? sql<boolean>`estate_id is null` : sql<boolean>`estate_id = ${estateId}`)
        .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', input.startedOn)]))
        .executeTakeFirst();
      if (dup) throw conflict(`该人员已在本企业担任${POST_ROLES[input.role].label}，无需重复添加`);
    } else {
      const p = input.person!;
      const created = await insertPerson(trx, keys, {
        streetId: company.street_id,
        nodeId: companyId,
        name: p.name,
        idNumber: p.idNumber ?? null,
        mobile: p.mobile ?? null,
        partyStatus: p.partyStatus,
        occupation: POST_ROLES[input.role].label,
      });
      personId = created.id;
    }
    const post = await trx
      .insertInto('post')
      .values({ person_id: personId, role: input.role, node_id: companyId, estate_id: estateId, started_on: input.startedOn })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'company.staff.add',
      entityType: 'post',
      entityId: post.id,
      nodeId: companyId,
      after: { ...post, newPerson: input.personId === undefined },
    });
    return post;
  });
}
