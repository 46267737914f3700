import { sql } from 'kysely';
import { canonicalJson, GENESIS_HASH, type HashedFields } from '../audit/record.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import { scopeRoots } from '../access/scope.js';
import { batching, type Settled } from '../db/coalesce.js';
import { GrowthWatch } from '../db/statistics.js';
import type { ActionContext, CurrentUser } from '../http/context.js';
import { AppError, badRequest, conflict, forbidden } from '../http/errors.js';
import { isStaffRole } from '../../core/access.js';
import { ballotProblems, guard } from '../../core/decisions.js';
import {
  ballotCode,
  entitlementsOf,
  factsOf,
  frozenMotionsOf,
  isUniqueViolation,
  PREVIOUS_OWNER_VOTED,
  rulesOf,
  specOf,
  supersededBecause,
  voterOf,
  type Entitlement,
} from './store.js';
import { DECISION_COLUMNS, type DecisionRow } from './tables.js';

/** The decision's columns but its tally file (a vote on a published decision must not read megabytes to be refused). */
const DECISION_FIELDS = sql.join(DECISION_COLUMNS.map((c) => sql.ref(c)));

export const ALREADY_VOTED = '您已投票：每位业主对每个事项只能投一票，投出后不能更改';
export const PAPER_PREVAILS = '您的纸质表决票已经录入，本次表决以纸质表决票为准，不能再网络投票';

type Ctx = ActionContext & { actor: CurrentUser };

export const NOT_AN_OWNER = '您不是本次表决范围内房屋的业主（共有房屋须由推举的表决人投票），不能投票；如需代他人投票，请上传书面委托书';

/** One owner's online submission as it arrives (no proxy: those take the single path). */
export interface OnlineSubmission {
  ctx: Ctx;
  decisionId: number;
  answers: Record<string, unknown>;
}

export interface Receipt {
  code: string;
  castAt: Date;
  units: number[];
  superseded: number;
}

/**
 * The writer's answer when a submission is outside its happy path (no such decision, no owner role
 * at the estate): the caller takes the single path, which says 404 or 403 exactly as for any route.
 */
export const SINGLE_PATH = Symbol('single path');
type Outcome = Receipt[] | AppError | typeof SINGLE_PATH;

const contentOf = (a: unknown) =>
  Array.isArray(a) ? { choice: null, candidates: JSON.stringify(a) } : { choice: a as 'yes', candidates: null };

/** Errors after which a batch is written again one submission at a time (the indexes had the last word). */
const retryAlone = (err: unknown) => isUniqueViolation(err) || (err as { code?: string })?.code === '40P01';

/**
 * Group commit of online ballots (R19). Submissions arriving while a batch is under way wait and
 * go together in the next, which does everything a single vote does — for the lot — in two
 * statements: one read (the decisions; who may vote for what: the caller's role at the estate, their
 * bound persons, the frozen roll rows of their heads, the units' current owners and the heads'
 * existing ballots, R3, R4, R19; submission ids from the sequence), the checks of the period and the
 * answers in Node, and one write. The write is its own transaction: it locks the decisions FOR SHARE
 * (a close waits for it) and writes only if all are still voting — otherwise nothing, and the batch
 * is read again, where the period check refuses it; it supersedes paper ballots where online prevails,
 * inserts each submission, its ballots and its audit entry (hash-chained under the chain's head row,
 * with its own actor, request and IP), moves the head and commits: the votes and their audit
 * entries are kept or lost together. Between the read and the write the data may move as it may
 * inside one READ COMMITTED transaction (which would not lock owners or the roll either); the unique
 * indexes decide a race. A refusal is that submission's answer, never the batch's.
 * bench/cast-ballots.mjs measures it against a bare INSERT.
 *
 * A few lanes write at once, each its own queue; an account always goes to the same lane, so one
 * owner's two devices meet in one lane, where the second finds the first's ballots. The unique
 * indexes stay the last word across lanes and instances: a batch that hits one (or a deadlock,
 * which the sorted inserts make unlikely) is written again one submission at a time.
 */
class BallotWriter {
  private readonly lanes: ((s: OnlineSubmission) => Promise<Receipt[] | typeof SINGLE_PATH>)[];
  constructor(db: Db, lanes: number) {
    const growth = new GrowthWatch(db, ['ballot', 'ballot_submission', 'audit_entry']);
    this.lanes = Array.from({ length: lanes }, () => batching((batch: OnlineSubmission[]) => writeLaneBatch(db, growth, batch), 256));
  }
  submit(s: OnlineSubmission): Promise<Receipt[] | typeof SINGLE_PATH> {
    return this.lanes[s.ctx.actor.id % this.lanes.length]!(s);
  }
}

