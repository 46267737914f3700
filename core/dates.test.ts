import { describe, expect, it } from 'vitest';
import { formatDateZh, isValidDate } from './dates.js';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2025-02-28')).toBe(true);
    expect(isValidDate('2025-02-29')).toBe(false);
    expect(isValidDate('2025-02-30')).toBe(false);
    expect(isValidDate('2025-13-01')).toBe(false);
    expect(isValidDate('2025-00-10')).toBe(false);
    expect(isValidDate('2025-4-1')).toBe(false);
    expect(isValidDate('1900-02-29')).toBe(false);
    expect(isValidDate('2000-02-29')).toBe(true);
  });
  it('formats the Chinese official way', () => {
    expect(formatDateZh('2025-10-13')).toBe('2025年10月13日');
  });
});
