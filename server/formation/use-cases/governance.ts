import type { z } from 'zod';
import { RULE_PROFILES } from '../../../core/rule-profile.js';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { loadCalendar } from '../../calendar/store.js';
import { todayInChina } from '../../clock.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { recordOwnersCommittee } from '../owners-committee.js';
import type { handoverBody, ownersCommitteeBody, planBody, profileBody, setGovernanceBody } from '../schema.js';

type Ctx = ActionContext & { actor: CurrentUser };

async function requireStreet(ctx: Ctx, trx: Parameters<typeof requireAt>[0], streetId: number) {
  await requireAt(trx, ctx.actor, streetId, 'governance.manage', 'governance.read', '街道');
  const n = await trx.selectFrom('org_node').select('kind').where('id', '=', streetId).executeTakeFirstOrThrow();
  if (n.kind !== 'street') throw badRequest('实施方案和规则配置按街道设置', 'id');
}

/** The street records an estate's governance status found in the survey (调查摸底), with the R26 reason. */
export async function setGovernance(ctx: Ctx, estateId: number, input: z.output<typeof setGovernanceBody>) {
  return inTransaction(ctx.db, async (trx) => {
    await requireAt(trx, ctx.actor, estateId, 'governance.manage', 'governance.read', '小区');
    const n = await trx.selectFrom('org_node').select(['kind', 'name']).where('id', '=', estateId).executeTakeFirstOrThrow();
    if (n.kind !== 'estate') throw badRequest('治理状态按小区登记', 'id');
    const before = await trx.selectFrom('estate_governance').selectAll().where('estate_id', '=', estateId).executeTakeFirst();
    if (before && (before.status === 'formingPmc' || before.status === 'pmcRunning'))
      throw conflict(
        `${n.name}${before.status === 'formingPmc' ? '正在组建物管会，请先终止组建案件' : '的物管会正在运行，产生业委会时请登记业主委员会（R34）'}`,
      );
    if ((input.status === 'pending' || input.status === 'committeeExpired') && !input.reason)
      throw badRequest('需要组建物管会的小区请注明原因（R26）', 'reason');
    if (input.committeeTermStart && input.committeeTermEnd && input.committeeTermEnd < input.committeeTermStart)
      throw badRequest('任期结束日期不能早于开始日期', 'committeeTermEnd');
    const values = {
      status: input.status,
      reason: input.status === 'pending' || input.status === 'committeeExpired' ? (input.reason ?? null) : null,
      note: input.note ?? null,
      committee_term_start: input.committeeTermStart ?? null,
      committee_term_end: input.committeeTermEnd ?? null,
      updated_by: ctx.actor.id,
    };
    await trx
      .insertInto('estate_governance')
      .values({ estate_id: estateId, ...values })
      .onConflict((oc) => oc.column('estate_id').doUpdateSet({ ...values, updated_at: new Date() }))
      .execute();
    await recordAudit(trx, ctx, {
      action: 'governance.set',
      entityType: 'estate',
      entityId: estateId,
      nodeId: estateId,
      before: before ?? null,
      after: values,
    });
  });
}

/** R42: the plan's name, phases and deadline are the street admin's data. */
export async function setPlan(ctx: Ctx, streetId: number, input: z.output<typeof planBody>) {
  for (const p of input.phases) if (p.to < p.from) throw badRequest(`阶段“${p.name}”的结束日期早于开始日期`, 'phases');
  return inTransaction(ctx.db, async (trx) => {
    await requireStreet(ctx, trx, streetId);
    const before = await trx.selectFrom('governance_plan').selectAll().where('street_id', '=', streetId).executeTakeFirst();
    const values = { name: input.name, deadline: input.deadline, phases: JSON.stringify(input.phases), updated_by: ctx.actor.id };
    await trx
      .insertInto('governance_plan')
      .values({ street_id: streetId, ...values })
      .onConflict((oc) => oc.column('street_id').doUpdateSet({ ...values, updated_at: new Date() }))
      .execute();
    await recordAudit(trx, ctx, {
      action: 'governance.plan',
      entityType: 'street',
      entityId: streetId,
      nodeId: streetId,
      before: before ?? null,
      after: input,
    });
  });
}

