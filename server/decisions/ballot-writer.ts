import { sql } from 'kysely';
import { entryHash, GENESIS_HASH, type HashedFields } from '../audit/record.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import { inTransaction } from '../db/transaction.js';
import type { ActionContext, CurrentUser } from '../http/context.js';
import { AppError, conflict } from '../http/errors.js';
import { guard } from '../../core/decisions.js';
import { ballotCode, factsOf, isUniqueViolation, rulesOf, type Entitlement } from './store.js';
import { dtrx, type DecisionRow, type DecisionsTrx, type MotionRow } from './tables.js';

// Same key as server/audit/record.ts: this writer appends to the one audit chain, in its order.
const AUDIT_CHAIN_LOCK = 7_261_126;

export const ALREADY_VOTED = '您已投票：每位业主对每个事项只能投一票，投出后不能更改（R19）';
export const PAPER_PREVAILS = '您的纸质表决票已经录入，本次表决以纸质表决票为准，不能再网络投票';

type Ctx = ActionContext & { actor: CurrentUser };

/** One owner's online submission, checked and ready to write (no proxy: those take the single path). */
export interface OnlineSubmission {
  ctx: Ctx;
  decision: DecisionRow;
  motions: MotionRow[];
  heads: Entitlement[];
  answers: Record<string, unknown>;
}

export interface Receipt {
  code: string;
  castAt: Date;
  units: number[];
  superseded: number;
}

interface Pending {
  s: OnlineSubmission;
  resolve: (r: Receipt[]) => void;
  reject: (e: unknown) => void;
}

const contentOf = (a: unknown) =>
  Array.isArray(a) ? { choice: null, candidates: JSON.stringify(a) } : { choice: a as 'yes', candidates: null };

/**
 * Group commit of online ballots (R19). Submissions arriving while a write is under way wait and
 * go together in the next transaction: each keeps its own submission row, ballot rows and audit
 * entry (hash-chained, one per submission, with its own actor, request and IP), and all of them
 * commit — or vanish — with their audit entries, as one transaction does for one. What is shared is
 * the transaction: one decision re-check (locked FOR SHARE, so a close waits), one read of the
 * heads' existing ballots, one insert each for submissions, ballots and audit entries, and one turn
 * of the audit chain's advisory lock and one commit for the lot instead of one per submission.
 * The unique indexes stay the last word: if a batch hits one (another instance, a paper entry in
 * between), each submission is retried alone, so one refusal never takes the others with it.
 */
class BallotWriter {
  private queue: Pending[] = [];
  private running = false;
  constructor(private readonly db: Db) {}

