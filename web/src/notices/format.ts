import { formatDateZh } from '../../../core/dates';
import type { Notice } from './types';

/** "2026年11月27日张贴，公示5个工作日，至2026年12月4日" and the like, for any state. */
export function periodSummary(n: Notice): string {
  if (n.status === 'draft') return n.periodText ? `公示期 ${n.periodText}（发布后计算届满日）` : '不设公示期';
  const posted = n.publishDate ? `${formatDateZh(n.publishDate)}张贴` : '已发布';
  if (!n.periodText || !n.endDate) return posted;
  return `${posted}，公示 ${n.periodText}，至${formatDateZh(n.endDate)}`;
}
