import { describe, expect, it } from 'vitest';
import { countFile, decide, parseTallyFile, tallyFile, TallyFileError, type Item } from './tally.js';

/** n owners of one unit each with the given areas (strings), codes o1…on. */
function roll(areas: string[]) {
  return areas.map((area, i) => ({ unit: `1-1-${101 + i}`, area, owner: `o${i + 1}`, developerStock: false }));
}
const vote = (owners: number[], choice: 'yes' | 'no' | 'abstain', motion = 'm1') => owners.map((o) => ({ owner: `o${o}`, motion, choice }));
const run = (item: Item, units: ReturnType<typeof roll>, ballots: ReturnType<typeof vote>) =>
  tallyFile(parseTallyFile({ motions: [{ id: 'm1', item }], units, ballots })).results[0]!;

/** The problems a TallyFileError lists, or '' where `run` throws none. */
function problemsOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return (e as TallyFileError).problems.join('\n');
  }
  return '';
}

describe('decide(): the thresholds of 民法典 第278条 at their exact boundaries', () => {
  const T = { heads: 3, areaCenti: 300 };
  it('R7: exactly ⅔ participation (heads and area) is enough', () => {
    expect(decide(4, T, { participants: { heads: 2, areaCenti: 200 }, yes: { heads: 2, areaCenti: 200 } })).toEqual({
      outcome: 'passed',
      failed: [],
    });
  });
  it('R7: one hundredth of a square metre short of ⅔ is no quorum', () => {
    expect(decide(4, T, { participants: { heads: 2, areaCenti: 199 }, yes: { heads: 2, areaCenti: 199 } })).toEqual({
      outcome: 'no_quorum',
      failed: ['participation_area'],
    });
  });
  it('R8: exactly half of the participants is not 过半数', () => {
    const r = decide(4, { heads: 4, areaCenti: 400 }, { participants: { heads: 4, areaCenti: 400 }, yes: { heads: 2, areaCenti: 200 } });
    expect(r).toEqual({ outcome: 'rejected', failed: ['approval_headcount', 'approval_area'] });
  });
  it('R9: exactly ¾ on a major item passes; just under fails', () => {
    expect(
      decide(6, { heads: 4, areaCenti: 400 }, { participants: { heads: 4, areaCenti: 400 }, yes: { heads: 3, areaCenti: 300 } }).outcome,
    ).toBe('passed');
    expect(
      decide(7, { heads: 4, areaCenti: 400 }, { participants: { heads: 4, areaCenti: 400 }, yes: { heads: 3, areaCenti: 299 } }),
    ).toEqual({ outcome: 'rejected', failed: ['approval_area'] });
  });
  it('items 1–5 and 9 are ordinary, 6–8 major', () => {
    const c = { participants: { heads: 3, areaCenti: 300 }, yes: { heads: 2, areaCenti: 200 } }; // ⅔ yes: > ½ but < ¾
    for (const item of [1, 2, 3, 4, 5, 9] as Item[]) expect(decide(item, T, c).outcome).toBe('passed');
    for (const item of [6, 7, 8] as Item[]) expect(decide(item, T, c).outcome).toBe('rejected');
  });
});

