import { describe, expect, it } from 'vitest';
import { formatArea, MAX_AREA_CENTI, parseArea } from './area.js';

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

  it('the boundaries: 0.01 is the least area, 0 and 0.00 are refused, three decimals are refused', () => {
    expect(parseArea('0.01')).toEqual({ ok: true, centi: 1 });
    expect(parseArea(0.01)).toEqual({ ok: true, centi: 1 });
    expect(parseArea('0')).toEqual({ ok: false, message: '面积必须大于 0' });
    expect(parseArea('0.00')).toEqual({ ok: false, message: '面积必须大于 0' });
    expect(parseArea(0)).toEqual({ ok: false, message: '面积必须大于 0' });
    expect(parseArea('0.001')).toEqual({ ok: false, message: '面积最多保留两位小数' });
    expect(parseArea('89.375')).toEqual({ ok: false, message: '面积最多保留两位小数' });
    expect(parseArea(89.375)).toEqual({ ok: false, message: '面积最多保留两位小数' });
    // trailing zeros beyond two places say nothing more: still refused, the rule is "at most two decimals"
    expect(parseArea('89.370')).toEqual({ ok: false, message: '面积最多保留两位小数' });
  });

  it('huge values: up to 999999.99 ㎡; above it a Chinese reason, never an integer the database cannot hold', () => {
    expect(MAX_AREA_CENTI).toBe(99_999_999);
    expect(parseArea('999999.99')).toEqual({ ok: true, centi: 99_999_999 });
    expect(parseArea('1000000')).toEqual({ ok: false, message: '面积超出范围（最大 999999.99 ㎡），请核对' });
    expect(parseArea('999999999.99')).toEqual({ ok: false, message: '面积超出范围（最大 999999.99 ㎡），请核对' });
    expect(parseArea('99999999999999999999')).toEqual({ ok: false, message: '面积超出范围（最大 999999.99 ㎡），请核对' });
    expect(parseArea(1e21)).toMatchObject({ ok: false });
    expect(parseArea(Number.MAX_SAFE_INTEGER)).toEqual({ ok: false, message: '面积超出范围（最大 999999.99 ㎡），请核对' });
  });

  it('unit suffixes: ㎡, 平方米, m², m2 and spaces, as a form or a sheet writes them', () => {
    for (const text of [
      '89.37㎡',
      '89.37 ㎡',
      '89.37平方米',
      '89.37 平方米',
      '89.37m²',
      '89.37 m²',
      '89.37M2',
      '89.37平米',
      ' 89.37 ㎡ ',
    ]) {
      expect(parseArea(text), text).toEqual({ ok: true, centi: 8937 });
    }
    expect(parseArea('㎡')).toMatchObject({ ok: false });
    expect(parseArea('89.37 ㎡ ㎡')).toMatchObject({ ok: false });
    expect(parseArea('89.37 亩')).toMatchObject({ ok: false });
  });

  it('full-width digits, dot and spaces (an IME types them) fold to their ASCII forms', () => {
    expect(parseArea('８９.３７')).toEqual({ ok: true, centi: 8937 });
    expect(parseArea('８９．３７')).toEqual({ ok: true, centi: 8937 });
    expect(parseArea('８９．３７㎡')).toEqual({ ok: true, centi: 8937 });
    expect(parseArea('\u3000８９．３７\u3000平方米')).toEqual({ ok: true, centi: 8937 });
    expect(parseArea('０．０１')).toEqual({ ok: true, centi: 1 });
    expect(parseArea('０．００')).toEqual({ ok: false, message: '面积必须大于 0' });
    expect(parseArea('８９．３７５')).toEqual({ ok: false, message: '面积最多保留两位小数' });
    expect(parseArea('－５')).toEqual({ ok: false, message: '面积不能为负数' });
  });

  it('rejects negatives and junk with a Chinese reason', () => {
    expect(parseArea(-5)).toEqual({ ok: false, message: '面积不能为负数' });
    expect(parseArea('-0.01')).toEqual({ ok: false, message: '面积不能为负数' });
    expect(parseArea('八十')).toMatchObject({ ok: false, message: expect.stringContaining('如 89.37') });
    expect(parseArea('')).toMatchObject({ ok: false });
    expect(parseArea('1e3')).toMatchObject({ ok: false });
    expect(parseArea('89,37')).toMatchObject({ ok: false });
    expect(parseArea('.5')).toMatchObject({ ok: false });
    expect(parseArea('89.')).toMatchObject({ ok: false });
    expect(parseArea(Number.NaN)).toMatchObject({ ok: false });
    expect(parseArea(Number.POSITIVE_INFINITY)).toMatchObject({ ok: false });
  });

  it('formats back to two decimals', () => {
    expect(formatArea(8937)).toBe('89.37');
    expect(formatArea(8930)).toBe('89.30');
    expect(formatArea(1)).toBe('0.01');
    expect(formatArea(0)).toBe('0.00');
    expect(formatArea(123456789)).toBe('1234567.89');
  });
});