type Answer = Settled<Receipt[] | typeof SINGLE_PATH>;
const answer = (r: Outcome): Answer => (r instanceof AppError ? { ok: false, error: r } : { ok: true, value: r });
const failure = (err: unknown): Answer => ({ ok: false, error: isUniqueViolation(err) ? conflict(ALREADY_VOTED) : err });

/** One lane's batch; after a collision with a write from elsewhere, each submission again on its own. */
async function writeLaneBatch(db: Db, growth: GrowthWatch, batch: OnlineSubmission[]): Promise<Answer[]> {
  try {
    const out = await writeBatch(db, batch);
    growth.wrote(out.reduce((n, r) => n + (Array.isArray(r) ? r.length : 0), 0));
    return out.map(answer);
  } catch (err) {
    if (batch.length === 1 || !retryAlone(err)) return batch.map(() => failure(err));
    const out: Answer[] = [];
    for (const s of batch) {
      try {
        const [r] = await writeBatch(db, [s]);
        out.push(answer(r!));
      } catch (e) {
        out.push(failure(e));
      }
    }
    return out;
  }
}

/** A head's ballot so far, with the person it was cast for (R19: the voter, or the principal of a proxy). */
type Existing = { id: number; head: string; motion_code: string; channel: 'online' | 'paper'; status: string; person: number | null };

/**
 * Everything a batch reads, in one statement: its decisions as of now, and who may vote for what —
 * the persons bound to each account, the frozen roll rows of every head they are (or were) voters of
 * or now own a unit of, the current owners of those units, the heads' ballots so far — the ancestors
 * of each estate (where roles count), and one submission id per submission from the sequence, so that
 * each audit entry (which names its submission) is known before the write.
 */
async function readBatch(db: Db, batch: OnlineSubmission[]) {
  const rows = await sql<{
    k: 'd' | 'p' | 'u' | 'o' | 'b' | 'a' | 'n';
    i: number | null;
    id: number | null;
    head: string | null;
    person_id: number | null;
    flag: boolean | null;
    motion: string | null;
    status: string | null;
    doc: DecisionRow | null;
  }>`/* prepared: ballot.read */
    with d as (select ${DECISION_FIELDS} from decision where id = any(${[...new Set(batch.map((s) => s.decisionId))]}::int[])),
    q as (
      select * from unnest(${batch.map((s) => s.ctx.actor.id)}::int[], ${batch.map((s) => s.decisionId)}::int[])
        with ordinality as q(account_id, decision_id, i)),
    p as (select q.i, q.decision_id, b.person_id from q join owner_binding b on b.account_id = q.account_id),
    h as (
      select p.i, p.decision_id, r.head from p
        join decision_roll r on r.decision_id = p.decision_id and r.voter_person_id = p.person_id
      union
      select p.i, p.decision_id, r.head from p
        join ownership o on o.person_id = p.person_id and o.ended_on is null
        join decision_roll r on r.decision_id = p.decision_id and r.unit_id = o.unit_id),
    u as (
      select h.i, r.unit_id, r.head, r.voter_person_id from h
        join decision_roll r on r.decision_id = h.decision_id and r.head = h.head)
    select 'd' as k, null::int as i, d.id, null::text as head, null::int as person_id, null::boolean as flag, null::text as motion,
      null::text as status, to_jsonb(d) as doc from d
    union all select 'p', p.i::int, null, null, p.person_id, null, null, null, null from p
    union all select 'u', u.i::int, u.unit_id, u.head, u.voter_person_id, null, null, null, null from u
    union all
    select 'o', u.i::int, o.unit_id, null, o.person_id, o.designated_voter, null, null, null from u
      join ownership o on o.unit_id = u.unit_id and o.ended_on is null
    union all
    select 'b', h.i::int, b.id, b.head, coalesce(s.voter_person_id, s.principal_person_id), b.channel = 'online', b.motion_code,
      b.status, null from h
      join ballot b on b.decision_id = h.decision_id and b.head = h.head and b.status <> 'corrected'
      join ballot_submission s on s.id = b.submission_id
    union all
    select 'a', null, c.descendant_id, null, c.ancestor_id, null, null, null, null from org_closure c
      where c.descendant_id in (select estate_id from d)
    union all
    select 'n', null, nextval(pg_get_serial_sequence('ballot_submission', 'id'))::int, null, null, null, null, null, null
      from generate_series(1, ${batch.length}::int)`.execute(db);
  const ancestors = new Map<number, Set<number>>();
  const persons = new Map<number, number[]>();
  const units = new Map<number, { head: string; unit_id: number; voter_person_id: number | null }[]>();
  const owners = new Map<string, { person_id: number; designated_voter: boolean }[]>();
  const ballots = new Map<number, Existing[]>();
  // to_jsonb gives dates as 'YYYY-MM-DD' and bigints as numbers, as the row would (timestamps as strings: unused here)
  const current = new Map<number, DecisionRow>();
  const ids: number[] = [];
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const r of rows.rows) {
    if (r.k === 'd') current.set(r.id!, r.doc!);
    else if (r.k === 'n') ids.push(r.id!);
    else if (r.k === 'a') {
      const set = ancestors.get(r.id!) ?? new Set<number>();
      set.add(r.person_id!);
      ancestors.set(r.id!, set);
    } else if (r.k === 'p') push(persons, r.i!, r.person_id!);
    else if (r.k === 'u') push(units, r.i!, { head: r.head!, unit_id: r.id!, voter_person_id: r.person_id });
    else if (r.k === 'o') push(owners, `${r.i}:${r.id}`, { person_id: r.person_id!, designated_voter: r.flag! });
    else
      push(ballots, r.i!, {
        id: r.id!,
        head: r.head!,
        motion_code: r.motion!,
        status: r.status!,
        channel: r.flag ? 'online' : 'paper',
        person: r.person_id,
      });
  }
  const voters = batch.map((_, index) => {
    const i = index + 1; // with ordinality counts from 1
    const mine = units.get(i) ?? [];
    const now = new Map(mine.map((u) => [u.unit_id, voterOf(owners.get(`${i}:${u.unit_id}`) ?? [])]));
    return { heads: entitlementsOf(mine, now, persons.get(i) ?? []), ballots: ballots.get(i) ?? [] };
  });
  return { current, ancestors, voters, ids };
}

