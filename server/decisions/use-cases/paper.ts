import type { z } from 'zod';
import { ballotProblems } from '../../../core/decisions.js';
import { permissionsAt } from '../../access/scope.js';
import { canonicalJson, recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, forbidden } from '../../http/errors.js';
import type { paperBody } from '../schema.js';
import {
  ballotCode,
  castForOthers,
  check,
  checkFile,
  isUniqueViolation,
  loadDecision,
  motionsOf,
  PREVIOUS_OWNER_VOTED,
  rulesOf,
  specOf,
  storeFile,
  voterOfHead,
} from '../store.js';
import { ddb, dtrx } from '../tables.js';
import { placeBallots } from './vote.js';

type Ctx = ActionContext & { actor: CurrentUser };

/**
 * A paper ballot (纸质表决票) as entered by staff, with its scan. The first entry counts at once; a
 * second staff member may enter the same ballot independently (double entry): matching entries
 * confirm it, differing ones put the head's paper ballot in dispute (not counted, and the result
 * cannot be published) until an organiser's review entry resolves it. Entries are never changed;
 * the review supersedes the disputed ballot as a new entry (R21).
 */
export async function enterPaperBallot(ctx: Ctx, id: number, body: z.output<typeof paperBody>) {
  const { d, held } = await loadDecision(ctx.db, ctx.actor, id, 'ballot.enter');
  if (body.review && !held.has('decision.manage')) throw forbidden('只有表决的组织者可以复核录入不一致的纸质表决票');
  const motions = await motionsOf(ctx.db, id);
  check('enterPaper', d, motions);
  const answers = Object.fromEntries(Object.entries(body.answers).filter(([, v]) => v !== null));
  const problems = ballotProblems(motions.map(specOf), answers, 'paper');
  if (problems.length) throw badRequest(problems.join('；'), 'answers');
  if (Object.keys(answers).length === 0) throw badRequest('这张表决票没有任何选择，请核对后录入', 'answers');
  const unit = await ddb(ctx.db)
    .selectFrom('decision_roll')
    .select(['head', 'room'])
    .where('decision_id', '=', id)
    .where('unit_id', '=', body.unitId)
    .executeTakeFirst();
  if (!unit) throw badRequest('该房屋不在本次表决的冻结名册中（R5），不能录入表决票', 'unitId');
  if (!held.has('decision.manage')) {
    // staff whose scope is a grid enter ballots for the buildings of their grid only
    const building = await ctx.db.selectFrom('unit').select('building_id').where('id', '=', body.unitId).executeTakeFirstOrThrow();
    const at = (await permissionsAt(ctx.db, ctx.actor, [d.estate_id, building.building_id])) ?? new Map();
    if (!at.get(d.estate_id)?.has('ballot.enter') && !at.get(building.building_id)?.has('ballot.enter'))
      throw forbidden(`${unit.room}不在您负责的范围内，不能录入其表决票`);
  }
  const voter = await voterOfHead(ctx.db, id, unit.head);
  if (voter == null)
    throw badRequest(`${unit.room}在名册中没有可以表决的业主（无业主，或共有人未推举表决人 R4），不能录入表决票`, 'unitId');
  const scan = checkFile(body.scan, '表决票扫描件', 'scan');
  // R20: a proxy carries the holder's name and the written proxy; the principal is the unit's voter.
  if (body.proxyDocument && !body.proxyHolder) throw badRequest('书面委托书须写明受托人，请填写受托人姓名（R20）', 'proxyHolder');
  if (body.proxyHolder && !body.proxyDocument) throw badRequest('受托人代为投票须附书面委托书（R20）', 'proxyDocument');
  const proxy = body.proxyDocument ? checkFile(body.proxyDocument, '书面委托书', 'proxyDocument') : null;
  const rules = rulesOf(d);

  try {
    return await inTransaction(ctx.db, async (t) => {
      const trx = dtrx(t);
      await trx.selectFrom('decision').select('id').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
      // R19: the unit's old owner (or the voter designated before) has a ballot: it stands, on either
      // channel; a second entry of another person's ballot is no double entry either. A review
      // re-enters the disputed ballot of the voter who handed it in.
      if (!body.review && (await castForOthers(trx, id, unit.head, voter))) throw conflict(PREVIOUS_OWNER_VOTED);
      const entries = await trx
        .selectFrom('paper_entry')
        .selectAll()
        .where('decision_id', '=', id)
        .where('head', '=', unit.head)
        .orderBy('id')
        .execute();
      const last = entries.at(-1);
      const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
      let kind: 'first' | 'second' | 'review';
      let outcome: 'entered' | 'matched' | 'mismatch' | 'resolved';
      let ballotVoter = voter;
      if (body.review) {
        if (last?.outcome !== 'mismatch') throw conflict('该房屋的纸质表决票没有待复核的不一致录入');
        const first = [...entries].reverse().find((e) => e.submission_id != null);
        if (first) {
          const sub = await trx
            .selectFrom('ballot_submission')
            .select('voter_person_id')
            .where('id', '=', first.submission_id!)
            .executeTakeFirst();
          ballotVoter = sub?.voter_person_id ?? voter;
        }
        kind = 'review';
        outcome = 'resolved';
      } else if (!last) {
        kind = 'first';
        outcome = 'entered';
      } else if (last.outcome === 'entered') {
        if (last.entered_by === ctx.actor.id) throw conflict('双人录入须由另一名工作人员独立完成：您已录入过这张表决票');
        kind = 'second';
        outcome = same(last.answers, answers) ? 'matched' : 'mismatch';
      } else if (last.outcome === 'mismatch') throw conflict('该房屋的纸质表决票两次录入不一致，待组织者复核');
      else throw conflict(`${unit.room}的纸质表决票已经录入：每位业主对每个事项只能投一票（R19）`);

      const scanFile = await storeFile(trx, id, 'scan', body.scan, scan, ctx.actor.id);
      const proxyFile = proxy && body.proxyDocument ? await storeFile(trx, id, 'proxy', body.proxyDocument, proxy, ctx.actor.id) : null;
      let submissionId: number | null = null;
      let code: string | null = null;
      if (kind === 'first' || kind === 'review') {
        if (kind === 'review')
          await trx
            .updateTable('ballot')
            .set({ status: 'corrected', status_reason: '两次录入不一致，经组织者复核后重新录入' })
            .where('decision_id', '=', id)
            .where('head', '=', unit.head)
            .where('channel', '=', 'paper')
            .where('status', '<>', 'corrected')
            .execute();
        code = ballotCode();
        const sub = await trx
          .insertInto('ballot_submission')
          .values({
            decision_id: id,
            head: unit.head,
            channel: 'paper',
            code,
            cast_by: ctx.actor.id,
            voter_person_id: ballotVoter,
            scan_file_id: scanFile.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        submissionId = sub.id;
        await placeBallots(trx, { id, prevailing: rules.prevailing }, unit.head, 'paper', sub.id, answers);
      } else if (outcome === 'mismatch') {
        await trx
          .updateTable('ballot')
          .set({ status: 'disputed', status_reason: '两次录入不一致，待复核' })
          .where('decision_id', '=', id)
          .where('head', '=', unit.head)
          .where('channel', '=', 'paper')
          .where('status', '=', 'counted')
          .execute();
      }
      const entry = await trx
        .insertInto('paper_entry')
        .values({
          decision_id: id,
          unit_id: body.unitId,
          head: unit.head,
          answers: JSON.stringify(answers),
          scan_file_id: scanFile.id,
          proxy_holder: body.proxyHolder ?? null,
          proxy_file_id: proxyFile?.id ?? null,
          kind,
          outcome,
          submission_id: submissionId,
          entered_by: ctx.actor.id,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(t, ctx, {
        action: `ballot.paper.${kind}`,
        entityType: 'paper_entry',
        entityId: entry.id,
        nodeId: d.estate_id,
        after: {
          decisionId: id,
          room: unit.room,
          head: unit.head,
          answers,
          outcome,
          code,
          scanSha256: scanFile.sha256,
          proxyHolder: body.proxyHolder ?? null,
        },
      });
      return { entryId: entry.id, kind, outcome, code, room: unit.room };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`${unit.room}的纸质表决票已经录入：每位业主对每个事项只能投一票（R19）`);
    throw err;
  }
}
