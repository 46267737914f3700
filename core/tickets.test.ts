import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  chinaDay,
  dueAt,
  escalationLevel,
  isLate,
  nextState,
  pauseClock,
  resumeClock,
  TicketRefusal,
  type ActorKind,
  type ClockState,
} from './tickets.js';
import { WorkCalendar, type CalendarEntry } from './workdays.js';

// The State Council's schedule as the platform seeds it (the chinese-days package): 2025 National Day
// is 10-01…10-08 off, with Sunday 09-28 and Saturday 10-11 make-up working days (调休上班).
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
const entries: CalendarEntry[] = [
  ...Object.keys(data.holidays).map((date) => ({ date, kind: 'holiday' as const, name: null })),
  ...Object.keys(data.workdays).map((date) => ({ date, kind: 'makeUpWorkday' as const, name: null })),
];
const cal = new WorkCalendar({ completeYears: [2025, 2026], entries });
const at = (s: string) => new Date(s);
const clock = (start: string): ClockState => ({ startAt: at(start), pausedMs: 0, pausedWorkdays: 0, pausedSince: null });

describe('ticket clocks on the working-day calendar', () => {
  it('3 working days from 2025-09-30 skip the National Day holiday and count Saturday 10-11 (调休): due at 24:00 on 10-11', () => {
    const due = dueAt({ unit: 'workdays', amount: 3 }, clock('2025-09-30T10:00:00+08:00'), cal);
    expect(due.at.toISOString()).toBe(at('2025-10-12T00:00:00+08:00').toISOString());
    expect(due.calendarComplete).toBe(true);
    // exact boundary: one millisecond before 24:00 on the make-up Saturday is on time, 24:00 is late
    expect(isLate(due.at, null, at('2025-10-11T23:59:59.999+08:00'))).toBe(false);
    expect(isLate(due.at, null, at('2025-10-12T00:00:00+08:00'))).toBe(true);
    // finished at 23:59 on 10-11 was on time; at 00:00:01 on 10-12 it was late
    expect(isLate(due.at, at('2025-10-11T23:59:00+08:00'), at('2025-10-20T00:00:00+08:00'))).toBe(false);
    expect(isLate(due.at, at('2025-10-12T00:00:01+08:00'), at('2025-10-20T00:00:00+08:00'))).toBe(true);
  });

  it('1 working day from Friday 2025-09-26 ends on Sunday 09-28, a make-up working day, not on Monday', () => {
    const due = dueAt({ unit: 'workdays', amount: 1 }, clock('2025-09-26T16:00:00+08:00'), cal);
    expect(due.at.toISOString()).toBe(at('2025-09-29T00:00:00+08:00').toISOString());
  });

  it('the start day is the day in China: 23:59 Saturday 09-27 and 00:01 Sunday 09-28 (make-up day) give different ends', () => {
    // raised on the rest day 09-27: the first working day after it is Sunday 09-28
    expect(dueAt({ unit: 'workdays', amount: 1 }, clock('2025-09-27T23:59:00+08:00'), cal).at.toISOString()).toBe(
      at('2025-09-29T00:00:00+08:00').toISOString(),
    );
    // raised on 09-28 (15:59 UTC on 09-27 is already 23:59 … 00:01 is 16:01 UTC): the day itself is not counted
    expect(chinaDay(at('2025-09-27T16:01:00Z'))).toBe('2025-09-28');
    expect(dueAt({ unit: 'workdays', amount: 1 }, clock('2025-09-27T16:01:00Z'), cal).at.toISOString()).toBe(
      at('2025-09-30T00:00:00+08:00').toISOString(),
    );
  });

  it('hour limits are calendar hours: 24 hours from 10:00 on 09-30 end at 10:00 on the holiday 10-01', () => {
    const due = dueAt({ unit: 'hours', amount: 24 }, clock('2025-09-30T10:00:00+08:00'), cal);
    expect(due.at.toISOString()).toBe(at('2025-10-01T10:00:00+08:00').toISOString());
  });

  it('a pause across the holiday moves a working-day limit by the working days it stood still (09-30 → 10-10: two)', () => {
    const c0 = clock('2025-09-29T09:00:00+08:00');
    // without a pause: 09-30, 10-09, 10-10, 10-11 (调休), 10-13 → due 24:00 on 10-13
    expect(dueAt({ unit: 'workdays', amount: 5 }, c0, cal).at.toISOString()).toBe(at('2025-10-14T00:00:00+08:00').toISOString());
    const paused = pauseClock(c0, at('2025-09-30T10:00:00+08:00'));
    const resumed = resumeClock(paused, at('2025-10-10T09:00:00+08:00'), cal);
    expect(resumed.pausedWorkdays).toBe(2); // 10-09 and 10-10; the holiday days are not working days
    expect(resumed.pausedSince).toBeNull();
    // two working days later: 10-14, 10-15 → due 24:00 on 10-15
    expect(dueAt({ unit: 'workdays', amount: 5 }, resumed, cal).at.toISOString()).toBe(at('2025-10-16T00:00:00+08:00').toISOString());
    // the same pause moves an hour limit by all of its 239 hours
    expect(resumed.pausedMs).toBe(239 * 3_600_000);
    // 48 hours from 09:00 on 09-29 plus 239 hours: 08:00 on 10-11
    expect(dueAt({ unit: 'hours', amount: 48 }, resumed, cal).at.toISOString()).toBe(at('2025-10-11T08:00:00+08:00').toISOString());
  });

  it('a pause within one day moves no working-day limit; a paused clock is never late', () => {
    const c = resumeClock(
      pauseClock(clock('2025-09-29T09:00:00+08:00'), at('2025-09-29T10:00:00+08:00')),
      at('2025-09-29T17:00:00+08:00'),
      cal,
    );
    expect(c.pausedWorkdays).toBe(0);
    expect(c.pausedMs).toBe(7 * 3_600_000);
    expect(isLate(at('2025-09-29T12:00:00+08:00'), null, at('2025-09-30T12:00:00+08:00'), true)).toBe(false);
  });

  it('a limit reaching a year without a holiday schedule is computed Monday–Friday and flagged', () => {
    const due = dueAt({ unit: 'workdays', amount: 5 }, clock('2026-12-29T09:00:00+08:00'), cal);
    expect(due.calendarComplete).toBe(false);
    expect(due.missingYears).toEqual([2027]);
  });

  it('escalation: grid when the limit runs out, community after one more working day, street after two (weekends not counted)', () => {
    const due = at('2025-10-12T00:00:00+08:00'); // ran out at the end of Saturday 10-11 (调休)
    expect(escalationLevel(due, at('2025-10-11T23:59:59+08:00'), cal)).toBe(0);
    expect(escalationLevel(due, at('2025-10-12T08:00:00+08:00'), cal)).toBe(1); // Sunday: no working day gone
    expect(escalationLevel(due, at('2025-10-13T09:00:00+08:00'), cal)).toBe(2); // Monday
    expect(escalationLevel(due, at('2025-10-14T09:00:00+08:00'), cal)).toBe(3);
    // an hour limit running out at 10:00 on Friday 2025-09-26: community on Sunday 09-28 (make-up day)
    const h = at('2025-09-26T10:00:00+08:00');
    expect(escalationLevel(h, at('2025-09-27T12:00:00+08:00'), cal)).toBe(1);
    expect(escalationLevel(h, at('2025-09-28T12:00:00+08:00'), cal)).toBe(2);
  });
});

