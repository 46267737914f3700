import { describe, expect, it } from 'vitest';
import {
  adoption,
  demandSuffices,
  meetingNext,
  MEETING_REFUSAL,
  minutesStatus,
  quorum,
  reportYearFor,
  seatOfLabel,
  type RosterMember,
} from './committee.js';

const roster = (n: number, owners: number, suspended: number[] = []): RosterMember[] =>
  Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    name: `委员${i + 1}`,
    ownerRepresentative: i >= n - owners,
    suspended: suspended.includes(i + 1),
  }));
const counted = { suspendedCounted: true };

describe('R32 quorum, adoption and demand', () => {
  it('quorum needs more than half of all members AND of the owner representatives', () => {
    const r = roster(7, 4); // owners are ids 4..7
    expect(quorum(r, new Set([1, 2, 3, 4]), counted)).toMatchObject({ quorate: false, present: 4, ownerRepresentativesPresent: 1 });
    expect(quorum(r, new Set([1, 2, 4, 5]), counted).reasons).toEqual([
      expect.stringMatching(/业主代表2人，未过业主代表4人的半数（至少3人）/),
    ]);
    expect(quorum(r, new Set([1, 4, 5, 6]), counted)).toMatchObject({ quorate: true, reasons: [] });
    expect(quorum(r, new Set([4, 5, 6]), counted).reasons).toEqual([
      expect.stringMatching(/出席委员3人，未过全体委员7人的半数（至少4人）/),
    ]);
  });
  it('a suspended member is never present; counted in "all members" unless the profile says otherwise', () => {
    const r = roster(7, 4, [7]);
    expect(quorum(r, new Set([1, 4, 5, 7]), counted)).toMatchObject({ present: 3, members: 7, quorate: false });
    expect(quorum(r, new Set([1, 4, 5, 6]), { suspendedCounted: false })).toMatchObject({
      members: 6,
      ownerRepresentatives: 3,
      quorate: true,
    });
  });
  it('adoption is strict: exactly half of all members is not adopted, one more is', () => {
    const r = roster(6, 3);
    expect(adoption(r, new Set([1, 2, 3]), counted)).toMatchObject({ adopted: false, needed: 4 });
    expect(adoption(r, new Set([1, 2, 3, 4]), counted)).toMatchObject({ adopted: true });
    expect(adoption(roster(7, 4), new Set([1, 2, 3]), counted).adopted).toBe(false);
    expect(adoption(roster(7, 4), new Set([1, 2, 3, 4]), counted).adopted).toBe(true);
    // a suspended member's signature does not count; with the denominator excluding them, 3 of 6 is half
    expect(adoption(roster(7, 4, [7]), new Set([1, 2, 3, 7]), { suspendedCounted: false })).toMatchObject({
      adopted: false,
      signed: 3,
      members: 6,
    });
  });
  it('a demand stands at a third of all members', () => {
    expect(demandSuffices(2, 7)).toBe(false);
    expect(demandSuffices(3, 7)).toBe(true);
    expect(demandSuffices(3, 9)).toBe(true);
    expect(demandSuffices(2, 6)).toBe(true);
  });
  it('minutes: due within 3 days, reminded the day before the deadline, overdue after', () => {
    const s = { minutesPostDays: 3, minutesReminderDays: 1 };
    expect(minutesStatus('2026-03-02', true, null, '2026-03-03', s)).toEqual({ status: 'due', deadline: '2026-03-05' });
    expect(minutesStatus('2026-03-02', true, null, '2026-03-04', s).status).toBe('dueSoon');
    expect(minutesStatus('2026-03-02', true, null, '2026-03-05', s).status).toBe('dueSoon');
    expect(minutesStatus('2026-03-02', true, null, '2026-03-06', s).status).toBe('overdue');
    expect(minutesStatus('2026-03-02', true, '2026-03-06', '2026-03-09', s).status).toBe('posted');
    expect(minutesStatus('2026-03-02', false, null, '2026-03-09', s).status).toBe('notHeld');
  });
});

describe('a meeting’s state machine (取消会议)', () => {
  it('a convened meeting is held or cancelled; a held or cancelled one neither, with the reason why', () => {
    expect(meetingNext('convened', 'cancel')).toBe('cancelled');
    expect(meetingNext('convened', 'hold')).toBe('held');
    expect(meetingNext('held', 'cancel')).toBeNull();
    expect(meetingNext('cancelled', 'hold')).toBeNull();
    expect(MEETING_REFUSAL.held.cancel).toMatch(/已经召开，不能再取消/);
  });
  it('an owners’ committee seat is read from its label', () => {
    expect(['主任', '副主任', '委员', 'director', '业委会副主任'].map(seatOfLabel)).toEqual([
      'director',
      'deputyDirector',
      'member',
      'director',
      'deputyDirector',
    ]);
  });
});

describe('the 述职 month (R36, a street setting)', () => {
  it('a report due in the second half is on that year; due in the first half, on the year before', () => {
    expect(reportYearFor('2027-12-02', 12)).toBe(2027);
    expect(reportYearFor('2027-07-02', 7)).toBe(2027);
    expect(reportYearFor('2027-06-02', 6)).toBe(2026);
    expect(reportYearFor('2027-01-10', 1)).toBe(2026);
  });
});
