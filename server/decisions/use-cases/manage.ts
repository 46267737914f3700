import crypto from 'node:crypto';
import type { z } from 'zod';
import { formatArea } from '../../../core/area.js';
import {
  ITEM_LABEL,
  motionProblems,
  periodLength,
  rollOrder,
  rollRooms,
  scheduleProblems,
  thresholdLabel,
  type DecisionAction,
} from '../../../core/decisions.js';
import { formatDateZh } from '../../../core/dates.js';
import { countRoll, headKey, type RollUnit } from '../../../core/registry.js';
import { backdateDaysOf, SPOILED_RULE_LABEL } from '../../../core/rule-profile.js';
import { requireAt } from '../../access/scope.js';
import { recordAudit } from '../../audit/record.js';
import { loadCalendar } from '../../calendar/store.js';
import type { WorkCalendar } from '../../../core/workdays.js';
import { todayInChina } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import { refreshStatistics } from '../../db/statistics.js';
import { inTransaction, type Trx } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, notFound } from '../../http/errors.js';
import { postNotice } from '../../notices/post-notice.js';
import type { announceBody, createDecisionBody, decisionInput } from '../schema.js';
import { checkPosting, type Backdate } from '../../notices/posting.js';
import { ownersOfRoll, tellOwners } from '../../messages/tell-owners.js';
import { check, loadDecision, lockDecision, motionsOf, profileForEstate, type DecisionRules } from '../store.js';
import { DECISION_COLUMNS, ddb, dtrx, type DecisionRow, type DecisionsTrx, type MotionRow } from '../tables.js';

type Ctx = ActionContext & { actor: CurrentUser };

const undemo = (name: string) => name.replace(/（演示）$/, '');

async function checkInput(db: Db, estateId: number, input: z.output<typeof decisionInput>) {
  const problems = motionProblems(
    input.motions.map((m) => ({ title: m.title, item: m.item as 1, kind: m.kind, seats: m.seats, candidates: m.candidates })),
  );
  if (problems.length) throw badRequest(problems.join('；'), 'motions');
  for (const m of input.motions)
    if (m.kind === 'choice' && (m.seats != null || m.candidates?.length))
      throw badRequest(`「${m.title}」是单项表决，不需要名额和候选人`, 'motions');
  if (input.buildingIds?.length) {
    const found = await db
      .selectFrom('org_node')
      .select('id')
      .where('id', 'in', input.buildingIds)
      .where('parent_id', '=', estateId)
      .where('kind', '=', 'building')
      .execute();
    if (found.length !== new Set(input.buildingIds).size) throw badRequest('表决范围中有不属于本小区的楼栋（R5）', 'buildingIds');
  }
  // Period length and order can be checked now; R14 is checked when the topics are announced.
  const profile = await profileForEstate(db, estateId);
  const dates = scheduleProblems({ announcedOn: null, opensOn: input.opensOn, closesOn: input.closesOn }, profile, todayInChina()).filter(
    (p) => p.field === 'closesOn',
  );
  if (dates.length) throw badRequest(dates[0]!.message, dates[0]!.field);
  return profile;
}

export async function insertMotions(trx: DecisionsTrx, decisionId: number, motions: z.output<typeof decisionInput>['motions']) {
  await trx
    .insertInto('decision_motion')
    .values(
      motions.map((m, i) => ({
        decision_id: decisionId,
        code: `m${i + 1}`,
        position: i + 1,
        title: m.title,
        body: m.body ?? null,
        item: m.item as 1,
        kind: m.kind,
        seats: m.kind === 'election' ? (m.seats ?? null) : null,
        candidates:
          m.kind === 'election'
            ? JSON.stringify((m.candidates ?? []).map((c, k) => ({ code: `c${k + 1}`, name: c.name, personId: c.personId ?? null })))
            : null,
      })),
    )
    .execute();
}

