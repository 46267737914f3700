import { describe, expect, it } from 'vitest';
import {
  ballotProblems,
  buildTallyFile,
  electionResult,
  followMajority,
  guard,
  naturalKey,
  roomLabel,
  rollOrder,
  rollRooms,
  scheduleProblems,
  type DecisionFacts,
  type MotionSpec,
} from './decisions.js';
import { SEED_PROFILE } from './rule-profile.js';
import { decide, parseTallyFile, tallyFile, type MotionResult } from './tally.js';

const today = '2026-06-15';
const facts = (over: Partial<DecisionFacts> = {}): DecisionFacts => ({
  state: 'draft',
  announcedOn: null,
  opensOn: '2026-07-01',
  closesOn: '2026-07-10',
  motions: [{ title: '选聘物业', item: 4, kind: 'choice' }],
  ...over,
});

describe('decision state machine guards', () => {
  it('R14: voting opens no earlier than 15 days after the announcement', () => {
    expect(guard('announce', facts({ announcedOn: '2026-06-16', opensOn: '2026-07-01' }), SEED_PROFILE, '2026-06-16')).toBeNull();
    expect(guard('announce', facts({ announcedOn: '2026-06-17', opensOn: '2026-07-01' }), SEED_PROFILE, '2026-06-17')).toMatch(/R14/);
  });
  it('R17: the period counts both ends and lies within 5–60 days', () => {
    expect(scheduleProblems({ announcedOn: today, opensOn: '2026-07-01', closesOn: '2026-07-05' }, SEED_PROFILE, today)).toEqual([]);
    expect(
      scheduleProblems({ announcedOn: today, opensOn: '2026-07-01', closesOn: '2026-07-04' }, SEED_PROFILE, today)[0]!.message,
    ).toMatch(/R17/);
    expect(scheduleProblems({ announcedOn: today, opensOn: '2026-07-01', closesOn: '2026-08-29' }, SEED_PROFILE, today)).toEqual([]);
    expect(scheduleProblems({ announcedOn: today, opensOn: '2026-07-01', closesOn: '2026-08-30' }, SEED_PROFILE, today)).toHaveLength(1);
  });
  it('R15: motions cannot change after the announcement; voting only within the period; closing only after it', () => {
    expect(guard('edit', facts({ state: 'announced' }), SEED_PROFILE, today)).toMatch(/R15/);
    expect(guard('open', facts({ state: 'draft' }), SEED_PROFILE, today)).toMatch(/公告/);
    expect(guard('open', facts({ state: 'announced' }), SEED_PROFILE, '2026-06-30')).toMatch(/R14/);
    expect(guard('open', facts({ state: 'announced' }), SEED_PROFILE, '2026-07-01')).toBeNull();
    expect(guard('vote', facts({ state: 'voting' }), SEED_PROFILE, '2026-07-10')).toBeNull();
    expect(guard('vote', facts({ state: 'voting' }), SEED_PROFILE, '2026-07-11')).toMatch(/截止/);
    expect(guard('close', facts({ state: 'voting' }), SEED_PROFILE, '2026-07-10')).toMatch(/届满/);
    expect(guard('close', facts({ state: 'voting' }), SEED_PROFILE, '2026-07-11')).toBeNull();
    expect(guard('publish', facts({ state: 'closed', mismatches: 1 }), SEED_PROFILE, '2026-07-11')).toMatch(/复核/);
    expect(guard('vote', facts({ state: 'published' }), SEED_PROFILE, '2026-07-05')).toMatch(/截止/);
  });
});

describe('thresholds at the boundary (R7–R12)', () => {
  const T = { heads: 6, areaCenti: 600 };
  it('exactly ⅔ participation passes; just under fails, naming the condition', () => {
    expect(decide(4, T, { participants: { heads: 4, areaCenti: 400 }, yes: { heads: 4, areaCenti: 400 } }).outcome).toBe('passed');
    expect(decide(4, T, { participants: { heads: 4, areaCenti: 399 }, yes: { heads: 4, areaCenti: 399 } })).toEqual({
      outcome: 'no_quorum',
      failed: ['participation_area'],
    });
  });
  it('exactly ½ approval fails (过半数 is strictly more)', () => {
    expect(decide(4, T, { participants: { heads: 6, areaCenti: 600 }, yes: { heads: 3, areaCenti: 301 } })).toEqual({
      outcome: 'rejected',
      failed: ['approval_headcount'],
    });
  });
  it('exactly ¾ on a major item passes', () => {
    const T8 = { heads: 8, areaCenti: 800 };
    expect(decide(6, T8, { participants: { heads: 8, areaCenti: 800 }, yes: { heads: 6, areaCenti: 600 } }).outcome).toBe('passed');
    expect(decide(6, T8, { participants: { heads: 8, areaCenti: 800 }, yes: { heads: 6, areaCenti: 599 } }).outcome).toBe('rejected');
  });
});

