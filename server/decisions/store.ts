import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { isStaffRole, ROLE_LABEL, type Permission } from '../../core/access.js';
import { guard, type DecisionAction, type DecisionFacts, type MotionSpec } from '../../core/decisions.js';
import type { RuleProfile, SpoiledRule } from '../../core/rule-profile.js';
import { profileForNode } from '../formation/profile.js';
import { PERMISSION_LABEL, permissionsAt } from '../access/scope.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../http/errors.js';
import { DECISION_COLUMNS, ddb, type DecisionRow, type DecisionsDb, type DecisionsTrx, type MotionRow } from './tables.js';

/** The rule snapshot a decision carries (frozen at creation). */
export interface DecisionRules {
  profile: RuleProfile;
  /** which ballot prevails where a unit has both (Shenzhen practice: online) */
  prevailing: 'online' | 'paper';
  /** R11 从众 clause: off by default */
  followMajority: boolean;
  /** R6: parking spaces as exclusive parts */
  countParking: boolean;
  /** R10: how a spoiled paper ballot counts */
  spoiled: SpoiledRule;
  /**
   * Issue 19: the secret ballot — the public tally file names no room, only anonymous unit keys with
   * their areas (core/decisions.ts buildTallyFile). Stated in the announcement; absent (older
   * decisions) means rooms are shown.
   */
  secretBallot?: boolean;
}

export const rulesOf = (d: DecisionRow) => d.rules as DecisionRules;

/** The street's chosen rule profile (formation capability's table), else the seed's. */
export const profileForEstate = (db: Db, estateId: number): Promise<RuleProfile> => profileForNode(db, estateId);

