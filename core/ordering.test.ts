import { describe, expect, it } from 'vitest';
import { chineseNumber, compareNatural, naturalKey, withArabicOrdinals } from './ordering.js';

describe('natural order (issue 13)', () => {
  it('buildings, entrances and rooms by their numbers, not as text', () => {
    expect(['10号楼', '1号楼', '2号楼', '号楼'].sort(compareNatural)).toEqual(['1号楼', '2号楼', '10号楼', '号楼']);
    expect(['1101', '201', '101'].sort(compareNatural)).toEqual(['101', '201', '1101']);
    expect(['10-1-101', '2-1-101', '2-1-11'].sort(compareNatural)).toEqual(['2-1-11', '2-1-101', '10-1-101']);
    // the same key, different text: still one order
    expect(['01号楼', '1号楼'].sort(compareNatural)).toEqual(['01号楼', '1号楼']);
    expect(naturalKey('1-1-101')).toBe('00000001-00000001-00000101');
  });

  it('ordinals in Chinese numerals read as numbers', () => {
    expect(chineseNumber('十二')).toBe(12);
    expect(chineseNumber('二十')).toBe(20);
    expect(chineseNumber('九十九')).toBe(99);
    expect(chineseNumber('十十')).toBeNull();
    expect(withArabicOrdinals('青禾社区第十二网格')).toBe('青禾社区第12网格');
    expect(['第十网格', '第二网格', '第一网格'].map(withArabicOrdinals).sort(compareNatural)).toEqual(['第1网格', '第2网格', '第10网格']);
  });
});