const motions: MotionSpec[] = [
  { code: 'm1', title: '选聘物业', item: 4, kind: 'choice', seats: null, candidates: null },
  {
    code: 'm2',
    title: '选举业委会',
    item: 3,
    kind: 'election',
    seats: 2,
    candidates: [
      { code: 'c1', name: '甲' },
      { code: 'c2', name: '乙' },
      { code: 'c3', name: '丙' },
    ],
  },
];

describe('ballots', () => {
  it('an election vote for more candidates than seats is refused; unknown motions and choices too', () => {
    expect(ballotProblems(motions, { m1: 'yes', m2: ['c1', 'c2'] }, 'online')).toEqual([]);
    expect(ballotProblems(motions, { m1: 'yes', m2: ['c1', 'c2', 'c3'] }, 'online')[0]).toMatch(/不能超过应选名额/);
    expect(ballotProblems(motions, { m1: 'maybe', m2: [] }, 'online')[0]).toMatch(/同意、反对或弃权/);
    expect(ballotProblems(motions, { m9: 'yes' }, 'paper')[0]).toMatch(/m9/);
    expect(ballotProblems(motions, { m1: 'yes' }, 'online')[0]).toMatch(/选举业委会/);
    expect(ballotProblems(motions, { m1: 'yes' }, 'paper')).toEqual([]);
  });
  it('R10: 废票 is a paper choice only, on a choice or an election motion', () => {
    expect(ballotProblems(motions, { m1: 'spoiled', m2: 'spoiled' }, 'paper')).toEqual([]);
    expect(ballotProblems(motions, { m1: 'spoiled', m2: ['c1'] }, 'online')[0]).toMatch(/同意、反对或弃权/);
    expect(ballotProblems(motions, { m1: 'yes', m2: 'spoiled' }, 'online')).toHaveLength(1);
  });
});

/** Fixture units frozen as the freeze does: with the roll's natural order (rollOrder). */
const frozen = (units: { room: string; areaCenti: number; developerStock: boolean; ownerCode: string }[]) => {
  const order = rollOrder(units);
  return units.map((u, i) => ({ ...u, head: `h-${u.ownerCode}`, ...order[i]! }));
};

describe('spoiled ballots in the tally file (R10)', () => {
  // three heads of 100 m² each: o1 yes, o2 spoiled, o3 absent
  const units = frozen(
    ['o1', 'o2', 'o3'].map((o, i) => ({ room: `1-1-10${i + 1}`, areaCenti: 10000, developerStock: false, ownerCode: o })),
  );
  const ballots = [
    { head: 'h-o1', motion: 'm1', choice: 'yes' as const, candidates: null },
    { head: 'h-o2', motion: 'm1', choice: 'spoiled' as const, candidates: null },
    { head: 'h-o2', motion: 'm2', choice: 'spoiled' as const, candidates: null },
  ];
  it('视为弃权: an abstention on a choice motion and on every candidate; participation exactly 2/3 holds', () => {
    const file = buildTallyFile(motions, units, ballots, 'abstain');
    expect(file.ballots.filter((b) => b.owner === 'o2').map((b) => b.choice)).toEqual(['abstain', 'abstain', 'abstain', 'abstain']);
    const m1 = tallyFile(file).results.find((r) => r.motion === 'm1')!;
    // 2 of 3 heads and 200 of 300 m² take part (inclusive); 1 of 2 approve: not more than half
    expect(m1).toMatchObject({ NP: 2, AP: '200.00', NY: 1, outcome: 'rejected', failed: ['approval_headcount', 'approval_area'] });
  });
  it('不计入: left out of the file; 1 of 3 heads is no quorum', () => {
    const file = buildTallyFile(motions, units, ballots, 'excluded');
    expect(file.ballots.map((b) => b.owner)).toEqual(['o1']);
    expect(tallyFile(file).results.find((r) => r.motion === 'm1')).toMatchObject({ NP: 1, outcome: 'no_quorum' });
  });
});

