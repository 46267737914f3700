import { formatArea, parseArea } from './area.js';

/**
 * The tally of owners' joint decisions (业主共同决定, 民法典 第278条), exact to the boundary.
 *
 * Heads and areas follow R3: each owner is ONE head with the summed area of their units, however
 * many units they hold; all developer stock (unsold, or sold but undelivered) together is ONE head.
 * Participants are those who voted yes, no or abstain (R10: abstentions participate, never as yes);
 * non-voters do not participate (R11). Every comparison is on integers by cross-multiplication.
 */

/** 民法典 第278条 items: (一)…(九). */
export type Item = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
export type Choice = 'yes' | 'no' | 'abstain';
export type Outcome = 'passed' | 'rejected' | 'no_quorum';
export type Condition = 'participation_headcount' | 'participation_area' | 'approval_headcount' | 'approval_area';

/** R9: items (六) raising maintenance funds, (七) rebuilding, (八) changing common parts' use, need ¾. */
export const MAJOR_ITEMS: ReadonlySet<Item> = new Set<Item>([6, 7, 8]);

export interface Totals {
  heads: number;
  areaCenti: number;
}

export interface MotionCount {
  participants: Totals;
  yes: Totals;
}

export interface Decision {
  outcome: Outcome;
  /** every condition that did not hold, in a fixed order */
  failed: Condition[];
}

/**
 * R7 participation (both ≥ ⅔), then R8 (both > ½ of participants) or, for major items, R9 (both ≥ ¾
 * of participants). R12: three outcomes — no quorum, rejected, passed.
 */
export function decide(item: Item, totals: Totals, count: MotionCount): Decision {
  const { participants: p, yes: y } = count;
  const failed: Condition[] = [];
  // R7: 3·N_P ≥ 2·N_T and 3·A_P ≥ 2·A_T ("以上" includes the bound, 民法典 第1259条)
  if (!(3 * p.heads >= 2 * totals.heads)) failed.push('participation_headcount');
  if (!(3 * p.areaCenti >= 2 * totals.areaCenti)) failed.push('participation_area');
  const quorum = failed.length === 0;
  if (MAJOR_ITEMS.has(item)) {
    // R9: 4·N_Y ≥ 3·N_P and 4·A_Y ≥ 3·A_P
    if (!(4 * y.heads >= 3 * p.heads)) failed.push('approval_headcount');
    if (!(4 * y.areaCenti >= 3 * p.areaCenti)) failed.push('approval_area');
  } else {
    // R8: "过半数" is strictly more than half: 2·N_Y > N_P and 2·A_Y > A_P
    if (!(2 * y.heads > p.heads)) failed.push('approval_headcount');
    if (!(2 * y.areaCenti > p.areaCenti)) failed.push('approval_area');
  }
  return { outcome: !quorum ? 'no_quorum' : failed.length ? 'rejected' : 'passed', failed };
}

// ---------------------------------------------------------------------------------------------
// The public tally file (公开计票文件): the interchange contract anyone can recompute from.

export interface TallyFile {
  motions: { id: string; item: Item }[];
  /**
   * `unit` is the room number ("1-1-101"), or, where the decision keeps the ballot secret, an anonymous
   * key ("u17") that says nothing of the room: the count needs only the area and the owner code.
   */
  units: { unit: string; area: string; owner: string; developerStock: boolean }[];
  ballots: { owner: string; motion: string; choice: Choice }[];
  /**
   * Cast-as-recorded (issue 19): one entry per ballot counted in the file — the tracker (a hash of the
   * ballot's receipt code, which only its voter holds) beside the owner code its choices are listed
   * under. A voter finds their ballot by their receipt without anyone learning whose it is. Optional:
   * files published before it have none; the count never reads it.
   */
  receipts?: { tracker: string; owner: string }[];
}

export interface MotionResult {
  motion: string;
  outcome: Outcome;
  NT: number;
  AT: string;
  NP: number;
  AP: string;
  NY: number;
  AY: string;
  failed: Condition[];
}

