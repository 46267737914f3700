import { describe, expect, it } from 'vitest';
import { countSigners, nextStep, refusal, termExpired, type CaseFacts } from './formation.js';

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  state: 'nominating',
  today: '2025-10-13',
  announcementEnd: '2025-10-13',
  listEnd: null,
  nominations: { total: 3, pending: 0, passed: 3 },
  objections: { open: 0, upheld: 0, upheldSinceRound: 0 },
  certificateIssued: false,
  sealApplied: false,
  ...over,
});

describe('formation state machine (core)', () => {
  it('R27: nominations close only the day after the announcement period ends (the end day itself is inside)', () => {
    expect(refusal('closeNominations', facts())).toBe('组建公告公示期至2025年10月13日届满（R27），最早可于2025年10月14日截止报名');
    expect(refusal('closeNominations', facts({ today: '2025-10-14' }))).toBeNull();
  });

  it('R29/R30: the certificate waits for the list period, open objections and upheld ones', () => {
    const f = facts({ state: 'publicizing', listEnd: '2025-10-20', today: '2025-10-20' });
    expect(refusal('establish', f)).toContain('R29');
    expect(refusal('establish', { ...f, today: '2025-10-21', objections: { open: 1, upheld: 0, upheldSinceRound: 0 } })).toContain('R30');
    expect(refusal('establish', { ...f, today: '2025-10-21', objections: { open: 0, upheld: 1, upheldSinceRound: 0 } })).toContain(
      '调整名单',
    );
    expect(refusal('establish', { ...f, today: '2025-10-21' })).toBeNull();
  });

  it('skipping a step is refused with the step named; a seal before the certificate cites R31', () => {
    expect(refusal('approveList', facts({ state: 'vetting' }))).toContain('不能确定名单并公示');
    expect(refusal('establish', facts({ state: 'listing' }))).toContain('R29');
    expect(refusal('applySeal', facts({ state: 'publicizing' }))).toContain('R31');
    expect(refusal('recordSeal', facts({ state: 'established' }))).toContain('R31');
    expect(refusal('recordSeal', facts({ state: 'established', sealApplied: true }))).toBeNull();
  });

  it('the next step names who acts and the deadline', () => {
    expect(nextStep(facts())).toEqual({ label: '公告期满后截止报名', actor: '社区', due: '2025-10-13' });
    expect(nextStep(facts({ state: 'publicizing', objections: { open: 2, upheld: 0, upheldSinceRound: 0 } }))?.actor).toBe('街道办事处');
  });

  it('R28 + R3: signers are counted as owners — co-owners of one unit once, one person once', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ personId: i + 1, headKeys: [`p${i + 1}`] }));
    expect(countSigners(ten).distinct).toBe(10);
    expect(countSigners(ten.slice(0, 9)).distinct).toBe(9);
    // persons 9 and 10 co-own one unit (one head)
    const coOwned = [...ten.slice(0, 8), { personId: 9, headKeys: ['co:9,10'] }, { personId: 10, headKeys: ['co:9,10'] }];
    expect(countSigners(coOwned).distinct).toBe(9);
    const twice = [...ten.slice(0, 9), { personId: 9, headKeys: ['p9'] }];
    expect(countSigners(twice)).toMatchObject({ distinct: 9, duplicates: [9] });
    expect(countSigners([...ten.slice(0, 9), { personId: 99, headKeys: [] }])).toMatchObject({ distinct: 9, notOwners: [99] });
  });

  it('R28 + R3: a sole owner who also co-owns a unit with another signer — two buyers, two owners signing', () => {
    // person 9 owns a unit alone (p9) and co-owns another with person 10 (co:9,10): two heads (R3)
    const ten = Array.from({ length: 8 }, (_, i) => ({ personId: i + 1, headKeys: [`p${i + 1}`] }));
    const both = [...ten, { personId: 9, headKeys: ['p9', 'co:9,10'] }, { personId: 10, headKeys: ['co:9,10'] }];
    expect(countSigners(both).distinct).toBe(10);
    // one person is one signature, however many heads they belong to
    expect(countSigners([...ten, { personId: 9, headKeys: ['p9', 'co:9,10'] }]).distinct).toBe(9);
    // the co-owners of one unit alone are one owner
    expect(countSigners([...ten, { personId: 10, headKeys: ['co:9,10'] }, { personId: 11, headKeys: ['co:9,10'] }]).distinct).toBe(9);
  });

  it('R33: a term has expired the day after its last day', () => {
    expect(termExpired('2026-05-31', '2026-05-31')).toBe(false);
    expect(termExpired('2026-05-31', '2026-06-01')).toBe(true);
    expect(termExpired(null, '2030-01-01')).toBe(false);
  });
});
