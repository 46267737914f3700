import type { z } from 'zod';
import { ballotProblems, type BallotContent } from '../../../core/decisions.js';
import type { Choice } from '../../../core/tally.js';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, forbidden } from '../../http/errors.js';
import type { voteBody } from '../schema.js';
import {
  ballotCode,
  boundPersons,
  castForOthers,
  check,
  checkFile,
  entitledHeads,
  isUniqueViolation,
  loadDecision,
  motionsOf,
  PREVIOUS_OWNER_VOTED,
  refuseStaffVoter,
  rulesOf,
  specOf,
  supersededBecause,
  storeFile,
  voterOfHead,
  type Entitlement,
} from '../store.js';
import { ddb, dtrx, type DecisionsTrx } from '../tables.js';
import { ALREADY_VOTED, NOT_AN_OWNER, PAPER_PREVAILS, SINGLE_PATH, writeOnlineBallots } from '../ballot-writer.js';

type Ctx = ActionContext & { actor: CurrentUser };

export { ALREADY_VOTED };

export const contentOf = (a: unknown): BallotContent => (Array.isArray(a) ? { candidates: a as string[] } : { choice: a as Choice });

/** The heads' ballots on `channel` for the decision's motions, corrected ones aside (the motions named: the probe uses the index). */
const ballotsOn = (trx: DecisionsTrx, id: number, motions: { code: string }[], channel: 'online' | 'paper', heads: { head: string }[]) =>
  trx
    .selectFrom('ballot')
    .select('head')
    .where('decision_id', '=', id)
    .where(
      'motion_code',
      'in',
      motions.map((m) => m.code),
    )
    .where('channel', '=', channel)
    .where(
      'head',
      'in',
      heads.map((h) => h.head),
    )
    .where('status', '<>', 'corrected');

/**
 * Puts one head's ballot rows in place on `channel`, applying the decision's precedence where the
 * other channel already has a ballot for the head: the loser is marked superseded, so a unit is
 * never counted twice (also enforced by the index ballot_counted_once).
 */
export async function placeBallots(
  trx: DecisionsTrx,
  decision: { id: number; prevailing: 'online' | 'paper' },
  head: string,
  channel: 'online' | 'paper',
  submissionId: number,
  answers: Record<string, unknown>,
) {
  const other = channel === 'online' ? 'paper' : 'online';
  const codes = Object.keys(answers);
  const rivals = codes.length
    ? await trx
        .selectFrom('ballot')
        .select(['id', 'motion_code', 'status'])
        .where('decision_id', '=', decision.id)
        .where('head', '=', head)
        .where('channel', '=', other)
        .where('motion_code', 'in', codes)
        .where('status', 'in', ['counted', 'superseded'])
        .execute()
    : [];
  const wins = decision.prevailing === channel;
  const supersede = rivals.filter((r) => r.status === 'counted');
  if (wins && supersede.length)
    await trx
      .updateTable('ballot')
      .set({
        status: 'superseded',
        status_reason: supersededBecause(channel),
      })
      .where(
        'id',
        'in',
        supersede.map((r) => r.id),
      )
      .execute();
  const losing = new Set(wins ? [] : rivals.map((r) => r.motion_code));
  await trx
    .insertInto('ballot')
    .values(
      codes.map((code) => {
        const c = contentOf(answers[code]);
        return {
          decision_id: decision.id,
          motion_code: code,
          head,
          channel,
          submission_id: submissionId,
          choice: 'choice' in c ? c.choice : null,
          candidates: 'candidates' in c ? JSON.stringify(c.candidates) : null,
          status: losing.has(code) ? ('superseded' as const) : ('counted' as const),
          status_reason: losing.has(code) ? supersededBecause(other) : null,
        };
      }),
    )
    .execute();
  return { superseded: wins ? supersede.length : losing.size };
}

/**
 * An owner's online ballot: every motion in one submission, covering all the units they vote for
 * (R3, R19); co-owned units by the designated voter (R4); a proxy vote names the principal's unit
 * and carries the written proxy (R20). Final once cast; the receipt code lets the owner check it.
 */