describe('ticket lifecycle as data', () => {
  const who = (...k: ActorKind[]) => new Set(k);

  it('the handler accepts, pauses for the resident, resumes and finishes with photos; only the raiser rates', () => {
    expect(nextState('accept', 'dispatched', who('handler'))).toBe('accepted');
    expect(nextState('pause', 'accepted', who('handler'), { reason: '业主不在家', waitState: 'waitingResident' })).toBe('waitingResident');
    expect(nextState('resume', 'waitingResident', who('handler'))).toBe('accepted');
    expect(nextState('finish', 'accepted', who('handler'), { reason: '已修复', photoCount: 1 })).toBe('finished');
    expect(() => nextState('rate', 'finished', who('handler', 'dispatcher'), { satisfaction: 'satisfied' })).toThrow(
      /只有提出诉求的本人可以评价/,
    );
    expect(nextState('rate', 'finished', who('raiser'), { satisfaction: 'basicallySatisfied' })).toBe('closed');
    expect(nextState('rate', 'finished', who('raiser'), { satisfaction: 'unsatisfied' })).toBe('revisit');
  });

  it('refusals say why: wrong state, missing photos, missing rating, missing reason', () => {
    expect(() => nextState('accept', 'closed', who('handler'))).toThrow(/当前状态为「已办结」，不能受理/);
    expect(() => nextState('finish', 'accepted', who('handler'), { reason: '好了', photoCount: 0 })).toThrow(/至少一张现场照片/);
    expect(() => nextState('rate', 'finished', who('raiser'))).toThrow(/满意、基本满意或不满意/);
    expect(() => nextState('transfer', 'accepted', who('handler'), { reason: '  ' })).toThrow(/转派须填写说明/);
    expect(() => nextState('withdraw', 'accepted', who('raiser'))).toThrow(TicketRefusal);
  });

  it('after an unsatisfied rating the dispatcher visits again: reopen to the handler or close with the visit noted', () => {
    expect(nextState('reopen', 'revisit', who('dispatcher'), { reason: '回访：漏水未止' })).toBe('accepted');
    expect(nextState('closeRevisit', 'revisit', who('dispatcher'), { reason: '回访：已解释' })).toBe('closed');
    expect(allowedActions('revisit', who('dispatcher')).sort()).toEqual(['closeRevisit', 'reopen']);
    expect(allowedActions('revisit', who('raiser', 'handler'))).toEqual([]);
    expect(allowedActions('dispatched', who('handler')).sort()).toEqual(['accept', 'transfer']);
    expect(allowedActions('dispatched', who('raiser'))).toEqual(['withdraw']);
  });
});
