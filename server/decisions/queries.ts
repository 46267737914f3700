import { sql } from 'kysely';
import { formatArea } from '../../core/area.js';
import {
  ITEM_LABEL,
  STATE_LABEL,
  TRANSITIONS,
  earliestOpening,
  guard,
  periodLength,
  publishDeadline,
  thresholdLabel,
  turnoutPercent,
} from '../../core/decisions.js';
import type { Permission } from '../../core/access.js';
import { inScope, requireAt } from '../access/scope.js';
import { dayIndex } from '../../core/workdays.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { OfficialDocument } from '../documents/official-document.js';
import { naturalOrder } from '../org/natural-order.js';
import type { CurrentUser } from '../http/context.js';
import { badRequest, notFound } from '../http/errors.js';
import {
  boundPersons,
  entitledHeads,
  factsOf,
  loadDecision,
  mismatchCount,
  motionsOf,
  profileForEstate,
  type DecisionRules,
} from './store.js';
import { DECISION_COLUMNS, ddb, decisionColumnsOf, type DecisionRow, type MotionRow } from './tables.js';
import type { DecisionResult } from './tally.js';
import { resultParagraphs } from './use-cases/publish.js';

const undemo = (name: string) => name.replace(/（演示）$/, '');

export function presentMotion(m: MotionRow) {
  return {
    code: m.code,
    title: m.title,
    body: m.body,
    item: m.item,
    itemLabel: ITEM_LABEL[m.item],
    threshold: thresholdLabel(m.item),
    kind: m.kind,
    seats: m.seats,
    candidates: m.candidates?.map((c) => ({ code: c.code, name: c.name })) ?? null,
  };
}

function presentSummary(d: DecisionRow & { estate_name: string }) {
  return {
    id: d.id,
    estateId: d.estate_id,
    estateName: d.estate_name,
    title: d.title,
    organiser: d.organiser,
    state: d.state,
    stateLabel: STATE_LABEL[d.state],
    announcedOn: d.announced_on,
    opensOn: d.opens_on,
    closesOn: d.closes_on,
    closedOn: d.closed_on,
    publishedOn: d.published_on,
  };
}

export async function listDecisions(db: Db, user: CurrentUser, estateId?: number) {
  let q = ddb(db)
    .selectFrom('decision as d')
    .innerJoin('org_node as e', 'e.id', 'd.estate_id')
    .select(decisionColumnsOf('d'))
    .select('e.name as estate_name')
    .where((eb) =>
      eb.or([
        inScope(user, 'decision.read', sql.ref('d.estate_id')),
        eb.exists(
          eb
            .selectFrom('org_node as sb')
            .select('sb.id')
            .whereRef('sb.parent_id', '=', 'd.estate_id')
            .where(inScope(user, 'decision.read', sql.ref('sb.id'))),
        ),
      ]),
    )
    .orderBy('d.id', 'desc')
    .limit(500);
  if (estateId) q = q.where('d.estate_id', '=', estateId);
  return { items: (await q.execute()).map(presentSummary) };
}

/** Live turnout (organisers): heads and area with at least one counted ballot, against the frozen totals. */
export async function turnout(db: Db, d: DecisionRow) {
  if (d.total_heads == null) return null;
  // One pass over each table (hash join on the head), not one probe of the ballots per roll row.
  // R10: where spoiled ballots do not count, a head with only spoiled ballots has not taken part.
  const excluded = (d.rules as DecisionRules).spoiled === 'excluded' ? sql`and choice is distinct from 'spoiled'` : sql``;
  const r = await sql<{ heads: number; area: number | string | null; online: number; paper: number }>`
    select count(*)::int as heads, coalesce(sum(a.area), 0)::bigint as area,
      count(*) filter (where a.online)::int as online, count(*) filter (where not a.online)::int as paper
    from (select r.head, sum(r.area_centi) as area, bool_or(v.online) as online
          from decision_roll r
          join (select head, bool_or(channel = 'online') as online from ballot
                where decision_id = ${d.id} and status = 'counted' ${excluded} group by head) v on v.head = r.head
          where r.decision_id = ${d.id}
          group by r.head) a`.execute(db);
  const row = r.rows[0]!;
  const part = { heads: Number(row.heads), areaCenti: Number(row.area ?? 0) };
  const totals = { heads: d.total_heads, areaCenti: Number(d.total_area_centi ?? 0) };
  return {
    heads: part.heads,
    area: formatArea(part.areaCenti),
    totalHeads: totals.heads,
    totalArea: formatArea(totals.areaCenti),
    percent: turnoutPercent(part, totals),
    online: Number(row.online),
    paper: Number(row.paper),
  };
}