/** The street's rule profile; running cases keep the snapshot they started with. */
export async function setProfile(ctx: Ctx, streetId: number, input: z.output<typeof profileBody>) {
  const profile = RULE_PROFILES.find((p) => p.id === input.profileId);
  if (!profile) throw badRequest(`没有编号为“${input.profileId}”的规则配置`, 'profileId');
  return inTransaction(ctx.db, async (trx) => {
    await requireStreet(ctx, trx, streetId);
    const before = await trx.selectFrom('street_rule_profile').selectAll().where('street_id', '=', streetId).executeTakeFirst();
    await trx
      .insertInto('street_rule_profile')
      .values({ street_id: streetId, profile_id: profile.id, updated_by: ctx.actor.id })
      .onConflict((oc) => oc.column('street_id').doUpdateSet({ profile_id: profile.id, updated_by: ctx.actor.id, updated_at: new Date() }))
      .execute();
    await recordAudit(trx, ctx, {
      action: 'governance.profile',
      entityType: 'street',
      entityId: streetId,
      nodeId: streetId,
      before: { profileId: before?.profile_id ?? 'seed' },
      after: { profileId: profile.id },
    });
  });
}

/** The street enters an owners' committee (or the former one resumes): R34 dissolves the PMC that day. */
export async function enterOwnersCommittee(ctx: Ctx, estateId: number, input: z.output<typeof ownersCommitteeBody>) {
  const today = todayInChina();
  if (input.producedOn > today) throw badRequest('产生日期不能晚于今天', 'producedOn');
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    await requireAt(trx, ctx.actor, estateId, 'governance.manage', 'governance.read', '小区');
    return recordOwnersCommittee(trx, ctx, calendar, {
      estateId,
      source: input.source,
      producedOn: input.producedOn,
      termEnd: input.termEnd ?? null,
      members: input.members.map((m) => ({ personId: m.personId ?? null, name: m.name, seat: m.seat })),
      note: input.note ?? null,
    });
  });
}

/** R34: after dissolution the street records the handover of documents and (if any) the seal. */
export async function recordHandover(ctx: Ctx, committeeId: number, input: z.output<typeof handoverBody>) {
  const today = todayInChina();
  return inTransaction(ctx.db, async (trx) => {
    const pmc = await trx.selectFrom('property_committee').selectAll().where('id', '=', committeeId).forUpdate().executeTakeFirst();
    if (!pmc) throw badRequest('物管会不存在', 'id');
    await requireAt(trx, ctx.actor, pmc.estate_id, 'governance.manage', 'governance.read', '物管会');
    if (pmc.status !== 'dissolved') throw conflict('物管会仍在运行，解散后才登记移交（R34）');
    for (const d of [input.documentsOn, input.sealOn]) {
      if (d && d > today) throw badRequest('移交日期不能晚于今天', 'documentsOn');
      if (d && pmc.dissolved_on && d < pmc.dissolved_on) throw badRequest('移交日期不能早于解散日期', 'documentsOn');
    }
    if (pmc.seal_recorded_on && !input.sealOn) throw badRequest('该物管会已备案印章，请登记印章移交日期', 'sealOn');
    const handover = {
      documentsOn: input.documentsOn,
      sealOn: pmc.seal_recorded_on ? (input.sealOn ?? null) : null,
      note: input.note ?? null,
    };
    await trx
      .updateTable('property_committee')
      .set({ handover: JSON.stringify(handover) })
      .where('id', '=', pmc.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'propertyCommittee.handover',
      entityType: 'property_committee',
      entityId: pmc.id,
      nodeId: pmc.estate_id,
      before: { handover: pmc.handover },
      after: handover,
    });
  });
}