export async function createDecision(ctx: Ctx, input: z.output<typeof createDecisionBody>) {
  const estate = await ctx.db.selectFrom('org_node').select(['id', 'kind']).where('id', '=', input.estateId).executeTakeFirst();
  if (!estate) throw notFound('小区');
  await requireAt(ctx.db, ctx.actor, estate.id, 'decision.manage', 'decision.read', '小区');
  if (estate.kind !== 'estate') throw badRequest('业主共同决定以小区（物业管理区域）为单位组织，请选择一个小区', 'estateId');
  const profile = await checkInput(ctx.db, estate.id, input);
  const rules: DecisionRules = {
    profile,
    prevailing: input.prevailing,
    followMajority: input.followMajority,
    countParking: input.countParking,
    spoiled: input.spoiled ?? profile.spoiledBallots,
    secretBallot: input.secretBallot,
  };
  return inTransaction(ctx.db, async (t) => {
    const trx = dtrx(t);
    const d = await trx
      .insertInto('decision')
      .values({
        estate_id: estate.id,
        title: input.title,
        organiser: input.organiser,
        building_ids: input.buildingIds?.length ? JSON.stringify(input.buildingIds) : null,
        rules: JSON.stringify(rules),
        opens_on: input.opensOn,
        closes_on: input.closesOn,
        created_by: ctx.actor.id,
      })
      .returning(DECISION_COLUMNS)
      .executeTakeFirstOrThrow();
    await insertMotions(trx, d.id, input.motions);
    await recordAudit(t, ctx, {
      action: 'decision.create',
      entityType: 'decision',
      entityId: d.id,
      nodeId: d.estate_id,
      after: { ...d, motions: input.motions },
    });
    return d.id;
  });
}

