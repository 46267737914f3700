import { describe, expect, it } from 'vitest';
import { countRoll, headKey, type RollUnit } from './registry.js';

const unit = (unitId: number, ownerIds: number[], voterId: number | null = null, over: Partial<RollUnit> = {}): RollUnit => ({
  unitId,
  areaCenti: 10000,
  developerStock: false,
  ownerIds,
  voterId,
  ...over,
});

describe('R3 headcount: the head of a unit is its set of owners (两个买受人), never its designated voter', () => {
  it('a sole owner of one unit who co-owns a second with someone else is two heads, whoever votes for the second (R3, R4)', () => {
    // 张三 (1) owns u1 alone and u2 with 李四 (2).
    const noVoter = [unit(1, [1]), unit(2, [1, 2])];
    const zhangVotes = [unit(1, [1]), unit(2, [1, 2], 1)];
    const liVotes = [unit(1, [1]), unit(2, [1, 2], 2)];
    for (const roll of [noVoter, zhangVotes, liVotes]) expect(countRoll(roll).heads).toBe(2);
    // the designation decides who casts the ballot, never the head
    expect(headKey(zhangVotes[1]!)).toBe(headKey(liVotes[1]!));
    expect(headKey(zhangVotes[1]!)).not.toBe(headKey(zhangVotes[0]!));
  });

  it('one buyer of several units is one head: the same sole owner, or the same co-owners together (R3)', () => {
    const roll = [unit(1, [1]), unit(2, [1]), unit(3, [2, 3], 2), unit(4, [3, 2], 3), unit(5, [4])];
    const c = countRoll(roll);
    expect(c).toMatchObject({ units: 5, heads: 3, areaCenti: 50000, multiUnitOwners: 2 });
  });

  it('developer stock is one head with its summed area; unowned units are reported, each apart', () => {
    const roll = [
      unit(1, [9], null, { developerStock: true }),
      unit(2, [9], null, { developerStock: true, areaCenti: 5050 }),
      unit(3, []),
      unit(4, [1, 2]),
    ];
    expect(countRoll(roll)).toMatchObject({
      heads: 3,
      developerStockUnits: 2,
      developerStockAreaCenti: 15050,
      unownedUnits: 1,
      coOwnedWithoutVoter: 1,
    });
  });
});
