import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import { notify, type NotificationInput } from '../../notifications/notify.js';
import { nowInstant } from '../../tickets/clock.js';
import { roleHoldersAbove } from '../../tickets/scope.js';
import { sdb, strx, type ClaimerKind, type WishState } from '../../tickets/tables.js';
import { claimPhotos } from '../../tickets/use-cases/upload-photo.js';
import { permissionsAt } from '../../access/scope.js';
import { wishVisible } from '../scope.js';

type Ctx = ActionContext & { actor: CurrentUser };
type Outbound = Awaited<ReturnType<typeof notify>>;

export const WISH_STATE_LABEL: Record<WishState, string> = {
  pending: '待审核',
  approved: '待认领',
  rejected: '未通过',
  claimed: '已认领',
  fulfilled: '已完成',
};
export const CLAIMER_KIND_LABEL: Record<ClaimerKind, string> = { partyMember: '党员', company: '物业企业', volunteer: '志愿者' };

/** A resident's small wish (微心愿), posted for their estate; the community reviews it first. */
export async function postWish(ctx: Ctx, input: { estateId: number; title: string; content: string }, now = nowInstant()) {
  if (!ctx.actor.roles.some((r) => r.role === 'owner')) throw forbidden('微心愿由居民本人提出');
  const lives =
    ctx.actor.roles.some((r) => r.role === 'owner' && r.nodeId === input.estateId) ||
    !!(await ctx.db
      .selectFrom('owner_binding as ob')
      .innerJoin('ownership as o', 'o.person_id', 'ob.person_id')
      .innerJoin('unit as u', 'u.id', 'o.unit_id')
      .select('u.id')
      .where('ob.account_id', '=', ctx.actor.id)
      .where('o.ended_on', 'is', null)
      .where('u.estate_id', '=', input.estateId)
      .executeTakeFirst());
  if (!lives) throw forbidden('只能为本人居住的小区提出微心愿');
  const estate = await ctx.db.selectFrom('org_node').select(['id', 'parent_id']).where('id', '=', input.estateId).executeTakeFirstOrThrow();
  return inTransaction(ctx.db, async (trx) => {
    const row = await strx(trx)
      .insertInto('micro_wish')
      .values({
        estate_id: estate.id,
        community_id: estate.parent_id!,
        title: input.title,
        content: input.content,
        posted_by: ctx.actor.id,
        posted_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'wish.post', entityType: 'micro_wish', entityId: row.id, nodeId: estate.id, after: input });
    const outbound = await notify(trx, await roleHoldersAbove(trx, estate.parent_id!, 'communityStaff'), {
      title: '新的微心愿待审核',
      body: `居民提出了微心愿「${input.title}」，请审核后公开认领。`,
      link: '/cobuilding',
    });
    return { id: row.id, outbound };
  });
}

async function loadWish(ctx: Ctx, trx: Parameters<typeof strx>[0], id: number) {
  const w = await sdb(trx)
    .selectFrom('micro_wish as w')
    .selectAll('w')
    .where('w.id', '=', id)
    .where(wishVisible(ctx.actor))
    .forUpdate()
    .executeTakeFirst();
  if (!w) throw notFound('微心愿');
  return w;
}

const told = async (trx: Parameters<typeof strx>[0], ids: (number | null)[], n: NotificationInput): Promise<Outbound> =>
  notify(
    trx,
    ids.filter((x): x is number => x !== null),
    n,
  );

/** The community approves a wish (it becomes public and claimable) or declines it with a reason. */
export async function reviewWish(ctx: Ctx, id: number, input: { approve: boolean; note?: string | null }, now = nowInstant()) {
  return inTransaction(ctx.db, async (trx) => {
    const w = await loadWish(ctx, trx, id);
    const held = (await permissionsAt(trx, ctx.actor, [w.estate_id])).get(w.estate_id);
    if (!held?.has('cobuilding.manage')) throw forbidden('只有社区工作人员可以审核微心愿');
    if (w.state !== 'pending') throw conflict(`微心愿当前状态为「${WISH_STATE_LABEL[w.state]}」，不能审核`);
    if (!input.approve && !input.note?.trim()) throw badRequest('不通过须说明原因', 'note');
    const state = input.approve ? 'approved' : 'rejected';
    await strx(trx)
      .updateTable('micro_wish')
      .set({ state, review_note: input.note ?? null, reviewed_by: ctx.actor.id, reviewed_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'wish.review',
      entityType: 'micro_wish',
      entityId: id,
      nodeId: w.estate_id,
      before: { state: w.state },
      after: { state, note: input.note ?? null },
    });
    return told(trx, [w.posted_by], {
      title: input.approve ? '微心愿已公开' : '微心愿未通过审核',
      body: input.approve ? `您的微心愿「${w.title}」已公开，等待认领。` : `您的微心愿「${w.title}」未通过审核：${input.note}`,
      link: '/cobuilding',
    });
  });
}

