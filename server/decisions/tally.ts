import crypto from 'node:crypto';
import {
  buildTallyFile,
  candidateMotionId,
  electionResult,
  followMajority,
  type CountedBallot,
  type ElectionResult,
} from '../../core/decisions.js';
import { parseTallyFile, tallyFile, type Condition, type MotionResult, type Outcome } from '../../core/tally.js';
import type { Db } from '../db/connect.js';
import { motionsOf, specOf, type DecisionRules } from './store.js';
import type { DecisionRow, DecisionsDb, DecisionsTrx } from './tables.js';

export interface MotionOutcome {
  code: string;
  title: string;
  item: number;
  kind: 'choice' | 'election';
  /** choice motions: the R12 outcome and the exact numbers, as recomputed from the tally file */
  result: MotionResult | null;
  /** R11: only where the decision adopted the 从众 clause */
  followMajority: { outcome: Outcome; failed: Condition[]; dependsOnIt: boolean } | null;
  /** the official outcome: follows the 从众 clause where adopted */
  outcome: Outcome | null;
  counts: { no: number; abstain: number } | null;
  /** R10: spoiled paper ballots on this motion (counted as the decision's rule says) */
  spoiled: number;
  election: ElectionResult | null;
}

export interface DecisionResult {
  totals: { heads: number; area: string };
  motions: MotionOutcome[];
  sha256: string;
  dependsOnFollowMajority: boolean;
}

const sortKey = (s: string) => s.replace(/\d+/g, (n) => n.padStart(8, '0'));

/** The tally file's text: the exact bytes the hash covers and anyone may download. */
export async function tallyFileText(db: Db | DecisionsTrx, d: DecisionRow) {
  const q = db as DecisionsDb;
  const motions = (await motionsOf(db, d.id)).map(specOf);
  const roll = await q
    .selectFrom('decision_roll')
    .select(['room', 'area_centi', 'developer_stock', 'owner_code', 'head'])
    .where('decision_id', '=', d.id)
    .execute();
  const codeOf = new Map(roll.map((r) => [r.head, r.owner_code]));
  // Handed over already in the file's order (room numbers and owner codes compared with their digit
  // runs padded, as buildTallyFile sorts): its sort then only confirms the order, instead of
  // comparing 20,000 units and 40,000 ballots afresh with a regular expression per comparison.
  const keyed = roll.map((r) => ({ r, k: sortKey(r.room) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const ballotRows = await q
    .selectFrom('ballot')
    .select(['head', 'motion_code', 'choice', 'candidates'])
    .where('decision_id', '=', d.id)
    .where('status', '=', 'counted')
    .execute();
  const ownerKey = new Map(roll.map((r) => [r.head, sortKey(r.owner_code)]));
  const ballots = ballotRows
    .map((b) => ({ b, k: ownerKey.get(b.head)! }))
    .sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : x.b.motion_code < y.b.motion_code ? -1 : 1))
    .map((x) => x.b);
  const counted: CountedBallot[] = ballots.map((b) => ({
    ownerCode: codeOf.get(b.head)!,
    motion: b.motion_code,
    content: b.candidates ? { candidates: b.candidates } : { choice: b.choice! },
  }));
  const file = buildTallyFile(
    motions,
    keyed.map(({ r }) => ({ room: r.room, areaCenti: Number(r.area_centi), developerStock: r.developer_stock, ownerCode: r.owner_code })),
    counted,
    (d.rules as DecisionRules).spoiled,
  );
  const text = JSON.stringify(file);
  // R10: spoiled ballots per motion, for the result's words (the file shows them as the rule counts them)
  const spoiled = new Map<string, number>();
  for (const b of counted)
    if ('choice' in b.content && b.content.choice === 'spoiled') spoiled.set(b.motion, (spoiled.get(b.motion) ?? 0) + 1);
  return { text, sha256: crypto.createHash('sha256').update(text).digest('hex'), motions, file, spoiled };
}

/**
 * The result of a decision, computed from its own tally file with `tallyFile` (core/tally.ts), so
 * the published numbers and the public file agree by construction. Elections rank their qualified
 * candidates (item 三); the 从众 clause (R11) is applied only where adopted, and flagged when the
 * outcome depends on it.
 */
export async function computeResult(db: Db | DecisionsTrx, d: DecisionRow): Promise<{ result: DecisionResult; text: string }> {
  const { text, sha256, motions, file, spoiled } = await tallyFileText(db, d);
  const { results } = tallyFile(parseTallyFile(JSON.parse(text)));
  const byId = new Map(results.map((r) => [r.motion, r]));
  const rules = d.rules as DecisionRules;
  const totals = { heads: d.total_heads ?? 0, areaCenti: Number(d.total_area_centi ?? 0) };
  let depends = false;
  const out: MotionOutcome[] = motions.map((m) => {
    if (m.kind === 'choice') {
      const r = byId.get(m.code)!;
      const fm = rules.followMajority ? followMajority(m.item, totals, r) : null;
      if (fm?.dependsOnIt) depends = true;
      const mine = file.ballots.filter((b) => b.motion === m.code);
      const heads = (c: string) => new Set(mine.filter((b) => b.choice === c).map((b) => b.owner)).size;
      return {
        code: m.code,
        title: m.title,
        item: m.item,
        kind: m.kind,
        result: r,
        followMajority: fm,
        outcome: fm ? fm.outcome : r.outcome,
        counts: { no: heads('no'), abstain: heads('abstain') },
        spoiled: spoiled.get(m.code) ?? 0,
        election: null,
      };
    }
    const per = new Map((m.candidates ?? []).map((c) => [c.code, byId.get(candidateMotionId(m.code, c.code))!]));
    return {
      code: m.code,
      title: m.title,
      item: m.item,
      kind: m.kind,
      result: null,
      followMajority: null,
      outcome: null,
      counts: null,
      spoiled: spoiled.get(m.code) ?? 0,
      election: electionResult(m.seats ?? 0, m.candidates ?? [], per),
    };
  });
  const area = results[0]?.AT ?? '0.00';
  return {
    result: { totals: { heads: results[0]?.NT ?? totals.heads, area }, motions: out, sha256, dependsOnFollowMajority: depends },
    text,
  };
}
