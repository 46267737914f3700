import crypto from 'node:crypto';
import { sql } from 'kysely';
import { buildTallyFile, candidateMotionId, electionResult, followMajority, type ElectionResult } from '../../core/decisions.js';
import { countFile, resultOf, type Condition, type MotionResult, type Outcome } from '../../core/tally.js';
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

/** The tally file's text: the exact bytes the hash covers and anyone may download. */
export async function tallyFileText(db: Db | DecisionsTrx, d: DecisionRow) {
  const q = db as DecisionsDb;
  const motions = (await motionsOf(db, d.id)).map(specOf);
  // The roll and the ballots at once (two connections of the pool; in a transaction, one after the
  // other), each row already in the shape core/decisions.ts takes. Two snapshots are safe here: the
  // roll is frozen from the opening on, never written again.
  const [units, counted, receipts] = await Promise.all([
    q
      .selectFrom('decision_roll')
      .select(['room', 'area_centi as areaCenti', 'developer_stock as developerStock', 'head', 'owner_code as ownerCode'])
      .select(['position', 'owner_rank as ownerRank'])
      .where('decision_id', '=', d.id)
      .execute(),
    q
      .selectFrom('ballot')
      .select(['head', 'motion_code as motion', 'choice', 'candidates'])
      .where('decision_id', '=', d.id)
      .where('status', '=', 'counted')
      .execute(),
    // issue 19: a tracker per submission with a counted ballot (receiptTracker, hashed by the database)
    sql<{ head: string; tracker: string }>`
      select s.head, left(encode(sha256(convert_to(${d.id}::text || ':' || s.code, 'UTF8')), 'hex'), 32) as tracker
      from ballot_submission s
      where s.decision_id = ${d.id}
        and exists (select 1 from ballot b where b.submission_id = s.id and b.status = 'counted')`
      .execute(db)
      .then((r) => r.rows),
  ]);
  const rules = d.rules as DecisionRules;
  const file = buildTallyFile(motions, units, counted, rules.spoiled, { secret: rules.secretBallot === true, receipts });
  const text = JSON.stringify(file);
  // R10: spoiled ballots per motion, for the result's words (the file shows them as the rule counts them)
  const spoiled = new Map<string, number>();
  for (const b of counted) if (b.choice === 'spoiled') spoiled.set(b.motion, (spoiled.get(b.motion) ?? 0) + 1);
  return { text, sha256: crypto.createHash('sha256').update(text).digest('hex'), motions, file, spoiled };
}

/**
 * The result of a decision, computed from its own tally file by `countFile` (core/tally.ts, what
 * `npx gongzhi tally` runs), so the published numbers and the public file agree by construction.
 * Elections rank their qualified candidates (item 三); the 从众 clause (R11) is applied only where
 * adopted, and flagged when the outcome depends on it.
 */
export async function computeResult(db: Db | DecisionsTrx, d: DecisionRow): Promise<{ result: DecisionResult; text: string }> {
  const { text, sha256, motions, file, spoiled } = await tallyFileText(db, d);
  // `file` is what `text` says (JSON.stringify of plain strings, numbers and booleans), its shape is
  // buildTallyFile's by type, and its rooms are different (rollRooms at the freeze; buildTallyFile
  // checks): parsing the text back and `parseTallyFile` would find nothing. The checks a count depends
  // on (a known owner, motion and choice, one ballot per voter and motion) are countFile's own.
  const counted = countFile(file);
  const results = counted.motions.map((m) => resultOf(counted.totals, m));
  const countOf = new Map(counted.motions.map((m) => [m.id, m]));
  const byId = new Map(results.map((r) => [r.motion, r]));
  const rules = d.rules as DecisionRules;
  const totals = { heads: d.total_heads ?? 0, areaCenti: Number(d.total_area_centi ?? 0) };
  let depends = false;
  const out: MotionOutcome[] = motions.map((m) => {
    if (m.kind === 'choice') {
      const r = byId.get(m.code)!;
      const fm = rules.followMajority ? followMajority(m.item, totals, r) : null;
      if (fm?.dependsOnIt) depends = true;
      return {
        code: m.code,
        title: m.title,
        item: m.item,
        kind: m.kind,
        result: r,
        followMajority: fm,
        outcome: fm ? fm.outcome : r.outcome,
        counts: { no: countOf.get(m.code)!.no.heads, abstain: countOf.get(m.code)!.abstain.heads },
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