describe('tally file from the frozen roll (R3, R10)', () => {
  it('a multi-unit owner and the developer stock are one head each; abstentions participate', () => {
    const units = frozen([
      { room: '1-1-101', areaCenti: 10000, developerStock: false, ownerCode: 'o1' },
      { room: '1-1-102', areaCenti: 10000, developerStock: false, ownerCode: 'o1' },
      { room: '1-1-201', areaCenti: 10000, developerStock: false, ownerCode: 'o2' },
      { room: '2-1-101', areaCenti: 10000, developerStock: true, ownerCode: 'o3' },
      { room: '2-1-102', areaCenti: 10000, developerStock: true, ownerCode: 'o3' },
      { room: '2-1-201', areaCenti: 10000, developerStock: false, ownerCode: 'o4' },
    ]);
    const file = buildTallyFile(
      motions.slice(0, 1),
      units,
      [
        { head: 'h-o1', motion: 'm1', choice: 'yes', candidates: null },
        { head: 'h-o2', motion: 'm1', choice: 'abstain', candidates: null },
        { head: 'h-o3', motion: 'm1', choice: 'yes', candidates: null },
      ],
      'abstain',
    );
    expect(file.units.map((u) => u.area)).toEqual(Array(6).fill('100.00'));
    const [r] = tallyFile(file).results;
    // N_T = 4 (o1, o2, developer, o4); participants 3 ≥ ⅔·4; yes 2 of 3 heads, 400 of 500 m²
    expect(r).toMatchObject({ NT: 4, AT: '600.00', NP: 3, AP: '500.00', NY: 2, AY: '400.00', outcome: 'passed' });
  });
  it('room labels are building-entrance-number', () => {
    expect(roomLabel('1号楼', '1单元', '101')).toBe('1-1-101');
    expect(roomLabel('A座', '', '1203')).toBe('A-1203');
  });
  it('a roll tells every unit apart: names in full where short labels would repeat, then numbers', () => {
    const rooms = rollRooms([
      { building: '1号楼', entrance: '1单元', number: '101' },
      { building: '1栋', entrance: '1单元', number: '101' },
      { building: '1号楼', entrance: '1单元', number: '102' },
      { building: 'X', entrance: '', number: '1' },
      { building: 'X', entrance: '', number: '1' }, // alike in every name (not in one registry: a guard)
    ]);
    expect(rooms).toEqual(['1号楼-1单元-101', '1栋-1单元-101', '1-1-102', 'X-1（1）', 'X-1（2）']);
    expect(new Set(rooms).size).toBe(rooms.length);
  });
  it('a tally file is never built with two units of one room number', () => {
    const units = frozen([
      { room: '1-1-101', areaCenti: 10000, developerStock: false, ownerCode: 'o1' },
      { room: '1-1-101', areaCenti: 10000, developerStock: false, ownerCode: 'o2' },
    ]);
    expect(() => buildTallyFile(motions, units, [], 'abstain')).toThrow(/重复的房号/);
  });
});

const res = (NY: number, AY: string, outcome: MotionResult['outcome'] = 'passed'): MotionResult => ({
  motion: 'x',
  outcome,
  NT: 10,
  AT: '1000.00',
  NP: 8,
  AP: '800.00',
  NY,
  AY,
  failed: outcome === 'passed' ? [] : ['approval_headcount'],
});

describe('multi-seat election (item 三)', () => {
  const cands = [
    { code: 'c1', name: '甲' },
    { code: 'c2', name: '乙' },
    { code: 'c3', name: '丙' },
  ];
  it('seats go by area then headcount among candidates with more than half', () => {
    const e = electionResult(
      2,
      cands,
      new Map([
        ['c1', res(5, '500.00')],
        ['c2', res(6, '600.00')],
        ['c3', res(5, '450.00')],
      ]),
    );
    expect(e.elected).toEqual(['c2', 'c1']);
    expect(e.unfilled).toBe(0);
    expect(e.candidates.find((c) => c.code === 'c3')).toMatchObject({ qualified: true, elected: false, rank: 3 });
  });
  it('a tie at the cut elects none of the tied and reports the unfilled seat', () => {
    const e = electionResult(
      2,
      cands,
      new Map([
        ['c1', res(7, '700.00')],
        ['c2', res(5, '500.00')],
        ['c3', res(5, '500.00')],
      ]),
    );
    expect(e).toMatchObject({ elected: ['c1'], tiedAtCut: ['c2', 'c3'], unfilled: 1 });
  });
  it('candidates without a majority are not elected: seats stay unfilled', () => {
    const e = electionResult(
      2,
      cands,
      new Map([
        ['c1', res(5, '500.00')],
        ['c2', res(4, '400.00', 'rejected')],
        ['c3', res(3, '300.00', 'rejected')],
      ]),
    );
    expect(e).toMatchObject({ elected: ['c1'], unfilled: 1, tiedAtCut: [] });
  });
});