function actionsFor(d: DecisionRow, motions: MotionRow[], held: Set<Permission>, mismatches: number, today: string) {
  const profile = (d.rules as DecisionRules).profile;
  const out: string[] = [];
  for (const a of TRANSITIONS[d.state]) {
    const need: Permission = a === 'vote' ? 'owner.self' : a === 'enterPaper' ? 'ballot.enter' : 'decision.manage';
    if (!held.has(need)) continue;
    if (a === 'announce' || guard(a, factsOf(d, motions, mismatches), profile, today) === null) out.push(a);
  }
  return out;
}

export async function decisionDetail(db: Db, user: CurrentUser, id: number) {
  const { d, held } = await loadDecision(db, user, id);
  const motions = await motionsOf(db, id);
  const estate = await db.selectFrom('org_node').select('name').where('id', '=', d.estate_id).executeTakeFirstOrThrow();
  const rules = d.rules as DecisionRules;
  const today = todayInChina();
  const organiser = held.has('decision.manage') || held.has('ballot.enter');
  const mismatches = await mismatchCount(db, id);
  const buildings = d.building_ids?.length
    ? await db
        .selectFrom('org_node')
        .select(['id', 'name'])
        .where('id', 'in', d.building_ids)
        .orderBy(naturalOrder(sql.ref('name')))
        .execute()
    : null;
  const paper = organiser
    ? await ddb(db)
        .selectFrom('paper_entry as p')
        .innerJoin('decision_roll as r', (j) => j.onRef('r.unit_id', '=', 'p.unit_id').onRef('r.decision_id', '=', 'p.decision_id'))
        .innerJoin('account as a', 'a.id', 'p.entered_by')
        .select([
          'p.id',
          'p.unit_id',
          'r.room',
          'p.answers',
          'p.kind',
          'p.outcome',
          'p.proxy_holder',
          'p.scan_file_id',
          'a.display_name',
          'p.created_at',
        ])
        .where('p.decision_id', '=', id)
        .orderBy('p.id', 'desc')
        .limit(200)
        .execute()
    : [];
  const refusals = held.has('decision.manage')
    ? await ddb(db)
        .selectFrom('decision_refusal as f')
        .leftJoin('account as a', 'a.id', 'f.account_id')
        .select(['f.id', 'f.action', 'f.reason', 'f.at', 'a.display_name'])
        .where('f.decision_id', '=', id)
        .orderBy('f.id', 'desc')
        .limit(100)
        .execute()
    : [];
  const timeline = [
    { key: 'created', label: '拟定表决事项', date: null as string | null, done: true },
    {
      key: 'announced',
      label: `公告议题（投票开始${rules.profile.voteNoticeDays}日前，R14）`,
      date: d.announced_on,
      done: d.announced_on != null,
    },
    { key: 'opened', label: '开始投票，冻结名册（R5）', date: d.opens_on, done: d.opened_on != null },
    { key: 'closed', label: '投票截止', date: d.closed_on ?? d.closes_on, done: d.closed_on != null },
    {
      key: 'published',
      label: '公布结果（截止后3日内，R18）',
      date: d.published_on ?? (d.closed_on ? publishDeadline(d.closed_on) : null),
      done: d.published_on != null,
    },
  ];
  return {
    ...presentSummary({ ...d, estate_name: estate.name }),
    today,
    buildings,
    rules: {
      profileName: rules.profile.name,
      voteNoticeDays: rules.profile.voteNoticeDays,
      votingPeriodDays: rules.profile.votingPeriodDays,
      prevailing: rules.prevailing,
      followMajority: rules.followMajority,
      countParking: rules.countParking,
      spoiled: rules.spoiled,
      secretBallot: rules.secretBallot === true,
    },
    earliestOpening: earliestOpening(d.announced_on ?? today, rules.profile),
    periodDays: d.opens_on && d.closes_on ? periodLength(d.opens_on, d.closes_on) : null,
    publishDeadline: d.closed_on ? publishDeadline(d.closed_on) : null,
    announceNoticeId: d.announce_notice_id,
    resultNoticeId: d.result_notice_id,
    ownersCommitteeId: d.owners_committee_id,
    totals: d.total_heads == null ? null : { heads: d.total_heads, area: formatArea(Number(d.total_area_centi ?? 0)) },
    motions: motions.map(presentMotion),
    timeline,
    turnout: organiser ? await turnout(db, d) : null,
    mismatches,
    paperEntries: paper.map((p) => ({
      id: p.id,
      unitId: p.unit_id,
      room: p.room,
      answers: p.answers,
      kind: p.kind,
      outcome: p.outcome,
      proxyHolder: p.proxy_holder,
      scanFileId: p.scan_file_id,
      enteredBy: p.display_name,
      enteredAt: p.created_at,
    })),
    refusals: refusals.map((r) => ({ id: r.id, action: r.action, reason: r.reason, at: r.at, by: r.display_name })),
    result: d.result as DecisionResult | null,
    tallySha256: d.tally_sha256,
    actions: actionsFor(d, motions, held, mismatches, today),
  };
}