export class TallyFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`计票文件格式错误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const CHOICES: readonly string[] = ['yes', 'no', 'abstain'];

/** Where a problem is ("ballots[17]"), spelled out only when there is a problem to report. */
class At {
  constructor(
    private readonly list: string,
    private readonly i: number,
  ) {}
  toString() {
    return `${this.list}[${this.i}]`;
  }
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates the file's shape and cross-references; collects every problem rather than the first. */
export function parseTallyFile(input: unknown): TallyFile {
  const problems: string[] = [];
  if (!isObject(input)) throw new TallyFileError(['文件内容必须是一个 JSON 对象，含 motions、units、ballots 三个数组']);
  const extra = Object.keys(input).filter((k) => !['motions', 'units', 'ballots', 'receipts'].includes(k));
  if (extra.length) problems.push(`未知字段：${extra.join('、')}`);
  for (const key of ['motions', 'units', 'ballots'] as const) if (!Array.isArray(input[key])) problems.push(`${key} 必须是数组`);
  if (input.receipts !== undefined && !Array.isArray(input.receipts)) problems.push('receipts 必须是数组（可以省略）');
  if (problems.length) throw new TallyFileError(problems);

  const motionIds = new Set<string>();
  (input.motions as unknown[]).forEach((m, i) => {
    const at = new At('motions', i);
    if (!isObject(m)) return void problems.push(`${at} 必须是对象`);
    checkKeys(m, MOTION_KEYS, at, problems);
    if (typeof m.id !== 'string' || !m.id) return void problems.push(`${at}.id 必须是非空字符串`);
    if (motionIds.has(m.id)) problems.push(`${at}.id 重复：${m.id}`);
    if (!Number.isInteger(m.item) || (m.item as number) < 1 || (m.item as number) > 9)
      problems.push(`${at}.item 必须是民法典第278条的事项序号 1–9，实际为 ${JSON.stringify(m.item)}`);
    motionIds.add(m.id);
  });

  const unitIds = new Set<string>();
  const owners = new Set<string>();
  (input.units as unknown[]).forEach((u, i) => {
    const at = new At('units', i);
    if (!isObject(u)) return void problems.push(`${at} 必须是对象`);
    checkKeys(u, UNIT_KEYS, at, problems);
    if (typeof u.unit !== 'string' || !u.unit) problems.push(`${at}.unit 必须是非空字符串（房号）`);
    else if (unitIds.has(u.unit)) problems.push(`${at}.unit 重复：${u.unit}`);
    else unitIds.add(u.unit);
    if (typeof u.area !== 'string' || !/^\d+(\.\d{1,2})?$/.test(u.area))
      problems.push(`${at}.area 必须是最多两位小数的十进制字符串，如 "89.37"，实际为 ${JSON.stringify(u.area)}`);
    else if (centiOf(u.area) === null) problems.push(`${at}.area 必须大于 0`);
    if (typeof u.owner !== 'string' || !u.owner) problems.push(`${at}.owner 必须是非空字符串（业主代码）`);
    else owners.add(u.owner);
    if (typeof u.developerStock !== 'boolean') problems.push(`${at}.developerStock 必须是 true 或 false`);
  });

  // who has cast on each motion (R19: one ballot per owner and motion)
  const cast = new Map<unknown, Set<unknown>>();
  (input.ballots as unknown[]).forEach((b, i) => {
    const at = new At('ballots', i);
    if (!isObject(b)) return void problems.push(`${at} 必须是对象`);
    checkKeys(b, BALLOT_KEYS, at, problems);
    if (typeof b.owner !== 'string' || !owners.has(b.owner)) problems.push(`${at}.owner 不是任何房屋的业主：${JSON.stringify(b.owner)}`);
    if (typeof b.motion !== 'string' || !motionIds.has(b.motion))
      problems.push(`${at}.motion 不是已列出的表决事项：${JSON.stringify(b.motion)}`);
    if (typeof b.choice !== 'string' || !CHOICES.includes(b.choice))
      problems.push(`${at}.choice 只能是 yes、no 或 abstain，实际为 ${JSON.stringify(b.choice)}`);
    let voted = cast.get(b.motion);
    if (!voted) cast.set(b.motion, (voted = new Set()));
    if (voted.has(b.owner)) problems.push(`${at}：业主 ${String(b.owner)} 对事项 ${String(b.motion)} 投了两票（R19 每位业主每个事项一票）`);
    voted.add(b.owner);
  });

  // the receipts' trackers: each names an owner of the file, and no two are alike
  const trackers = new Set<string>();
  ((input.receipts as unknown[] | undefined) ?? []).forEach((r, i) => {
    const at = new At('receipts', i);
    if (!isObject(r)) return void problems.push(`${at} 必须是对象`);
    checkKeys(r, RECEIPT_KEYS, at, problems);
    if (typeof r.tracker !== 'string' || !TRACKER.test(r.tracker))
      problems.push(`${at}.tracker 必须是 32–64 位小写十六进制字符串（回执码的哈希），实际为 ${JSON.stringify(r.tracker)}`);
    else if (trackers.has(r.tracker)) problems.push(`${at}.tracker 重复：${r.tracker}`);
    else trackers.add(r.tracker);
    if (typeof r.owner !== 'string' || !owners.has(r.owner)) problems.push(`${at}.owner 不是任何房屋的业主：${JSON.stringify(r.owner)}`);
  });
  if (problems.length) throw new TallyFileError(problems);
  // Without a problem every entry has exactly its fields, of their types: the input is the file.
  return input as unknown as TallyFile;
}

function checkKeys(obj: Record<string, unknown>, allowed: ReadonlySet<string>, at: At, problems: string[]) {
  // A loop that allocates nothing unless something is wrong: it runs for each of 60,000 entries.
  for (const k in obj)
    if (!allowed.has(k)) {
      problems.push(
        `${at} 含未知字段：${Object.keys(obj)
          .filter((x) => !allowed.has(x))
          .join('、')}`,
      );
      return;
    }
}
const MOTION_KEYS: ReadonlySet<string> = new Set(['id', 'item']);
const UNIT_KEYS: ReadonlySet<string> = new Set(['unit', 'area', 'owner', 'developerStock']);
const BALLOT_KEYS: ReadonlySet<string> = new Set(['owner', 'motion', 'choice']);
const RECEIPT_KEYS: ReadonlySet<string> = new Set(['tracker', 'owner']);
const TRACKER = /^[0-9a-f]{32,64}$/;

const CANONICAL_AREA = /^\d+\.\d{2}$/;

/** An area in hundredths, or null when invalid; estates repeat a few floor plans, so each text is parsed once. */
const areaCache = new Map<string, number | null>();
function centiOf(text: string): number | null {
  let c = areaCache.get(text);
  if (c === undefined) {
    // the file's own form only ("89.37", as formatArea writes it): a file is checked, not read leniently
    const r = CANONICAL_AREA.test(text) ? parseArea(text) : ({ ok: false } as const);
    c = r.ok ? r.centi : null;
    if (areaCache.size > 100_000) areaCache.clear();
    areaCache.set(text, c);
  }
  return c;
}

/** How each voter answered a motion: 0 = did not vote. */
const NONE = 0;
const CHOICE_CODE: ReadonlyMap<string, number> = new Map([
  ['yes', 1],
  ['no', 2],
  ['abstain', 3],
]);

/** The heads and areas that took part in one motion, and how they split (R10: abstentions take part). */
export interface MotionCounts {
  id: string;
  item: Item;
  participants: Totals;
  yes: Totals;
  no: Totals;
  abstain: Totals;
}

/**
 * Counts a tally file: heads per R3, every motion in one pass over the ballots. Voters are numbered
 * and each motion keeps one byte per voter, so a ballot costs two lookups and no allocation.
 *
 * It refuses what would make a count wrong even in a file that skipped `parseTallyFile` (the publish
 * path counts the file it has just built): a ballot of an owner or on a motion not in the file, a choice
 * other than yes/no/abstain, and a second ballot of one voter on one motion — the developer's stock
 * included, whose units are one voter whatever codes they carry (R3).
 */
export function countFile(file: TallyFile): { totals: Totals; motions: MotionCounts[] } {
  const voterOf = new Map<string, number>();
  const area: number[] = [];
  const DEVELOPER = 0;
  const hasStock = file.units.some((u) => u.developerStock);
  if (hasStock) area.push(0);
  for (const u of file.units) if (u.developerStock) voterOf.set(u.owner, DEVELOPER);
  for (const u of file.units) {
    let voter = voterOf.get(u.owner);
    if (voter === undefined) voterOf.set(u.owner, (voter = area.push(0) - 1));
    const centi = centiOf(u.area);
    if (centi === null) throw new TallyFileError([`房屋 ${u.unit} 的面积无效`]);
    area[voter]! += centi;
  }
  const totals: Totals = { heads: area.length, areaCenti: area.reduce((a, b) => a + b, 0) };

  const answers = new Map(file.motions.map((m) => [m.id, new Uint8Array(area.length)]));
  // Files list an owner's ballots together (ours do): the last owner's and motion's lookups are reused.
  let lastMotion: string | undefined;
  let answer: Uint8Array | undefined;
  let lastOwner: string | undefined;
  let voter = -1;
  for (const b of file.ballots) {
    if (b.motion !== lastMotion) {
      answer = answers.get(b.motion);
      if (!answer) throw new TallyFileError([`选票的表决事项 ${b.motion} 不在文件的事项中`]);
      lastMotion = b.motion;
    }
    if (b.owner !== lastOwner) {
      const v = voterOf.get(b.owner);
      if (v === undefined) throw new TallyFileError([`选票的业主 ${b.owner} 不是任何房屋的业主`]);
      voter = v;
      lastOwner = b.owner;
    }
    const code = CHOICE_CODE.get(b.choice);
    if (code === undefined) throw new TallyFileError([`选票的选项只能是 yes、no 或 abstain，实际为 ${JSON.stringify(b.choice)}`]);
    if (answer![voter] !== NONE)
      throw new TallyFileError([
        hasStock && voter === DEVELOPER
          ? `开发建设单位（未售出或未交付房屋）对事项 ${b.motion} 投了不止一票：其全部房屋只计一票（R3）`
          : `业主 ${b.owner} 对事项 ${b.motion} 投了两票（R19 每位业主每个事项一票）`,
      ]);
    answer![voter] = code;
  }

  const motions = file.motions.map((m): MotionCounts => {
    const answer = answers.get(m.id)!;
    const by: [null, Totals, Totals, Totals] = [null, { heads: 0, areaCenti: 0 }, { heads: 0, areaCenti: 0 }, { heads: 0, areaCenti: 0 }];
    for (let voter = 0; voter < answer.length; voter++) {
      const code = answer[voter]!;
      if (code === NONE) continue;
      by[code]!.heads++;
      by[code]!.areaCenti += area[voter]!;
    }
    const [, yes, no, abstain] = by;
    const participants = { heads: yes.heads + no.heads + abstain.heads, areaCenti: yes.areaCenti + no.areaCenti + abstain.areaCenti };
    return { id: m.id, item: m.item, participants, yes, no, abstain };
  });
  return { totals, motions };
}

/** A motion's result in the file's output format: the R12 outcome and the exact numbers. */
export function resultOf(totals: Totals, m: MotionCounts): MotionResult {
  const d = decide(m.item, totals, m);
  return {
    motion: m.id,
    outcome: d.outcome,
    NT: totals.heads,
    AT: formatArea(totals.areaCenti),
    NP: m.participants.heads,
    AP: formatArea(m.participants.areaCenti),
    NY: m.yes.heads,
    AY: formatArea(m.yes.areaCenti),
    failed: d.failed,
  };
}

export function tallyFile(file: TallyFile): { results: MotionResult[] } {
  const { totals, motions } = countFile(file);
  return { results: motions.map((m) => resultOf(totals, m)) };
}