describe('tallyFile(): heads and areas per R3, abstentions per R10', () => {
  it('abstentions count as participants, never as yes (R10)', () => {
    // 3 owners of equal area; 2 vote: 1 yes, 1 abstain → participation ⅔ met; yes 1 of 2 is not > ½
    const r = run(4, roll(['100.00', '100.00', '100.00']), [...vote([1], 'yes'), ...vote([2], 'abstain')]);
    expect(r).toMatchObject({ outcome: 'rejected', NT: 3, AT: '300.00', NP: 2, AP: '200.00', NY: 1, AY: '100.00' });
  });

  it('a multi-unit owner is one head with the summed area', () => {
    const units = [...roll(['50.00', '60.00', '70.00']), { unit: '2-1-101', area: '80.00', owner: 'o1', developerStock: false }];
    const r = run(4, units, vote([1], 'yes'));
    expect(r).toMatchObject({
      NT: 3,
      AT: '260.00',
      NP: 1,
      AP: '130.00',
      NY: 1,
      AY: '130.00',
      outcome: 'no_quorum',
      failed: ['participation_headcount', 'participation_area'],
    });
  });

  it('all developer stock is ONE head with its summed area, whatever codes its units carry', () => {
    const units = [
      ...roll(['90.00', '90.00']),
      { unit: '3-1-101', area: '100.00', owner: 'dev', developerStock: true },
      { unit: '3-1-102', area: '100.00', owner: 'dev2', developerStock: true },
    ];
    const r = run(4, units, [...vote([1], 'yes'), { owner: 'dev', motion: 'm1', choice: 'yes' }]);
    expect(r).toMatchObject({ NT: 3, AT: '380.00', NP: 2, AP: '290.00', NY: 2, AY: '290.00', outcome: 'passed' });
    expect(() => parseTallyFile({ motions: [{ id: 'm1', item: 4 }], units, ballots: [] })).not.toThrow();
    expect(() =>
      run(4, units, [
        { owner: 'dev', motion: 'm1', choice: 'yes' },
        { owner: 'dev2', motion: 'm1', choice: 'no' },
      ]),
    ).toThrow(/只计一票（R3）/);
  });

  it('exactly ⅔ participation by area and heads, with approval strictly over half, passes', () => {
    // 6 owners × 10.00; 4 vote (⅔), 3 yes (> ½ of 4)
    const r = run(3, roll(Array(6).fill('10.00')), [...vote([1, 2, 3], 'yes'), ...vote([4], 'no')]);
    expect(r).toEqual({ motion: 'm1', outcome: 'passed', NT: 6, AT: '60.00', NP: 4, AP: '40.00', NY: 3, AY: '30.00', failed: [] });
  });

  it('headcount met but area short by 0.01 m² is no quorum on area only', () => {
    const r = run(4, roll(['10.00', '10.00', '10.01']), vote([1, 2], 'yes'));
    expect(r.outcome).toBe('no_quorum');
    expect(r.failed).toEqual(['participation_area']);
  });

  it('several motions are tallied independently; non-voters do not participate (R11)', () => {
    const file = parseTallyFile({
      motions: [
        { id: 'm1', item: 4 },
        { id: 'm2', item: 6 },
      ],
      units: roll(['10.00', '10.00', '10.00', '10.00']),
      ballots: [...vote([1, 2, 3], 'yes', 'm1'), ...vote([1, 2, 3], 'yes', 'm2'), ...vote([4], 'no', 'm2')],
    });
    const [m1, m2] = tallyFile(file).results;
    expect(m1).toMatchObject({ outcome: 'passed', NP: 3, NY: 3 });
    expect(m2).toMatchObject({ outcome: 'passed', NP: 4, NY: 3 }); // exactly ¾ on a major item
  });
});

describe('countFile(): what a count depends on is checked even where parseTallyFile was not run', () => {
  // the publish path counts the file it has just built, without parsing it back (server/decisions/tally.ts)
  const file = { motions: [{ id: 'm1', item: 4 as Item }], units: roll(['10.00', '20.00', '30.00']), ballots: vote([1], 'yes') };
  const refusal = (f: typeof file) => problemsOf(() => countFile(f));
  it('an unknown owner, motion or choice, a second ballot of one owner on one motion', () => {
    expect(refusal({ ...file, ballots: vote([9], 'yes') })).toMatch(/o9 不是任何房屋的业主/);
    expect(refusal({ ...file, ballots: vote([1], 'yes', 'm9') })).toMatch(/m9 不在文件的事项中/);
    expect(refusal({ ...file, ballots: [...vote([1], 'yes'), ...vote([1], 'no')] })).toMatch(/o1 对事项 m1 投了两票/);
    // not a choice, even one every object answers to
    for (const choice of ['maybe', 'toString'])
      expect(refusal({ ...file, ballots: [{ owner: 'o1', motion: 'm1', choice: choice as 'yes' }] })).toMatch(/只能是 yes、no 或 abstain/);
  });
  it('the developer stock votes once, whatever codes its units carry (R3)', () => {
    const units = file.units.map((u) => ({ ...u, developerStock: u.owner !== 'o3' }));
    expect(refusal({ ...file, units, ballots: vote([1, 2], 'yes') })).toMatch(/开发建设单位.*只计一票/);
  });
  it('counts heads and areas of yes, no and abstain; participants are their sum (R10)', () => {
    const { totals, motions } = countFile({ ...file, ballots: [...vote([1], 'yes'), ...vote([2], 'no'), ...vote([3], 'abstain')] });
    expect(totals).toEqual({ heads: 3, areaCenti: 6000 });
    expect(motions[0]).toMatchObject({
      participants: { heads: 3, areaCenti: 6000 },
      yes: { heads: 1, areaCenti: 1000 },
      no: { heads: 1, areaCenti: 2000 },
      abstain: { heads: 1, areaCenti: 3000 },
    });
  });
});