/** The decision, locked for a change in the caller's transaction (every column but its tally file). */
export const lockDecision = (trx: DecisionsTrx, id: number) =>
  trx.selectFrom('decision').select(DECISION_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();

/** A decision within the caller's scope: 404 when not readable, 403 when `permission` is not held there. */
export async function loadDecision(db: Db | DecisionsTrx, user: CurrentUser, id: number, permission: Permission = 'decision.read') {
  const d = await (db as DecisionsDb).selectFrom('decision').select(DECISION_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!d) throw notFound('表决');
  const held = await heldAtEstate(db, user, d.estate_id);
  if (!held.has('decision.read') && !held.has(permission)) throw notFound('表决');
  if (!held.has(permission)) throw forbidden(`您没有在此范围内执行该操作的权限（需要：${PERMISSION_LABEL[permission]}）`);
  return { d, held };
}

/**
 * The permissions the user holds for an estate's decisions: at the estate, or at one of its
 * buildings (a grid worker's scope reaches the buildings of their grid: they enter paper ballots there).
 */
export async function heldAtEstate(db: Db | DecisionsTrx, user: CurrentUser, estateId: number): Promise<Set<Permission>> {
  const buildings = await (db as DecisionsDb)
    .selectFrom('org_node')
    .select('id')
    .where('parent_id', '=', estateId)
    .where('kind', '=', 'building')
    .execute();
  const at = await permissionsAt(db as unknown as Db, user, [estateId, ...buildings.map((b) => b.id)]);
  const out = new Set<Permission>(at.get(estateId) ?? []);
  for (const b of buildings) for (const p of at.get(b.id) ?? []) if (p === 'decision.read' || p === 'ballot.enter') out.add(p);
  return out;
}

export async function motionsOf(db: Db | DecisionsTrx, decisionId: number): Promise<MotionRow[]> {
  return (db as DecisionsDb).selectFrom('decision_motion').selectAll().where('decision_id', '=', decisionId).orderBy('position').execute();
}

export const specOf = (m: MotionRow): MotionSpec => ({
  code: m.code,
  title: m.title,
  item: m.item,
  kind: m.kind,
  seats: m.seats,
  candidates: m.candidates?.map((c) => ({ code: c.code, name: c.name })) ?? null,
});

export async function mismatchCount(db: Db | DecisionsTrx, decisionId: number): Promise<number> {
  const r = await (db as DecisionsDb)
    .selectFrom('ballot')
    .select((eb) => eb.fn.count<number>('head').distinct().as('n'))
    .where('decision_id', '=', decisionId)
    .where('status', '=', 'disputed')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function factsOf(d: DecisionRow, motions: MotionRow[], mismatches = 0): DecisionFacts {
  return {
    state: d.state,
    announcedOn: d.announced_on,
    opensOn: d.opens_on,
    closesOn: d.closes_on,
    motions: motions.map((m) => ({ title: m.title, item: m.item, kind: m.kind, seats: m.seats, candidates: m.candidates })),
    mismatches,
  };
}

/** Throws the rule's refusal (409) unless `action` may happen now. */
export function check(action: DecisionAction, d: DecisionRow, motions: MotionRow[], mismatches = 0, today = todayInChina()) {
  const refusal = guard(action, factsOf(d, motions, mismatches), rulesOf(d).profile, today);
  if (refusal) throw action === 'announce' ? badRequest(refusal) : conflict(refusal);
}

// ── Who votes for what (R3, R4, R19) ─────────────────────────────────────────────────────────

/** The voter of a unit from its owners: the sole owner, or the co-owner designated (R4); else nobody. */
export function voterOf(owners: { person_id: number; designated_voter: boolean }[]): number | null {
  if (owners.length === 1) return owners[0]!.person_id;
  return owners.find((o) => o.designated_voter)?.person_id ?? null;
}

async function currentVoters(db: DecisionsDb | DecisionsTrx, unitIds: number[]): Promise<Map<number, number | null>> {
  const out = new Map<number, number | null>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .selectFrom('ownership')
    .select(['unit_id', 'person_id', 'designated_voter'])
    .where('unit_id', 'in', unitIds)
    .where('ended_on', 'is', null)
    .execute();
  const by = new Map<number, { person_id: number; designated_voter: boolean }[]>();
  for (const r of rows) by.set(r.unit_id, [...(by.get(r.unit_id) ?? []), r]);
  for (const u of unitIds) out.set(u, voterOf(by.get(u) ?? []));
  return out;
}

export interface Entitlement {
  head: string;
  personId: number;
  unitIds: number[];
}

/**
 * The heads `personIds` may vote for now. The head structure and weights stay as frozen (R5). R19:
 * if a unit changed hands after the freeze, the frozen voter keeps the head while they still vote
 * for at least one of its units; otherwise the new owner votes for it, provided every unit of the
 * head is now theirs (a single-unit owner who sold: the buyer votes, unless the seller already has).
 */
export async function entitledHeads(db: Db | DecisionsTrx, decisionId: number, personIds: number[]): Promise<Entitlement[]> {
  const q = db as DecisionsDb;
  if (personIds.length === 0) return [];
  const frozen = await q
    .selectFrom('decision_roll')
    .select(['head', 'unit_id', 'voter_person_id'])
    .where('decision_id', '=', decisionId)
    .where('voter_person_id', 'in', personIds)
    .execute();
  // Units now owned by one of the persons that were someone else's at the freeze (R19 buyers).
  const bought = await q
    .selectFrom('ownership as o')
    .innerJoin('decision_roll as r', (j) => j.onRef('r.unit_id', '=', 'o.unit_id').on('r.decision_id', '=', decisionId))
    .select(['r.head'])
    .where('o.person_id', 'in', personIds)
    .where('o.ended_on', 'is', null)
    .where((eb) => eb.or([eb('r.voter_person_id', 'is', null), eb('r.voter_person_id', 'not in', personIds)]))
    .execute();
  const heads = [...new Set([...frozen.map((f) => f.head), ...bought.map((b) => b.head)])];
  if (heads.length === 0) return [];
  const units = await q
    .selectFrom('decision_roll')
    .select(['head', 'unit_id', 'voter_person_id'])
    .where('decision_id', '=', decisionId)
    .where('head', 'in', heads)
    .execute();
  const now = await currentVoters(
    q,
    units.map((u) => u.unit_id),
  );
  return entitlementsOf(units, now, personIds);
}

/**
 * The R19 rule of `entitledHeads` on loaded data: `units` are the frozen roll rows of every head
 * the persons are (or were) voters of or now own a unit of; `now` the current voter of each unit.
 */
export function entitlementsOf(
  units: { head: string; unit_id: number; voter_person_id: number | null }[],
  now: Map<number, number | null>,
  personIds: number[],
): Entitlement[] {
  const byHead = new Map<string, typeof units>();
  for (const u of units) byHead.set(u.head, [...(byHead.get(u.head) ?? []), u]);
  const out: Entitlement[] = [];
  for (const [head, us] of byHead) {
    const frozenVoters = new Set(us.map((u) => u.voter_person_id).filter((v): v is number => v != null));
    const stillFrozen = [...frozenVoters].filter((p) => us.some((u) => now.get(u.unit_id) === p));
    let who: number | null = null;
    if (stillFrozen.length) who = stillFrozen.find((p) => personIds.includes(p)) ?? null;
    else {
      const current = new Set(us.map((u) => now.get(u.unit_id) ?? null));
      const only = current.size === 1 ? [...current][0]! : null;
      if (only != null && personIds.includes(only)) who = only;
    }
    if (who != null)
      out.push({
        head,
        personId: who,
        unitIds: us.map((u) => u.unit_id),
      });
  }
  return out;
}

/** R19: a head's cast ballot stands; a later owner of its unit cannot overturn it on either channel. */
export const PREVIOUS_OWNER_VOTED =
  '该房屋的原业主已在表决期内投票：按规定原业主已投出的表决票有效，新业主不能再投票，也不能以纸质或网络方式取代它（R19）';

/**
 * Refuses (403) an account that holds a staff role: an owner's ballot is cast only by the owner (or
 * the holder of their written proxy, R20) from an owner account, never by staff who can reach the
 * roll. Returns nothing when the account is an owner's only.
 */
export function refuseStaffVoter(user: CurrentUser) {
  const staff = user.roles.find((r) => isStaffRole(r.role));
  if (staff)
    throw forbidden(
      `此账号担任${ROLE_LABEL[staff.role]}，不能投票：业主的表决票只能由业主本人或其书面委托的受托人以业主账号投出。工作人员本人是业主的，请使用单独的业主账号`,
    );
}

/**
 * R19: whether the head already has a ballot (counted, superseded or in dispute; corrected entries
 * aside) cast for another person than `personId` — a unit's old owner who voted before selling, or a
 * co-owner designated before. The precedence of paper and online settles one person's own two
 * ballots only; it never lets another person overturn a cast ballot.
 */
export async function castForOthers(trx: DecisionsTrx, decisionId: number, head: string, personId: number): Promise<boolean> {
  const other = await trx
    .selectFrom('ballot as b')
    .innerJoin('ballot_submission as s', 's.id', 'b.submission_id')
    .select('b.id')
    .where('b.decision_id', '=', decisionId)
    .where('b.head', '=', head)
    .where('b.status', '<>', 'corrected')
    .where((eb) => eb(eb.fn.coalesce('s.voter_person_id', 's.principal_person_id'), '<>', personId))
    .executeTakeFirst();
  return Boolean(other);
}

/** Why a ballot stepped aside: the other channel's ballot for the same unit prevails (the decision's rule). */
export const supersededBecause = (winner: 'online' | 'paper') =>
  `同一房屋另有${winner === 'online' ? '网络投票' : '纸质表决票'}，按本次表决的规则以其为准`;

/** Motions are frozen once the topics are announced (R15): kept per database and decision after that. */
const frozenMotions = new WeakMap<object, Map<number, MotionRow[]>>();
export async function frozenMotionsOf(db: Db, d: DecisionRow): Promise<MotionRow[]> {
  if (d.state === 'draft') return motionsOf(db, d.id);
  let cache = frozenMotions.get(db);
  if (!cache) frozenMotions.set(db, (cache = new Map()));
  let m = cache.get(d.id);
  if (!m) {
    m = await motionsOf(db, d.id);
    if (cache.size > 200) cache.clear();
    cache.set(d.id, m);
  }
  return m;
}

/** The person who may vote for a head now (R4, R19), or null when nobody can. */
export async function voterOfHead(db: Db | DecisionsTrx, decisionId: number, head: string): Promise<number | null> {
  const q = db as DecisionsDb;
  const us = await q
    .selectFrom('decision_roll')
    .select(['unit_id', 'voter_person_id'])
    .where('decision_id', '=', decisionId)
    .where('head', '=', head)
    .execute();
  const now = await currentVoters(
    q,
    us.map((u) => u.unit_id),
  );
  const frozen = [...new Set(us.map((u) => u.voter_person_id).filter((v): v is number => v != null))];
  const still = frozen.find((p) => us.some((u) => now.get(u.unit_id) === p));
  if (still != null) return still;
  const current = new Set(us.map((u) => now.get(u.unit_id) ?? null));
  return current.size === 1 ? ([...current][0] ?? null) : null;
}

export async function boundPersons(db: Db | DecisionsTrx, accountId: number): Promise<number[]> {
  const rows = await (db as DecisionsDb).selectFrom('owner_binding').select('person_id').where('account_id', '=', accountId).execute();
  return rows.map((r) => r.person_id);
}

// ── Receipts, files, refusals ────────────────────────────────────────────────────────────────

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** The receipt codes' length: 31^12 ≈ 2^59 codes, so that guessing one is hopeless (issue 19; older receipts have 10). */
export const RECEIPT_LENGTH = 12;
/** A ballot code (receipt): 12 characters without look-alikes (0/O, 1/I/L), drawn uniformly. */
export function ballotCode(): string {
  let code = '';
  for (let i = 0; i < RECEIPT_LENGTH; i++) code += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * A receipt code as typed: capitals, without spaces or dashes (shown in groups of four); null when it
 * cannot be one (a character outside the alphabet, or the wrong length).
 */
export function normalizeReceipt(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return /^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{10,12}$/.test(code) ? code : null;
}

/**
 * The tracker of a receipt in the public tally file: the first 32 hex digits of SHA-256 over
 * "<decision id>:<receipt code>" (anyone can recompute it: `printf '12:ABCDEFGHJKMN' | sha256sum`).
 * The SQL of tallyFileText computes the same.
 */
export const receiptTracker = (decisionId: number, code: string) =>
  crypto.createHash('sha256').update(`${decisionId}:${code}`).digest('hex').slice(0, 32);

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const TYPES: Record<string, { label: string; magic: (b: Buffer) => boolean }> = {
  'application/pdf': { label: 'PDF', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  'image/jpeg': { label: 'JPEG 图片', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/png': { label: 'PNG 图片', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
};

export interface FileInput {
  fileName: string;
  contentType: string;
  dataBase64: string;
}

/** Checks a scan or a written proxy by its content (PDF, JPEG, PNG, ≤ 5 MB); returns the bytes. */
export function checkFile(f: FileInput, what: string, field: string): Buffer {
  const type = TYPES[f.contentType];
  if (!type) throw badRequest(`${what}只能是 PDF 或 JPEG/PNG 图片`, field);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(f.dataBase64)) throw badRequest(`${what}内容不是有效的 Base64 编码`, field);
  const content = Buffer.from(f.dataBase64, 'base64');
  if (content.length === 0) throw badRequest(`${what}是空文件`, field);
  if (content.length > MAX_FILE_BYTES) throw badRequest(`${what}不能超过 5 MB`, field);
  if (!type.magic(content)) throw badRequest(`${what}的内容不是${type.label}，请检查文件类型`, field);
  return content;
}

export async function storeFile(
  trx: DecisionsTrx,
  decisionId: number,
  purpose: 'scan' | 'proxy',
  f: FileInput,
  content: Buffer,
  by: number,
) {
  const row = await trx
    .insertInto('decision_file')
    .values({
      decision_id: decisionId,
      purpose,
      file_name: f.fileName,
      content_type: f.contentType,
      size: content.length,
      sha256: crypto.createHash('sha256').update(content).digest('hex'),
      content,
      created_by: by,
    })
    .returning(['id', 'sha256'])
    .executeTakeFirstOrThrow();
  return row;
}

/**
 * Runs an owner's or staff member's attempt; when it is refused (4xx) nothing has changed, and the
 * refusal is written to the decision's misuse log before the error goes back to the caller.
 */
export async function loggingRefusals<T>(
  db: Db,
  req: FastifyRequest,
  decisionId: number | null,
  action: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const status = err instanceof AppError ? err.status : (err as { code?: string }).code === '23505' ? 409 : 0;
    if (status >= 400 && status < 500 && status !== 401) {
      const exists = decisionId ? await ddb(db).selectFrom('decision').select('id').where('id', '=', decisionId).executeTakeFirst() : null;
      await ddb(db)
        .insertInto('decision_refusal')
        .values({
          decision_id: exists ? decisionId : null,
          account_id: req.user?.id ?? null,
          action,
          reason: err instanceof Error ? err.message.slice(0, 500) : String(err),
          ip: req.ip ?? null,
        })
        .execute();
      req.log.warn({ decisionId, action, reason: err instanceof Error ? err.message : String(err) }, 'decision attempt refused');
    }
    throw err;
  }
}

/** A unique violation of a ballot index: the same head has already voted on this channel. */
export const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505';
