import { formatDateZh } from './dates.js';
import { dateOf, dayIndex } from './workdays.js';

/**
 * Public notices (公告/公示). Almost every step of the implementation measures is "post a notice
 * for N working days, then act": a notice is drafted, published (its content frozen from then on),
 * and its publicity period ends on a date computed from the working-day calendar. A correction is
 * a new notice that supersedes the old one; both stay visible.
 */

export const NOTICE_KINDS = [
  'announcement',
  'memberList',
  'verificationResult',
  'decisionResult',
  'suspension',
  'dissolution',
  'disclosure',
  'other',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_KIND_LABEL: Record<NoticeKind, string> = {
  announcement: '组建公告',
  memberList: '委员名单公示',
  verificationResult: '异议核查结果公示',
  decisionResult: '表决结果公告',
  suspension: '暂停履职公告',
  dissolution: '解散公告',
  disclosure: '信息公开',
  other: '其他公告',
};

/** The longest title and body a notice may have: the server refuses longer text, the form counts towards it. */
export const NOTICE_TITLE_MAX = 200;
export const NOTICE_BODY_MAX = 20000;

export type PeriodUnit = 'workdays' | 'calendarDays';
export const PERIOD_UNIT_LABEL: Record<PeriodUnit, string> = { workdays: '个工作日', calendarDays: '日' };

export type NoticeStatus = 'draft' | 'published';

/** Where a published notice stands on a given day (all dates 'YYYY-MM-DD', compared as strings). */
export function publicityState(
  n: { status: NoticeStatus; publishDate: string | null; endDate: string | null; supersededById: number | null },
  today: string,
): 'draft' | 'inPublicity' | 'ended' | 'standing' | 'superseded' {
  if (n.status === 'draft') return 'draft';
  if (n.supersededById !== null) return 'superseded';
  if (!n.endDate) return 'standing';
  return today <= n.endDate ? 'inPublicity' : 'ended';
}

export const PUBLICITY_STATE_LABEL = {
  draft: '草稿',
  inPublicity: '公示中',
  ended: '公示期满',
  standing: '已发布',
  superseded: '已被更正',
} as const;

/** R30: the street finishes verifying a written objection within 5 working days of receipt (profile setting). */
export const DEFAULT_OBJECTION_VERIFY_WORKDAYS = 5;

/**
 * Issue 13: the posting day of a notice. A legal period runs from the day the public could see the
 * notice (民法典 第201条: from the next day), so a notice is posted today — or was posted on paper in
 * the estate shortly before and is recorded now (补录), which needs a reason and a photo of the
 * posted paper and reaches back at most `limitDays` days (a rule-profile setting). Never in the
 * future. Null when the date may stand; else the refusal, in Chinese.
 */
export function postingDateProblem(date: string, today: string, limitDays: number, backdated: boolean): string | null {
  if (date > today) return `张贴日期不能晚于今天（${formatDateZh(today)}）`;
  if (date === today) return null;
  const earliest = dateOf(dayIndex(today) - limitDays);
  if (date < earliest)
    return `张贴日期${formatDateZh(date)}早于补录的期限：已张贴的纸质公告最多可追溯${limitDays}日补录（最早${formatDateZh(earliest)}，规则配置）。更早张贴的公告请按今天发布，公示期自今天起算`;
  if (!backdated)
    return `张贴日期${formatDateZh(date)}早于今天：公示期自公众能看到公告之日起算，只有已在小区张贴的纸质公告可以补录。请填写补录原因并上传张贴现场照片，或按今天发布`;
  return null;
}

/** The mark a recorded-later notice carries wherever it is shown. */
export const BACKDATE_LABEL = '补录';