/** The frozen roll for the paper-entry form: room, area, and whether the unit's head has a counted ballot. */
export async function frozenRoll(db: Db, user: CurrentUser, id: number, q: string | undefined) {
  const { d } = await loadDecision(db, user, id, 'ballot.enter');
  let query = ddb(db)
    .selectFrom('decision_roll as r')
    .select(['r.unit_id', 'r.room', 'r.area_centi', 'r.developer_stock', 'r.owner_code', 'r.voter_person_id'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('ballot as b')
            .select('b.id')
            .whereRef('b.head', '=', 'r.head')
            .where('b.decision_id', '=', d.id)
            // the motions too, so the probe goes through the index (decision, motion, head)
            .where(sql<boolean>`b.motion_code = any(array(select code from decision_motion where decision_id = ${d.id}))`)
            .where('b.status', '=', 'counted'),
        )
        .as('voted'),
    )
    .where('r.decision_id', '=', d.id)
    .orderBy('r.position')
    .limit(100);
  if (q) query = query.where('r.room', 'like', `%${q.replace(/[%_\\]/g, '')}%`);
  const rows = await query.execute();
  return {
    items: rows.map((r) => ({
      unitId: r.unit_id,
      room: r.room,
      area: formatArea(Number(r.area_centi)),
      developerStock: r.developer_stock,
      ownerCode: r.owner_code,
      hasVoter: r.voter_person_id != null,
      voted: Boolean(r.voted),
    })),
  };
}

