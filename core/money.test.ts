import { describe, expect, it } from 'vitest';
import { formatYuan, MAX_FEN, parseYuan } from './money.js';

describe('money in fen', () => {
  it('reads yuan as typed into exact fen', () => {
    expect(parseYuan('1234.5')).toEqual({ ok: true, fen: 123450 });
    expect(parseYuan('1,234.50元')).toEqual({ ok: true, fen: 123450 });
    expect(parseYuan('１２３４．５')).toEqual({ ok: true, fen: 123450 });
    expect(parseYuan('￥0.01')).toEqual({ ok: true, fen: 1 });
    expect(parseYuan(0.1 + 0.2)).toMatchObject({ ok: false }); // 0.30000000000000004: three decimals
    expect(parseYuan(1234.5)).toEqual({ ok: true, fen: 123450 });
  });
  it('refuses zero (unless allowed), negatives, three decimals and more than the column holds', () => {
    expect(parseYuan('0')).toMatchObject({ ok: false, message: '金额必须大于 0' });
    expect(parseYuan('0', { allowZero: true })).toEqual({ ok: true, fen: 0 });
    expect(parseYuan('-1')).toMatchObject({ ok: false });
    expect(parseYuan('1.001')).toMatchObject({ ok: false, message: expect.stringContaining('两位小数') });
    expect(parseYuan(formatYuan(MAX_FEN))).toEqual({ ok: true, fen: MAX_FEN });
    expect(parseYuan('21474836.48')).toMatchObject({ ok: false, message: expect.stringContaining('超出范围') });
  });
});
