import { describe, expect, it } from 'vitest';
import { postingDateProblem } from './notices.js';

describe('posting day of a notice (issue 13): a period runs from the day the public could see it', () => {
  const today = '2026-12-04';
  it('today stands; tomorrow never does', () => {
    expect(postingDateProblem(today, today, 3, false)).toBeNull();
    expect(postingDateProblem('2026-12-05', today, 3, true)).toMatch('不能晚于今天');
  });

  it('an earlier day only as 补录 (reason and photo), and at most the limit back — the limit itself included', () => {
    expect(postingDateProblem('2026-12-03', today, 3, false)).toMatch('补录原因');
    expect(postingDateProblem('2026-12-03', today, 3, true)).toBeNull();
    expect(postingDateProblem('2026-12-01', today, 3, true)).toBeNull();
    expect(postingDateProblem('2026-11-30', today, 3, true)).toMatch('最早2026年12月1日');
    // a notice dated 2003-12-31 was accepted and at once 公示期满
    expect(postingDateProblem('2003-12-31', today, 3, true)).toMatch('按今天发布');
  });
});