describe('R11 从众', () => {
  it('non-voters follow the majority only where adopted, and the result says it depends on it', () => {
    // 5 of 10 heads voted (no quorum) with 4 yes: counting non-voters with the majority passes it
    const r: MotionResult = {
      motion: 'm1',
      outcome: 'no_quorum',
      NT: 10,
      AT: '1000.00',
      NP: 5,
      AP: '500.00',
      NY: 4,
      AY: '400.00',
      failed: ['participation_headcount', 'participation_area'],
    };
    expect(followMajority(4, { heads: 10, areaCenti: 100000 }, r)).toEqual({ outcome: 'passed', failed: [], dependsOnIt: true });
  });
});

describe('natural order of room numbers and owner codes in the tally file', () => {
  it('pads every run of digits, so 2 comes before 10 in each part', () => {
    const sorted = ['10-1-101', '2-1-101', '2-1-1001', '2-1-99', 'A栋-3', 'A栋-12', 'o10', 'o9'].sort((a, b) =>
      naturalKey(a) < naturalKey(b) ? -1 : naturalKey(a) > naturalKey(b) ? 1 : 0,
    );
    expect(sorted).toEqual(['2-1-99', '2-1-101', '2-1-1001', '10-1-101', 'A栋-3', 'A栋-12', 'o9', 'o10']);
    expect(naturalKey('1-1-101')).toBe('00000001-00000001-00000101');
    expect(naturalKey('')).toBe('');
  });
  it('rollOrder places rooms and ranks codes naturally; rooms that sort alike keep the order given', () => {
    const order = rollOrder([
      { room: '10-1-101', ownerCode: 'o10' },
      { room: '2-1-101', ownerCode: 'o9' },
      { room: '2-1-99', ownerCode: 'o10' },
      { room: '2-1-099', ownerCode: 'o09' },
    ]);
    expect(order.map((o) => o.position)).toEqual([3, 2, 0, 1]);
    // o9 and o09 sort alike: one rank, below o10's
    expect(order.map((o) => o.ownerRank)).toEqual([1, 0, 1, 0]);
  });
  it('the tally file lists units by room and ballots by owner then motion, whatever order they are given in', () => {
    const units = frozen([
      { room: '10-1-101', areaCenti: 10000, developerStock: false, ownerCode: 'o2' },
      { room: '2-1-101', areaCenti: 10000, developerStock: false, ownerCode: 'o10' },
      { room: '2-1-102', areaCenti: 10050, developerStock: false, ownerCode: 'o1' },
    ]);
    const vote = (ownerCode: string, motion: string, choice: 'yes' | 'no' | null, candidates: string[] | null = null) => ({
      head: `h-${ownerCode}`,
      motion,
      choice,
      candidates,
    });
    const file = buildTallyFile(
      motions,
      [...units].reverse(),
      [vote('o10', 'm2', null, ['c2']), vote('o10', 'm1', 'no'), vote('o1', 'm1', 'yes'), vote('o2', 'm1', 'yes')],
      'abstain',
    );
    expect(file.units.map((u) => [u.unit, u.area, u.owner])).toEqual([
      ['2-1-101', '100.00', 'o10'],
      ['2-1-102', '100.50', 'o1'],
      ['10-1-101', '100.00', 'o2'],
    ]);
    expect(file.ballots.map((b) => `${b.owner} ${b.motion} ${b.choice}`)).toEqual([
      'o1 m1 yes',
      'o2 m1 yes',
      'o10 m1 no',
      ...motions[1]!.candidates!.map((c) => `o10 m2-${c.code} ${c.code === 'c2' ? 'yes' : 'no'}`).sort(),
    ]);
  });
  it('a ballot whose owner is not on the frozen roll is refused, not left out', () => {
    const units = frozen([{ room: '1-1-101', areaCenti: 10000, developerStock: false, ownerCode: 'o1' }]);
    expect(() => buildTallyFile(motions, units, [{ head: 'h-o7', motion: 'm1', choice: 'yes', candidates: null }], 'abstain')).toThrow(
      /o7 不在冻结的业主名册中/,
    );
  });
});