  submit(s: OnlineSubmission): Promise<Receipt[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ s, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain() {
    this.running = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, 256);
        try {
          const out = await inTransaction(this.db, (t) => writeBatch(dtrx(t), batch));
          batch.forEach((p, i) => {
            const r = out[i]!;
            if (r instanceof Error) p.reject(r);
            else p.resolve(r);
          });
        } catch (err) {
          if (batch.length === 1 || !isUniqueViolation(err)) {
            for (const p of batch) p.reject(isUniqueViolation(err) ? conflict(ALREADY_VOTED) : err);
            continue;
          }
          // One of them collided with a write from elsewhere: each on its own, in order.
          for (const p of batch) {
            try {
              const [r] = await inTransaction(this.db, (t) => writeBatch(dtrx(t), [p]));
              if (r instanceof Error) p.reject(r);
              else p.resolve(r!);
            } catch (e) {
              p.reject(isUniqueViolation(e) ? conflict(ALREADY_VOTED) : e);
            }
          }
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/** Writes a batch in the caller's transaction; per submission its receipts or its refusal (409). */
async function writeBatch(trx: DecisionsTrx, batch: Pending[]): Promise<(Receipt[] | AppError)[]> {
  const decisionIds = [...new Set(batch.map((p) => p.s.decision.id))];
  // The state as of now, held until commit: closing (FOR UPDATE) waits for these ballots.
  const current = new Map(
    (await trx.selectFrom('decision').selectAll().where('id', 'in', decisionIds).forShare().execute()).map((d) => [d.id, d]),
  );
  // Through the unique index (decision, motion, head, channel): one probe per head and motion.
  const probes = batch.flatMap((p) =>
    p.s.heads.flatMap((h) => p.s.motions.map((m) => ({ d: p.s.decision.id, motion: m.code, head: h.head }))),
  );
  const existing = probes.length
    ? (
        await sql<{ id: number; decision_id: number; head: string; motion_code: string; channel: 'online' | 'paper'; status: string }>`
          select b.id, b.decision_id, b.head, b.motion_code, b.channel, b.status from ballot b
          join unnest(${probes.map((x) => x.d)}::int[], ${probes.map((x) => x.motion)}::text[], ${probes.map((x) => x.head)}::text[])
            as k(d, motion, head) on b.decision_id = k.d and b.motion_code = k.motion and b.head = k.head
          where b.status <> 'corrected'`.execute(trx)
      ).rows
    : [];
  const key = (d: number, head: string) => `${d}\u0000${head}`;
  const onlineTaken = new Set(existing.filter((b) => b.channel === 'online').map((b) => key(b.decision_id, b.head)));
  // Paper ballots of the heads: any (disputed included) decides whether paper prevails; counted ones step aside.
  const paperOf = new Map<string, typeof existing>();
  for (const b of existing)
    if (b.channel === 'paper') paperOf.set(key(b.decision_id, b.head), [...(paperOf.get(key(b.decision_id, b.head)) ?? []), b]);

  const today = todayInChina();
  type Planned = { p: Pending; head: Entitlement; code: string; supersede: number[] };
  const planned: Planned[] = [];
  const results: (Receipt[] | AppError)[] = [];
  for (const p of batch) {
    const d = current.get(p.s.decision.id)!;
    const refusal = guard('vote', factsOf(d, p.s.motions), rulesOf(d).profile, today);
    if (refusal) {
      results.push(conflict(refusal));
      continue;
    }
    const todo = p.s.heads.filter((h) => !onlineTaken.has(key(d.id, h.head)));
    if (todo.length === 0) {
      results.push(conflict(ALREADY_VOTED));
      continue;
    }
    const prevailing = rulesOf(d).prevailing;
    if (prevailing === 'paper' && todo.some((h) => paperOf.has(key(d.id, h.head)))) {
      results.push(conflict(PAPER_PREVAILS));
      continue;
    }
    const codes = Object.keys(p.s.answers);
    for (const h of todo) {
      onlineTaken.add(key(d.id, h.head)); // a second submission for the head in this batch is refused
      const rivals = (paperOf.get(key(d.id, h.head)) ?? []).filter((b) => codes.includes(b.motion_code) && b.status === 'counted');
      planned.push({ p, head: h, code: ballotCode(), supersede: rivals.map((b) => b.id) });
    }
    results.push([]);
  }
  if (planned.length === 0) return results;

  // Online prevails (the decision's rule): the paper ballots of these heads on these motions step aside.
  const supersede = planned.flatMap((x) => x.supersede);
  if (supersede.length)
    await trx
      .updateTable('ballot')
      .set({ status: 'superseded', status_reason: '同一房屋另有网络投票，按本次表决的规则以其为准' })
      .where('id', 'in', supersede)
      .execute();

  const subs = await trx
    .insertInto('ballot_submission')
    .values(
      planned.map((x) => ({
        decision_id: x.p.s.decision.id,
        head: x.head.head,
        channel: 'online' as const,
        code: x.code,
        cast_by: x.p.s.ctx.actor.id,
        voter_person_id: x.head.personId,
        principal_person_id: null,
        proxy_file_id: null,
      })),
    )
    .returning(['id', 'code', 'created_at'])
    .execute();
  const subOf = new Map(subs.map((s) => [s.code, s]));
  await trx
    .insertInto('ballot')
    .values(
      planned.flatMap((x) =>
        Object.keys(x.p.s.answers).map((motion) => ({
          decision_id: x.p.s.decision.id,
          motion_code: motion,
          head: x.head.head,
          channel: 'online' as const,
          submission_id: subOf.get(x.code)!.id,
          ...contentOf(x.p.s.answers[motion]),
          status: 'counted' as const,
          status_reason: null,
        })),
      ),
    )
    .execute();

  // The audit entries, one per submission, appended to the chain under its lock (as recordAudit does).
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_entry').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let prevHash = last?.hash ?? GENESIS_HASH;
  const entries = planned.map((x) => {
    const sub = subOf.get(x.code)!;
    const { ctx } = x.p.s;
    const fields: HashedFields = {
      at: new Date().toISOString(),
      actorId: ctx.actor.id,
      actorName: ctx.actor.displayName,
      action: 'ballot.cast',
      entityType: 'ballot_submission',
      entityId: String(sub.id),
      nodeId: x.p.s.decision.estate_id,
      before: null,
      // as JSON comes back from jsonb: what the hash covers is what verification reads
      after: JSON.parse(
        JSON.stringify({
          decisionId: x.p.s.decision.id,
          channel: 'online',
          code: x.code,
          head: x.head.head,
          answers: x.p.s.answers,
          proxy: null,
          supersededPaper: x.supersede.length,
        }),
      ),
      requestId: ctx.requestId,
      ip: ctx.ip,
    };
    const hash = entryHash(prevHash, fields);
    const row = {
      at: fields.at,
      actor_id: fields.actorId,
      actor_name: fields.actorName,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      node_id: fields.nodeId,
      before: null,
      after: JSON.stringify(fields.after),
      request_id: fields.requestId,
      ip: fields.ip,
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  const inserted = await trx.insertInto('audit_entry').values(entries).returning(['id', 'hash']).execute();
  const tail = inserted.reduce((a, b) => (b.id > a.id ? b : a));
  const head = JSON.stringify({ id: tail.id, hash: tail.hash });
  await trx
    .insertInto('app_setting')
    .values({ key: 'audit_head', value: head })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: head }))
    .execute();

  for (const x of planned) {
    const i = batch.indexOf(x.p);
    const sub = subOf.get(x.code)!;
    (results[i] as Receipt[]).push({ code: x.code, castAt: sub.created_at, units: x.head.unitIds, superseded: x.supersede.length });
  }
  return results;
}

const writers = new WeakMap<Db, BallotWriter>();

/** Writes an online submission through the database's group-commit writer. */
export function writeOnlineBallots(db: Db, s: OnlineSubmission): Promise<Receipt[]> {
  let w = writers.get(db);
  if (!w) writers.set(db, (w = new BallotWriter(db)));
  return w.submit(s);
}