/** Whether `user` has the owner's permission at the estate (a role at it or at an ancestor). */
function ownerAt(user: CurrentUser, ancestors: Set<number> | undefined): boolean {
  return Boolean(ancestors && scopeRoots(user, 'owner.self').some((id) => ancestors.has(id)));
}

/**
 * Reads, checks and writes a batch: per submission its receipts or its refusal (4xx). Two statements
 * and no transaction around them: the read, then one statement that writes everything and commits
 * (below). Should a decision of the batch have left voting in between, that statement
 * writes nothing and the batch is read again, where the period check refuses it.
 */
export async function writeBatch(db: Db, batch: OnlineSubmission[], afterRead?: () => Promise<void>): Promise<Outcome[]> {
  for (let attempt = 1; ; attempt++) {
    const out = await tryBatch(db, batch, attempt === 1 ? afterRead : undefined);
    if (out !== STALE) return out;
    if (attempt === 3) throw new Error('表决状态在投票写入时反复变化，请稍后重试');
  }
}

const STALE = Symbol('a decision left voting between the read and the write');

/** `afterRead`: for tests, what happens meanwhile (a decision closing between the read and the write). */
async function tryBatch(db: Db, batch: OnlineSubmission[], afterRead?: () => Promise<void>): Promise<Outcome[] | typeof STALE> {
  const { current, ancestors, voters, ids } = await readBatch(db, batch);
  await afterRead?.();
  const today = todayInChina();
  const key = (d: number, head: string) => `${d}\u0000${head}`;
  // Heads voted online so far, here and by earlier submissions of this batch (one owner, two devices).
  const onlineTaken = new Set<string>();
  for (const [i, s] of batch.entries())
    for (const b of voters[i]!.ballots) if (b.channel === 'online') onlineTaken.add(key(s.decisionId, b.head));

  /** `i`: the submission's place in the batch (and in `results`). */
  type Planned = { i: number; s: OnlineSubmission; head: Entitlement; code: string; supersede: number[]; id: number };
  const planned: Planned[] = [];
  const results: Outcome[] = [];
  // Each submission's checks, in the order the single path makes them.
  for (const [i, s] of batch.entries()) {
    const d = current.get(s.decisionId);
    const v = voters[i]!;
    if (!d || !ownerAt(s.ctx.actor, ancestors.get(d.estate_id)) || s.ctx.actor.roles.some((r) => isStaffRole(r.role))) {
      // the single path says 404/403, and refuses a staff account (refuseStaffVoter)
      results.push(SINGLE_PATH);
      continue;
    }
    const motions = await frozenMotionsOf(db, d);
    const late = guard('vote', factsOf(d, motions), rulesOf(d).profile, today);
    if (late) {
      results.push(conflict(late));
      continue;
    }
    const problems = ballotProblems(motions.map(specOf), s.answers, 'online');
    if (problems.length) {
      results.push(badRequest(problems.join('；'), 'answers'));
      continue;
    }
    if (v.heads.length === 0) {
      results.push(forbidden(NOT_AN_OWNER));
      continue;
    }
    // R19: a head with a ballot cast for another person (the unit's old owner) is not this voter's to cast
    const others = new Set(v.ballots.filter((b) => v.heads.some((h) => h.head === b.head && b.person !== h.personId)).map((b) => b.head));
    const todo = v.heads.filter((h) => !onlineTaken.has(key(d.id, h.head)) && !others.has(h.head));
    if (todo.length === 0) {
      results.push(conflict(v.heads.some((h) => others.has(h.head)) ? PREVIOUS_OWNER_VOTED : ALREADY_VOTED));
      continue;
    }
    // Paper ballots of the heads: any (disputed included) decides whether paper prevails; counted ones step aside.
    const paper = v.ballots.filter((b) => b.channel === 'paper' && todo.some((h) => h.head === b.head));
    if (rulesOf(d).prevailing === 'paper' && paper.length) {
      results.push(conflict(PAPER_PREVAILS));
      continue;
    }
    const codes = Object.keys(s.answers);
    for (const h of todo) {
      onlineTaken.add(key(d.id, h.head)); // a second submission for the head in this batch is refused
      const rivals = paper.filter((b) => b.head === h.head && codes.includes(b.motion_code) && b.status === 'counted');
      planned.push({ i, s, head: h, code: ballotCode(), supersede: rivals.map((b) => b.id), id: 0 });
    }
    results.push([]);
  }
  if (planned.length === 0) return results;

  // One submission per head voted for: an owner who is the voter of two heads gets two (the read
  // took one id per submission of the batch; the rare extra ones are taken here).
  if (planned.length > ids.length)
    ids.push(
      ...(
        await sql<{ id: number }>`select nextval(pg_get_serial_sequence('ballot_submission', 'id'))::int as id
          from generate_series(1, ${planned.length - ids.length}::int)`.execute(db)
      ).rows.map((r) => r.id),
    );
  planned.forEach((x, k) => (x.id = ids[k]!));

  // Ballots go in index order, so two lanes that meet on a head wait for each other, never in a circle.
  const rows = planned
    .flatMap((x) =>
      Object.keys(x.s.answers).map((motion) => ({
        d: x.s.decisionId,
        motion,
        head: x.head.head,
        sub: x.id,
        ...contentOf(x.s.answers[motion]),
      })),
    )
    .sort((a, b) => a.d - b.d || (a.motion < b.motion ? -1 : a.motion > b.motion ? 1 : a.head < b.head ? -1 : a.head > b.head ? 1 : 0));

  // Each submission's audit entry, in chain order: what its hash covers (canonicalJson of its fields)
  // is known now; the previous hash only under the chain's lock, in the statement.
  const at = new Date().toISOString();
  const entries = planned.map((x) => {
    const { ctx } = x.s;
    const fields: HashedFields = {
      at,
      actorId: ctx.actor.id,
      actorName: ctx.actor.displayName,
      action: 'ballot.cast',
      entityType: 'ballot_submission',
      entityId: String(x.id),
      nodeId: current.get(x.s.decisionId)!.estate_id,
      before: null,
      // as JSON comes back from jsonb: what the hash covers is what verification reads
      after: JSON.parse(
        JSON.stringify({
          decisionId: x.s.decisionId,
          channel: 'online',
          code: x.code,
          head: x.head.head,
          answers: x.s.answers,
          proxy: null,
          supersededPaper: x.supersede.length,
        }),
      ),
      requestId: ctx.requestId,
      ip: ctx.ip,
    };
    return { fields, canonical: canonicalJson(fields) };
  });
  const decisions = [...new Set(planned.map((x) => x.s.decisionId))];
  const supersede = planned.flatMap((x) => x.supersede).sort((a, b) => a - b);
  const col = <T>(f: (e: (typeof entries)[number]) => T) => entries.map(f);
  // One statement, one transaction. `go`: every decision of the batch is still voting (locked FOR
  // SHARE until the commit), or nothing at all is written. The ballots wait for `sup` (the scalar
  // subquery runs it first), so a paper ballot steps aside before the online one counts. The chain:
  // the head row FOR UPDATE (the lock recordAudit takes, server/audit/record.ts), each hash over
  // "previous hash \n canonical JSON" exactly as entryHash computes it, the head moved to the last.
  const written = (
    await sql<{ id: number; created_at: Date }>`/* prepared: ballot.write */
      with recursive
      d as (select id from decision where id = any(${decisions}::int[]) and state = 'voting' for share),
      go as (select count(*) = cardinality(${decisions}::int[]) as go from d),
      sup as (
        update ballot set status = 'superseded', status_reason = ${supersededBecause('online')}
        where id = any(${supersede}::int[]) and (select go from go)
        returning id),
      s as (
        insert into ballot_submission (id, decision_id, head, channel, code, cast_by, voter_person_id)
        select id, d, head, 'online', code, cast_by, voter from unnest(
          ${planned.map((x) => x.id)}::int[], ${planned.map((x) => x.s.decisionId)}::int[], ${planned.map((x) => x.head.head)}::text[],
          ${planned.map((x) => x.code)}::text[], ${planned.map((x) => x.s.ctx.actor.id)}::int[],
          ${planned.map((x) => x.head.personId)}::int[]) as v(id, d, head, code, cast_by, voter)
        where (select go from go)
        returning id, created_at),
      b as (
        insert into ballot (decision_id, motion_code, head, channel, submission_id, choice, candidates, status)
        select v.d, v.motion, v.head, 'online', v.sub, v.choice, v.candidates::jsonb, 'counted' from unnest(
          ${rows.map((r) => r.d)}::int[], ${rows.map((r) => r.motion)}::text[], ${rows.map((r) => r.head)}::text[],
          ${rows.map((r) => r.sub)}::int[], ${rows.map((r) => r.choice)}::text[], ${rows.map((r) => r.candidates)}::text[])
          with ordinality as v(d, motion, head, sub, choice, candidates, n)
        where (select go from go) and (select count(*) from sup) >= 0
        order by v.n),
      head as (
        select coalesce(value->>'hash', ${GENESIS_HASH}) as hash from app_setting
        where key = 'audit_head' and (select go from go) for update),
      v as (
        select * from unnest(${col((e) => e.fields.at)}::timestamptz[], ${col((e) => e.fields.actorId)}::int[],
          ${col((e) => e.fields.actorName)}::text[], ${col((e) => e.fields.action)}::text[], ${col((e) => e.fields.entityType)}::text[],
          ${col((e) => e.fields.entityId)}::text[], ${col((e) => e.fields.nodeId)}::int[], ${col((e) => JSON.stringify(e.fields.after))}::text[],
          ${col((e) => e.fields.requestId)}::text[], ${col((e) => e.fields.ip)}::text[], ${col((e) => e.canonical)}::text[])
          with ordinality as v(at, actor_id, actor_name, action, entity_type, entity_id, node_id, after, request_id, ip, canonical, n)),
      chain (n, prev_hash, hash) as (
        select 0::bigint, null::text, (select hash from head)
        union all
        select v.n, chain.hash, encode(sha256(convert_to(chain.hash || E'\n' || v.canonical, 'UTF8')), 'hex')
        from chain join v on v.n = chain.n + 1),
      e as (
        insert into audit_entry (at, actor_id, actor_name, action, entity_type, entity_id, node_id, after, request_id, ip, prev_hash, hash)
        select v.at, v.actor_id, v.actor_name, v.action, v.entity_type, v.entity_id, v.node_id, v.after::jsonb, v.request_id, v.ip,
          chain.prev_hash, chain.hash
        from v join chain on chain.n = v.n
        where chain.hash is not null
        order by v.n
        returning id, hash),
      moved as (
        update app_setting set value = (select jsonb_build_object('id', id, 'hash', hash) from e order by id desc limit 1)
        where key = 'audit_head' and exists (select 1 from e))
      select id, created_at from s`.execute(db)
  ).rows;
  if (written.length !== planned.length) return STALE;
  const castAt = new Map(written.map((w) => [w.id, w.created_at]));

  for (const x of planned) {
    (results[x.i] as Receipt[]).push({
      code: x.code,
      castAt: castAt.get(x.id)!,
      units: x.head.unitIds,
      superseded: x.supersede.length,
    });
  }
  return results;
}

const writers = new WeakMap<Db, BallotWriter>();
// Lanes writing at once: enough to overlap one batch's round trips with another's, few enough to
// leave the pool (10) to the rest of the app.
const LANES = 3;

/** Writes an online submission through the database's group-commit writer. */
export function writeOnlineBallots(db: Db, s: OnlineSubmission): Promise<Receipt[] | typeof SINGLE_PATH> {
  let w = writers.get(db);
  if (!w) writers.set(db, (w = new BallotWriter(db, LANES)));
  return w.submit(s);
}