export async function castVote(ctx: Ctx, id: number, body: z.output<typeof voteBody>) {
  refuseStaffVoter(ctx.actor);
  if (!body.proxy) {
    // The hot path: the group-commit writer reads, checks and writes many owners' votes together.
    // Outside its happy path (no such decision, no owner role there) it hands the vote back to the
    // single path below, which says 404 or 403 exactly as before.
    const r = await writeOnlineBallots(ctx.db, { ctx, decisionId: id, answers: body.answers });
    if (r !== SINGLE_PATH) return r;
  }
  const { d } = await loadDecision(ctx.db, ctx.actor, id, 'owner.self');
  const motions = await motionsOf(ctx.db, id);
  check('vote', d, motions);
  const problems = ballotProblems(motions.map(specOf), body.answers, 'online');
  if (problems.length) throw badRequest(problems.join('；'), 'answers');

  let heads: Entitlement[];
  let principal: number | null = null;
  let proxyContent: Buffer | null = null;
  if (body.proxy) {
    // R20: a proxy vote needs both the principal and the written proxy
    if (!body.proxy.principalUnitId) throw badRequest('代他人投票必须指明委托人（其房屋），否则不能投票', 'proxy.principalUnitId');
    if (!body.proxy.document) throw badRequest('代他人投票必须上传委托人签署的书面委托书', 'proxy.document');
    proxyContent = checkFile(body.proxy.document, '书面委托书', 'proxy.document');
    const unit = await ddb(ctx.db)
      .selectFrom('decision_roll')
      .select(['head'])
      .where('decision_id', '=', id)
      .where('unit_id', '=', body.proxy.principalUnitId)
      .executeTakeFirst();
    if (!unit) throw badRequest('委托人的房屋不在本次表决范围内', 'proxy.principalUnitId');
    principal = await voterOfHead(ctx.db, id, unit.head);
    if (principal == null) throw badRequest('委托人的房屋没有可以表决的业主（无业主或共有人未推举表决人）', 'proxy.principalUnitId');
    const units = await ddb(ctx.db)
      .selectFrom('decision_roll')
      .select('unit_id')
      .where('decision_id', '=', id)
      .where('head', '=', unit.head)
      .execute();
    heads = [{ head: unit.head, personId: principal, unitIds: units.map((u) => u.unit_id) }];
  } else {
    heads = await entitledHeads(ctx.db, id, await boundPersons(ctx.db, ctx.actor.id));
    if (heads.length === 0) throw forbidden(NOT_AN_OWNER);
  }

  const rules = rulesOf(d);
  try {
    return await inTransaction(ctx.db, async (t) => {
      const trx = dtrx(t);
      // R19: a head whose ballot another person cast (the unit's old owner) is not this voter's to cast
      const others = new Set<string>();
      for (const h of heads) if (await castForOthers(trx, id, h.head, h.personId)) others.add(h.head);
      const voted = await ballotsOn(trx, id, motions, 'online', heads).execute();
      const votedHeads = new Set(voted.map((v) => v.head));
      const todo = heads.filter((h) => !votedHeads.has(h.head) && !others.has(h.head));
      if (todo.length === 0) throw conflict(heads.some((h) => others.has(h.head)) ? PREVIOUS_OWNER_VOTED : ALREADY_VOTED);
      if (rules.prevailing === 'paper') {
        const paper = await ballotsOn(trx, id, motions, 'paper', todo).executeTakeFirst();
        if (paper) throw conflict(PAPER_PREVAILS);
      }
      const proxyFile =
        proxyContent && body.proxy?.document ? await storeFile(trx, id, 'proxy', body.proxy.document, proxyContent, ctx.actor.id) : null;
      const receipts = [];
      for (const h of todo) {
        const code = ballotCode();
        const sub = await trx
          .insertInto('ballot_submission')
          .values({
            decision_id: id,
            head: h.head,
            channel: 'online',
            code,
            cast_by: ctx.actor.id,
            voter_person_id: principal == null ? h.personId : null,
            principal_person_id: principal,
            proxy_file_id: proxyFile?.id ?? null,
          })
          .returning(['id', 'created_at'])
          .executeTakeFirstOrThrow();
        const { superseded } = await placeBallots(trx, { id, prevailing: rules.prevailing }, h.head, 'online', sub.id, body.answers);
        receipts.push({ code, castAt: sub.created_at, units: h.unitIds, superseded });
        await recordAudit(t, ctx, {
          action: 'ballot.cast',
          entityType: 'ballot_submission',
          entityId: sub.id,
          nodeId: d.estate_id,
          after: {
            decisionId: id,
            channel: 'online',
            code,
            head: h.head,
            answers: body.answers,
            proxy: principal == null ? null : { principalPersonId: principal, fileId: proxyFile?.id, sha256: proxyFile?.sha256 },
            supersededPaper: superseded,
          },
        });
      }
      return receipts;
    });
  } catch (err) {
    // Two devices at the same moment: the unique index lets exactly one through (R19).
    if (isUniqueViolation(err)) throw conflict(ALREADY_VOTED);
    throw err;
  }
}
