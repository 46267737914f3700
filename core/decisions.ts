import { formatArea } from './area.js';
import { formatDateZh } from './dates.js';
import { byCodeUnits, naturalKey } from './ordering.js';
import type { RuleProfile, SpoiledRule } from './rule-profile.js';
import { MAJOR_ITEMS, decide, type Choice, type Item, type MotionResult, type Outcome, type TallyFile, type Totals } from './tally.js';
import { dateOf, dayIndex } from './workdays.js';

// Natural order lives in core/ordering.ts (shared with the server's lists and the web's sorters).
export { naturalKey } from './ordering.js';

/**
 * Owners' joint decisions (业主共同决定, 民法典 第278条, rules R5–R21): the state machine as data,
 * its guards (each refusal a Chinese sentence citing the rule), the schedule checks against the
 * rule profile (R14, R17, R18), the multi-seat election ranking (item 三) and the tally file built
 * from a frozen roll (R5) and the counted ballots (R19).
 */

// ── 278 items ────────────────────────────────────────────────────────────────────────────────

export const ITEMS: readonly Item[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

export const ITEM_LABEL: Record<Item, string> = {
  1: '（一）制定和修改业主大会议事规则',
  2: '（二）制定和修改管理规约',
  3: '（三）选举业主委员会或者更换业主委员会成员',
  4: '（四）选聘和解聘物业服务企业或者其他管理人',
  5: '（五）使用建筑物及其附属设施的维修资金',
  6: '（六）筹集建筑物及其附属设施的维修资金',
  7: '（七）改建、重建建筑物及其附属设施',
  8: '（八）改变共有部分的用途或者利用共有部分从事经营活动',
  9: '（九）有关共有和共同管理权利的其他重大事项',
};

/** The threshold an item implies (R7 + R8/R9), as shown next to the item select. */
export function thresholdLabel(item: Item): string {
  const gate = '专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决';
  return MAJOR_ITEMS.has(item)
    ? `${gate}，经参与表决专有部分面积四分之三以上且参与表决人数四分之三以上的业主同意`
    : `${gate}，经参与表决专有部分面积过半数且参与表决人数过半数的业主同意`;
}

export const CHOICE_LABEL: Record<Choice, string> = { yes: '同意', no: '反对', abstain: '弃权' };
/** A paper ballot's choice may also be 废票 (spoiled: unreadable, two boxes ticked…); online ones never are. */
export type PaperChoice = Choice | 'spoiled';
export const PAPER_CHOICE_LABEL: Record<PaperChoice, string> = { ...CHOICE_LABEL, spoiled: '废票' };

export const OUTCOME_LABEL: Record<Outcome, string> = {
  passed: '通过',
  rejected: '未通过',
  no_quorum: '未达到参与表决门槛',
};

export const CONDITION_LABEL = {
  participation_headcount: '参与表决人数不足三分之二',
  participation_area: '参与表决专有部分面积不足三分之二',
  approval_headcount: '同意人数未达到要求',
  approval_area: '同意面积未达到要求',
} as const;

// ── State machine ────────────────────────────────────────────────────────────────────────────

export const DECISION_STATES = ['draft', 'announced', 'voting', 'closed', 'published', 'cancelled'] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

export const STATE_LABEL: Record<DecisionState, string> = {
  draft: '草稿',
  announced: '已公告议题',
  voting: '投票中',
  closed: '投票已截止',
  published: '结果已公布',
  cancelled: '已取消',
};

export type DecisionAction = 'edit' | 'announce' | 'open' | 'close' | 'publish' | 'cancel' | 'vote' | 'enterPaper';

/** Which actions each state allows: the whole life of a decision in one table. */
export const TRANSITIONS: Record<DecisionState, readonly DecisionAction[]> = {
  draft: ['edit', 'announce', 'cancel'],
  announced: ['open', 'cancel'],
  voting: ['vote', 'enterPaper', 'close'],
  // Paper ballots collected during the period are counted after it closes (唱票、计票).
  closed: ['enterPaper', 'publish'],
  published: [],
  cancelled: [],
};

export const NEXT_STATE: Partial<Record<DecisionAction, DecisionState>> = {
  announce: 'announced',
  open: 'voting',
  close: 'closed',
  publish: 'published',
  cancel: 'cancelled',
};

export interface Schedule {
  announcedOn: string | null;
  opensOn: string | null;
  closesOn: string | null;
}

export interface DecisionFacts extends Schedule {
  state: DecisionState;
  motions: MotionDraft[];
  /** Paper double entries that disagree and await review. */
  mismatches?: number;
}

export interface MotionDraft {
  title: string;
  item: Item;
  kind: 'choice' | 'election';
  seats?: number | null;
  candidates?: { name: string }[] | null;
}

const days = (from: string, to: string) => dayIndex(to) - dayIndex(from);

/** The last day on which voting may open after announcing on `announcedOn` (R14). */
export const earliestOpening = (announcedOn: string, profile: Pick<RuleProfile, 'voteNoticeDays'>) =>
  dateOf(dayIndex(announcedOn) + profile.voteNoticeDays);

/** The voting period counts its opening and its closing day. */
export const periodLength = (opensOn: string, closesOn: string) => days(opensOn, closesOn) + 1;

/**
 * Problems with a decision's dates under its rule profile, as sentences for the organiser; empty
 * when the dates are lawful. `today` bounds the announcement: it is posted today or was posted on
 * paper in the estate earlier, never in the future.
 */
export function scheduleProblems(
  s: Schedule,
  profile: Pick<RuleProfile, 'voteNoticeDays' | 'votingPeriodDays'>,
  today: string,
): { field: keyof Schedule; message: string }[] {
  const out: { field: keyof Schedule; message: string }[] = [];
  if (!s.opensOn) out.push({ field: 'opensOn', message: '请填写投票开始日期' });
  if (!s.closesOn) out.push({ field: 'closesOn', message: '请填写投票截止日期' });
  if (s.announcedOn && s.announcedOn > today)
    out.push({ field: 'announcedOn', message: `议题公告日期不能晚于今天（${formatDateZh(today)}）` });
  const noticeFrom = s.announcedOn ?? today;
  if (s.opensOn) {
    const earliest = earliestOpening(noticeFrom, profile);
    if (s.opensOn < earliest)
      out.push({
        field: 'opensOn',
        message: `议题须在投票开始${profile.voteNoticeDays}日前向全体业主公告（R14）：${s.announcedOn ? '按公告日期' : '如今天公告'}，投票最早于${formatDateZh(earliest)}开始`,
      });
  }
  if (s.opensOn && s.closesOn) {
    if (s.closesOn < s.opensOn) out.push({ field: 'closesOn', message: '投票截止日期不能早于开始日期' });
    else {
      const n = periodLength(s.opensOn, s.closesOn);
      const { min, max } = profile.votingPeriodDays;
      if (n < min || n > max)
        out.push({
          field: 'closesOn',
          message: `投票期为${n}日，应在${min}日至${max}日之间（R17，含开始和截止当日）`,
        });
    }
  }
  return out;
}

/** Problems with the motions as a set: at least one, elections well-formed. */
export function motionProblems(motions: readonly MotionDraft[]): string[] {
  const out: string[] = [];
  if (motions.length === 0) out.push('请至少填写一个表决事项');
  motions.forEach((m, i) => {
    const at = `第${i + 1}项「${m.title}」`;
    if (m.kind === 'election') {
      if (m.item !== 3) out.push(`${at}：选举业主委员会属于民法典第278条第（三）项`);
      const seats = m.seats ?? 0;
      const n = m.candidates?.length ?? 0;
      if (!Number.isInteger(seats) || seats < 1) out.push(`${at}：应选名额必须是正整数`);
      if (n < 1) out.push(`${at}：请填写候选人`);
      const names = new Set(m.candidates?.map((c) => c.name) ?? []);
      if (names.size !== n) out.push(`${at}：候选人姓名重复`);
    }
  });
  return out;
}

/**
 * Whether `action` may happen now; null when it may, else the refusal with its rule. The single
 * gate every use case passes through.
 */
export function guard(
  action: DecisionAction,
  d: DecisionFacts,
  profile: Pick<RuleProfile, 'voteNoticeDays' | 'votingPeriodDays'>,
  today: string,
): string | null {
  if (!TRANSITIONS[d.state].includes(action)) return STATE_REFUSAL[action](d.state);
  switch (action) {
    case 'announce': {
      const m = motionProblems(d.motions);
      if (m.length) return m.join('；');
      const s = scheduleProblems(d, profile, today);
      return s.length ? s.map((p) => p.message).join('；') : null;
    }
    case 'open':
      if (d.closesOn && today > d.closesOn)
        return `投票截止日期（${formatDateZh(d.closesOn)}）已过，不能再开始投票：请取消本次表决，重新公告议题后再组织表决（R14、R17）`;
      if (d.opensOn && today < d.opensOn)
        return `投票自${formatDateZh(d.opensOn)}开始：议题须提前${profile.voteNoticeDays}日公告（R14），现在不能开始投票`;
      return null;
    case 'vote':
      if (d.opensOn && today < d.opensOn) return `投票尚未开始（${formatDateZh(d.opensOn)}开始），现在不能投票`;
      if (d.closesOn && today > d.closesOn) return `投票已于${formatDateZh(d.closesOn)}截止，现在不能投票`;
      return null;
    case 'close':
      if (d.closesOn && today <= d.closesOn)
        return `投票期至${formatDateZh(d.closesOn)}届满（含当日），届满后才能截止计票，以免剥夺业主的表决权（R17）`;
      return null;
    case 'publish':
      if (d.mismatches) return `还有${d.mismatches}张纸质表决票两次录入不一致，请先复核后再公布结果`;
      return null;
    default:
      return null;
  }
}

const STATE_REFUSAL: Record<DecisionAction, (s: DecisionState) => string> = {
  edit: (s) => `表决事项已${STATE_LABEL[s]}，不能再修改：议题公告后不得增加或修改表决事项（R15）`,
  announce: (s) => `表决${STATE_LABEL[s]}，不能再公告议题`,
  open: (s) => (s === 'draft' ? '请先公告议题：未经公告的事项不得表决（R14、R15）' : `表决${STATE_LABEL[s]}，不能开始投票`),
  close: (s) => `表决${STATE_LABEL[s]}，不能截止投票`,
  publish: (s) => (s === 'voting' ? '请先截止投票再公布结果' : `表决${STATE_LABEL[s]}，不能公布结果`),
  cancel: (s) => `表决${STATE_LABEL[s]}，不能取消：投票开始后表决只能进行到底`,
  vote: (s) => (s === 'closed' || s === 'published' ? '投票已截止，现在不能投票' : `表决${STATE_LABEL[s]}，现在不在投票期内，不能投票`),
  enterPaper: (s) => `表决${STATE_LABEL[s]}，不能录入纸质表决票`,
};

/** R18: the result is published within 3 days of closing. */
export const publishDeadline = (closedOn: string) => dateOf(dayIndex(closedOn) + 3);

// ── Ballot choices ───────────────────────────────────────────────────────────────────────────

/** A ballot's content for one motion: a single choice, or the candidates picked in an election. */
export type BallotContent = { choice: PaperChoice } | { candidates: string[] };

export interface MotionSpec {
  code: string;
  title: string;
  item: Item;
  kind: 'choice' | 'election';
  seats: number | null;
  candidates: { code: string; name: string }[] | null;
}

/**
 * Validates one submission against the motions: every answered motion exists; a single choice is
 * 同意/反对/弃权; an election picks distinct known candidates, at most as many as the seats. Online
 * every motion must be answered; a paper ballot may leave one blank, and staff record a spoiled one
 * as 废票 (R10), on any motion.
 */
export function ballotProblems(motions: readonly MotionSpec[], answers: Record<string, unknown>, channel: 'online' | 'paper'): string[] {
  const complete = channel === 'online';
  const out: string[] = [];
  const byCode = new Map(motions.map((m) => [m.code, m]));
  for (const code of Object.keys(answers)) if (!byCode.has(code)) out.push(`没有编号为 ${code} 的表决事项`);
  for (const m of motions) {
    const a = answers[m.code];
    if (a === undefined || a === null) {
      if (complete) out.push(`请对「${m.title}」作出选择`);
      continue;
    }
    if (a === 'spoiled') {
      if (complete) out.push(`「${m.title}」只能选择同意、反对或弃权`);
      continue;
    }
    if (m.kind === 'choice') {
      if (a !== 'yes' && a !== 'no' && a !== 'abstain') out.push(`「${m.title}」只能选择同意、反对或弃权`);
    } else {
      if (!Array.isArray(a) || a.some((c) => typeof c !== 'string')) {
        out.push(`「${m.title}」请选择候选人`);
        continue;
      }
      const known = new Set(m.candidates?.map((c) => c.code));
      if (a.some((c) => !known.has(c as string))) out.push(`「${m.title}」中有不在候选人名单上的人选`);
      if (new Set(a).size !== a.length) out.push(`「${m.title}」同一候选人只能选一次`);
      if (a.length > (m.seats ?? 0)) out.push(`「${m.title}」应选${m.seats}名，您选了${a.length}名：选择人数不能超过应选名额`);
    }
  }
  return out;
}

// ── Election (item 三) ───────────────────────────────────────────────────────────────────────

export const candidateMotionId = (motion: string, candidate: string) => `${motion}-${candidate}`;

export interface CandidateResult {
  code: string;
  name: string;
  NY: number;
  AY: string;
  /** more than half of the participating area and headcount (R8), with participation met (R7) */
  qualified: boolean;
  elected: boolean;
  rank: number | null;
  failed: MotionResult['failed'];
}

export interface ElectionResult {
  seats: number;
  candidates: CandidateResult[];
  elected: string[];
  unfilled: number;
  /** candidates tied at the last seat(s): none of them is elected by rank; the organiser decides the next step */
  tiedAtCut: string[];
  quorum: boolean;
}

const centiOf = (a: string) => {
  const [w, f = ''] = a.split('.');
  return Number(w) * 100 + Number(f.padEnd(2, '0'));
};

/**
 * A candidate is elected when the decision meets participation (R7) and the candidate has more
 * than half of the participating area AND headcount (R8); qualified candidates take the seats by
 * rank (area, then headcount). Candidates tied at the cut are all left out and reported; seats
 * left empty are reported as unfilled.
 */
export function electionResult(
  seats: number,
  candidates: { code: string; name: string }[],
  perCandidate: Map<string, MotionResult>,
): ElectionResult {
  const rows = candidates.map((c) => {
    const r = perCandidate.get(c.code)!;
    return { c, r, a: centiOf(r.AY) };
  });
  const quorum = rows.length > 0 && rows.every(({ r }) => r.outcome !== 'no_quorum');
  const qualified = rows.filter(({ r }) => r.outcome === 'passed').sort((x, y) => y.a - x.a || y.r.NY - x.r.NY);
  const same = (x: (typeof rows)[number], y: (typeof rows)[number]) => x.a === y.a && x.r.NY === y.r.NY;
  const elected = new Set<string>();
  const tiedAtCut: string[] = [];
  let i = 0;
  while (i < qualified.length && elected.size < seats) {
    let j = i;
    while (j + 1 < qualified.length && same(qualified[j + 1]!, qualified[i]!)) j++;
    const group = qualified.slice(i, j + 1);
    if (elected.size + group.length <= seats) group.forEach((g) => elected.add(g.c.code));
    else {
      tiedAtCut.push(...group.map((g) => g.c.code));
      break;
    }
    i = j + 1;
  }
  const rankOf = new Map(qualified.map((q, k) => [q.c.code, k + 1]));
  return {
    seats,
    candidates: rows.map(({ c, r }) => ({
      code: c.code,
      name: c.name,
      NY: r.NY,
      AY: r.AY,
      qualified: r.outcome === 'passed',
      elected: elected.has(c.code),
      rank: rankOf.get(c.code) ?? null,
      failed: r.failed,
    })),
    elected: [...elected],
    unfilled: seats - elected.size,
    tiedAtCut,
    quorum,
  };
}

// ── R11 从众 (non-voters follow the majority) ─────────────────────────────────────────────────

/**
 * R11: where the estate has expressly adopted a "从众/计入多数票" clause, non-voters are counted as
 * participants voting with the majority of the votes cast (yes when the cast yes are more than
 * half by area and headcount, otherwise no). Off by default; the caller reports when the outcome
 * depends on it.
 */
export function followMajority(item: Item, totals: Totals, r: MotionResult) {
  const p = { heads: r.NP, areaCenti: centiOf(r.AP) };
  const y = { heads: r.NY, areaCenti: centiOf(r.AY) };
  const majorityYes = 2 * y.heads > p.heads && 2 * y.areaCenti > p.areaCenti;
  const adjusted = {
    participants: { heads: totals.heads, areaCenti: totals.areaCenti },
    yes: majorityYes ? { heads: y.heads + totals.heads - p.heads, areaCenti: y.areaCenti + totals.areaCenti - p.areaCenti } : y,
  };
  const d = decide(item, totals, adjusted);
  return { outcome: d.outcome, failed: d.failed, dependsOnIt: d.outcome !== r.outcome };
}

// ── The frozen roll and the tally file ───────────────────────────────────────────────────────

/** A unit as frozen in a decision's roll (R5). */
export interface FrozenUnit {
  room: string;
  areaCenti: number;
  developerStock: boolean;
  /** the unit's head (R3): who votes for it, the key ballots name; internal, never published */
  head: string;
  /** the opaque per-decision code of the unit's head, never a name: what the public file shows */
  ownerCode: string;
  /** the unit's place in the roll's natural order of rooms, fixed at the freeze (rollOrder) */
  position: number;
  /** its owner code's place in the natural order of the roll's codes, fixed at the freeze (rollOrder) */
  ownerRank: number;
}

/**
 * The frozen roll's public order, computed once at the freeze: each unit's place by room and its
 * owner code's place, both natural ("2-1-101" before "10-1-101", "o9" before "o10"). Positions are
 * 0…n-1, rooms that sort alike keeping the order given; codes that sort alike share a rank. The
 * tally file, the published voter list and the paper-entry roll all list in this order, and none
 * of them has to sort 20,000 rooms again (bench/cast-ballots.mjs).
 */
export function rollOrder(units: readonly { room: string; ownerCode: string }[]): { position: number; ownerRank: number }[] {
  const roomKeys = units.map((u) => naturalKey(u.room));
  const byRoom = [...units.keys()].sort((a, b) => byCodeUnits(roomKeys[a]!, roomKeys[b]!) || a - b);
  const position = new Array<number>(units.length);
  byRoom.forEach((unit, place) => (position[unit] = place));
  const codeKey = new Map<string, string>();
  for (const u of units) if (!codeKey.has(u.ownerCode)) codeKey.set(u.ownerCode, naturalKey(u.ownerCode));
  const rankOfKey = new Map([...new Set(codeKey.values())].sort(byCodeUnits).map((k, i) => [k, i]));
  return units.map((u, i) => ({ position: position[i]!, ownerRank: rankOfKey.get(codeKey.get(u.ownerCode)!)! }));
}

/** A counted ballot on one motion as stored (one row): a choice, or the candidates picked in an election. */
export interface CountedBallot {
  /** the voting head (R3), as in the frozen roll */
  head: string;
  motion: string;
  choice: PaperChoice | null;
  candidates: string[] | null;
}

/**
 * The public tally file (公开计票文件) of a decision: units by room number and area, owners by
 * opaque codes, one line per counted ballot; each election candidate is a yes/no line of item 三
 * (picked: yes; not picked by a voter who took part: no; a blank election ballot: abstain). A
 * spoiled paper ballot (R10) is an abstention where the decision counts it as taking part, and is
 * left out where it does not: the file's format knows only yes/no/abstain, and needs no more.
 */
export interface TallyFileOptions {
  /**
   * The decision keeps the ballot secret (its rule snapshot, stated in its announcement): the file
   * names no room, only an anonymous key per unit ("u1"…), listed by owner code (random at the
   * freeze), so neither the keys nor their order say which room is which. Areas and owner codes stay:
   * the count needs them, and it comes out the same (R3).
   */
  secret?: boolean;
  /** The trackers of the counted ballots' receipts (a hash of each receipt code), by voting head. */
  receipts?: readonly { head: string; tracker: string }[];
}

export function buildTallyFile(
  motions: readonly MotionSpec[],
  units: readonly FrozenUnit[],
  ballots: readonly CountedBallot[],
  spoiled: SpoiledRule,
  options: TallyFileOptions = {},
): TallyFile {
  const fileMotions: TallyFile['motions'] = [];
  for (const m of motions) {
    if (m.kind === 'choice') fileMotions.push({ id: m.code, item: m.item });
    else for (const c of m.candidates ?? []) fileMotions.push({ id: candidateMotionId(m.code, c.code), item: m.item });
  }
  // The file's order is the roll's (rollOrder): units by room, ballots by owner code then motion id.
  // Each ballot's place follows from its owner's rank and its motion's, so the ballots are placed by a
  // counting sort, in linear time: comparing 40,000 ballots' keys was most of the file's cost.
  const unitOf = new Map(units.map((u) => [u.head, u]));
  const motionRank = new Map(
    fileMotions
      .map((m) => m.id)
      .sort(byCodeUnits)
      .map((id, i) => [id, i]),
  );
  const width = motionRank.size;
  const fileBallots: TallyFile['ballots'] = [];
  const keys: number[] = [];
  let head: string | undefined;
  let owner: FrozenUnit | undefined;
  const put = (motion: string, choice: Choice) => {
    fileBallots.push({ owner: owner!.ownerCode, motion, choice });
    keys.push(owner!.ownerRank * width + motionRank.get(motion)!);
  };
  const byCode = new Map(motions.map((m) => [m.code, m]));
  for (const b of ballots) {
    const m = byCode.get(b.motion);
    if (!m) continue;
    // a head's ballots on its motions are usually consecutive: look its unit up once for them
    if (b.head !== head) {
      owner = unitOf.get(b.head);
      if (!owner) throw new Error(`计票文件：选票的投票人 ${b.head} 不在冻结的业主名册中（R5）`);
      head = b.head;
    }
    if (b.choice === 'spoiled') {
      if (spoiled === 'excluded') continue;
      if (m.kind === 'choice') put(m.code, 'abstain');
      else for (const c of m.candidates ?? []) put(candidateMotionId(m.code, c.code), 'abstain');
    } else if (b.choice) put(m.code, b.choice);
    else if (b.candidates) {
      const picked = new Set(b.candidates);
      for (const c of m.candidates ?? [])
        put(candidateMotionId(m.code, c.code), picked.has(c.code) ? 'yes' : picked.size === 0 ? 'abstain' : 'no');
    }
  }
  const sortedBallots = countingSort(fileBallots, keys, units.length * width); // ranks < units
  const rooms = new Set(units.map((u) => u.room));
  if (rooms.size < units.length) throw new Error('计票文件：冻结名册中有重复的房号（rollRooms 应使其各不相同）');
  // An estate repeats a few floor plans: each area's text is made once, and shared (less to allocate,
  // serialize and hash).
  const areaText = new Map<number, string>();
  const areaOf = (centi: number) => {
    let text = areaText.get(centi);
    if (text === undefined) areaText.set(centi, (text = formatArea(centi)));
    return text;
  };
  const byRoom = countingSort(
    units,
    units.map((u) => u.position),
    units.length,
  );
  // secret: by owner code (random at the freeze; a counting sort is stable, so one owner's units keep their order)
  const listed = options.secret
    ? countingSort(
        byRoom,
        byRoom.map((u) => u.ownerRank),
        units.length,
      )
    : byRoom;
  const sortedUnits = listed.map((u, i) => ({
    unit: options.secret ? `u${i + 1}` : u.room,
    area: areaOf(u.areaCenti),
    owner: u.ownerCode,
    developerStock: u.developerStock,
  }));
  const file: TallyFile = { motions: fileMotions, units: sortedUnits, ballots: sortedBallots };
  if (options.receipts) {
    // by tracker: the order of the receipts says nothing of when, or by whom, a ballot was cast
    file.receipts = options.receipts
      .map((r) => {
        const u = unitOf.get(r.head);
        if (!u) throw new Error(`计票文件：回执的投票人 ${r.head} 不在冻结的业主名册中（R5）`);
        return { tracker: r.tracker, owner: u.ownerCode };
      })
      .sort((a, b) => (a.tracker < b.tracker ? -1 : a.tracker > b.tracker ? 1 : 0));
  }
  return file;
}

/** The items in ascending order of their keys (integers in [0, range)), stable among equal keys. */
function countingSort<T>(items: readonly T[], keys: readonly number[], range: number): T[] {
  const start = new Int32Array(range + 1);
  for (const k of keys) {
    if (!(k >= 0 && k < range)) throw new Error(`计票文件：名册顺序无效（${k} 不在 0–${range - 1} 之内）`);
    start[k + 1]!++;
  }
  for (let k = 0; k < range; k++) start[k + 1]! += start[k]!;
  const out = new Array<T>(items.length);
  for (let i = 0; i < items.length; i++) out[start[keys[i]!]!++] = items[i]!;
  return out;
}

/** A room number for the public: building, entrance and unit digits, like "1-1-101". */
export function roomLabel(building: string, entrance: string, number: string): string {
  const short = (s: string) => {
    const t = s.replace(/号楼|栋|幢|座|单元|号|楼/g, '').trim();
    return t || s;
  };
  return [short(building), short(entrance), number].filter(Boolean).join('-');
}

/**
 * The public room numbers of a roll, one per unit, all different: the tally file tells units apart by
 * them (parseTallyFile refuses two units of one number). Short labels where they are unique; where
 * two units would share one (buildings "1号楼" and "1栋", entrances "1单元" and "1"), those units keep
 * their names in full ("1号楼-1单元-101"); should even that repeat, each gets a number in brackets.
 */
export function rollRooms(units: readonly { building: string; entrance: string; number: string }[]): string[] {
  const counted = (labels: string[]) => {
    const n = new Map<string, number>();
    for (const l of labels) n.set(l, (n.get(l) ?? 0) + 1);
    return n;
  };
  const short = units.map((u) => roomLabel(u.building, u.entrance, u.number));
  const shortCount = counted(short);
  const labels = short.map((l, i) => {
    if (shortCount.get(l) === 1) return l;
    const u = units[i]!;
    return [u.building, u.entrance, u.number].filter(Boolean).join('-');
  });
  const count = counted(labels);
  const taken = new Set(labels.filter((l) => count.get(l) === 1));
  return labels.map((l) => {
    if (count.get(l) === 1) return l;
    let k = 1;
    while (taken.has(`${l}（${k}）`)) k++;
    taken.add(`${l}（${k}）`);
    return `${l}（${k}）`;
  });
}

/** Live turnout (organisers): heads and area that have cast at least one counted ballot, as shares of the frozen totals. */
export function turnoutPercent(part: Totals, totals: Totals) {
  const pct = (a: number, b: number) => (b === 0 ? 0 : Math.floor((a * 10000) / b) / 100);
  return { heads: pct(part.heads, totals.heads), area: pct(part.areaCenti, totals.areaCenti) };
}
