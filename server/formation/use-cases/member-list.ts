import type { z } from 'zod';
import { checkComposition, type CompositionResult } from '../../../core/composition.js';
import { formatDateZh } from '../../../core/dates.js';
import type { Trx } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { AppError, badRequest } from '../../http/errors.js';
import { postNotice } from '../../notices/post-notice.js';
import { checkPosting } from '../../notices/posting.js';
import { backdateDaysOf } from '../../../core/rule-profile.js';
import { candidatePool, type Candidate } from '../pool.js';
import { placeOf } from '../profile.js';
import { runStep, type StepContext } from '../run-step.js';
import type { approveListBody, listBody } from '../schema.js';

type Ctx = ActionContext & { actor: CurrentUser };

const SEAT_LABEL = { director: '主任', deputyDirector: '副主任', member: '委员' } as const;

/** The current round's draft with each member's registry attributes, and the composition check (R22–R25). */
export async function draftWithCheck(trx: Trx, s: Pick<StepContext, 'c' | 'today'>) {
  const { community } = await placeOf(trx, s.c.estate_id);
  const pool = await candidatePool(trx, s.c.id, s.c.estate_id, community?.id ?? null, s.today);
  const draft = await trx.selectFrom('list_member').selectAll().where('case_id', '=', s.c.id).where('round', '=', s.c.list_round).execute();
  const byId = new Map(pool.map((p) => [p.personId, p]));
  const members = draft.map((d) => byId.get(d.person_id)).filter((m): m is Candidate => !!m);
  const director = draft.find((d) => d.seat === 'director')?.person_id ?? null;
  const deputies = draft.filter((d) => d.seat === 'deputyDirector').map((d) => d.person_id);
  return { pool, draft, members, composition: checkComposition(s.c.profile, members, director, deputies) };
}

/**
 * Saves the draft list of the current round. Everyone on it must come from the pool (vetted
 * nominees, the community's party organisation and residents' committee, 城管); one director.
 * The composition check is returned, not enforced: a draft may be incomplete.
 */
export const saveList = (ctx: Ctx, caseId: number, input: z.output<typeof listBody>) =>
  runStep(
    ctx,
    caseId,
    'saveList',
    async ({ trx, c, today }) => {
      const ids = input.members.map((m) => m.personId);
      if (new Set(ids).size !== ids.length) throw badRequest('委员名单中有重复的人员', 'members');
      if (input.members.filter((m) => m.seat === 'director').length > 1) throw badRequest('主任只能有一名', 'members');
      const { community } = await placeOf(trx, c.estate_id);
      const pool = await candidatePool(trx, c.id, c.estate_id, community?.id ?? null, today);
      const inPool = new Set(pool.map((p) => p.personId));
      const outside = ids.filter((id) => !inPool.has(id));
      if (outside.length > 0) {
        const names = await trx.selectFrom('person').select('name').where('id', 'in', outside).execute();
        throw badRequest(
          `${names.map((n) => n.name).join('、') || '所选人员'}不在可选人员中：业主代表须经推荐并通过把关（R28），其他委员须为社区党组织、居委会成员或驻社区城管`,
          'members',
        );
      }
      await trx.deleteFrom('list_member').where('case_id', '=', c.id).where('round', '=', c.list_round).execute();
      if (input.members.length > 0)
        await trx
          .insertInto('list_member')
          .values(input.members.map((m) => ({ case_id: c.id, round: c.list_round, person_id: m.personId, seat: m.seat })))
          .execute();
      return (await draftWithCheck(trx, { c, today })).composition;
    },
    (r: CompositionResult) => ({ ok: r.ok, counts: r.counts }),
  );

/**
 * The street office fixes the list (R28) — only a list that passes the composition check
 * (R22–R25) — and posts it for publicity with each member's name, occupation and address (R29);
 * written objections may be filed during the period (R30). A re-publicized list supersedes the
 * previous notice.
 */
export const approveList = (ctx: Ctx, caseId: number, input: z.output<typeof approveListBody> = {}) =>
  runStep(
    ctx,
    caseId,
    'approveList',
    async ({ trx, c, today, calendar }) => {
      const { date, backdate } = checkPosting(
        { date: input.publishDate, backdate: input.backdate },
        today,
        backdateDaysOf(c.profile),
        'publishDate',
      );
      const earlier = await trx
        .selectFrom('public_notice')
        .select(['publish_date', 'end_date'])
        .where('id', 'in', [c.announcement_notice_id ?? -1, c.list_notice_id ?? -1])
        .execute();
      for (const n of earlier)
        if (n.publish_date && date < n.publish_date)
          throw badRequest(`张贴日期不能早于之前公告的张贴日期（${formatDateZh(n.publish_date)}）`, 'publishDate');
      const { draft, members, composition } = await draftWithCheck(trx, { c, today });
      if (!composition.ok)
        throw new AppError(
          400,
          'COMPOSITION_FAILED',
          `委员名单不符合组成要求，不能确定：${composition.failures.map((f) => f.message).join('；')}`,
          composition.failures.map((f) => ({ field: 'members', message: f.message })),
        );
      for (const m of members)
        await trx
          .updateTable('list_member')
          .set({
            owner_representative: m.ownerRepresentative,
            community_party_org: m.communityPartyOrgMember,
            residents_committee: m.residentsCommitteeRepresentative,
            city_management: m.cityManagement,
            street_appointee: m.streetAppointee,
          })
          .where('case_id', '=', c.id)
          .where('round', '=', c.list_round)
          .where('person_id', '=', m.personId)
          .execute();
      const seatOf = new Map(draft.map((d) => [d.person_id, d.seat]));
      const order = { director: 0, deputyDirector: 1, member: 2 } as const;
      const sorted = [...members].sort((a, b) => order[seatOf.get(a.personId)!] - order[seatOf.get(b.personId)!]);
      const { estate } = await placeOf(trx, c.estate_id);
      const period = c.profile.memberListPeriod;
      const notice = await postNotice(trx, ctx, calendar, {
        nodeId: c.estate_id,
        kind: 'memberList',
        title: `${estate!.name}物业管理委员会委员名单公示${c.list_round > 1 ? `（第${c.list_round}次）` : ''}`,
        body: [
          `经业主自荐、社区党组织和居民委员会推荐、业主联名推荐，街道和社区党组织把关，街道办事处会同居民委员会确定了${estate!.name}物业管理委员会委员名单，现将委员姓名、职业、住址公示如下：`,
          ...sorted.map(
            (m, i) =>
              `${i + 1}. ${m.name}（${SEAT_LABEL[seatOf.get(m.personId)!]}${m.ownerRepresentative ? '，业主代表' : ''}）　${m.occupation ?? '—'}　${m.address ?? '—'}`,
          ),
          `公示期间，业主如有异议，请以书面形式向街道办事处提出，街道办事处自收到异议之日起${c.profile.objectionVerifyWorkdays}个工作日内完成核查并公布结果。`,
          `公示日期：${formatDateZh(date)}起。`,
        ].join('\n'),
        publishDate: date,
        backdate,
        period,
        acceptsObjections: true,
      });
      if (c.list_notice_id) {
        await trx.updateTable('public_notice').set({ superseded_by_id: notice.id }).where('id', '=', c.list_notice_id).execute();
        await trx.updateTable('public_notice').set({ supersedes_id: c.list_notice_id }).where('id', '=', notice.id).execute();
      }
      await trx.updateTable('formation_case').set({ list_notice_id: notice.id }).where('id', '=', c.id).execute();
      return { noticeId: notice.id, endDate: notice.end_date, members: sorted.map((m) => m.personId) };
    },
    (r) => r,
  );