describe('the secret ballot and receipt trackers in the tally file (issue 19)', () => {
  // five heads; o2 holds two units; the developer's stock (o5) is one head of two units
  const units = frozen([
    { room: '1-1-101', areaCenti: 8937, developerStock: false, ownerCode: 'o3' },
    { room: '1-1-102', areaCenti: 10000, developerStock: false, ownerCode: 'o2' },
    { room: '1-1-201', areaCenti: 12050, developerStock: false, ownerCode: 'o1' },
    { room: '2-1-101', areaCenti: 9000, developerStock: false, ownerCode: 'o2' },
    { room: '2-1-102', areaCenti: 7000, developerStock: true, ownerCode: 'o5' },
    { room: '2-1-201', areaCenti: 7000, developerStock: true, ownerCode: 'o5' },
    { room: '10-1-101', areaCenti: 11111, developerStock: false, ownerCode: 'o4' },
  ]);
  const ballots = [
    { head: 'h-o1', motion: 'm1', choice: 'yes' as const, candidates: null },
    { head: 'h-o1', motion: 'm2', choice: null, candidates: ['c1'] },
    { head: 'h-o2', motion: 'm1', choice: 'no' as const, candidates: null },
    { head: 'h-o2', motion: 'm2', choice: null, candidates: ['c1', 'c2'] },
    { head: 'h-o4', motion: 'm1', choice: 'yes' as const, candidates: null },
    { head: 'h-o4', motion: 'm2', choice: null, candidates: [] },
    { head: 'h-o5', motion: 'm1', choice: 'abstain' as const, candidates: null },
    { head: 'h-o5', motion: 'm2', choice: null, candidates: ['c2'] },
  ];
  const receipts = [
    { head: 'h-o4', tracker: 'f'.repeat(32) },
    { head: 'h-o1', tracker: 'a'.repeat(32) },
    { head: 'h-o2', tracker: 'c'.repeat(32) },
    { head: 'h-o5', tracker: '0'.repeat(32) },
  ];
  const shown = buildTallyFile(motions, units, ballots, 'abstain', { receipts });
  const secret = buildTallyFile(motions, units, ballots, 'abstain', { receipts, secret: true });

  it('rooms shown (as before): room numbers in the roll’s order, the receipts beside their owner codes, by tracker', () => {
    expect(shown.units.map((u) => u.unit)).toEqual(['1-1-101', '1-1-102', '1-1-201', '2-1-101', '2-1-102', '2-1-201', '10-1-101']);
    expect(shown.receipts).toEqual([
      { tracker: '0'.repeat(32), owner: 'o5' },
      { tracker: 'a'.repeat(32), owner: 'o1' },
      { tracker: 'c'.repeat(32), owner: 'o2' },
      { tracker: 'f'.repeat(32), owner: 'o4' },
    ]);
  });
  it('secret: no room number anywhere, anonymous keys listed by owner code; the same areas and owners', () => {
    const text = JSON.stringify(secret);
    for (const u of units) expect(text).not.toContain(`"${u.room}"`);
    expect(secret.units.map((u) => u.unit)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7']);
    expect(secret.units.map((u) => u.owner)).toEqual(['o1', 'o2', 'o2', 'o3', 'o4', 'o5', 'o5']);
    const pairs = (f: typeof shown) => f.units.map((u) => `${u.owner}:${u.area}:${u.developerStock}`).sort();
    expect(pairs(secret)).toEqual(pairs(shown));
    expect(secret.ballots).toEqual(shown.ballots);
    expect(secret.receipts).toEqual(shown.receipts);
  });
  it('both files parse and recount to the same result, exactly (R3, R7–R12)', () => {
    const a = tallyFile(parseTallyFile(JSON.parse(JSON.stringify(shown))));
    const b = tallyFile(parseTallyFile(JSON.parse(JSON.stringify(secret))));
    expect(b).toEqual(a);
    // N_T: o1, o2, o3, o4 and the developer = 5; o2 is one head of 190.00 m²
    expect(a.results[0]).toMatchObject({ NT: 5, AT: '650.98', NP: 4, AP: '561.61', NY: 2, AY: '231.61' });
  });
  it('a receipt of a head outside the frozen roll is refused (R5)', () => {
    expect(() => buildTallyFile(motions, units, [], 'abstain', { receipts: [{ head: 'h-o9', tracker: 'b'.repeat(32) }] })).toThrow(
      /回执的投票人/,
    );
  });
});