/**
 * A party member, a volunteer (an owner of the estate) or a property company (its staff) claims an
 * approved wish. A party member is one whose bound registry entry says so; a company claims in its
 * name.
 */
export async function claimWish(ctx: Ctx, id: number, now = nowInstant()) {
  return inTransaction(ctx.db, async (trx) => {
    const w = await loadWish(ctx, trx, id);
    const held = (await permissionsAt(trx, ctx.actor, [w.estate_id])).get(w.estate_id);
    if (!held?.has('cobuilding.join')) throw forbidden('只有本小区的党员、志愿者或服务本小区的物业企业可以认领');
    if (w.state !== 'approved') throw conflict(`微心愿当前状态为「${WISH_STATE_LABEL[w.state]}」，不能认领`);
    if (w.posted_by === ctx.actor.id) throw conflict('不能认领本人提出的微心愿');
    const company = ctx.actor.roles.find((r) => r.role === 'propertyStaff');
    let kind: ClaimerKind;
    let name: string;
    let personId: number | null = null;
    if (company) {
      kind = 'company';
      name = (await trx.selectFrom('org_node').select('name').where('id', '=', company.nodeId).executeTakeFirstOrThrow()).name;
    } else {
      const p = await trx
        .selectFrom('owner_binding as ob')
        .innerJoin('person as p', 'p.id', 'ob.person_id')
        .select(['p.id', 'p.name', 'p.party_status'])
        .where('ob.account_id', '=', ctx.actor.id)
        .orderBy('p.id')
        .executeTakeFirst();
      personId = p?.id ?? null;
      kind = p && p.party_status !== 'none' ? 'partyMember' : 'volunteer';
      name = p?.name ?? ctx.actor.displayName;
    }
    await strx(trx)
      .updateTable('micro_wish')
      .set({
        state: 'claimed',
        claimed_by: ctx.actor.id,
        claimer_kind: kind,
        claimer_name: name,
        claimer_person_id: personId,
        claimed_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'wish.claim',
      entityType: 'micro_wish',
      entityId: id,
      nodeId: w.estate_id,
      before: { state: w.state },
      after: { state: 'claimed', kind, name },
    });
    return told(trx, [w.posted_by], {
      title: '微心愿已被认领',
      body: `您的微心愿「${w.title}」已由${CLAIMER_KIND_LABEL[kind]}认领。`,
      link: '/cobuilding',
    });
  });
}

/** Whoever claimed the wish fulfils it with a photo and the hours it took (volunteer hours). */
export async function fulfilWish(ctx: Ctx, id: number, input: { note: string; photoIds: number[]; minutes: number }, now = nowInstant()) {
  return inTransaction(ctx.db, async (trx) => {
    const w = await loadWish(ctx, trx, id);
    if (w.state !== 'claimed') throw conflict(`微心愿当前状态为「${WISH_STATE_LABEL[w.state]}」，不能登记完成`);
    if (w.claimed_by !== ctx.actor.id) throw forbidden('只有认领人可以登记完成');
    if (input.photoIds.length === 0) throw badRequest('请上传至少一张完成照片', 'photoIds');
    await claimPhotos(trx, ctx.actor, input.photoIds, { wish_id: id });
    await strx(trx)
      .updateTable('micro_wish')
      .set({ state: 'fulfilled', fulfilled_at: now, fulfil_note: input.note, volunteer_minutes: input.minutes })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'wish.fulfil',
      entityType: 'micro_wish',
      entityId: id,
      nodeId: w.estate_id,
      before: { state: w.state },
      after: { state: 'fulfilled', minutes: input.minutes },
    });
    return told(trx, [w.posted_by], { title: '微心愿已完成', body: `您的微心愿「${w.title}」已完成：${input.note}`, link: '/cobuilding' });
  });
}
