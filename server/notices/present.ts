import { todayInChina } from '../clock.js';
import { BACKDATE_LABEL, NOTICE_KIND_LABEL, PERIOD_UNIT_LABEL, PUBLICITY_STATE_LABEL, publicityState } from '../../core/notices.js';
import { missingYearsWarning } from '../../core/workdays.js';
import type { Permission } from '../../core/access.js';
import type { Selectable } from 'kysely';
import type { ObjectionTable, PublicNoticeTable } from '../db/schema.js';

export interface AttachmentInfo {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
}

type NoticeRow = Selectable<PublicNoticeTable> & {
  node_name: string;
  pending_correction_id?: number | null;
  attachments?: AttachmentInfo[];
};

export function noticeActions(n: NoticeRow, held: ReadonlySet<Permission>, today: string): string[] {
  const actions: string[] = [];
  const manage = held.has('notice.manage');
  if (n.status === 'draft' && manage) actions.push('update', 'publish');
  if (n.status === 'published' && manage && n.superseded_by_id === null && !n.pending_correction_id) actions.push('correct');
  if (
    n.status === 'published' &&
    n.accepts_objections &&
    n.superseded_by_id === null &&
    n.end_date &&
    today <= n.end_date &&
    held.has('objection.file')
  )
    actions.push('fileObjection');
  return actions;
}

export function presentNotice(n: NoticeRow, today: string, held: ReadonlySet<Permission> = new Set()) {
  const state = publicityState(
    { status: n.status, publishDate: n.publish_date, endDate: n.end_date, supersededById: n.superseded_by_id },
    today,
  );
  return {
    id: n.id,
    nodeId: n.node_id,
    nodeName: n.node_name,
    kind: n.kind,
    kindLabel: NOTICE_KIND_LABEL[n.kind],
    title: n.title,
    body: n.body,
    status: n.status,
    state,
    stateLabel: PUBLICITY_STATE_LABEL[state],
    periodUnit: n.period_unit,
    periodDays: n.period_days,
    periodText: n.period_unit && n.period_days ? `${n.period_days}${PERIOD_UNIT_LABEL[n.period_unit]}` : null,
    acceptsObjections: n.accepts_objections,
    publishDate: n.publish_date,
    endDate: n.end_date,
    calendarComplete: n.calendar_complete,
    calendarWarning:
      n.calendar_complete === false && n.publish_date && n.end_date ? missingYearsWarning(yearsBetween(n.publish_date, n.end_date)) : null,
    supersedesId: n.supersedes_id,
    supersededById: n.superseded_by_id,
    /** a correction drafted but not yet published */
    pendingCorrectionId: n.pending_correction_id ?? null,
    attachments: n.attachments ?? [],
    // issue 13: a paper notice recorded after its posting day says so wherever it is shown
    backdate: n.backdate_reason
      ? {
          label: BACKDATE_LABEL,
          reason: n.backdate_reason,
          photoAttachmentId: n.backdate_photo_id,
          recordedOn: n.published_at ? todayInChina(new Date(n.published_at)) : null,
        }
      : null,
    actions: noticeActions(n, held, today),
  };
}

function yearsBetween(a: string, b: string): number[] {
  const out: number[] = [];
  for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)); y++) out.push(y);
  return out;
}

export function presentObjection(o: Selectable<ObjectionTable>, today: string, held: ReadonlySet<Permission>) {
  return {
    id: o.id,
    noticeId: o.notice_id,
    objectorName: o.objector_name,
    objectorUnit: o.objector_unit,
    content: o.content,
    channel: o.channel,
    receivedOn: o.received_on,
    verifyDue: o.verify_due,
    verifyDueComplete: o.verify_due_complete,
    status: o.status,
    finding: o.finding,
    resultNoticeId: o.result_notice_id,
    overdue: o.status === 'open' && today > o.verify_due,
    actions: o.status === 'open' && held.has('objection.verify') ? ['verify'] : [],
  };
}
