import type { DayKind } from '../../../core/workdays';

/** GET /api/calendar/month */
export interface CalendarMonth {
  year: number;
  month: number;
  yearComplete: boolean;
  warning: string | null;
  days: CalendarDay[];
}

export interface CalendarDay {
  date: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  isWorkday: boolean;
  kind: DayKind | null;
  name: string | null;
}

/** GET /api/calendar/years */
export interface CalendarYears {
  years: CalendarYear[];
  reminder: string | null;
}

export interface CalendarYear {
  year: number;
  complete: boolean;
  source: string;
  holidays: number;
  makeUpWorkdays: number;
}

/** GET /api/calendar/workdays/add */
export interface WorkdaysAdd {
  date: string;
  calendarComplete: boolean;
}

/** GET /api/calendar/days/add */
export interface DaysAdd extends WorkdaysAdd {
  extended: boolean;
  warning: string | null;
}

export const DAY_KIND_LABEL: Record<DayKind, string> = { holiday: '法定节假日', makeUpWorkday: '调休上班日' };
export const DAY_KIND_SHORT: Record<DayKind, string> = { holiday: '休', makeUpWorkday: '班' };

export const SOURCE_LABEL: Record<string, string> = { package: '内置数据', admin: '区级管理员登记', none: '尚无记录' };