/** The owner's phone page: decisions of their estates, what they may vote on, and their receipts. */
export async function myDecisions(db: Db, user: CurrentUser) {
  const persons = await boundPersons(db, user.id);
  const estates = persons.length
    ? await db
        .selectFrom('ownership as o')
        .innerJoin('unit as u', 'u.id', 'o.unit_id')
        .select('u.estate_id')
        .distinct()
        .where('o.person_id', 'in', persons)
        .where('o.ended_on', 'is', null)
        .execute()
    : [];
  const estateIds = estates.map((e) => e.estate_id);
  if (estateIds.length === 0) return { bound: persons.length > 0, items: [] };
  const rows = await ddb(db)
    .selectFrom('decision as d')
    .innerJoin('org_node as e', 'e.id', 'd.estate_id')
    .select(decisionColumnsOf('d'))
    .select('e.name as estate_name')
    .where('d.estate_id', 'in', estateIds)
    .where('d.state', 'in', ['announced', 'voting', 'closed', 'published'])
    .orderBy('d.id', 'desc')
    .limit(50)
    .execute();
  const today = todayInChina();
  const items = [];
  for (const d of rows) {
    const motions = await motionsOf(db, d.id);
    const heads = d.state === 'announced' ? [] : await entitledHeads(db, d.id, persons);
    const units = heads.length
      ? await ddb(db)
          .selectFrom('decision_roll')
          .select(['room', 'area_centi'])
          .where('decision_id', '=', d.id)
          .where(
            'head',
            'in',
            heads.map((h) => h.head),
          )
          .orderBy('room')
          .execute()
      : [];
    const ballots = await ownBallots(
      db,
      d.id,
      user.id,
      heads.map((h) => h.head),
      motions,
    );
    const onlineVoted = heads.length
      ? await ddb(db)
          .selectFrom('ballot')
          .select('head')
          .distinct()
          .where('decision_id', '=', d.id)
          .where(sql<boolean>`motion_code = any(array(select code from decision_motion where decision_id = ${d.id}))`)
          .where(
            'head',
            'in',
            heads.map((h) => h.head),
          )
          .where('status', 'in', ['counted', 'superseded'])
          .execute()
      : [];
    const votedAll = heads.length > 0 && heads.every((h) => onlineVoted.some((v) => v.head === h.head));
    const refusal = guard('vote', factsOf(d, motions), (d.rules as DecisionRules).profile, today);
    items.push({
      ...presentSummary(d),
      motions: motions.map(presentMotion),
      units: units.map((u) => ({ room: u.room, area: formatArea(Number(u.area_centi)) })),
      canVote: heads.length > 0 && !votedAll && refusal === null,
      voted: votedAll,
      whyNot: heads.length === 0 && d.state === 'voting' ? '您在本次表决范围内没有可以表决的房屋（共有房屋由推举的表决人投票）' : refusal,
      receipts: ballots.filter((b) => b.byMe && b.channel === 'online').map((b) => ({ code: b.code, castAt: b.castAt })),
      ballots,
      daysLeft: d.state === 'voting' && d.closes_on ? Math.max(0, dayIndex(d.closes_on) - dayIndex(today)) : null,
      secretBallot: (d.rules as DecisionRules).secretBallot === true,
      result: d.state === 'published' ? (d.result as DecisionResult) : null,
    });
  }
  // Issue 19: what the owner can still vote on first, then what is running, then the rest, newest first
  const rank = (x: { canVote: boolean; state: string }) => (x.canVote ? 0 : x.state === 'voting' ? 1 : x.state === 'announced' ? 2 : 3);
  items.sort((a, b) => rank(a) - rank(b) || b.id - a.id);
  return { bound: true, items };
}

const BALLOT_STATUS_LABEL: Record<string, string> = {
  counted: '已计入',
  superseded: '未计入（同一房屋以另一张表决票为准）',
  disputed: '复核中',
  corrected: '已更正',
};

/**
 * Issue 19: the owner's own ballots in a decision — those cast for the heads they vote for (online or
 * on paper, by them or by a proxy) and those they cast as someone's proxy: what was chosen, when, on
 * which channel, by proxy or not, and the receipt code.
 */
