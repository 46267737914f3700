import { describe, expect, it } from 'vitest';
import { formatArea, parseArea } from './area.js';

describe('areas are exact hundredths (rules.md counting conventions, R2/R3)', () => {
  it('parses strings and JSON numbers exactly', () => {
    expect(parseArea('89.37')).toEqual({ ok: true, centi: 8937 });
    expect(parseArea(89.37)).toEqual({ ok: true, centi: 8937 });
    expect(parseArea('89.3')).toEqual({ ok: true, centi: 8930 });
    expect(parseArea('120')).toEqual({ ok: true, centi: 12000 });
    expect(parseArea(' 0.01 ')).toEqual({ ok: true, centi: 1 });
    // 0.1 + 0.2 style drift never enters: 1.15 is 115 hundredths, not 114.99999
    expect(parseArea(1.15)).toEqual({ ok: true, centi: 115 });
  });

  it('rejects three decimals, zero, negatives and junk with a Chinese reason', () => {
    expect(parseArea('89.375')).toEqual({ ok: false, message: '面积最多保留两位小数' });
    expect(parseArea(0)).toMatchObject({ ok: false, message: '面积必须大于 0' });
    expect(parseArea('0.00')).toMatchObject({ ok: false });
    expect(parseArea(-5)).toEqual({ ok: false, message: '面积不能为负数' });
    expect(parseArea('八十')).toMatchObject({ ok: false });
    expect(parseArea('1e3')).toMatchObject({ ok: false });
    expect(parseArea(Number.NaN)).toMatchObject({ ok: false });
  });

  it('formats back to two decimals', () => {
    expect(formatArea(8937)).toBe('89.37');
    expect(formatArea(8930)).toBe('89.30');
    expect(formatArea(1)).toBe('0.01');
    expect(formatArea(0)).toBe('0.00');
    expect(formatArea(123456789)).toBe('1234567.89');
  });
});
