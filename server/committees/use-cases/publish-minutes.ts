import crypto from 'node:crypto';
import type { z } from 'zod';
import { formatDateZh } from '../../../core/dates.js';
import { recordAudit } from '../../audit/record.js';
import { loadCalendar } from '../../calendar/store.js';
import { todayInChina } from '../../clock.js';
import { inTransaction } from '../../db/transaction.js';
import { renderOfficialDocx } from '../../documents/official-document.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { postNotice } from '../../notices/post-notice.js';
import { loadMeeting } from '../access.js';
import { minutesDocument, minutesParagraphs } from '../minutes.js';
import { meetingDetail, settingsFor } from '../queries.js';
import type { publishBody } from '../schema.js';
import { ktrx } from '../tables.js';

type Ctx = ActionContext & { actor: CurrentUser };
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * R32: the minutes and resolutions are posted on the estate's board for the profile's working days
 * (10), with the .docx attached. Late posting is allowed but stays on the record as late.
 */
export async function publishMinutes(ctx: Ctx, meetingId: number, input: z.output<typeof publishBody>) {
  const calendar = await loadCalendar(ctx.db);
  const detail = await meetingDetail(ctx.db, ctx.actor, meetingId);
  const docx = await renderOfficialDocx(minutesDocument(detail));
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const { meeting, committee } = await loadMeeting(t, ctx.actor, meetingId, 'manage');
    if (meeting.state !== 'held') throw conflict('会议召开并登记纪要后才能公示');
    if (meeting.minutes_notice_id) throw conflict('会议纪要已公示');
    const today = todayInChina();
    const date = input.publishDate ?? today;
    if (date > today) throw badRequest('张贴日期不能晚于今天', 'publishDate');
    if (date < meeting.held_on) throw badRequest('张贴日期不能早于会议日期', 'publishDate');
    const s = await settingsFor(t, committee.estateId);
    const notice = await postNotice(t, ctx, calendar, {
      nodeId: committee.estateId,
      kind: 'disclosure',
      title: `${committee.estateName}${detail.committee.kindLabel}会议纪要及决议公示（${formatDateZh(meeting.held_on)}）`,
      body: minutesParagraphs(detail).join('\n'),
      publishDate: date,
      period: { unit: 'workdays', days: s.minutesPeriodWorkdays },
    });
    await t
      .insertInto('notice_attachment')
      .values({
        notice_id: notice.id,
        file_name: `${meeting.title}会议纪要.docx`,
        content_type: DOCX,
        size: docx.length,
        sha256: crypto.createHash('sha256').update(docx).digest('hex'),
        content: docx,
        created_by: ctx.actor.id,
      })
      .execute();
    await trx
      .updateTable('committee_meeting')
      .set({ minutes_notice_id: notice.id, minutes_posted_on: date })
      .where('id', '=', meeting.id)
      .execute();
    await recordAudit(t, ctx, {
      action: 'committee.publishMinutes',
      entityType: 'committee_meeting',
      entityId: meeting.id,
      nodeId: committee.estateId,
      after: { noticeId: notice.id, publishDate: date, endDate: notice.end_date, late: date > detail.minutesStatus.deadline },
    });
    return { noticeId: notice.id, publishDate: date, endDate: notice.end_date, calendarComplete: notice.calendar_complete };
  });
}
