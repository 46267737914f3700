import type { z } from 'zod';
import { eligibilityProblems } from '../../../core/formation.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, notFound } from '../../http/errors.js';
import { eligibilityOf } from '../pool.js';
import { runStep } from '../run-step.js';
import type { cancelBody, vetBody } from '../schema.js';

type Ctx = ActionContext & { actor: CurrentUser };

/** Nominations close once the announcement's publicity has run (R27). */
export const closeNominations = (ctx: Ctx, caseId: number) => runStep(ctx, caseId, 'closeNominations', async () => null);

/** Vetting is complete: the street office and the residents' committee draft the list (R28). */
export const openList = (ctx: Ctx, caseId: number) =>
  runStep(ctx, caseId, 'openList', async ({ trx, c }) => {
    await trx.updateTable('formation_case').set({ list_round: 1 }).where('id', '=', c.id).execute();
    return null;
  });

/**
 * R28: the street and community party organisations vet each candidate. A candidate the automatic
 * checks flag — arrears of property fees (R37), a negative-list entry (R35), a post at the estate's
 * property company — cannot be passed.
 */
export const vetCandidate = (ctx: Ctx, caseId: number, nominationId: number, input: z.output<typeof vetBody>) =>
  runStep(
    ctx,
    caseId,
    'vet',
    async ({ trx, c, today }) => {
      const n = await trx
        .selectFrom('nomination')
        .selectAll()
        .where('id', '=', nominationId)
        .where('case_id', '=', c.id)
        .executeTakeFirst();
      if (!n) throw notFound('推荐记录');
      if (input.result === 'failed' && !input.reason) throw badRequest('不通过时请填写把关意见', 'reason');
      if (input.result === 'passed') {
        const facts = (await eligibilityOf(trx, [n.person_id], c.estate_id, today)).get(n.person_id)!;
        const problems = eligibilityProblems(facts, n.owner_representative);
        if (problems.length > 0) throw badRequest(`该候选人不符合条件，不能通过把关：${problems.join('；')}`, 'result');
      }
      if (c.state === 'listing' && input.result === 'failed') {
        const onList = await trx
          .selectFrom('list_member')
          .select('id')
          .where('case_id', '=', c.id)
          .where('round', '=', c.list_round)
          .where('person_id', '=', n.person_id)
          .executeTakeFirst();
        if (onList) throw badRequest('该候选人已在委员名单草稿中，请先从名单中移除', 'result');
      }
      await trx
        .updateTable('nomination')
        .set({ vetting: input.result, vetting_reason: input.reason ?? null, vetted_by: ctx.actor.id, vetted_at: new Date() })
        .where('id', '=', n.id)
        .execute();
      return { nominationId: n.id, personId: n.person_id, result: input.result };
    },
    (r) => r,
  );

/** An upheld objection (R30) sends the case back to the list: a new round starts from the last one. */
export const reviseList = (ctx: Ctx, caseId: number) =>
  runStep(ctx, caseId, 'reviseList', async ({ trx, c }) => {
    const round = c.list_round + 1;
    const prev = await trx.selectFrom('list_member').selectAll().where('case_id', '=', c.id).where('round', '=', c.list_round).execute();
    if (prev.length > 0)
      await trx
        .insertInto('list_member')
        .values(
          prev.map((m) => ({
            case_id: c.id,
            round,
            person_id: m.person_id,
            seat: m.seat,
            owner_representative: m.owner_representative,
            community_party_org: m.community_party_org,
            residents_committee: m.residents_committee,
            city_management: m.city_management,
            street_appointee: m.street_appointee,
          })),
        )
        .execute();
    await trx.updateTable('formation_case').set({ list_round: round }).where('id', '=', c.id).execute();
    return { round };
  });

export const cancelCase = (ctx: Ctx, caseId: number, input: z.output<typeof cancelBody>) =>
  runStep(
    ctx,
    caseId,
    'cancel',
    async ({ trx, c }) => {
      await trx.updateTable('formation_case').set({ closed_at: new Date() }).where('id', '=', c.id).execute();
      await trx
        .updateTable('estate_governance')
        .set({ status: 'pending', updated_by: ctx.actor.id, updated_at: new Date() })
        .where('estate_id', '=', c.estate_id)
        .where('status', '=', 'formingPmc')
        .execute();
      return { reason: input.reason };
    },
    (r) => r,
  );