async function ownBallots(db: Db, decisionId: number, accountId: number, heads: string[], motions: MotionRow[]) {
  const subs = await ddb(db)
    .selectFrom('ballot_submission')
    .select(['id', 'code', 'created_at', 'channel', 'head', 'cast_by', 'principal_person_id'])
    .where('decision_id', '=', decisionId)
    .where((eb) => eb.or([eb('cast_by', '=', accountId), ...(heads.length ? [eb('head', 'in', heads)] : [])]))
    .orderBy('id')
    .execute();
  if (subs.length === 0) return [];
  const rows = await ddb(db)
    .selectFrom('ballot')
    .select(['submission_id', 'motion_code', 'choice', 'candidates', 'status'])
    .where(
      'submission_id',
      'in',
      subs.map((x) => x.id),
    )
    .orderBy('motion_code')
    .execute();
  const byCode = new Map(motions.map((m) => [m.code, m]));
  return subs.map((x) => ({
    code: x.code,
    castAt: x.created_at,
    channel: x.channel,
    proxy: x.principal_person_id != null,
    byMe: x.cast_by === accountId,
    answers: rows
      .filter((r) => r.submission_id === x.id)
      .sort((a, b) => (byCode.get(a.motion_code)?.position ?? 0) - (byCode.get(b.motion_code)?.position ?? 0))
      .map((r) => {
        const m = byCode.get(r.motion_code);
        return {
          motion: r.motion_code,
          title: m?.title ?? r.motion_code,
          choice: r.choice,
          candidates: r.candidates ? r.candidates.map((c) => m?.candidates?.find((k) => k.code === c)?.name ?? c) : null,
          status: r.status,
          statusLabel: BALLOT_STATUS_LABEL[r.status] ?? r.status,
        };
      }),
  }));
}

/** A receipt: shows that the ballot exists and how each motion was counted; the choices only to the one who cast it. */
export async function receipt(db: Db, user: CurrentUser, id: number, code: string) {
  const { d } = await loadDecision(db, user, id);
  const sub = await ddb(db)
    .selectFrom('ballot_submission')
    .selectAll()
    .where('decision_id', '=', d.id)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!sub) throw notFound('回执码对应的表决票');
  const mine = sub.cast_by === user.id;
  const ballots = await ddb(db).selectFrom('ballot').selectAll().where('submission_id', '=', sub.id).orderBy('motion_code').execute();
  const motions = await motionsOf(db, id);
  const rooms = await ddb(db)
    .selectFrom('decision_roll')
    .select('room')
    .where('decision_id', '=', id)
    .where('head', '=', sub.head)
    .orderBy('room')
    .execute();
  return {
    code: sub.code,
    channel: sub.channel,
    castAt: sub.created_at,
    rooms: rooms.map((r) => r.room),
    proxy: sub.principal_person_id != null,
    motions: ballots.map((b) => ({
      code: b.motion_code,
      title: motions.find((m) => m.code === b.motion_code)?.title ?? b.motion_code,
      status: b.status,
      statusReason: b.status_reason,
      choice: mine ? b.choice : null,
      candidates: mine ? b.candidates : null,
    })),
  };
}

// ── Public ───────────────────────────────────────────────────────────────────────────────────

async function publishedDecision(db: Db, id: number) {
  const d = await ddb(db)
    .selectFrom('decision')
    .select(DECISION_COLUMNS)
    .where('id', '=', id)
    .where('state', '=', 'published')
    .executeTakeFirst();
  if (!d) throw notFound('已公布结果的表决');
  return d;
}

export async function publicEstateDecisions(db: Db, estateId: number) {
  const estate = await db.selectFrom('org_node').select(['id', 'kind']).where('id', '=', estateId).executeTakeFirst();
  if (!estate || estate.kind !== 'estate') throw notFound('小区');
  const rows = await ddb(db)
    .selectFrom('decision')
    .select(['id', 'title', 'organiser', 'opens_on', 'closes_on', 'published_on', 'result', 'tally_sha256', 'result_notice_id'])
    .where('estate_id', '=', estateId)
    .where('state', '=', 'published')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      organiser: r.organiser,
      opensOn: r.opens_on,
      closesOn: r.closes_on,
      publishedOn: r.published_on,
      resultNoticeId: r.result_notice_id,
      sha256: r.tally_sha256,
      result: r.result as DecisionResult,
    })),
  };
}