/** R15: the motions may change only while the decision is a draft. */
export async function updateDecision(ctx: Ctx, id: number, input: z.output<typeof decisionInput>) {
  const { d } = await loadDecision(ctx.db, ctx.actor, id, 'decision.manage');
  check('edit', d, []);
  const profile = await checkInput(ctx.db, d.estate_id, input);
  await inTransaction(ctx.db, async (t) => {
    const trx = dtrx(t);
    const locked = await lockDecision(trx, id);
    check('edit', locked, []);
    const before = { ...locked, motions: await motionsOf(trx, id) };
    const rules: DecisionRules = {
      profile,
      prevailing: input.prevailing,
      followMajority: input.followMajority,
      countParking: input.countParking,
      spoiled: input.spoiled ?? profile.spoiledBallots,
      secretBallot: input.secretBallot,
    };
    const after = await trx
      .updateTable('decision')
      .set({
        title: input.title,
        organiser: input.organiser,
        building_ids: input.buildingIds?.length ? JSON.stringify(input.buildingIds) : null,
        rules: JSON.stringify(rules),
        opens_on: input.opensOn,
        closes_on: input.closesOn,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returning(DECISION_COLUMNS)
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('decision_motion').where('decision_id', '=', id).execute();
    await insertMotions(trx, id, input.motions);
    await recordAudit(t, ctx, {
      action: 'decision.update',
      entityType: 'decision',
      entityId: id,
      nodeId: d.estate_id,
      before,
      after: { ...after, motions: input.motions },
    });
  });
}

/** Loads the decision for a state change inside the transaction, locked, and checks the guard. */
async function lockFor(trx: DecisionsTrx, id: number, action: DecisionAction, mismatches = 0, today = todayInChina()) {
  const d = await lockDecision(trx, id);
  const motions = await motionsOf(trx, id);
  check(action, d, motions, mismatches, today);
  return { d, motions };
}

async function estateName(db: Db, estateId: number) {
  return undemo((await db.selectFrom('org_node').select('name').where('id', '=', estateId).executeTakeFirstOrThrow()).name);
}

async function scopeLabel(trx: DecisionsTrx, d: DecisionRow) {
  if (!d.building_ids?.length) return '本小区全体业主';
  const names = await trx.selectFrom('org_node').select('name').where('id', 'in', d.building_ids).orderBy('name').execute();
  return `${names.map((n) => n.name).join('、')}全体业主`;
}

function motionLines(motions: MotionRow[]) {
  return motions.map((m, i) => {
    const base = `${i + 1}. ${m.title}（《中华人民共和国民法典》第二百七十八条第一款第${ITEM_LABEL[m.item].slice(0, 3)}项）。表决通过条件（同条第二款）：${thresholdLabel(m.item)}。`;
    const election =
      m.kind === 'election'
        ? `应选${m.seats}名，候选人：${(m.candidates ?? []).map((c) => c.name).join('、')}；每位业主最多选${m.seats}名。`
        : '';
    return `${base}${election}${m.body ? `说明：${m.body}` : ''}`;
  });
}

/**
 * Issue 19: how the public tally file will show the ballots, stated before voting opens (the setting is
 * fixed in the rule snapshot from the announcement on, R15).
 */
export function ballotSecrecySentence(rules: Pick<DecisionRules, 'secretBallot'>): string {
  const receipt = '每张表决票有回执码，业主凭回执码可在本小区公示页核对自己的表决票已按所选计入。';
  return rules.secretBallot
    ? `本次表决为无记名表决：结果公布后公开的计票文件不含房号，只列匿名房屋编号、专有部分面积、匿名业主代码、各项选择和回执追踪码，任何人可据以复算。${receipt}`
    : `本次表决为记名表决：结果公布后公开的计票文件列明各房屋的房号、专有部分面积、匿名业主代码和各项选择（不含姓名和电话），任何人可据以复算。${receipt}`;
}

/** R14/R15: the topics go to all owners as a notice; from now on no motion changes. */
export async function announceDecision(ctx: Ctx, id: number, input: z.output<typeof announceBody>) {
  const { d } = await loadDecision(ctx.db, ctx.actor, id, 'decision.manage');
  const calendar = await loadCalendar(ctx.db);
  // R14 counts from the day owners could read the topics: today, or a recent paper posting (补录)
  const { date, backdate } = checkPosting(
    { date: input.announcedOn, backdate: input.backdate },
    todayInChina(),
    backdateDaysOf((d.rules as DecisionRules).profile),
    'announcedOn',
  );
  const estate = await estateName(ctx.db, d.estate_id);
  await inTransaction(ctx.db, (t) => announceIn(t, ctx, id, date, { calendar, estate, backdate }));
}

/** The steps of a decision inside a caller's transaction need the calendar, the estate's name and the day. */
export interface StepEnv {
  calendar: WorkCalendar;
  estate: string;
  today?: string;
  /** 补录 of the topics' notice, checked by the caller */
  backdate?: Backdate | null;
}

/** The announcement in the caller's transaction (also the demo data's path). */
export async function announceIn(
  t: Trx,
  ctx: ActionContext,
  id: number,
  on: string,
  { calendar, estate, today = todayInChina(), backdate = null }: StepEnv,
) {
  const trx = dtrx(t);
  const locked = await lockDecision(trx, id);
  const motions = await motionsOf(trx, id);
  check('announce', { ...locked, announced_on: on }, motions, 0, today);
  const rules = locked.rules as DecisionRules;
  const scope = await scopeLabel(trx, locked);
  const notice = await postNotice(t, ctx, calendar, {
    nodeId: locked.estate_id,
    kind: 'other',
    title: `关于${estate}业主共同决定表决事项的公告（${locked.title}）`,
    body: [
      `${estate}${scope}：`,
      `${locked.organiser}定于${formatDateZh(locked.opens_on!)}至${formatDateZh(locked.closes_on!)}（共${periodLength(locked.opens_on!, locked.closes_on!)}日）组织业主共同决定，现将表决事项公告如下（议题于投票开始${rules.profile.voteNoticeDays}日前公告，公告后不再增加或修改表决事项）：`,
      ...motionLines(motions),
      `参与表决的专有部分面积和人数以投票开始之日冻结的业主名册为准；一户多套房屋的业主计为一人，开发建设单位未出售或未交付的房屋合计计为一人；共有房屋由共有人推举的一人表决。`,
      `业主可登录平台网络投票，也可填写纸质表决票；委托他人投票的，须提交书面委托书。同一房屋既有网络投票又有纸质表决票的，以${rules.prevailing === 'online' ? '网络投票' : '纸质表决票'}为准；无法辨认或填写不符合要求的纸质表决票为废票，${SPOILED_RULE_LABEL[rules.spoiled]}。`,
      ballotSecrecySentence(rules),
      '特此公告。',
    ].join('\n'),
    publishDate: on,
    backdate,
  });
  const after = await trx
    .updateTable('decision')
    .set({ state: 'announced', announced_on: on, announce_notice_id: notice.id, updated_at: new Date() })
    .where('id', '=', id)
    .returning(DECISION_COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(t, ctx, {
    action: 'decision.announce',
    entityType: 'decision',
    entityId: id,
    nodeId: locked.estate_id,
    before: locked,
    after,
  });
}

/**
 * R5: voting opens and the roll is frozen — every unit in scope with its area, developer stock,
 * R3 head and the person who votes for it (R4), as owned on the opening day. The totals N_T and
 * A_T go out with a notice.
 */
export async function openDecision(ctx: Ctx, id: number) {
  await loadDecision(ctx.db, ctx.actor, id, 'decision.manage');
  await openAndFreeze(ctx, id);
}

/**
 * The opening itself, for the organiser (after the scope check above) and for the scheduled job
 * (server/jobs/decision-schedule.ts, no actor) on the day voting opens. Refused (409) unless the
 * decision is announced and its opening day has come.
 */
export async function openAndFreeze(ctx: ActionContext, id: number, today = todayInChina()) {
  const d = await ddb(ctx.db).selectFrom('decision').select('estate_id').where('id', '=', id).executeTakeFirstOrThrow();
  const calendar = await loadCalendar(ctx.db);
  const estate = await estateName(ctx.db, d.estate_id);
  const opened = await inTransaction(ctx.db, (t) => openIn(t, ctx, id, { calendar, estate, today }));
  // The planner's picture of the roll must include the new decision: with statistics from before the
  // freeze it takes its 20,000 rows for one and plans turnout as a nested loop (71 s instead of 40 ms
  // at 20,000 units, seen with autovacuum off). The roll never changes again, so once is enough.
  await refreshStatistics(ctx.db, ['decision_roll']);
  return opened;
}

/** The opening and the freeze of the roll in the caller's transaction (also the demo data's path). */
export async function openIn(t: Trx, ctx: ActionContext, id: number, { calendar, estate, today = todayInChina() }: StepEnv) {
  const trx = dtrx(t);
  const { d: locked } = await lockFor(trx, id, 'open', 0, today);
  const rules = locked.rules as DecisionRules;
  const asOf = locked.opens_on!;
  let uq = trx
    .selectFrom('unit as u')
    .innerJoin('org_node as b', 'b.id', 'u.building_id')
    .select(['u.id', 'u.area_centi', 'u.developer_stock', 'u.entrance', 'u.number', 'b.name as building'])
    .where('u.estate_id', '=', locked.estate_id);
  if (locked.building_ids?.length) uq = uq.where('u.building_id', 'in', locked.building_ids);
  // R6: parking spaces only where the decision counts them
  if (!rules.countParking) uq = uq.where('u.kind', '<>', 'parking');
  const units = await uq.execute();
  if (units.length === 0) throw badRequest('表决范围内没有房屋，不能开始投票（R5）');
  const owners = await trx
    .selectFrom('ownership as o')
    .innerJoin('unit as u', 'u.id', 'o.unit_id')
    .select(['o.unit_id', 'o.person_id', 'o.designated_voter'])
    .where('u.estate_id', '=', locked.estate_id)
    .where('o.started_on', '<=', asOf)
    .where((eb) => eb.or([eb('o.ended_on', 'is', null), eb('o.ended_on', '>', asOf)]))
    .execute();
  const byUnit = new Map<number, { person_id: number; designated_voter: boolean }[]>();
  for (const o of owners) byUnit.set(o.unit_id, [...(byUnit.get(o.unit_id) ?? []), o]);
  const roll = units.map((u) => {
    const os = byUnit.get(u.id) ?? [];
    const r: RollUnit = {
      unitId: u.id,
      areaCenti: Number(u.area_centi),
      developerStock: u.developer_stock,
      ownerIds: os.map((o) => o.person_id),
      voterId: os.find((o) => o.designated_voter)?.person_id ?? null,
    };
    const voter = os.length === 1 ? os[0]!.person_id : r.voterId;
    return { u, r, head: headKey(r), voter };
  });
  const counts = countRoll(roll.map((x) => x.r));
  // Opaque owner codes in a random order: the public file links units to one head, never to a person.
  const heads = [...new Set(roll.map((x) => x.head))];
  for (let i = heads.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [heads[i], heads[j]] = [heads[j]!, heads[i]!];
  }
  const codeOf = new Map(heads.map((h, i) => [h, `o${i + 1}`]));
  // Public room numbers, all different, and the roll's public order, fixed with it (rooms that sort
  // alike: by unit id, as migration 0018 does)
  const byId = [...roll].sort((a, b) => a.u.id - b.u.id);
  const rooms = rollRooms(byId.map((x) => x.u));
  const order = rollOrder(byId.map((x, i) => ({ room: rooms[i]!, ownerCode: codeOf.get(x.head)! })));
  const rows = byId.map((x, i) => ({
    decision_id: id,
    unit_id: x.u.id,
    room: rooms[i]!,
    area_centi: x.r.areaCenti,
    developer_stock: x.r.developerStock,
    head: x.head,
    owner_code: codeOf.get(x.head)!,
    voter_person_id: x.voter,
    position: order[i]!.position,
    owner_rank: order[i]!.ownerRank,
  }));
  for (let i = 0; i < rows.length; i += 1000)
    await trx
      .insertInto('decision_roll')
      .values(rows.slice(i, i + 1000))
      .execute();
  const notice = await postNotice(t, ctx, calendar, {
    nodeId: locked.estate_id,
    kind: 'other',
    title: `关于${estate}业主共同决定开始投票及表决权总数的公告（${locked.title}）`,
    body: [
      `${estate}${await scopeLabel(trx, locked)}：`,
      `${locked.title}自${formatDateZh(locked.opens_on!)}起投票，至${formatDateZh(locked.closes_on!)}截止。`,
      `按${formatDateZh(asOf)}的业主名册，表决范围内共有房屋${counts.units}套，专有部分总面积${formatArea(counts.areaCenti)}平方米，业主总人数${counts.heads}人（一户多套计为一人，开发建设单位未售房屋合计计为一人）。名册自即日起冻结。`,
      counts.coOwnedWithoutVoter
        ? `其中${counts.coOwnedWithoutVoter}套共有房屋尚未推举表决人，请共有人尽快推举一人并到社区登记，推举前不能投票。`
        : '',
      '特此公告。',
    ]
      .filter(Boolean)
      .join('\n'),
    publishDate: today,
    quiet: true,
  });
  // Issue 19: the owners of the roll are told, once (a recorded history — the demo's past — tells nobody)
  if (today === todayInChina())
    await tellOwners(t, ownersOfRoll(id), {
      event: 'vote.opened',
      once: `vote.opened:${id}`,
      title: `开始投票：${locked.title}`,
      body: `${estate}「${locked.title}」已开始投票，${formatDateZh(locked.closes_on!)}截止。请打开“我的首页”查看表决事项并投票。`,
      link: `/vote/${id}`,
    });
  const after = await trx
    .updateTable('decision')
    .set({ state: 'voting', opened_on: today, total_heads: counts.heads, total_area_centi: counts.areaCenti, updated_at: new Date() })
    .where('id', '=', id)
    .returning(DECISION_COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(t, ctx, {
    action: 'decision.open',
    entityType: 'decision',
    entityId: id,
    nodeId: locked.estate_id,
    before: locked,
    after: { ...after, roll: counts, noticeId: notice.id },
  });
  return { heads: counts.heads, areaCenti: counts.areaCenti, noticeId: notice.id };
}

export async function closeDecision(ctx: Ctx, id: number) {
  await loadDecision(ctx.db, ctx.actor, id, 'decision.manage');
  await closeVoting(ctx, id);
}

/**
 * Ends voting, for the organiser and for the scheduled job (no actor) the day after the period.
 * Refused (409) while the period lasts (R17) or when the decision is not voting.
 */
export async function closeVoting(ctx: ActionContext, id: number, today = todayInChina()) {
  const closed = await inTransaction(ctx.db, (t) => closeIn(t, ctx, id, today));
  // The ballots are final: fresh statistics for the result, the tally file and the pages (see above).
  await refreshStatistics(ctx.db, ['ballot']);
  return closed;
}

/** Ends voting in the caller's transaction (also the demo data's path). */
export async function closeIn(t: Trx, ctx: ActionContext, id: number, today = todayInChina()) {
  const trx = dtrx(t);
  const { d: locked } = await lockFor(trx, id, 'close', 0, today);
  const after = await trx
    .updateTable('decision')
    .set({ state: 'closed', closed_on: today, updated_at: new Date() })
    .where('id', '=', id)
    .returning(DECISION_COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(t, ctx, {
    action: 'decision.close',
    entityType: 'decision',
    entityId: id,
    nodeId: locked.estate_id,
    before: locked,
    after,
  });
  return after;
}

export async function cancelDecision(ctx: Ctx, id: number) {
  const { d } = await loadDecision(ctx.db, ctx.actor, id, 'decision.manage');
  await inTransaction(ctx.db, async (t) => {
    const trx = dtrx(t);
    const { d: locked } = await lockFor(trx, id, 'cancel');
    const after = await trx
      .updateTable('decision')
      .set({ state: 'cancelled', updated_at: new Date() })
      .where('id', '=', id)
      .returning(DECISION_COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAudit(t, ctx, {
      action: 'decision.cancel',
      entityType: 'decision',
      entityId: id,
      nodeId: d.estate_id,
      before: locked,
      after,
    });
  });
}
