import type { z } from 'zod';
import { PARTY_ORG_KIND_LABEL } from '../../../core/registry.js';
import { recordAudit } from '../../audit/record.js';
import { todayInChina } from '../../clock.js';
import { inTransaction, type Trx } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { requireCompany } from '../access.js';
import type { partyBody } from '../schema.js';

type PartyInput = z.output<typeof partyBody>;

/**
 * The party organisation recorded for a company or a project: a new one (created at the company
 * node), one already at the company node (reused by name or id), or none.
 */
async function resolvePartyOrg(trx: Trx, company: { node_id: number; street_id: number }, input: PartyInput, current: number | null) {
  if (input.partyOrg && input.partyOrgId !== undefined) throw badRequest('请二选一：填写新建党组织，或选择已有党组织', 'partyOrgId');
  if (input.partyOrgId === null) return null;
  if (input.partyOrgId !== undefined) {
    const org = await trx
      .selectFrom('party_org')
      .select('id')
      .where('id', '=', input.partyOrgId)
      .where('node_id', '=', company.node_id)
      .executeTakeFirst();
    if (!org) throw badRequest('所选党组织不属于本企业', 'partyOrgId');
    return org.id;
  }
  if (!input.partyOrg) return current;
  const { name, kind } = input.partyOrg;
  const sameName = await trx
    .selectFrom('party_org')
    .select(['id', 'node_id'])
    .where('street_id', '=', company.street_id)
    .where('name', '=', name)
    .executeTakeFirst();
  if (sameName && sameName.node_id !== company.node_id) throw conflict(`本街道已有名为“${name}”的党组织，请换一个名称`);
  if (sameName) {
    await trx.updateTable('party_org').set({ kind, updated_at: new Date() }).where('id', '=', sameName.id).execute();
    return sameName.id;
  }
  const org = await trx
    .insertInto('party_org')
    .values({ street_id: company.street_id, parent_id: null, kind, name, node_id: company.node_id })
    .returning('id')
    .executeTakeFirstOrThrow();
  return org.id;
}

/** A party-building instructor (党建指导员) is a full party member registered in the company's street. */
async function checkInstructor(trx: Trx, streetId: number, personId: number | null | undefined) {
  if (personId == null) return;
  const p = await trx
    .selectFrom('person')
    .select(['name', 'party_status'])
    .where('id', '=', personId)
    .where('street_id', '=', streetId)
    .executeTakeFirst();
  if (!p) throw notFound('党建指导员（人员）');
  if (p.party_status !== 'full') throw badRequest(`党建指导员应为正式党员，“${p.name}”不是正式党员`, 'instructorId');
}

/** R39: records the company's party organisation (established or not) and its instructor. */
export async function setCompanyParty(ctx: ActionContext & { actor: CurrentUser }, companyId: number, input: PartyInput) {
  return inTransaction(ctx.db, async (trx) => {
    const { company } = await requireCompany(trx, ctx.actor, companyId, 'party.manage');
    const before = await trx
      .selectFrom('property_company')
      .selectAll()
      .where('node_id', '=', companyId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const partyOrgId = await resolvePartyOrg(trx, company, input, before.party_org_id);
    await checkInstructor(trx, company.street_id, input.instructorId);
    const instructorId = input.instructorId !== undefined ? input.instructorId : before.party_instructor_id;
    const since =
      instructorId === null
        ? null
        : input.instructorSince !== undefined
          ? input.instructorSince
          : input.instructorId !== undefined && input.instructorId !== before.party_instructor_id
            ? todayInChina()
            : before.party_instructor_since;
    const after = await trx
      .updateTable('property_company')
      .set({ party_org_id: partyOrgId, party_instructor_id: instructorId, party_instructor_since: since, updated_at: new Date() })
      .where('node_id', '=', companyId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'company.party.set',
      entityType: 'property_company',
      entityId: companyId,
      nodeId: companyId,
      before,
      after: { ...after, partyOrg: input.partyOrg ? `${input.partyOrg.name}（${PARTY_ORG_KIND_LABEL[input.partyOrg.kind]}）` : undefined },
    });
    return after;
  });
}

/** R39 per project: the contract's party organisation and instructor. */
export async function setContractParty(
  ctx: ActionContext & { actor: CurrentUser },
  companyId: number,
  contractId: number,
  input: PartyInput,
) {
  if (input.instructorSince !== undefined) throw badRequest('项目的党建指导员不记录选派日期', 'instructorSince');
  return inTransaction(ctx.db, async (trx) => {
    const { company } = await requireCompany(trx, ctx.actor, companyId, 'party.manage');
    const before = await trx
      .selectFrom('service_contract')
      .selectAll()
      .where('id', '=', contractId)
      .where('company_id', '=', companyId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('服务合同');
    const partyOrgId = await resolvePartyOrg(trx, company, input, before.party_org_id);
    await checkInstructor(trx, company.street_id, input.instructorId);
    const after = await trx
      .updateTable('service_contract')
      .set({
        party_org_id: partyOrgId,
        ...(input.instructorId !== undefined ? { party_instructor_id: input.instructorId } : {}),
      })
      .where('id', '=', contractId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'company.contract.party.set',
      entityType: 'service_contract',
      entityId: contractId,
      nodeId: companyId,
      before,
      after,
    });
    return after;
  });
}