export async function publicTallyFile(db: Db, id: number) {
  const d = await ddb(db)
    .selectFrom('decision')
    .select(['tally_file', 'tally_sha256', 'title'])
    .where('id', '=', id)
    .where('state', '=', 'published')
    .executeTakeFirst();
  if (!d) throw notFound('已公布结果的表决');
  return { text: d.tally_file!, sha256: d.tally_sha256!, title: d.title };
}

/** Published voter list: room number and area only (never names or phone numbers). */
export async function publicVoters(db: Db, id: number) {
  const d = await publishedDecision(db, id);
  const rows = await sql<{ room: string; area_centi: number | string }>`
    select r.room, r.area_centi from decision_roll r
    where r.decision_id = ${d.id}
      and r.head in (select b.head from ballot b where b.decision_id = ${d.id} and b.status = 'counted')
    order by r.position`.execute(db);
  return { items: rows.rows.map((r) => ({ room: r.room, area: formatArea(Number(r.area_centi)) })) };
}

/** The result as an official document (GB/T 9704): for organisers any time after publication, and for the public. */
export async function resultDocument(db: Db, id: number, user: CurrentUser | null): Promise<OfficialDocument & { fileName: string }> {
  const d = user ? (await loadDecision(db, user, id)).d : await publishedDecision(db, id);
  if (d.state !== 'published') throw badRequest('表决结果尚未公布');
  const rows = await db
    .selectFrom('org_closure as c')
    .innerJoin('org_node as a', 'a.id', 'c.ancestor_id')
    .select(['a.kind', 'a.name'])
    .where('c.descendant_id', '=', d.estate_id)
    .execute();
  const estate = undemo(rows.find((r) => r.kind === 'estate')?.name ?? '');
  const title = `关于${estate}业主共同决定表决结果的公告`;
  return {
    title,
    recipient: `${estate}全体业主：`,
    paragraphs: [
      `${d.organiser}组织的“${d.title}”已于${d.closed_on}截止投票，现将表决结果公告如下：`,
      ...resultParagraphs(d.title, d.result as DecisionResult, d.rules as DecisionRules),
      '特此公告。',
    ],
    issuer: d.organiser.startsWith(estate) ? d.organiser : `${estate}${d.organiser}`,
    date: d.published_on!,
    mark: null,
    fileName: `${title}（${d.title}）.docx`,
  };
}

export async function decisionFile(db: Db, user: CurrentUser, id: number, fileId: number) {
  const { d } = await loadDecision(db, user, id, 'ballot.enter');
  const f = await ddb(db)
    .selectFrom('decision_file')
    .selectAll()
    .where('id', '=', fileId)
    .where('decision_id', '=', d.id)
    .executeTakeFirst();
  if (!f) throw notFound('文件');
  return f;
}

/** The rule profile an estate's decisions run under, for the live date checks of the form. */
export async function rulesForEstate(db: Db, user: CurrentUser, estateId: number) {
  await requireAt(db, user, estateId, 'decision.manage', 'decision.read', '小区');
  const p = await profileForEstate(db, estateId);
  const buildings = await db
    .selectFrom('org_node')
    .select(['id', 'name'])
    .where('parent_id', '=', estateId)
    .where('kind', '=', 'building')
    .orderBy(naturalOrder(sql.ref('name')))
    .execute();
  return {
    profileId: p.id,
    profileName: p.name,
    voteNoticeDays: p.voteNoticeDays,
    votingPeriodDays: p.votingPeriodDays,
    today: todayInChina(),
    buildings,
  };
}