describe('parseTallyFile(): malformed files are rejected with every problem listed', () => {
  const ok = { motions: [{ id: 'm1', item: 4 }], units: roll(['89.37']), ballots: vote([1], 'yes') };
  const problems = (f: unknown) => problemsOf(() => parseTallyFile(f));
  it('bad areas', () => {
    expect(problems({ ...ok, units: [{ ...ok.units[0], area: '89.375' }] })).toMatch(/area 必须是最多两位小数/);
    expect(problems({ ...ok, units: [{ ...ok.units[0], area: 89.37 }] })).toMatch(/area 必须是最多两位小数的十进制字符串/);
    expect(problems({ ...ok, units: [{ ...ok.units[0], area: '0.00' }] })).toMatch(/必须大于 0/);
    // the file's own form only: what a person may type on a form ("89.37㎡", full-width digits) is no file area
    expect(problems({ ...ok, units: [{ ...ok.units[0], area: '89.37㎡' }] })).toMatch(/area/);
    expect(problems({ ...ok, units: [{ ...ok.units[0], area: '８９.３７' }] })).toMatch(/area/);
    expect(problems({ ...ok, units: [{ ...ok.units[0], area: '-1' }] })).toMatch(/area/);
  });
  it('unknown owner, unknown motion, unknown choice, double ballot', () => {
    expect(problems({ ...ok, ballots: [{ owner: 'o99', motion: 'm1', choice: 'yes' }] })).toMatch(/不是任何房屋的业主/);
    expect(problems({ ...ok, ballots: [{ owner: 'o1', motion: 'm9', choice: 'yes' }] })).toMatch(/不是已列出的表决事项/);
    expect(problems({ ...ok, ballots: [{ owner: 'o1', motion: 'm1', choice: 'maybe' }] })).toMatch(/只能是 yes、no 或 abstain/);
    expect(problems({ ...ok, ballots: [...vote([1], 'yes'), ...vote([1], 'no')] })).toMatch(/投了两票/);
  });
  it('bad items, duplicate ids, wrong shapes', () => {
    expect(problems({ ...ok, motions: [{ id: 'm1', item: 10 }] })).toMatch(/item 必须是民法典第278条的事项序号 1–9/);
    expect(
      problems({
        ...ok,
        motions: [
          { id: 'm1', item: 4 },
          { id: 'm1', item: 5 },
        ],
      }),
    ).toMatch(/id 重复/);
    expect(problems({ ...ok, units: [...ok.units, ...ok.units] })).toMatch(/unit 重复/);
    expect(problems([])).toMatch(/JSON 对象/);
    expect(problems({ motions: [] })).toMatch(/units 必须是数组/);
    expect(problems({ ...ok, extra: 1 })).toMatch(/未知字段/);
  });
  it('a clean file parses', () => {
    expect(problems(ok)).toBe('');
  });
});

describe('parseTallyFile(): receipt trackers (cast-as-recorded, issue 19)', () => {
  const tracker = (n: number) => n.toString(16).padStart(32, '0');
  const ok = { motions: [{ id: 'm1', item: 4 }], units: roll(['89.37', '90.00']), ballots: vote([1, 2], 'yes') };
  const problems = (f: unknown) => problemsOf(() => parseTallyFile(f));
  it('a file without receipts (published before them) still parses and counts the same', () => {
    const withReceipts = {
      ...ok,
      receipts: [
        { tracker: tracker(1), owner: 'o1' },
        { tracker: tracker(2), owner: 'o2' },
      ],
    };
    expect(problems(withReceipts)).toBe('');
    expect(tallyFile(parseTallyFile(withReceipts))).toEqual(tallyFile(parseTallyFile(ok)));
  });
  it('a tracker must be a hash, name an owner of the file, and be unique', () => {
    expect(problems({ ...ok, receipts: [{ tracker: 'ABCDEFGHJKMN', owner: 'o1' }] })).toMatch(/tracker 必须是 32–64 位小写十六进制/);
    expect(problems({ ...ok, receipts: [{ tracker: tracker(1), owner: 'o9' }] })).toMatch(/receipts\[0\]\.owner 不是任何房屋的业主/);
    expect(
      problems({
        ...ok,
        receipts: [
          { tracker: tracker(1), owner: 'o1' },
          { tracker: tracker(1), owner: 'o2' },
        ],
      }),
    ).toMatch(/tracker 重复/);
    expect(problems({ ...ok, receipts: [{ tracker: tracker(1), owner: 'o1', room: '1-1-101' }] })).toMatch(/含未知字段：room/);
    expect(problems({ ...ok, receipts: {} })).toMatch(/receipts 必须是数组/);
  });
});
